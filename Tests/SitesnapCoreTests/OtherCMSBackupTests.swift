import XCTest

/// Joomla! 4 and Drupal 10/7 sites (fixtures mirroring their real layouts and schemas) are detected
/// and backed up; the dump of their tables round-trips through the stock client.
final class OtherCMSBackupTests: XCTestCase {
    /// Copies a fixture site, loads its SQL with `prefix` into a new database, creates the config's
    /// user and password on the test server, and returns (site root, database).
    private func prepare(fixture: String, sql: String, prefix: String, user: String, password: String) throws -> (String, String) {
        let (site, db) = try FixtureSite.load(fixture, sql: sql, prefix: prefix)
        let c = try TestDatabase.admin()
        for host in ["localhost", "127.0.0.1"] {
            try c.execute("CREATE USER IF NOT EXISTS '\(user)'@'\(host)' IDENTIFIED BY '\(password)'")
            try c.execute("GRANT ALL ON `\(db)`.* TO '\(user)'@'\(host)'")
        }
        return (site, db)
    }

    /// `alsoTables`: tables outside the prefix the snapshot must hold too (a prefix array's).
    private func backupAndCompare(site: String, db: String, prefix: String, alsoTables: Set<String> = [], args: [String]) throws -> (json: [String: Any], extracted: String) {
        let repo = TestEnvironment.makeTempDir("repo")
        let before = try TestDatabase.checksums(db)
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--db-name", db, "--json"] + args)
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let x = try Snapshots.extract(json["archive"] as! String)
        let copy = try TestDatabase.create("copy")
        XCTAssertEqual(try Snapshots.importDump(x, into: copy).status, 0)
        let expected = before.filter { prefix.isEmpty || $0.key.hasPrefix(prefix) || alsoTables.contains($0.key) }
        XCTAssertFalse(expected.isEmpty)
        XCTAssertEqual(try TestDatabase.checksums(copy), expected)
        XCTAssertEqual(try TestDatabase.checksums(db), before, "source database unchanged")
        return (json, x)
    }

    func testJoomla4() throws {
        let (site, db) = try prepare(fixture: "joomla4", sql: "joomla4.sql", prefix: "jx7_", user: "joomla_user", password: "j00mla-secret")
        // The config says host 'localhost' (default socket): point at the test server's socket.
        let (json, x) = try backupAndCompare(site: site, db: db, prefix: "jx7_", args: ["--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(json["cms"] as? String, "Joomla!")
        XCTAssertEqual(json["cms_version"] as? String, "4.4.3")
        let m = try Snapshots.manifest(x)
        let tables = ((m["database"] as! [String: Any])["tables"] as! [[String: Any]])
        XCTAssertTrue(tables.allSatisfy { ($0["name"] as! String).hasPrefix("jx7_") })
        let profiles = tables.first { $0["name"] as? String == "jx7_user_profiles" }
        XCTAssertEqual(profiles?["order_kind"] as? String, "unique:idx_user_id_profile_key", "no primary key: ordered by the unique key")
        let ext = (m["extensions"] as! [[String: Any]]).map { $0["slug"] as! String }
        XCTAssertTrue(ext.contains("com_acmeforms") && ext.contains("mod_acme_latest") && ext.contains("acmecache"))
        let fm = FileManager.default
        XCTAssertTrue(fm.fileExists(atPath: x + "/files/configuration.php"))
        XCTAssertTrue(fm.fileExists(atPath: x + "/files/images/sampledata/readme.txt"))
        // Cache, temp and log folders: kept with their index.html, their contents left out.
        for folder in ["cache", "tmp", "administrator/cache", "administrator/logs"] {
            XCTAssertEqual(try fm.contentsOfDirectory(atPath: x + "/files/" + folder), ["index.html"], folder)
        }
    }

    func testDrupal10WithoutPrefix() throws {
        let (site, db) = try prepare(fixture: "drupal10", sql: "drupal10.sql", prefix: "", user: "drupal_user", password: "dr-secret")
        let (json, x) = try backupAndCompare(site: site, db: db, prefix: "", args: ["--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!)])
        XCTAssertEqual(json["cms_version"] as? String, "10.2.4")
        let m = try Snapshots.manifest(x)
        let tables = ((m["database"] as! [String: Any])["tables"] as! [[String: Any]])
        let config = tables.first { $0["name"] as? String == "config" }
        XCTAssertEqual(config?["order_key"] as? [String], ["collection", "name"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: x + "/files/sites/default/files/inline-images/photo.txt"))
        // Aggregated CSS/JS and compiled Twig: the folders stay, their contents go.
        for folder in ["css", "js", "php"] {
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: x + "/files/sites/default/files/" + folder), [], folder)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: x + "/files/sites/default/files/.htaccess"))
    }

    func testDrupal7OverTCPWithPrefixArray() throws {
        let (site, db) = try prepare(fixture: "drupal7", sql: "drupal7.sql", prefix: "d7_", user: "d7_user", password: "d7-secret")
        // The config names 127.0.0.1:3307: only the port needs overriding. Its prefix array puts the
        // users table at shared_users: that table is in the snapshot, under its own name.
        let (json, x) = try backupAndCompare(site: site, db: db, prefix: "d7_", alsoTables: ["shared_users"],
                                             args: ["--db-port", String(TestEnvironment.port!)])
        XCTAssertEqual(json["cms_version"] as? String, "7.98")
        let m = try Snapshots.manifest(x)
        XCTAssertEqual((m["site"] as! [String: Any])["table_prefix"] as? String, "d7_")
        let database = m["database"] as! [String: Any]
        XCTAssertEqual(database["table_prefixes"] as? [String: String], ["users": "shared_"])
        XCTAssertTrue((database["tables"] as! [[String: Any]]).contains { $0["name"] as? String == "shared_users" })

        // A prefix array naming a table the database does not have: a warning names it.
        let cfg = site + "/sites/default/settings.php"
        let text = try String(contentsOfFile: cfg, encoding: .utf8)
        try text.replacingOccurrences(of: "'users' => 'shared_'", with: "'users' => 'shared_', 'sessions' => 'shared_'")
            .write(toFile: cfg, atomically: true, encoding: .utf8)
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", TestEnvironment.makeTempDir("repo"), "--db-name", db, "--no-files",
                                            "--json", "--db-port", String(TestEnvironment.port!)])
        let warnings = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["warnings"] as? [[String: Any]] ?? []
        XCTAssertTrue(warnings.contains { $0["kind"] as? String == "missing-prefixed-table" && $0["subject"] as? String == "shared_sessions" },
                      r.stdout + r.stderr)

