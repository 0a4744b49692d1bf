import XCTest
@testable import SitesnapCore

/// When two site URLs are one site (the `--url` refusal of production's own URL).
final class SiteURLChangeTests: XCTestCase {
    func testSchemeAndHostCompareWithoutCaseAndTrailingSlashesAreIgnored() {
        XCTAssertTrue(SiteURLChange.sameSite("https://www.Blog.example.com/", "https://www.blog.example.com"))
        XCTAssertTrue(SiteURLChange.sameSite("HTTPS://WWW.BLOG.EXAMPLE.COM//", "https://www.blog.example.com"))
        XCTAssertTrue(SiteURLChange.sameSite("https://Example.com/Blog/", "https://example.com/Blog"))
        XCTAssertFalse(SiteURLChange.sameSite("https://example.com/Blog", "https://example.com/blog"), "a path is case-sensitive")
        XCTAssertFalse(SiteURLChange.sameSite("https://www.example.com", "https://staging.example.com"))
        XCTAssertFalse(SiteURLChange.sameSite("https://example.com", "https://example.com/staging"))
    }
}
