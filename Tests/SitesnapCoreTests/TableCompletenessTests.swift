import XCTest

/// A snapshot holds every table the site has: a core table the database user cannot read (MariaDB
/// hides it from the table list) or a table of the previous snapshot that is gone fails the backup
/// with exit 3, naming the table and what to do; `--allow-missing-table` accepts it on purpose.
final class TableCompletenessTests: XCTestCase {
    private func manifestDatabase(_ repo: String, _ stdout: String) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as! [String: Any]
        let id = json["id"] as! String
        let copy = try Data(contentsOf: URL(fileURLWithPath: repo + "/" + id + ".manifest.json"))
        return (try JSONSerialization.jsonObject(with: copy) as! [String: Any])["database"] as! [String: Any]
    }

    private func tableNames(_ database: [String: Any]) -> [String] {
        (database["tables"] as! [[String: Any]]).map { $0["name"] as! String }
    }

    /// A real WordPress whose database user was granted every table but wp_usermeta.
    func testUserWhoCannotReadACoreTable() throws {
        let wp = try WordPressFixture.shared()
        let user = "lim_\(UUID().uuidString.prefix(6).lowercased())"
        let admin = try TestDatabase.admin(database: wp.database)
        let tables = try admin.query("SHOW TABLES").compactMap { $0[0] ?? nil }
        XCTAssertTrue(tables.contains("wp_usermeta"))
        try admin.execute("CREATE USER '\(user)'@'localhost' IDENTIFIED BY 'lim-pass'")
        for t in tables where t != "wp_usermeta" {
            try admin.execute("GRANT SELECT, SHOW VIEW, TRIGGER ON `\(wp.database)`.`\(t)` TO '\(user)'@'localhost'")
        }
        let site = try TinySite.wordpress(database: wp.database, user: user, password: "lim-pass")
        let repo = TestEnvironment.makeTempDir("repo")

        let r = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--json"])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: "), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("wp_usermeta (WordPress core)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("GRANT SELECT, TRIGGER ON `\(wp.database)`.`wp_usermeta` TO '\(user)'@'localhost';"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--allow-missing-table"), r.stderr)
        XCTAssertEqual(Snapshots.allFiles(repo), [], "no snapshot, no partial file")

        // Accepted on purpose: a snapshot without it, which says so.
        let allowed = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--json", "--allow-missing-table", "wp_usermeta"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(allowed.stderr.contains("sitesnap: notice: allowed-missing-table: wp_usermeta"), allowed.stderr)
        let db = try manifestDatabase(repo, allowed.stdout)
        XCTAssertEqual(db["allowed_missing_tables"] as? [String], ["wp_usermeta"])
        XCTAssertFalse(tableNames(db).contains("wp_usermeta"))

        // With the GRANT the message gives, the backup holds every table.
        try admin.execute("GRANT SELECT, TRIGGER ON `\(wp.database)`.`wp_usermeta` TO '\(user)'@'localhost'")
        let ok = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--json"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(Set(tableNames(try manifestDatabase(repo, ok.stdout))), Set(tables))
        try admin.execute("DROP USER '\(user)'@'localhost'")
    }

    /// A table of the previous snapshot of the same site: dropped is a notice; hidden is an error.
    func testTableOfThePreviousSnapshot() throws {
        _ = try TestEnvironment.requireDatabase()
        let dbName = try TestDatabase.create("prev")
        let admin = try TestDatabase.admin(database: dbName)
        for t in ["wp_options", "wp_acme_log", "wp_acme_forms"] {
            try admin.execute("CREATE TABLE `\(t)` (id INT PRIMARY KEY)")
        }
        let site = try TinySite.wordpress(database: dbName, user: "\(dbName)_u")
        let repo = TestEnvironment.makeTempDir("repo")
        let first = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let firstID = (try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as! [String: Any])["id"] as! String
        // Core tables the database does not have are noted, not an error (they are not hidden).
        XCTAssertTrue((try manifestDatabase(repo, first.stdout)["absent_core_tables"] as? [String])?.contains("wp_usermeta") == true)

        // The extension's table is dropped (as its uninstall does): the server says it does not exist
        // (error 1146, told only to a user who sees every table), so the backup goes on and notes it.
        try admin.execute("DROP TABLE wp_acme_log")
        let gone = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--json"])
        XCTAssertEqual(gone.status, 0, gone.stderr)
        XCTAssertEqual(try manifestDatabase(repo, gone.stdout)["dropped_since_previous"] as? [String], ["wp_acme_log"])
        XCTAssertTrue(gone.stderr.contains("sitesnap: notice: dropped-since-previous: wp_acme_log"), gone.stderr)
        _ = firstID
        // The newest snapshot no longer has it: nothing more is said from now on.
        let next = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertFalse(next.stderr.contains("wp_acme_log"), next.stderr)

        // A user who may not read a table of the previous snapshot: the GRANT is named.
        let user = "\(dbName)_r"
        try admin.execute("CREATE USER '\(user)'@'localhost' IDENTIFIED BY 'r-pass'")
        try admin.execute("GRANT SELECT ON `\(dbName)`.`wp_options` TO '\(user)'@'localhost'")
        let limited = try TinySite.wordpress(database: dbName, user: user, password: "r-pass")
        // The same site root: the limited config is swapped into the site.
        try FileManager.default.removeItem(atPath: site + "/wp-config.php")
        try FileManager.default.copyItem(atPath: limited + "/wp-config.php", toPath: site + "/wp-config.php")
        let hidden = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo])
        XCTAssertEqual(hidden.status, 3, hidden.stderr)
        XCTAssertTrue(hidden.stderr.contains("wp_acme_forms (in the previous snapshot"), hidden.stderr)
        // It cannot see the core tables either (whether they exist or not): more than three tables, so
        // the database-wide GRANT.
        XCTAssertTrue(hidden.stderr.contains("GRANT SELECT, TRIGGER ON `\(dbName)`.* TO '\(user)'@'localhost';"), hidden.stderr)
    }

    /// A user without the TRIGGER privilege does not see the triggers (information_schema hides them):
    /// the snapshot says so instead of leaving them out in silence.
    func testTriggersHiddenFromTheUserAreAWarning() throws {
        _ = try TestEnvironment.requireDatabase()
        let dbName = try TestDatabase.create("trg")
        let admin = try TestDatabase.admin(database: dbName)
        try admin.execute("CREATE TABLE wp_orders (id INT PRIMARY KEY, total INT)")
        try admin.execute("CREATE TRIGGER wp_orders_bi BEFORE INSERT ON wp_orders FOR EACH ROW SET NEW.total = IFNULL(NEW.total, 0)")
        let user = "\(dbName)_s"
        try admin.execute("CREATE USER '\(user)'@'localhost' IDENTIFIED BY 's-pass'")
        try admin.execute("GRANT SELECT ON `\(dbName)`.* TO '\(user)'@'localhost'")
        let site = try TinySite.wordpress(database: dbName, user: user, password: "s-pass")
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let warnings = json?["warnings"] as? [[String: Any]] ?? []
        XCTAssertTrue(warnings.contains { $0["kind"] as? String == "triggers-hidden" && $0["subject"] as? String == "wp_orders" }, r.stdout + r.stderr)
        // A notice, not an incomplete snapshot: the rows are all there, and a restore runs no trigger
        // unless --trust-code (WordPress's recommended grants have no TRIGGER).
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("sitesnap: notice: triggers-hidden: wp_orders"), r.stderr)
        XCTAssertEqual(try manifestDatabase(repo, r.stdout)["triggers_hidden_tables"] as? [String], ["wp_orders"])

        // With TRIGGER, the trigger is in the snapshot and nothing is said.
        try admin.execute("GRANT TRIGGER ON `\(dbName)`.* TO '\(user)'@'localhost'")
        let ok = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--json"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let db = try manifestDatabase(repo, ok.stdout)
        XCTAssertNil(db["triggers_hidden_tables"])
        XCTAssertTrue((db["objects"] as? [[String: Any]] ?? []).contains { ($0["name"] as? String)?.contains("wp_orders_bi") == true }, "\(db)")
    }

    /// A database `tag_*` with table `wp_orders` plus `setup` (run as root in it), a user `<db>_g`
    /// granted what `grants` says (`{db}` and `{user}` replaced), a tiny WordPress site using it and
    /// its backup (`--no-files --json`); returns the result, the repository and the database name.
    private func backupWithGrants(_ tag: String, setup: [String], grants: [String]) throws -> (ProcessResult, String, String) {
        _ = try TestEnvironment.requireDatabase()
        let dbName = try TestDatabase.create(tag)
        let admin = try TestDatabase.admin(database: dbName)
        try admin.execute("CREATE TABLE wp_orders (id INT PRIMARY KEY, total INT)")
        for s in setup { try admin.execute(s) }
        let user = "\(dbName)_g"
        try admin.execute("CREATE USER '\(user)'@'localhost' IDENTIFIED BY 'u-pass'")
        for g in grants { try admin.execute(g.replacingOccurrences(of: "{db}", with: dbName).replacingOccurrences(of: "{user}", with: user)) }
        let site = try TinySite.wordpress(database: dbName, user: user, password: "u-pass")
        let repo = TestEnvironment.makeTempDir("repo")
        return (try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--json"]), repo, dbName)
    }

    /// Privileges that come from a role (the account's default role, and a role granted to that role)
    /// count: information_schema's privilege views list only the account's own grants, so a role's
    /// TRIGGER must be read from SHOW GRANTS, or every backup of such a user says "incomplete".
    func testTriggerPrivilegeFromARoleCounts() throws {
        let (r, repo, _) = try backupWithGrants("rol", setup: [
            "CREATE TRIGGER wp_orders_bi BEFORE INSERT ON wp_orders FOR EACH ROW SET NEW.total = IFNULL(NEW.total, 0)"], grants: [
            "CREATE ROLE {user}_reader", "CREATE ROLE {user}_trig",
            "GRANT SELECT ON `{db}`.* TO {user}_reader", "GRANT TRIGGER ON `{db}`.`wp_orders` TO {user}_trig",
            "GRANT {user}_trig TO {user}_reader", "GRANT {user}_reader TO '{user}'@'localhost'",
            "SET DEFAULT ROLE {user}_reader FOR '{user}'@'localhost'"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let db = try manifestDatabase(repo, r.stdout)
        XCTAssertNil(db["triggers_hidden_tables"])
        XCTAssertTrue((db["objects"] as? [[String: Any]] ?? []).contains { ($0["name"] as? String)?.contains("wp_orders_bi") == true }, "\(db)")
    }

    /// A user without SHOW VIEW may read a view's rows but not its definition: the view is left out
    /// with a warning (exit 5, the tables are all there), as a hidden routine is, not a failed backup.
    func testViewWithoutShowViewIsAWarning() throws {
        let (r, repo, _) = try backupWithGrants("vw", setup: [
            "INSERT INTO wp_orders VALUES (1, 10)", "CREATE VIEW wp_big_orders AS SELECT id FROM wp_orders WHERE total > 5"],
            grants: ["GRANT SELECT, TRIGGER ON `{db}`.* TO '{user}'@'localhost'"])
        XCTAssertEqual(r.status, 5, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("sitesnap: warning: unreadable: view wp_big_orders: "), r.stderr)
        XCTAssertEqual(tableNames(try manifestDatabase(repo, r.stdout)), ["wp_orders"])
    }

    /// A user granted SELECT on some columns of a table and any table-level privilege (so SHOW CREATE
    /// TABLE works) sees only those columns in information_schema: the dump must not silently leave
    /// the others out (wp_usermeta without meta_value loses every capability); the backup fails.
    func testColumnLevelGrantsFailTheBackup() throws {
        // The core tables, readable, so that only the column grant is in question.
        let core = ["commentmeta", "comments", "links", "options", "postmeta", "posts", "term_relationships", "term_taxonomy",
                    "termmeta", "terms", "usermeta", "users"].map { "wp_" + $0 }
        let (r, repo, _) = try backupWithGrants("col", setup: ["INSERT INTO wp_orders VALUES (1, 10)"] + core.map { "CREATE TABLE \($0) (id INT)" },
                                                grants: core.map { "GRANT SELECT, TRIGGER ON `{db}`.`\($0)` TO '{user}'@'localhost'" }
                                                    + ["GRANT SELECT (id), TRIGGER ON `{db}`.`wp_orders` TO '{user}'@'localhost'"])
        XCTAssertEqual(r.status, 3, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: ") && r.stderr.contains("wp_orders") && r.stderr.contains("only some of its columns"),
                      r.stderr)
        XCTAssertEqual(Snapshots.archives(repo), [])
    }
}
