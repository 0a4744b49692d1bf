import XCTest

/// Bad input gets one clear line, a documented non-zero exit, no snapshot (not even a hidden partial
/// file) and no change to the source site or database.
final class BackupFailureTests: XCTestCase {
    private func expectFailure(_ args: [String], status: Int32, mentions: [String], repo: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try ProcessRunner.sitesnap(args)
        XCTAssertEqual(r.status, status, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: "), r.stderr, file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)", file: file, line: line)
        for m in mentions { XCTAssertTrue(r.stderr.contains(m), "'\(m)' in: \(r.stderr)", file: file, line: line) }
        XCTAssertFalse(r.stderr.contains("Fatal error"), file: file, line: line)
        XCTAssertEqual(Snapshots.allFiles(repo), [], "nothing left in the repository", file: file, line: line)
    }

    func testNotACMSRoot() throws {
        let dir = TestEnvironment.makeTempDir("plain")
        let repo = TestEnvironment.makeTempDir("repo")
        try expectFailure(["backup", dir, "--repo", repo], status: 2, mentions: [dir, "not a WordPress"], repo: repo)
        try expectFailure(["backup", dir + "/missing", "--repo", repo], status: 2, mentions: ["does not exist"], repo: repo)
    }

    func testUnreadableAndComputedConfig() throws {
        let repo = TestEnvironment.makeTempDir("repo")
        let site = try TinySite.wordpress()
        try FileManager.default.removeItem(atPath: site + "/wp-config.php")
        try FileManager.default.createDirectory(atPath: site + "/wp-config.php", withIntermediateDirectories: false)
        try expectFailure(["backup", site, "--repo", repo], status: 2, mentions: ["cannot read config file", "wp-config.php"], repo: repo)

        let computed = try TinySite.wordpress(database: "x")
        let cfg = computed + "/wp-config.php"
        let text = try String(contentsOfFile: cfg, encoding: .utf8).replacingOccurrences(of: "define( 'DB_NAME', 'x' );", with: "define( 'DB_NAME', getenv('WP_DB') );")
        try text.write(toFile: cfg, atomically: true, encoding: .utf8)
        try expectFailure(["backup", computed, "--repo", repo], status: 2, mentions: ["DB_NAME", "getenv('WP_DB')", "--db-name"], repo: repo)

        let broken = try TinySite.wordpress(extraConfig: "define('X', 'unterminated);")
        try expectFailure(["backup", broken, "--repo", repo], status: 2, mentions: ["cannot parse config file", "line"], repo: repo)
    }

