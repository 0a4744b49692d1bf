import Foundation
import XCTest

/// `inspect` of a Joomla 5 tree (Tests/Fixtures/joomla5) lists what its `#__extensions` holds, keyed as
/// Joomla keys a row: (type, element, folder, client_id), each with the manifest's version; and the
/// CMS version is Version::getShortVersion()'s, EXTRA_VERSION included.
final class JoomlaInventoryTests: XCTestCase {
    /// Joomla's client ids (libraries/src/Application/ApplicationHelper.php getClientInfo()).
    private let clientIDs = ["site": "0", "administrator": "1", "api": "3"]

    private func inspect(_ site: String) throws -> [String: Any] {
        let r = try ProcessRunner.sitesnap(["inspect", site, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    func testInventoryIsWhatExtensionsTableHolds() throws {
        let (site, db) = try FixtureSite.load("joomla5", sql: "joomla5.sql", prefix: "j5x_")
        let rows = try TestDatabase.admin(database: db).query(
            "SELECT type, element, folder, client_id, JSON_VALUE(manifest_cache, '$.version') FROM j5x_extensions")
        let expected = Set(rows.map { $0.map { $0 ?? "" }.joined(separator: " | ") })
        let listed = try inspect(site)["extensions"] as! [[String: Any]]
        let found = listed.map { e in
            [e["kind"] as! String, e["slug"] as! String, e["group"] as? String ?? "",
             clientIDs[e["client"] as? String ?? ""] ?? "?", e["version"] as? String ?? ""].joined(separator: " | ")
        }
        XCTAssertEqual(found.count, Set(found).count, "one entry per extension: \(found.sorted())")
        XCTAssertEqual(Set(found).subtracting(expected).sorted(), [], "listed but not in #__extensions")
        XCTAssertEqual(expected.subtracting(found).sorted(), [], "in #__extensions but not listed")
        // The cases the issue found lost: same-element plugins, a site and an admin module of one
        // name, a nested library, files_joomla, en-GB once per client.
        for key in ["plugin | joomla | content | 0", "plugin | joomla | user | 0", "module | mod_menu |  | 1",
                    "library | acme/toolkit |  | 0", "file | joomla |  | 0", "language | en-GB |  | 3"] {
            XCTAssertTrue(found.contains { $0.hasPrefix(key + " |") }, key)
        }
    }

    /// Joomla 3.10's com_mailto and com_wrapper have their manifest in the site folder and client_id 0
    /// (installation/sql/mysql/joomla.sql); only components/com_x/x.xml is a manifest there.
    func testSiteOnlyComponent() throws {
        let site = TestEnvironment.makeTempDir("j3") + "/site"
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/joomla5", toPath: site)
        try FileManager.default.createDirectory(atPath: site + "/components/com_mailto", withIntermediateDirectories: true)
        let manifest = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<extension type=\"component\" version=\"3.1\" method=\"upgrade\">\n\t<name>com_mailto</name>\n\t<version>3.0.0</version>\n</extension>\n"
        try manifest.write(toFile: site + "/components/com_mailto/mailto.xml", atomically: true, encoding: .utf8)
        // Another extension-rooted XML in a site component folder is not its manifest.
        try manifest.write(toFile: site + "/components/com_mailto/copy.xml", atomically: true, encoding: .utf8)
        let listed = (try inspect(site)["extensions"] as! [[String: Any]]).filter { $0["kind"] as? String == "component" }
        let keys = listed.map { "\($0["slug"]!) \($0["client"]!) \($0["file"]!)" }
        XCTAssertEqual(keys.sorted(), ["com_acmeshop administrator administrator/components/com_acmeshop/acmeshop.xml",
                                       "com_content administrator administrator/components/com_content/content.xml",
                                       "com_mailto site components/com_mailto/mailto.xml"])
    }

    func testVersionKeepsExtraVersion() throws {
        let json = try inspect(TestEnvironment.fixtures + "/joomla5")
        XCTAssertEqual(json["version"] as? String, "5.4.4-dev")
        // EXTRA_VERSION '' adds nothing (Joomla 4.4.3 fixture).
        XCTAssertEqual(try inspect(TestEnvironment.fixtures + "/joomla4")["version"] as? String, "4.4.3")
    }

    func testInspectTextShowsGroupAndClient() throws {
        let r = try ProcessRunner.sitesnap(["inspect", TestEnvironment.fixtures + "/joomla5"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("cms        Joomla! 5.4.4-dev\n"), r.stdout)
        for line in ["  plugin      content/joomla (site) — plg_content_joomla 5.4.0",
                     "  plugin      user/joomla (site) — plg_user_joomla 5.4.0",
                     "  module      mod_menu (administrator) — mod_menu 5.4.0",
                     "  library     acme/toolkit (site) — Acme Toolkit 1.4.0",
                     "  language    en-GB (api) — English (en-GB) 5.4.4"] {
            XCTAssertTrue(r.stdout.contains(line + "\n"), line)
        }
    }
}
