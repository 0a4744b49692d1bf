@testable import SiteKnowledge
import XCTest
@testable import SitesnapCore

/// The serialized-data-safe URL replacement behind restore --url.
final class URLReplacerTests: XCTestCase {
    let r = URLReplacer(old: "http://blog.example.test", new: "https://staging.example.test:8443/sub")

    private func replace(_ s: String) -> String? {
        if case .replaced(let out, _) = r.replace(Array(s.utf8)) { return String(decoding: out, as: UTF8.self) }
        return nil
    }

    func testFormsAndBoundaries() {
        XCTAssertEqual(replace("see http://blog.example.test/a and https://blog.example.test."),
                       "see https://staging.example.test:8443/sub/a and https://staging.example.test:8443/sub.")
        XCTAssertEqual(replace(#"{"u":"http:\/\/blog.example.test\/x"}"#), #"{"u":"https:\/\/staging.example.test:8443\/sub\/x"}"#)
        XCTAssertEqual(replace("<img src=\"//blog.example.test/i.png\">"), "<img src=\"//staging.example.test:8443/sub/i.png\">")
        // Other hosts and ports are other sites.
        XCTAssertNil(replace("http://blog.example.testing/x"))
        XCTAssertNil(replace("http://blog.example.test.cdn.com/x"))
        XCTAssertNil(replace("//blog.example.test:8080/z"))
    }

    func testSerializedLengthsAreRecomputedInBytes() throws {
        let inner = "a:1:{s:4:\"home\";s:24:\"http://blog.example.test\";}"
        let title = "Zoë 🎉"
        let value = "a:3:{s:3:\"url\";s:\("http://blog.example.test/ü".utf8.count):\"http://blog.example.test/ü\";s:5:\"title\";s:\(title.utf8.count):\"\(title)\";s:5:\"inner\";s:\(inner.utf8.count):\"\(inner)\";}"
        XCTAssertNotNil(PHPSerialized.parse(Array(value.utf8)), "fixture is valid")
        let out = try XCTUnwrap(replace(value))
        let parsed = try XCTUnwrap(PHPSerialized.parse(Array(out.utf8)), "still valid serialized data: \(out)")
        guard case .array(let m) = parsed else { return XCTFail() }
        XCTAssertEqual(m[0].value, .string(Array("https://staging.example.test:8443/sub/ü".utf8)))
        XCTAssertEqual(m[1].value, .string(Array(title.utf8)))
        guard case .string(let innerBytes) = m[2].value, case .array(let im)? = PHPSerialized.parse(innerBytes) else { return XCTFail("inner") }
        XCTAssertEqual(im[0].value, .string(Array("https://staging.example.test:8443/sub".utf8)))
    }

    func testBrokenSerializedDataIsLeftAlone() {
        XCTAssertEqual(r.replace(Array("a:1:{s:3:\"url\";s:99:\"http://blog.example.test\";}".utf8)), .unparseable)
        XCTAssertEqual(r.replace(Array("nothing here".utf8)), .unchanged)
    }
}

/// `--replace OLD=NEW`: another URL in all its forms, a host as a whole name only.
final class URLReplacerMoreTests: XCTestCase {
    let r = URLReplacer(old: "https://www.example.com", new: "https://stg.example.test",
                        more: [("https://cdn.example.com/", "https://cdn-stg.example.test"), ("mail.example.com", "mail.example.test")])

    private func replace(_ s: String) -> String? {
        if case .replaced(let out, _) = r.replace(Array(s.utf8)) { return String(decoding: out, as: UTF8.self) }
        return nil
    }

    func testAnotherURLInEveryFormAndAHostAsAWholeName() {
        XCTAssertEqual(replace(#"{"a":"https:\/\/cdn.example.com\/x.png","b":"//cdn.example.com/y"}"#), #"{"a":"https:\/\/cdn-stg.example.test\/x.png","b":"//cdn-stg.example.test/y"}"#)
        XCTAssertEqual(replace("smtp: mail.example.com, admin@mail.example.com"), "smtp: mail.example.test, admin@mail.example.test")
        XCTAssertNil(replace("webmail.example.com and mail.example.com.au and mail.example.community"))
        XCTAssertEqual(replace("https://www.example.com/ and https://cdn.example.com"), "https://stg.example.test/ and https://cdn-stg.example.test")
    }
}
