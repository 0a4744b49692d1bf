@testable import SiteKnowledge
import XCTest
@testable import SitesnapCore

/// The config side of restore --url: each URL setting form, and what is left as it is.
final class ConfigURLSettingsTests: XCTestCase {
    let s = ConfigURLSettings(old: "https://www.example.com/shop", new: "https://staging.example.test/stg")

    func testCookieDomainTakesTheNewHostKeepingItsDot() {
        XCTAssertEqual(s.rewrite(.string(".example.com"), form: .cookieDomain), .set("'.staging.example.test'"))
        XCTAssertEqual(s.rewrite(.string("www.example.com"), form: .cookieDomain), .set("'staging.example.test'"))
        XCTAssertEqual(s.rewrite(.string(""), form: .cookieDomain), .keep, "empty: the request's host")
    }

    func testCookiePathFollowsTheURLPathOnlyWhenItWasTheOldOne() {
        XCTAssertEqual(s.rewrite(.string("/shop"), form: .cookiePath), .set("'/stg'"))
        XCTAssertEqual(s.rewrite(.string("/shop/"), form: .cookiePath), .set("'/stg/'"))
        XCTAssertEqual(s.rewrite(.string("/other"), form: .cookiePath), .keep)
        XCTAssertEqual(ConfigURLSettings(old: "https://www.example.com/shop", new: "https://s.test").rewrite(.string("/shop"), form: .cookiePath), .set("'/'"))
    }

    func testSiteURLIsSetUnlessEmpty() {
        XCTAssertEqual(s.rewrite(.string("https://www.example.com/shop/"), form: .url), .set("'https://staging.example.test/stg'"))
        XCTAssertEqual(s.rewrite(.string(""), form: .url), .keep)
    }

    private func patterns(_ p: [String]) -> PHPValue {
        .array(p.enumerated().map { PHPArrayEntry(key: .int(Int64($0.offset)), value: .string($0.element), valueRange: 0..<0) })
    }

    func testTrustedHostPatternsOfTheOldHostAndItsWwwTwinGiveWayToTheNewHost() {
        XCTAssertEqual(s.rewrite(patterns([#"^www\.example\.com$"#, #"^example\.com$"#, #"^intranet\.local$"#]), form: .hostPatterns),
                       .set("[\n  '^staging\\\\.example\\\\.test$',\n  '^intranet\\\\.local$',\n]"))
        // A pattern for every subdomain also matches the old host: replaced, the new host added.
        XCTAssertEqual(s.rewrite(patterns([#"^.+\.example\.com$"#]), form: .hostPatterns), .set("[\n  '^staging\\\\.example\\\\.test$',\n]"))
        // Already trusted: nothing to change.
        XCTAssertEqual(s.rewrite(patterns([#"^.+\.example\.test$"#]), form: .hostPatterns), .keep)
        XCTAssertEqual(s.rewrite(.expression("getenv('X')"), form: .hostPatterns), .kept("not an array"))
    }

    func testAComputedSettingIsKeptAndNamedNotRefused() throws {
        let spec = try XCTUnwrap(ProfileStore(userDirectories: []).profiles.first { $0.id == "drupal7" }).config
        let source = Array("<?php\n$base_url = 'https://' . $_SERVER['HTTP_HOST'];\n$cookie_domain = '.example.com';\n".utf8)
        let config = try PHPConfigReader.read(source, file: "settings.php")
        let out = s.plan(spec, config: config, merged: config)
        XCTAssertEqual(out.kept, ["$base_url (computed by code)"])
        XCTAssertEqual(out.edits.map(\.1), ["'.staging.example.test'"])
    }
}
