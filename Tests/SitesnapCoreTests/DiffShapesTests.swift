import XCTest

/// diff-db on Joomla- and Drupal-shaped databases (natural keys), a table without any key, and a schema
/// change; database-only snapshots of fixture sites.
final class DiffShapesTests: XCTestCase {
    private func load(_ fixture: String, sql: String, prefix: String) throws -> (site: String, db: String, repo: String) {
        let (site, db) = try FixtureSite.load(fixture, sql: sql, prefix: prefix)
        return (site, db, TestEnvironment.makeTempDir("repo"))
    }

    private func snap(_ site: String, _ db: String, _ repo: String, _ label: String) throws -> String {
        let r = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--label", label, "--json",
                                            "--db-name", db, "--db-user", "root", "--db-socket", TestEnvironment.socket!,
                                            "--db-password-file", "/dev/null"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["id"] as! String
    }

    private func diff(_ a: String, _ b: String, _ repo: String, _ extra: [String] = []) throws -> [String: [String: Any]] {
        let r = try ProcessRunner.sitesnap(["diff-db", a, b, "--repo", repo, "--json"] + extra)
        XCTAssertEqual(r.status, 1, r.stderr)
        let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        return Dictionary(uniqueKeysWithValues: (j["tables"] as! [[String: Any]]).map { ($0["table"] as! String, $0) })
    }

    func testJoomlaExtensionRowReinsertedIsAChangeBySessionNoiseHidden() throws {
        let (site, db, repo) = try load("joomla4", sql: "joomla4.sql", prefix: "jx7_")
        let a = try snap(site, db, repo, "a")
        let c = try TestDatabase.admin(database: db)
        // Re-register an extension under a new id with other params (an update does this); sessions churn.
        let row = try XCTUnwrap(try c.query("SELECT extension_id FROM jx7_extensions WHERE element = 'com_acmeforms'").first?[0] ?? nil)
        try c.execute("CREATE TEMPORARY TABLE t AS SELECT * FROM jx7_extensions WHERE extension_id = \(row)")
        try c.execute("DELETE FROM jx7_extensions WHERE extension_id = \(row)")
        try c.execute("UPDATE t SET extension_id = 9000, params = '{\"mode\":\"strict\"}'")
        try c.execute("INSERT INTO jx7_extensions SELECT * FROM t")
        try c.execute("UPDATE jx7_session SET time = time + 100")
        let b = try snap(site, db, repo, "b")
        let t = try diff(a, b, repo)
        XCTAssertEqual(Set(t.keys), ["jx7_extensions"], "the session table is noise: hidden")
        let ext = t["jx7_extensions"]!
        XCTAssertEqual(ext["rows_changed"] as? Int, 1)
        XCTAssertEqual(ext["rows_added"] as? Int, 0)
        XCTAssertEqual(ext["rows_removed"] as? Int, 0)
        let change = (ext["rows"] as! [[String: Any]])[0]
        XCTAssertEqual(change["matched_by"] as? String, "natural key (type, element, folder, client_id)")
        let params = (change["columns"] as! [String: Any])["params"] as! [String: Any]
        XCTAssertEqual(params["format"] as? String, "json")
        let withNoise = try diff(a, b, repo, ["--include-noise"])
        XCTAssertNotNil(withNoise["jx7_session"])
    }

    func testDrupalConfigAndKeyValueByPath() throws {
        let (site, db, repo) = try load("drupal10", sql: "drupal10.sql", prefix: "")
        let a = try snap(site, db, repo, "a")
        let c = try TestDatabase.admin(database: db)
        let data = try XCTUnwrap(try c.query("SELECT data FROM config WHERE collection = '' AND name = 'system.site'").first?[0] ?? nil)
        // Change one value inside the serialized array, keeping the byte lengths right.
        let changed = data.replacingOccurrences(of: "s:4:\"page\";", with: "s:4:\"PAGE\";")
        XCTAssertNotEqual(changed, data, "fixture holds a 'page' key")
        try c.execute("UPDATE config SET data = \(quote(changed)) WHERE collection = '' AND name = 'system.site'")
        try c.execute("INSERT INTO key_value (collection, name, value) VALUES ('state', 'acme.last_run', 'i:1700000000;')")
        let b = try snap(site, db, repo, "b")
        let t = try diff(a, b, repo)
        XCTAssertEqual(Set(t.keys), ["config", "key_value"])
        let cfg = (t["config"]!["rows"] as! [[String: Any]])[0]
        XCTAssertEqual((cfg["key"] as! [String: Any])["name"] as? String, "system.site")
        let paths = ((cfg["columns"] as! [String: Any])["data"] as! [String: Any])["paths"] as! [[String: Any]]
        XCTAssertTrue(paths.contains { ($0["path"] as! [String]).contains("PAGE") }, "\(paths)")
        XCTAssertEqual(t["key_value"]!["rows_added"] as? Int, 1)
    }