        // A prefix naming another database (Drupal 7's 'users' => 'shared.'): that table is not in a
        // snapshot of this database, so the snapshot is incomplete (exit 5), not "complete; 1 notice".
        try text.replacingOccurrences(of: "'users' => 'shared_'", with: "'users' => 'shared.'")
            .write(toFile: cfg, atomically: true, encoding: .utf8)
        let other = try ProcessRunner.sitesnap(["backup", site, "--repo", TestEnvironment.makeTempDir("repo"), "--db-name", db, "--no-files",
                                                "--json", "--db-port", String(TestEnvironment.port!)])
        XCTAssertEqual(other.status, 5, other.stdout + other.stderr)
        XCTAssertTrue(other.stderr.contains("sitesnap: warning: other-database-table: shared.users: "), other.stderr)
        let ext = (m["extensions"] as! [[String: Any]])
        XCTAssertEqual(ext.first { $0["slug"] as? String == "views" }?["version"] as? String, "7.x-3.29")
    }

    /// The installer's settings.php with the stock settings.local.php block uncommented: the include
    /// comes before the `$databases` the installer appends, so PHP uses settings.php's database even
    /// when settings.local.php names another one (which the user can read too).
    func testDrupalIncludeThenAssignBacksUpTheDatabasePHPUses() throws {
        let (site, db) = try prepare(fixture: "drupal10", sql: "drupal10.sql", prefix: "", user: "drupal_user", password: "dr-secret")
        let other = try TestDatabase.create("othersite")
        let c = try TestDatabase.admin()
        try c.execute("CREATE TABLE `\(other)`.users (uid INT PRIMARY KEY)")
        try c.execute("GRANT ALL ON `\(other)`.* TO 'drupal_user'@'localhost'")
        let cfg = site + "/sites/default/settings.php"
        var text = try String(contentsOfFile: cfg, encoding: .utf8)
        let stock = "if (file_exists($app_root . '/' . $site_path . '/settings.local.php')) {\n  include $app_root . '/' . $site_path . '/settings.local.php';\n}\n"
        XCTAssertTrue(text.contains(stock))
        text = text.replacingOccurrences(of: stock, with: "")
            .replacingOccurrences(of: "# if (file_exists($app_root . '/' . $site_path . '/settings.local.php')) {\n#   include $app_root . '/' . $site_path . '/settings.local.php';\n# }\n", with: stock)
        XCTAssertLessThan(text.range(of: stock)!.lowerBound, text.range(of: "$databases['default']['default'] = array (")!.lowerBound)
        XCTAssertTrue(text.contains("'database' => 'drupal_db'"))
        try text.replacingOccurrences(of: "'database' => 'drupal_db'", with: "'database' => '\(db)'").write(toFile: cfg, atomically: true, encoding: .utf8)
        try "<?php\n$databases['default']['default'] = ['database' => '\(other)', 'username' => 'drupal_user', 'password' => 'dr-secret', 'host' => 'localhost', 'driver' => 'mysql'];\n"
            .write(toFile: site + "/sites/default/settings.local.php", atomically: true, encoding: .utf8)
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--no-files", "--json", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(r.status, 0, r.stderr)
        let id = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["id"] as! String
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repo + "/" + id + ".manifest.json"))) as! [String: Any]
        XCTAssertEqual((m["database"] as! [String: Any])["name"] as? String, db, "the database PHP would use, not settings.local.php's")
    }
}
