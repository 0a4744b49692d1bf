import XCTest

/// Computed settings in a restore: a path computed from the config's own folder is kept as it is;
/// a database setting the restore must change stops it, named, unless --rewrite-computed.
final class ConfigRewriterTests: XCTestCase {
    /// Backs up `site` (its database `db`) as root over the test socket with `extra` flags.
    private func backup(_ site: String, extra: [String]) throws -> (id: String, repo: String, backup: ProcessResult) {
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!] + extra)
        XCTAssertEqual(b.status, 0, b.stderr)
        let id = (try? JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as? [String: Any])?["id"] as? String ?? ""
        return (id, repo, b)
    }

    /// Restore arguments: over the socket as root, or (`tcp`: for a Drupal file without a
    /// unix_socket key) over TCP as a new staging user with a password.
    private func restoreArgs(_ id: String, _ repo: String, _ stem: String, tcp: Bool = false) throws -> (args: [String], target: String, db: String) {
        let target = TestEnvironment.makeTempDir(stem) + "/site"
        let db = "\(stem)_\(UUID().uuidString.prefix(6).lowercased())"
        var args = ["restore", id, "--repo", repo, "--target", target, "--db-name", db]
        guard tcp else { return (args + ["--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!], target, db) }
        let user = "stg_\(UUID().uuidString.prefix(6).lowercased())"
        let c = try TestDatabase.admin()
        try c.execute("CREATE USER '\(user)'@'127.0.0.1' IDENTIFIED BY 'stg-pass'")
        try c.execute("GRANT ALL ON *.* TO '\(user)'@'127.0.0.1'")
        let pw = TestEnvironment.makeTempDir("pw") + "/pw"
        try "stg-pass\n".write(toFile: pw, atomically: true, encoding: .utf8)
        args += ["--db-user", user, "--db-password-file", pw, "--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!)]
        return (args, target, db)
    }

    /// Issue 13: Joomla's `$tmp_path = __DIR__ . '/tmp'` (a constant expression PHP allows in a
    /// property default) made the restore refuse; such a path is already right after the move.
    func testJoomlaPathsComputedFromTheConfigFolderAreKept() throws {
        _ = try TestEnvironment.requireDatabase()
        let (site, db) = try FixtureSite.load("joomla4", sql: "joomla4.sql", prefix: "jx7_")
        let cfg = site + "/configuration.php"
        var text = try String(contentsOfFile: cfg, encoding: .utf8)
        for (old, new) in [("public $tmp_path = '/var/www/joomla/tmp';", "public $tmp_path = __DIR__ . '/tmp';"),
                           ("public $log_path = '/var/www/joomla/administrator/logs';", "public $log_path = __DIR__ . '/administrator/logs';")] {
            XCTAssertTrue(text.contains(old), old)
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(toFile: cfg, atomically: true, encoding: .utf8)
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/php", ["-l", cfg]).status, 0)
        let (id, repo, _) = try backup(site, extra: ["--db-name", db])
        let (args, target, stagingDB) = try restoreArgs(id, repo, "jcomp")
        let r = try ProcessRunner.sitesnap(args)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("JConfig::$tmp_path kept as it is (__DIR__ . '/tmp'"), r.stdout)
        let after = try String(contentsOfFile: target + "/configuration.php", encoding: .utf8)
        XCTAssertTrue(after.contains("public $tmp_path = __DIR__ . '/tmp';"))
        XCTAssertTrue(after.contains("public $log_path = __DIR__ . '/administrator/logs';"))
        // As PHP reads the staging copy: the staging database, the paths inside the staging folder.
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "require '\(target)/configuration.php'; $c = new JConfig; echo $c->db, '|', $c->tmp_path, '|', $c->log_path;"])
        XCTAssertEqual(php.stdout, "\(stagingDB)|\(target)/tmp|\(target)/administrator/logs", php.stderr)
    }

    /// A container-style Drupal (Tests/Fixtures/configs/drupal-env.settings.php): backed up with
    /// --env-file; its restore needs --rewrite-computed, named with every key.
    func testDrupalEnvironmentSettingsNeedRewriteComputed() throws {
        _ = try TestEnvironment.requireDatabase()
        let (site, db) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        try FileManager.default.removeItem(atPath: site + "/sites/default/settings.php")
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/configs/drupal-env.settings.php", toPath: site + "/sites/default/settings.php")
        let env = TestEnvironment.makeTempDir("env") + "/.env"
        try "# the site's docker compose .env\nMYSQL_DATABASE=\(db)\nMYSQL_USER=root\nMYSQL_PASSWORD=\n".write(toFile: env, atomically: true, encoding: .utf8)
        let (id, repo, b) = try backup(site, extra: ["--env-file", env])
        XCTAssertTrue(b.stdout.contains("from MYSQL_DATABASE in \(env)"), b.stdout)
        let text = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--env-file", env, "--db-socket", TestEnvironment.socket!])
        XCTAssertTrue(text.stdout.contains("db database from MYSQL_DATABASE in \(env)"), "[\(text.stdout)] [\(text.stderr)]")
        XCTAssertTrue(text.stdout.contains("db port the default after ?: (MARIADB_PORT unset)"), text.stdout)

        // diff-db --live reads the live site's config the same way (no change since the backup: exit 0).
        let live = try ProcessRunner.sitesnap(["diff-db", id, "--repo", repo, "--live", "--env-file", env, "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(live.status, 0, live.stdout + live.stderr)
        let noEnv = try ProcessRunner.sitesnap(["diff-db", id, "--repo", repo, "--live", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(noEnv.status, 2, noEnv.stderr)
        XCTAssertTrue(noEnv.stderr.contains("MYSQL_DATABASE"), noEnv.stderr)
        let (args, target, stagingDB) = try restoreArgs(id, repo, "dcomp", tcp: true)
        let refused = try ProcessRunner.sitesnap(args)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        for part in ["$databases['default']['default']['database'] (computed by code: getenv('MYSQL_DATABASE'))",
                     "['username'] (computed by code", "['password'] (computed by code: getenv('MYSQL_PASSWORD'))",
                     "['host'] (computed by code: getenv('MARIADB_HOST') ?: 'mariadb')", "--rewrite-computed"] {
            XCTAssertTrue(refused.stderr.contains(part), "\(part) in \(refused.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))

        let r = try ProcessRunner.sitesnap(args + ["--rewrite-computed"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("['database'] was computed by code (getenv('MYSQL_DATABASE')): replaced by the staging value (--rewrite-computed)"), r.stdout)
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "include '\(target)/sites/default/settings.php'; echo $databases['default']['default']['database'];"])
        XCTAssertEqual(php.stdout, stagingDB, php.stderr)
    }
}