    func testTableWithoutKeyAndSchemaChange() throws {
        _ = try TestEnvironment.requireDatabase()
        let db = try TestDatabase.create("shape")
        let site = try TinySite.wordpress(database: db, user: "\(db)_u")
        let c = try TestDatabase.admin(database: db)
        try c.execute("CREATE TABLE wp_log (at INT, msg TEXT)")
        try c.execute("INSERT INTO wp_log VALUES (1,'a'),(1,'a'),(2,'b'),(3,'c')")
        try c.execute("CREATE TABLE wp_items (id INT PRIMARY KEY, name VARCHAR(20))")
        try c.execute("INSERT INTO wp_items VALUES (1,'x'),(2,'y')")
        let repo = TestEnvironment.makeTempDir("repo")
        func snap(_ label: String) throws -> String {
            let r = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--label", label, "--json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["id"] as! String
        }
        let a = try snap("a")
        // Multiset: one of the two identical rows goes, one row is added.
        try c.execute("DELETE FROM wp_log WHERE at = 1 LIMIT 1")
        try c.execute("INSERT INTO wp_log VALUES (4,'d')")
        try c.execute("ALTER TABLE wp_items ADD COLUMN price DECIMAL(8,2) NULL, ADD INDEX by_name (name)")
        let b = try snap("b")
        let t = try diff(a, b, repo)
        let log = try XCTUnwrap(t["wp_log"])
        XCTAssertEqual(log["match"] as? String, "multiset (no key)")
        XCTAssertEqual(log["rows_removed"] as? Int, 1)
        XCTAssertEqual(log["rows_added"] as? Int, 1)
        let items = try XCTUnwrap(t["wp_items"])
        let schema = (items["schema"] as! [[String: Any]]).map { "\($0["kind"]!) \($0["name"]!) \($0["change"]!)" }
        XCTAssertEqual(Set(schema), ["column price added", "index by_name added"])
        XCTAssertEqual(items["rows_changed"] as? Int, 0, "rows compare on the common columns")
    }

    /// Drupal 7 `variable` rows (LONGBLOB values) added and removed are decoded like changed ones (they
    /// were `0x693a383030303b` for `i:8000;`), in --json and in text; `menu_masks` loses two masks and
    /// shows 2 removed values, not an index change for every later mask.
    func testDrupal7AddedAndRemovedRowsDecodedAndMenuMasksByValue() throws {
        let (site, db, repo) = try load("drupal7", sql: "drupal7.sql", prefix: "d7_")
        let c = try TestDatabase.admin(database: db)
        // Serialized by PHP itself: the masks of Drupal 7 core's hook_menu() paths (StructuredValueListsTests).
        func php(_ expr: String) throws -> String {
            try ProcessRunner.run("/usr/bin/php", ["-r", "echo serialize(\(expr));"]).stdout
        }
        let masks = "array(511, 255, 127, 125, 121, 63, 62, 60, 31, 29, 28, 24, 15, 14, 12, 7, 5, 3, 2, 1)"
        try c.execute("DELETE FROM d7_variable WHERE name IN ('menu_masks', 'acme_limit', 'acme_roles')")
        try c.execute("INSERT INTO d7_variable VALUES ('menu_masks', \(quote(try php(masks)))), ('acme_limit', 'i:8000;')")
        let a = try snap(site, db, repo, "a")
        try c.execute("UPDATE d7_variable SET value = \(quote(try php(masks.replacingOccurrences(of: "121, 63, 62, ", with: "63, ")))) WHERE name = 'menu_masks'")
        try c.execute("DELETE FROM d7_variable WHERE name = 'acme_limit'")
        try c.execute("INSERT INTO d7_variable VALUES ('acme_roles', \(quote(try php("array('editor' => 3, 'admin' => 2)"))))")
        let b = try snap(site, db, repo, "b")
        let rows = try XCTUnwrap(try diff(a, b, repo)["d7_variable"]?["rows"] as? [[String: Any]])
        func value(_ name: String) throws -> [String: Any] {
            let row = try XCTUnwrap(rows.first { ($0["key"] as? [String: Any])?["name"] as? String == name }, "\(rows)")
            return try XCTUnwrap((row["columns"] as? [String: Any])?["value"] as? [String: Any])
        }
        let removed = try value("acme_limit")
        XCTAssertEqual(removed["before"] as? String, "0x693a383030303b", "the raw value stays (the revert script writes it back)")
        XCTAssertEqual(removed["before_text"] as? String, "i:8000;")
        XCTAssertEqual(removed["format"] as? String, "php-serialized")
        let removedPaths = try XCTUnwrap(removed["paths"] as? [[String: Any]])
        XCTAssertEqual(removedPaths.map { "\($0["path"]!) \($0["change"]!) \($0["before"]!)" }, ["[] removed 8000"])
        let added = try value("acme_roles")
        XCTAssertEqual(added["after_text"] as? String, #"a:2:{s:6:"editor";i:3;s:5:"admin";i:2;}"#)
        XCTAssertEqual((added["paths"] as? [[String: Any]])?.map { "\(($0["path"] as! [String]).joined()) \($0["change"]!) \($0["after"]!)" },
                       ["editor added 3", "admin added 2"])
        let menu = try XCTUnwrap(try value("menu_masks")["paths"] as? [[String: Any]])
        XCTAssertEqual(menu.map { "\(($0["path"] as! [String]).joined()) \($0["change"]!) \($0["before"]!)" }, ["4 removed 121", "6 removed 62"])
        // Text: decoded values, no hex.
        let text = try ProcessRunner.sitesnap(["diff-db", a, b, "--repo", repo]).stdout
        XCTAssertFalse(text.contains("0x693a"), text)
        XCTAssertTrue(text.contains("value (php-serialized):\n        '8000'"), text)
        XCTAssertTrue(text.contains("        editor: '3'"), text)
        XCTAssertTrue(text.contains("        4: '121' → ∅\n        6: '62' → ∅\n"), text)
    }

    private func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