    /// A config PHP refuses to parse is exit 2 naming the file and line, and no snapshot: checked by
    /// `php -l` when php is on the PATH, by sitesnap's own check when it is not.
    func testConfigPHPWouldNotParse() throws {
        let repo = TestEnvironment.makeTempDir("repo")
        let noPHP = TestEnvironment.makeTempDir("nophp")  // a PATH without php
        // TinySite's define()s are on lines 2-7 and extraConfig on line 8.
        let broken: [(String, String, Int)] = [
            ("missing semicolon after a define", "define('WP_DEBUG', false)\ndefine('WP_CACHE', true);", 9),
            ("unclosed quote", "define('WP_HOME', 'https://example.org);\n$x = 1;", 8),
            ("stray brace", "if (true) {\n  define('WP_CACHE', true);\n}\n}", 11),
        ]
        for (kind, php, line) in broken {
            let site = try TinySite.wordpress(extraConfig: php)
            XCTAssertNotEqual(try ProcessRunner.run("/usr/bin/php", ["-n", "-l", site + "/wp-config.php"]).status, 0, "php -l agrees it is broken: \(kind)")
            for env in [[:], ["PATH": noPHP]] {
                let what = "\(kind), \(env.isEmpty ? "php -l" : "own check")"
                try expectFailure(["backup", site, "--repo", repo], status: 2,
                                  mentions: ["cannot parse config file \(site)/wp-config.php at line \(line)"], repo: repo)
                let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--no-files"], environment: env)
                XCTAssertEqual(r.status, 2, "\(what): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("at line \(line)"), "\(what): \(r.stderr)")
                XCTAssertEqual(Snapshots.allFiles(repo), [], what)
            }
        }
    }

    func testWrongPasswordAndUnreachableServer() throws {
        _ = try TestEnvironment.requireDatabase()
        let db = try TestDatabase.create("pw")
        try TestDatabase.admin(database: db).execute("CREATE TABLE wp_options (option_id INT PRIMARY KEY)")  // not an empty snapshot
        let repo = TestEnvironment.makeTempDir("repo")
        let site = try TinySite.wordpress(database: db, user: "\(db)_u", password: "wrong-password")
        try expectFailure(["backup", site, "--repo", repo], status: 3, mentions: ["refused user '\(db)_u'", "--db-password-file"], repo: repo)
        // A defaults file with the right password fixes it.
        let cnf = TestEnvironment.makeTempDir("cnf") + "/my.cnf"
        try "[client]\npassword = \"test-pass\"\n".write(toFile: cnf, atomically: true, encoding: .utf8)
        let viaCnf = try ProcessRunner.sitesnap(["backup", site, "--repo", TestEnvironment.makeTempDir("repo"), "--defaults-file", cnf, "--no-files"])
        XCTAssertEqual(viaCnf.status, 0, viaCnf.stderr)
        // So does the right password from a file (and it never appears in output).
        let pw = TestEnvironment.makeTempDir("pw") + "/pw"
        try "test-pass\n".write(toFile: pw, atomically: true, encoding: .utf8)
        let ok = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--db-password-file", pw, "--no-files"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertFalse(ok.stdout.contains("test-pass") || ok.stderr.contains("test-pass"))

        let repo2 = TestEnvironment.makeTempDir("repo")
        // TCP to a port where nothing listens.
        try expectFailure(["backup", site, "--repo", repo2, "--db-host", "127.0.0.1", "--db-port", "1"], status: 3,
                          mentions: ["cannot reach the database server at 127.0.0.1:1"], repo: repo2)
        try expectFailure(["backup", site, "--repo", repo2, "--db-socket", "/nonexistent/mysqld.sock"], status: 3,
                          mentions: ["/nonexistent/mysqld.sock"], repo: repo2)
        try expectFailure(["backup", site, "--repo", repo2, "--db-password-file", "/nonexistent/pw"], status: 2,
                          mentions: ["--db-password-file", "/nonexistent/pw"], repo: repo2)
    }

    /// The server drops the connection mid-dump: exit 3 naming the failure, no snapshot left.
    func testConnectionLostDuringDump() throws {
        _ = try TestEnvironment.requireDatabase()
        let db = try TestDatabase.create("lost")
        let admin = try TestDatabase.admin(database: db)
        try admin.execute("CREATE TABLE wp_big (id INT PRIMARY KEY, v TEXT)")
        try admin.execute("INSERT INTO wp_big SELECT seq, REPEAT('x', 500) FROM seq_1_to_1000000")  // long enough to catch mid-dump
        let site = try TinySite.wordpress(database: db, user: "\(db)_u")
        let repo = TestEnvironment.makeTempDir("repo")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestEnvironment.binary)
        p.arguments = ["backup", site, "--no-files", "--repo", repo]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Find the dump's connection while it streams rows, and kill it from the server side.
        var killed = false
        let deadline = Date().addingTimeInterval(30)
        while !killed && Date() < deadline && p.isRunning {
            let ids = try admin.query("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '\(db)_u' AND INFO LIKE 'SELECT %wp_big%'")
            if let id = ids.first?[0] ?? nil {
                try admin.execute("KILL CONNECTION \(id)")
                killed = true
            } else {
                usleep(5_000)
            }
        }
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(killed, "the dump query was not seen")
        XCTAssertEqual(p.terminationStatus, 3, message)
        XCTAssertTrue(message.contains("database error") || message.contains("cannot reach"), message)
        XCTAssertEqual(Snapshots.allFiles(repo), [])
    }

