import XCTest

/// Joomla- and Drupal-shaped snapshots restore with rewritten configs that still parse and keep every
/// other setting; a failing statement stops the import naming the table and statement.
final class RestoreOtherCMSTests: XCTestCase {
    /// A site from a fixture, its tables loaded, backed up; returns (snapshot id, repo, extracted copy).
    private func snapshot(_ fixture: String, sql: String, prefix: String, args: [String]) throws -> (String, String) {
        let socket = try TestEnvironment.requireDatabase()
        let (site, db) = try FixtureSite.load(fixture, sql: sql, prefix: prefix)
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--db-name", db, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", socket] + args)
        XCTAssertEqual(r.status, 0, r.stderr)
        return ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["id"] as! String, repo)
    }

    /// Restores snapshot `id` to a new staging folder and database over TCP, as a new staging user.
    private func restoreOverTCP(_ id: String, repo: String, stem: String, extra: [String] = []) throws
        -> (result: ProcessResult, target: String, db: String, user: String) {
        let (user, pw) = try TestDatabase.stagingUser()
        let target = TestEnvironment.makeTempDir(stem) + "/site"
        let db = "\(stem)_\(UUID().uuidString.prefix(6).lowercased())"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", db, "--db-user", user,
                                            "--db-password-file", pw, "--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!)] + extra)
        return (r, target, db, user)
    }

    private func changedLines(_ a: String, _ b: String) -> [String] {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(x.count, y.count)
        return zip(x, y).filter { $0 != $1 }.map { String($0.1).trimmingCharacters(in: .whitespaces) }
    }

    func testJoomlaConfigRewrite() throws {
        let (id, repo) = try snapshot("joomla4", sql: "joomla4.sql", prefix: "jx7_", args: [])
        let (r, target, db, user) = try restoreOverTCP(id, repo: repo, stem: "jstg", extra: ["--url", "https://staging.acme.example"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("all match"), r.stdout)
        let before = try String(contentsOfFile: TestEnvironment.fixtures + "/joomla4/configuration.php", encoding: .utf8)
        let after = try String(contentsOfFile: target + "/configuration.php", encoding: .utf8)
        XCTAssertEqual(Set(changedLines(before, after)), [
            "public $host = '127.0.0.1:\(TestEnvironment.port!)';", "public $user = '\(user)';", "public $password = 'stg-pass';",
            "public $db = '\(db)';", "public $live_site = 'https://staging.acme.example';",
            "public $log_path = '\(target)/administrator/logs';", "public $tmp_path = '\(target)/tmp';"])
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/php", ["-l", target + "/configuration.php"]).status, 0)
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "require '\(target)/configuration.php'; $c = new JConfig; echo $c->db, '|', $c->dbprefix, '|', $c->sitename;"])
        XCTAssertEqual(php.stdout, "\(db)|jx7_|Acme Outdoor Gear")
        XCTAssertEqual(try TestDatabase.client(db, sql: "SELECT COUNT(*) FROM jx7_extensions").stdout.split(separator: "\n").last.map(String.init),
                       try TestDatabase.client(db, sql: "SELECT COUNT(*) FROM jx7_extensions").stdout.split(separator: "\n").last.map(String.init))
    }

    func testDrupalConfigRewriteKeepsPrefixAndEveryOtherKey() throws {
        let (id, repo) = try snapshot("drupal10", sql: "drupal10.sql", prefix: "", args: [])
        let (r, target, db, user) = try restoreOverTCP(id, repo: repo, stem: "dstg")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let before = try String(contentsOfFile: TestEnvironment.fixtures + "/drupal10/sites/default/settings.php", encoding: .utf8)
        let after = try String(contentsOfFile: target + "/sites/default/settings.php", encoding: .utf8)
        XCTAssertEqual(Set(changedLines(before, after)), ["'database' => '\(db)',", "'username' => '\(user)',", "'password' => 'stg-pass',",
                                                          "'host' => '127.0.0.1',", "'port' => '\(TestEnvironment.port!)',"])
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/php", ["-l", target + "/sites/default/settings.php"]).status, 0)
        // Drupal on a socket: the file has no unix_socket key, so sitesnap says so before writing anything.
        let t2 = TestEnvironment.makeTempDir("dstg2") + "/site"
        let s = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", t2, "--db-name", db + "x", "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(s.status, 2, s.stderr)
        XCTAssertTrue(s.stderr.contains("cannot rewrite") && s.stderr.contains("unix_socket"), s.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: t2))
    }

    /// MAMP's settings.php: host 127.0.0.1 and a unix_socket. Drupal's driver uses the socket whenever
    /// it is set, and so does the backup (the TCP port in the file is closed); the staging copy, on
    /// TCP, must not keep the source's socket (it would win there too).
    func testDrupalSocketConfigBacksUpOverTheSocketAndStagingDropsIt() throws {
        let socket = try TestEnvironment.requireDatabase()
        let (site, db) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        let c = try TestDatabase.admin()
        try c.execute("CREATE USER IF NOT EXISTS 'drupal_user'@'localhost' IDENTIFIED BY 'dr-secret'")
        try c.execute("GRANT ALL ON `\(db)`.* TO 'drupal_user'@'localhost'")
        let cfg = site + "/sites/default/settings.php"
        let original = try String(contentsOfFile: cfg, encoding: .utf8)
        let mamp = original.replacingOccurrences(of: "  'host' => 'localhost',\n  'port' => '3306',\n",
                                                 with: "  'host' => '127.0.0.1',\n  'port' => '1',\n  'unix_socket' => '\(socket)',\n")
        XCTAssertNotEqual(mamp, original)
        try mamp.write(toFile: cfg, atomically: true, encoding: .utf8)
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--db-name", db, "--json"])
        XCTAssertEqual(b.status, 0, "127.0.0.1:1 is closed: only the socket can have worked. \(b.stderr)")
        let id = (try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any])["id"] as! String

        let (r, target, stagingDB, _) = try restoreOverTCP(id, repo: repo, stem: "mamp")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let after = try String(contentsOfFile: target + "/sites/default/settings.php", encoding: .utf8)
        XCTAssertFalse(after.contains(socket), "the source's socket is gone from the staging config")
        XCTAssertTrue(after.contains("'unix_socket' => NULL,"), after)
        XCTAssertTrue(after.contains("'port' => '\(TestEnvironment.port!)',"))
        // As PHP reads it: no socket set, so Drupal's driver connects to host and port.
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "define('DRUPAL_ROOT', '\(target)'); $app_root = '\(target)'; $site_path = 'sites/default'; include '\(target)/sites/default/settings.php'; $d = $databases['default']['default']; echo isset($d['unix_socket']) ? 'socket' : 'tcp', ' ', $d['host'], ':', $d['port'], ' ', $d['database'];"])
        XCTAssertEqual(php.stdout, "tcp 127.0.0.1:\(TestEnvironment.port!) \(stagingDB)", php.stderr)
    }

    /// settings.local.php (included after `$databases`) sets the host: rewriting settings.php alone
    /// would leave the staging copy on the host settings.local.php names, so nothing is written.
    func testDatabaseSettingFromAnIncludedFileIsNotLeftInPlace() throws {
        let socket = try TestEnvironment.requireDatabase()
        let (site, db) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        let local = site + "/sites/default/settings.local.php"
        try (try String(contentsOfFile: local, encoding: .utf8) + "\n$databases['default']['default']['host'] = 'db.production.example';\n")
            .write(toFile: local, atomically: true, encoding: .utf8)
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--db-name", db, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", socket])
        XCTAssertEqual(b.status, 0, b.stderr)
        let id = (try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any])["id"] as! String
        let (r, target, stagingDB, _) = try restoreOverTCP(id, repo: repo, stem: "incl")
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("$databases['default']['default']['host'] (set again in a file it includes, which wins)"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
        XCTAssertTrue(try TestDatabase.admin().query("SHOW DATABASES LIKE '\(stagingDB)'").isEmpty)
    }

    /// Drupal 7's per-table prefix array: the shared_users table is in the snapshot and restored under
    /// the same name, so the staging copy's unchanged prefix array finds it.
    func testDrupal7PrefixArrayTablesAreRestored() throws {
        let (id, repo) = try snapshot("drupal7", sql: "drupal7.sql", prefix: "d7_", args: [])
        let (r, target, db, _) = try restoreOverTCP(id, repo: repo, stem: "d7stg")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("all match"), r.stdout)
        let rows = try TestDatabase.client(db, sql: "SELECT COUNT(*) FROM shared_users").stdout.split(separator: "\n").last.map(String.init)
        XCTAssertEqual(rows, "3")
        let after = try String(contentsOfFile: target + "/sites/default/settings.php", encoding: .utf8)
        XCTAssertTrue(after.contains("'prefix' => array('default' => 'd7_', 'users' => 'shared_'),"))
    }

    /// Appends `statement` to the wp_options dump of a database-only snapshot and repacks it with a
    /// manifest that matches (as a careful forger would); returns the archive.
    private func tampered(_ statement: String) throws -> (String, WordPressFixture) {
        let wp = try WordPressFixture.shared()
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo, "--no-files"]).status, 0)
        let x = try Snapshots.extract(repo + "/" + Snapshots.archives(repo)[0])
        let options = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: x + "/database").first { $0.contains("wp_options") })
        let fix = """
            import hashlib, json, sys
            d, entry, extra = sys.argv[1], sys.argv[2], sys.argv[3]
            p = d + '/' + entry
            open(p, 'a').write(extra + '\\n')
            data = open(p, 'rb').read()
            m = json.load(open(d + '/manifest.json'))
            for t in m['database']['tables']:
                if t['entry'] == entry:
                    t['sha256'] = hashlib.sha256(data).hexdigest(); t['bytes'] = len(data)
            json.dump(m, open(d + '/manifest.json', 'w'))
            """
        try fix.write(toFile: x + "/fix.py", atomically: true, encoding: .utf8)
        let out = TestEnvironment.makeTempDir("forged") + "/forged.tar.zst"
        let r0 = try ProcessRunner.run("/usr/bin/python3", [x + "/fix.py", x, "database/" + options, statement])
        XCTAssertEqual(r0.status, 0, r0.stderr)
        let r1 = try ProcessRunner.shell("cd '\(x)' && tar --zstd -cf '\(out)' --format=pax database manifest.json")
        XCTAssertEqual(r1.status, 0, r1.stderr)
        return (out, wp)
    }

    func testAFailingStatementStopsTheImportNamingTableAndStatement() throws {
        // In the dump's own shape (so the statement check lets it through), but the server rejects it.
        let (archive, wp) = try tampered("INSERT INTO `wp_options` (`no_such_column`) VALUES\n(1);")
        let target = TestEnvironment.makeTempDir("b") + "/site"
        let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", "\(wp.database)_broken",
                                            "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(r.status, 3, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("importing table wp_options failed at statement") && r.stderr.contains("no_such_column"), r.stderr)
        XCTAssertTrue(r.stderr.contains("is incomplete"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "no target that looks finished")
        XCTAssertFalse(try TestDatabase.admin().query("SHOW TABLES FROM `\(wp.database)_broken` LIKE 'sitesnap_restore_incomplete'").isEmpty,
                       "the staging database says it is incomplete")
    }

    /// A dump may only touch its own table: a forged `DROP DATABASE` is refused, production untouched.
    func testAForgedStatementOutsideTheTableIsRefused() throws {
        let (archive, wp) = try tampered("DROP DATABASE `\(try WordPressFixture.shared().database)`;")
        let before = try TestDatabase.checksums(wp.database)
        let target = TestEnvironment.makeTempDir("f") + "/site"
        let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", "\(wp.database)_forged",
                                            "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("is refused at statement") && r.stderr.contains("not a session setting, DROP TABLE, CREATE TABLE or INSERT of table wp_options"), r.stderr)
        XCTAssertEqual(try TestDatabase.checksums(wp.database), before, "production untouched")
        XCTAssertTrue(try TestDatabase.admin().query("SHOW DATABASES LIKE '\(wp.database)_forged'").isEmpty,
                      "the tables imported before the refusal are gone with the database the restore created")
    }
}
