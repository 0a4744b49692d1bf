import XCTest
@testable import SitesnapCore

/// What `--replace OLD=NEW` accepts on each side.
final class URLPairKindTests: XCTestCase {
    func testURLsHostsAndAddressesAreKnownAndAnythingElseIsNot() {
        for (s, kind) in [("https://cdn.example.com", URLPairKind.url), ("http://localhost/wp", .url), ("https://cdn.example.com:8443/assets/", .url),
                          ("mail.example.com", .host), ("xn--bcher-kva.example", .host), ("bücher.example", .host),
                          ("admin@example.com", .email), ("first.last+wp@mail.example.com", .email)] {
            XCTAssertEqual(URLPairKind.of(s), kind, s)
        }
        for s in [".", ",", "", "e.g.", ".example.com", "example.com.", "a..example.com", "localhost", "a sentence. Another",
                  "ftp://example.com", "https://", "https://cdn.example.com/?a=1", "@example.com", "a@b@example.com", "a b@example.com"] {
            XCTAssertNil(URLPairKind.of(s), s)
        }
    }
}
