import Foundation
import XCTest

/// restore never writes outside staging: system databases and folders refused (the server stays
/// healthy), --force asks on a terminal and drops only this site's prefix, partial snapshots say what
/// they leave out. (Mount points and unwritable parents: TargetPlacementTests; interrupted and killed
/// restores: ExtractionFolderTests.)
final class RestoreSafetyTests: XCTestCase {
    /// A staging database the user may not create: exit 3 with what to do, and no word of an
    /// "incomplete" database that was never made (found on a real WordPress with its own user).
    func testAStagingDatabaseTheUserMayNotCreateSaysSoAndLeavesNothing() throws {
        let archive = try RestoreFixture.wordpressSnapshot()
        let own = try TestDatabase.create("own")  // a user who may use only its own database
        let pw = TestEnvironment.makeTempDir("pw") + "/pw"
        try "test-pass\n".write(toFile: pw, atomically: true, encoding: .utf8)
        let staging = "deny_\(UUID().uuidString.prefix(6).lowercased())"
        let target = TestEnvironment.makeTempDir("deny") + "/site"
        let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", staging, "--db-user", "\(own)_u",
                                            "--db-password-file", pw, "--db-socket", try TestEnvironment.requireDatabase()])
        XCTAssertEqual(r.status, 3, r.stdout + r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("Access denied") && r.stderr.contains("GRANT ALL ON `\(staging)`.*"), r.stderr)
        XCTAssertFalse(r.stderr.contains("incomplete"), r.stderr)
        XCTAssertFalse(try RestoreFixture.databaseExists(staging))
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    }

    func testSystemDatabasesAreRefusedAndTheServerStaysHealthy() throws {
        let archive = try RestoreFixture.wordpressSnapshot()
        let admin = try TestDatabase.admin()
        let users = try admin.query("SELECT COUNT(*) FROM mysql.user").first?[0] ?? nil
        let systemTables = try admin.query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ('mysql', 'sys', 'performance_schema')").first?[0] ?? nil
        for name in ["mysql", "MySQL", "sys", "INFORMATION_SCHEMA", "performance_schema", "#mysql50#mysql", "#mysql50#x"] {
            let target = TestEnvironment.makeTempDir("sysdb") + "/site"
            for extra in [["--force"], ["--force", "--dry-run"]] {
                let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", name] + (try RestoreFixture.rootDB()) + extra)
                RestoreFixture.assertOneLineRefusal(r, name.hasPrefix("#") ? "#mysql50#" : "system database")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: target), name)
        }
        // The server is still healthy: its users and system tables are all there.
        XCTAssertEqual(try TestDatabase.admin().query("SELECT COUNT(*) FROM mysql.user").first?[0] ?? nil, users)
        XCTAssertEqual(try TestDatabase.admin().query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ('mysql', 'sys', 'performance_schema')").first?[0] ?? nil,
                       systemTables)
    }

    func testSystemFoldersAreRefusedAndStagingFoldersAllowed() throws {
        let archive = try RestoreFixture.wordpressSnapshot()
        let links = TestEnvironment.makeTempDir("links")
        _ = try RestoreFixture.sh("ln -s /etc '\(links)/etc-link' && ln -s /usr/local '\(links)/usr-link'")
        let home = NSHomeDirectory()
        for target in ["/", "/etc", "/usr/local/bin", "/usr/share/wordpress", "/var", "/var/lib/mysql", "/var/www", "/var/log/x",
                       "/lib", "/lib64", "/boot", "/dev/shm/x", "/proc", "/root", "/run", "/sbin", "/sys", "/bin", "/home", "/tmp", "/srv",
                       home, links + "/etc-link", links + "/usr-link/bin", "/etc/../usr"] {
            for extra in [["--force"], ["--force", "--dry-run"]] {
                let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", "sysdir_stg"] + (try RestoreFixture.rootDB()) + extra)
                RestoreFixture.assertOneLineRefusal(r, "refusing to restore onto folder")
            }
        }
        XCTAssertFalse(try RestoreFixture.databaseExists("sysdir_stg"))
        // Normal staging places pass the checks (dry run: nothing written).
        let www = "/var/www/sitesnap-test-\(UUID().uuidString.prefix(6))"
        let srv = "/srv/sitesnap-test-\(UUID().uuidString.prefix(6))"
        _ = try RestoreFixture.sh("mkdir -p '\(www)' '\(srv)'")
        defer { _ = try? ProcessRunner.shell("rm -rf '\(www)' '\(srv)'") }
        for target in [www + "/staging", srv + "/staging", TestEnvironment.makeTempDir("stg") + "/site"] {
            let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", "sysdir_stg", "--dry-run"] + (try RestoreFixture.rootDB()))
            XCTAssertEqual(r.status, 0, "\(target): \(r.stderr)")
        }
    }

    func testForceOnASharedDatabaseDropsOnlyThisSitesPrefix() throws {
        let archive = try RestoreFixture.wordpressSnapshot()
        let db = "shared_\(UUID().uuidString.prefix(6).lowercased())"
        try TestDatabase.admin().execute("CREATE DATABASE `\(db)`")
        let c = try TestDatabase.admin(database: db)
        try c.execute("CREATE TABLE other_posts (id INT PRIMARY KEY, title TEXT)")
        try c.execute("INSERT INTO other_posts VALUES (1, 'the other site'), (2, 'keeps its rows')")
        let target = TestEnvironment.makeTempDir("shared") + "/site"
        // Another site's tables only: nothing of this prefix, so no --force is needed.
        let first = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        try c.execute("CREATE TABLE wp_leftover (id INT)")
        let again = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db] + (try RestoreFixture.rootDB()))
        RestoreFixture.assertOneLineRefusal(again, "not empty")
        let dry = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db, "--force", "--dry-run"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("removes   database \(db): 13 tables") && dry.stdout.contains("wp_leftover"), dry.stdout)
        XCTAssertFalse(dry.stdout.contains("other_posts"), dry.stdout)
        let forced = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db, "--force", "--json"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(forced.status, 0, forced.stdout + forced.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) as! [String: Any]
        let removed = try XCTUnwrap(json["removed"] as? [String: Any])
        XCTAssertTrue((removed["tables"] as! [String]).contains("wp_leftover"))
        XCTAssertFalse((removed["tables"] as! [String]).contains("other_posts"))
        let tables = try c.query("SHOW TABLES").compactMap { $0[0] ?? nil }
        XCTAssertFalse(tables.contains("wp_leftover"), "this prefix's old table dropped")
        XCTAssertTrue(tables.contains("wp_options"))
        XCTAssertEqual(try c.query("SELECT COUNT(*) FROM other_posts").first?[0] ?? nil, "2", "the other site's table and rows kept")
    }

    /// A second site whose prefix extends this one's (`wp_shop_` beside `wp_`) shares the staging
    /// database: its tables start with `wp_` but are not this site's, so --force keeps them; a
    /// WordPress multisite's sub-site tables (`wp_2_posts`, no `wp_2_users`) are this site's and go.
    func testForceKeepsAnotherSiteWhosePrefixExtendsThisOne() throws {
        let archive = try RestoreFixture.wordpressSnapshot()
        let db = "ext_\(UUID().uuidString.prefix(6).lowercased())"
        let target = TestEnvironment.makeTempDir("ext") + "/site"
        let first = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        let c = try TestDatabase.admin(database: db)
        let own = try c.query("SHOW TABLES").compactMap { $0[0] ?? nil }.filter { $0.hasPrefix("wp_") }
        XCTAssertEqual(own.count, 12, "\(own)")
        for t in own { try c.execute("CREATE TABLE `wp_shop_\(t.dropFirst(3))` LIKE `\(t)`") }
        try c.execute("INSERT INTO wp_shop_options (option_name, option_value, autoload) VALUES ('shop', 'keeps its rows', 'yes')")
        try c.execute("CREATE TABLE wp_2_posts LIKE wp_posts")
        let forced = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db, "--force", "--json"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(forced.status, 0, forced.stdout + forced.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) as! [String: Any]
        let removed = try XCTUnwrap((json["removed"] as? [String: Any])?["tables"] as? [String])
        XCTAssertFalse(removed.contains { $0.hasPrefix("wp_shop_") }, "\(removed)")
        XCTAssertTrue(removed.contains("wp_2_posts"), "\(removed)")
        let tables = try c.query("SHOW TABLES").compactMap { $0[0] ?? nil }
        XCTAssertEqual(tables.filter { $0.hasPrefix("wp_shop_") }.count, 12, "\(tables)")
        XCTAssertFalse(tables.contains("wp_2_posts"))
        XCTAssertEqual(try c.query("SELECT option_value FROM wp_shop_options WHERE option_name = 'shop'").first?[0] ?? nil, "keeps its rows")

        // An unprefixed Drupal snapshot (every name starts with '') beside them: both WordPress sites
        // (every WordPress core table under wp_ and wp_shop_) are other sites' and stay.
        let (drupal, drupalDB) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", drupal, "--repo", repo, "--db-name", drupalDB, "--no-files"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(b.status, 0, b.stderr)
        try c.execute("CREATE TABLE leftover (id INT)")
        let d = try ProcessRunner.sitesnap(["restore", repo + "/" + Snapshots.archives(repo)[0], "--target", target + "-d", "--db-name", db,
                                            "--force", "--json"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(d.status, 0, d.stdout + d.stderr)
        let after = try c.query("SHOW TABLES").compactMap { $0[0] ?? nil }
        XCTAssertEqual(after.filter { $0.hasPrefix("wp_") }.count, 24, "\(after)")
        XCTAssertFalse(after.contains("leftover"), "an unprefixed site's own leftover goes")
        XCTAssertTrue(after.contains("key_value"))
    }

    /// A snapshot of a database two sites share (`wp_` and `wp_shop_`) holds the shop's tables too: a
    /// --force onto a staging database where the shop lives is refused, never replacing its tables.
    func testForceRefusesToReplaceAnotherSitesTablesTheSnapshotAlsoHolds() throws {
        let wp = try WordPressFixture.make(socket: try TestEnvironment.requireDatabase())
        let src = try TestDatabase.admin(database: wp.database)
        for t in try src.query("SHOW TABLES").compactMap({ $0[0] ?? nil }) { try src.execute("CREATE TABLE `wp_shop_\(t.dropFirst(3))` LIKE `\(t)`") }
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo, "--no-files"]).status, 0)
        let archive = repo + "/" + Snapshots.archives(repo)[0]
        let db = "clash_\(UUID().uuidString.prefix(6).lowercased())"
        let target = TestEnvironment.makeTempDir("clash") + "/site"
        let first = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        try TestDatabase.admin(database: db).execute("INSERT INTO wp_shop_options (option_name, option_value) VALUES ('staging', 'edited')")
        let again = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db, "--force", "--yes"] + (try RestoreFixture.rootDB()))
        RestoreFixture.assertOneLineRefusal(again, "another site's tables of prefix 'wp_shop_'")
        XCTAssertEqual(try TestDatabase.admin(database: db).query("SELECT option_value FROM wp_shop_options WHERE option_name = 'staging'").first?[0] ?? nil, "edited")
    }

    /// --force on a terminal (run under script(1), which gives the binary a pseudo-terminal) lists
    /// what goes and asks; "n" keeps everything, "y" and --yes go ahead and the output says what went.
    func testForceOnATerminalAsksAndSaysWhatItRemoved() throws {
        let archive = try RestoreFixture.wordpressSnapshot(files: true)
        let target = TestEnvironment.makeTempDir("tty") + "/site"
        let db = "tty_\(UUID().uuidString.prefix(6).lowercased())"
        let first = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(first.status, 0, first.stderr)
        _ = try RestoreFixture.sh("mkdir -p '\(target)' && head -c 3000 /dev/zero > '\(target)/keep.bin'")
        let env = ProcessInfo.processInfo.environment
        func onTerminal(_ answer: String, _ extra: [String] = []) throws -> ProcessResult {
            let command = ([TestEnvironment.binary, "restore", archive, "--target", target, "--db-name", db, "--force"] + (try RestoreFixture.rootDB()) + extra)
                .map { "'" + $0 + "'" }.joined(separator: " ")
            let input = TestEnvironment.makeTempDir("in") + "/answer"
            try answer.write(toFile: input, atomically: true, encoding: .utf8)
            return try ProcessRunner.run("/usr/bin/script", ["-q", "-e", "-c", command + "; echo EXIT=$?", "/dev/null"], environment: env, stdinFile: input)
        }
        let no = try onTerminal("n\n")
        XCTAssertTrue(no.stdout.contains("restore --force will remove:") && no.stdout.contains("folder \(target): ") && no.stdout.contains(" entries, ")
                      && no.stdout.contains("database \(db): 12 tables"), no.stdout)
        XCTAssertTrue(no.stdout.contains("restore not confirmed") && no.stdout.contains("EXIT=2"), no.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/keep.bin"), "kept")
        XCTAssertEqual(try TestDatabase.admin(database: db).query("SHOW TABLES").count, 12, "tables kept")
        let yes = try onTerminal("y\n")
        XCTAssertTrue(yes.stdout.contains("Remove them and restore? [y/N]") && yes.stdout.contains("EXIT=0"), yes.stdout)
        XCTAssertTrue(yes.stdout.contains("removed   folder \(target)") && yes.stdout.contains("removed   database \(db): 12 tables"), yes.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target + "/keep.bin"))
        let scripted = try onTerminal("", ["--yes"])
        XCTAssertFalse(scripted.stdout.contains("[y/N]"), scripted.stdout)
        XCTAssertTrue(scripted.stdout.contains("EXIT=0") && scripted.stdout.contains("removed   database"), scripted.stdout)
        // Without a terminal --force goes ahead as before (scripts), and says what it removed.
        let plain = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", db, "--force"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("removed   database \(db): 12 tables"), plain.stdout)
    }

    func testPartialSnapshotsSayWhatWasNotRestored() throws {
        // --no-db: no database is created; the config still points at the staging one, and says so.
        let site = try TinySite.wordpress()
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--no-db"]).status, 0)
        let filesOnly = repo + "/" + Snapshots.archives(repo)[0]
        let db = "part_\(UUID().uuidString.prefix(6).lowercased())"
        let t1 = TestEnvironment.makeTempDir("nodb") + "/site"
        let r1 = try ProcessRunner.sitesnap(["restore", filesOnly, "--target", t1, "--db-name", db, "--json"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(r1.status, 0, r1.stdout + r1.stderr)
        let j1 = try JSONSerialization.jsonObject(with: Data(r1.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(j1["restored"] as? [String], ["files", "config"])
        XCTAssertTrue((j1["not_restored"] as! [String]).contains { $0.hasPrefix("database: the snapshot has none") && $0.contains("\(db) was not created") }, "\(j1)")
        XCTAssertFalse(try RestoreFixture.databaseExists(db), "no empty database")
        XCTAssertTrue(try String(contentsOfFile: t1 + "/wp-config.php", encoding: .utf8).contains("'\(db)'"))
        let text1 = try ProcessRunner.sitesnap(["restore", filesOnly, "--target", t1, "--db-name", db, "--force"] + (try RestoreFixture.rootDB()))
        XCTAssertTrue(text1.stdout.contains("not restored: database:") && !text1.stdout.contains("  database  "), text1.stdout)

        // --no-files: the target is left alone, and no config rewrite is claimed.
        let dbOnly = try RestoreFixture.wordpressSnapshot()
        let t2 = TestEnvironment.makeTempDir("nofiles") + "/site"
        let r2 = try ProcessRunner.sitesnap(["restore", dbOnly, "--target", t2, "--db-name", db] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(r2.status, 0, r2.stdout + r2.stderr)
        XCTAssertFalse(r2.stdout.contains("  config "), r2.stdout)
        XCTAssertFalse(r2.stdout.contains("  files "), r2.stdout)
        XCTAssertTrue(r2.stdout.contains("not restored: files: the snapshot has none") && r2.stdout.contains("all match"), r2.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: t2))

        // The config excluded from the snapshot: not claimed rewritten, listed as not restored.
        let repo3 = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", site, "--repo", repo3, "--no-db", "--exclude", "wp-config.php"]).status, 0)
        let t3 = TestEnvironment.makeTempDir("noconf") + "/site"
        let r3 = try ProcessRunner.sitesnap(["restore", repo3 + "/" + Snapshots.archives(repo3)[0], "--target", t3, "--db-name", db + "x"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(r3.status, 0, r3.stdout + r3.stderr)
        XCTAssertFalse(r3.stdout.contains("  config "), r3.stdout)
        XCTAssertTrue(r3.stdout.contains("not restored: config: wp-config.php is not in the snapshot"), r3.stdout)

        // An incomplete snapshot (a FIFO it could not hold: backup exit 5) says what it lacks.
        let repo4 = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(mkfifo(site + "/a-fifo", 0o644), 0)
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", site, "--repo", repo4, "--no-db"]).status, 5)
        let t4 = TestEnvironment.makeTempDir("incomplete") + "/site"
        let r4 = try ProcessRunner.sitesnap(["restore", repo4 + "/" + Snapshots.archives(repo4)[0], "--target", t4, "--db-name", db + "y"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(r4.status, 0, r4.stdout + r4.stderr)
        XCTAssertTrue(r4.stdout.contains("not restored: a-fifo: not in the snapshot (special-file"), r4.stdout)
    }

    /// Drupal's installer leaves settings.php 0444 in a 0555 folder: a non-root user restores it, modes
    /// kept; a restore that fails after those folders were written leaves nothing its user cannot remove.
    func testReadOnlyConfigRestoredByANonRootUserAndAFailedOneLeavesNothing() throws {
        let socket = try TestEnvironment.requireDatabase()
        let (site, srcDB) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        _ = try RestoreFixture.sh("chmod 0444 '\(site)/sites/default/settings.php' && chmod 0555 '\(site)/sites/default'")
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--db-name", srcDB] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(b.status, 0, b.stderr)
        let archive = repo + "/" + Snapshots.archives(repo)[0]
        // A staging user with a password (TCP), and files nobody may read.
        let user = "ro_\(UUID().uuidString.prefix(6).lowercased())"
        for host in ["localhost", "127.0.0.1"] {
            try TestDatabase.admin().execute("CREATE USER '\(user)'@'\(host)' IDENTIFIED BY 'ro-pass'")
            try TestDatabase.admin().execute("GRANT ALL ON `\(user)_stg`.* TO '\(user)'@'\(host)'")
        }
        let pw = TestEnvironment.makeTempDir("pw") + "/pw"
        try "ro-pass\n".write(toFile: pw, atomically: true, encoding: .utf8)
        let parent = TestEnvironment.makeTempDir("ro")
        _ = try RestoreFixture.sh("chmod -R a+rX '\(repo)' '\(URL(fileURLWithPath: pw).deletingLastPathComponent().path)' && chmod 777 '\(parent)'")
        func asNobody(_ archive: String, _ target: String, _ extra: [String] = []) throws -> ProcessResult {
            try ProcessRunner.run("/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", TestEnvironment.binary, "restore", archive,
                                                       "--target", target, "--db-name", "\(user)_stg", "--db-user", user, "--db-password-file", pw,
                                                       "--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!)] + extra, currentDirectory: "/")
        }
        let r = try asNobody(archive, parent + "/site")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("all match"), r.stdout)
        XCTAssertEqual(try RestoreFixture.sh("stat -c '%a %U' '\(parent)/site/sites/default' '\(parent)/site/sites/default/settings.php'"), "555 nobody\n444 nobody\n")
        XCTAssertTrue(try String(contentsOfFile: parent + "/site/sites/default/settings.php", encoding: .utf8).contains("'database' => '\(user)_stg'"))
        _ = socket

        // An archive missing one listed file: refused at the end of the pass, after the 0555 folder
        // was written and its mode set; everything goes.
        let x = try Snapshots.extract(archive)
        let broken = TestEnvironment.makeTempDir("broken")
        let copy = String(archive.dropLast(".tar.zst".count)) + ".manifest.json"
        _ = try RestoreFixture.sh("cd '\(x)' && rm files/index.php && tar --zstd -cf '\(broken)/A.tar.zst' --format=pax --sort=name database files index.jsonl manifest.json && cp '\(copy)' '\(broken)/A.manifest.json' && cp '\(copy.dropLast(".manifest.json".count)).index.jsonl' '\(broken)/A.index.jsonl' && chmod -R a+rX '\(broken)'")
        let failedParent = TestEnvironment.makeTempDir("fail")
        _ = try RestoreFixture.sh("chmod 777 '\(failedParent)'")
        let f = try asNobody(broken + "/A.tar.zst", failedParent + "/site", ["--force"])
        XCTAssertEqual(f.status, 2, f.stdout + f.stderr)
        XCTAssertTrue(f.stderr.contains("nothing was restored"), f.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: failedParent), [], "no hidden folder left behind")
    }
}