    func testRepositoryNotWritableOrInsideTheSite() throws {
        let site = try TinySite.wordpress()
        let file = TestEnvironment.makeTempDir("f") + "/plainfile"
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let r = try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", file + "/repo"])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains("is not writable") && r.stderr.contains("--repo"), r.stderr)
        let inside = try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", site + "/wp-content/snapshots"])
        XCTAssertEqual(inside.status, 2, inside.stderr)
        XCTAssertTrue(inside.stderr.contains("inside the site root"), inside.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site + "/wp-content/snapshots"))
        let env = try ProcessRunner.sitesnap(["backup", site, "--no-db"], environment: ["SITESNAP_REPO": site + "/x"])
        XCTAssertEqual(env.status, 2, "SITESNAP_REPO is checked the same way")
    }

    func testBadOptions() throws {
        let site = try TinySite.wordpress()
        let repo = TestEnvironment.makeTempDir("repo")
        try expectFailure(["backup", site, "--repo", repo, "--no-db", "--compression", "lz4"], status: 2, mentions: ["--compression lz4"], repo: repo)
        try expectFailure(["backup", site, "--repo", repo, "--no-db", "--level", "42"], status: 2, mentions: ["--level 42", "1 to 19"], repo: repo)
        try expectFailure(["backup", site, "--repo", repo, "--no-db", "--no-files"], status: 2, mentions: ["nothing left"], repo: repo)
        try expectFailure(["backup", site, "--repo", repo, "--no-db", "--compression", "gzip", "--threads", "2"], status: 2,
                          mentions: ["--threads 2", "only zstd"], repo: repo)
        let usage = try ProcessRunner.sitesnap(["backup", site, "--no-such-flag"])
        XCTAssertEqual(usage.status, 64, "usage errors from the argument parser")
    }

    /// Disk full while writing: the partial archive is removed and the error says so.
    func testDiskFullLeavesNothing() throws {
        let wp = try WordPressFixture.shared()
        let mountPoint = TestEnvironment.makeTempDir("small")
        let m = try ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint])
        guard m.status == 0 else {
            if TestEnvironment.isCI { XCTFail("cannot mount a small tmpfs: \(m.stderr)") }
            throw XCTSkip("mounting a tmpfs needs root")
        }
        defer { _ = try? ProcessRunner.run("/bin/umount", [mountPoint]) }
        let r = try ProcessRunner.sitesnap(["backup", wp.root, "--repo", mountPoint + "/repo"])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains("No space left on device") && r.stderr.contains("partial file was removed"), r.stderr)
        XCTAssertEqual(Snapshots.allFiles(mountPoint + "/repo"), [])
    }

    /// SIGTERM or Ctrl-C mid-backup: exit 130, no snapshot, no partial file.
    func testInterruptedBackupLeavesNothing() throws {
        let site = try TinySite.wordpress()
        // A big sparse file makes the backup last long enough to interrupt.
        let big = site + "/wp-content/uploads/big.bin"
        try FileManager.default.createDirectory(atPath: site + "/wp-content/uploads", withIntermediateDirectories: true)
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/truncate", ["-s", "20G", big]).status, 0)
        let repo = TestEnvironment.makeTempDir("repo")
        for signal in [SIGTERM, SIGINT] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestEnvironment.binary)
            p.arguments = ["backup", site, "--no-db", "--repo", repo, "--compression", "gzip", "--level", "1"]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            // Wait until the hidden partial archive exists, then interrupt.
            let deadline = Date().addingTimeInterval(30)
            while Snapshots.allFiles(repo).isEmpty && Date() < deadline { usleep(20_000) }
            XCTAssertTrue(Snapshots.allFiles(repo).first?.hasPrefix(".") == true, "\(Snapshots.allFiles(repo))")
            usleep(300_000)
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(p.terminationStatus, 130, message)
            XCTAssertTrue(message.contains("interrupted by SIG"), message)
            XCTAssertTrue(message.contains("removes its partial snapshot"), message)
            XCTAssertEqual(Snapshots.allFiles(repo), [])
        }
    }
}
