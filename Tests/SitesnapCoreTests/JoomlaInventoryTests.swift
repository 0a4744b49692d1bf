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
