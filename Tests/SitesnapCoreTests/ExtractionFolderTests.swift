import Foundation
import XCTest

/// The hidden folders beside the target and their lock: an interrupted restore leaves nothing, a
/// killed one's folder goes with the next restore, and a folder is told stale by its lock, not its pid.
final class ExtractionFolderTests: XCTestCase {
    /// A WordPress large enough that a restore takes a few seconds: the fixture plus a table of
    /// 262,144 rows. Returns (archive, the site).
    private func largeSnapshot() throws -> String {
        let socket = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.make(socket: socket)
        let c = try TestDatabase.admin(database: wp.database)
        try c.execute("CREATE TABLE wp_big (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(200))")
        try c.execute("INSERT INTO wp_big (v) VALUES (REPEAT('x', 150))")
        for _ in 0..<18 { try c.execute("INSERT INTO wp_big (v) SELECT v FROM wp_big") }
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo])
        XCTAssertEqual(b.status, 0, b.stderr)
        return repo + "/" + Snapshots.archives(repo)[0]
    }

    /// Starts the binary, waits until the restore has created `database` and its hidden folder in
    /// `parent`, then sends `signal`; returns the exit status and what it printed.
    private func restoreAndSignal(_ archive: String, parent: String, database: String, signal: Int32) throws -> (Int32, String, Process) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestEnvironment.binary)
        p.arguments = ["restore", archive, "--target", parent + "/site", "--db-name", database] + (try RestoreFixture.rootDB())
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        var seen = false
        while Date() < deadline && p.isRunning {
            let hidden = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).contains { $0.hasPrefix(".site.sitesnap-restore-") }
            if hidden, try RestoreFixture.databaseExists(database), !(try TestDatabase.admin(database: database).query("SHOW TABLES LIKE 'wp_big'").isEmpty) {
                seen = true
                break
            }
            usleep(20_000)
        }
        XCTAssertTrue(seen, "the restore got mid-way (hidden folder and database there) before it ended")
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (p.terminationStatus, stderr, p)
    }

    func testInterruptedRestoreLeavesNothingAndAKilledOnesFolderIsCleanedNextTime() throws {
        let archive = try largeSnapshot()
        // SIGINT and SIGTERM: everything the restore created goes, the database too.
        for (sig, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            let parent = TestEnvironment.makeTempDir("int")
            let db = "int_\(UUID().uuidString.prefix(6).lowercased())"
            let (status, stderr, _) = try restoreAndSignal(archive, parent: parent, database: db, signal: sig)
            XCTAssertEqual(status, 130, "\(name): \(stderr)")
            XCTAssertTrue(stderr.contains("interrupted by \(name)"), stderr)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent), [], "\(name): no target, hidden folder, spool or lock left")
            XCTAssertFalse(try RestoreFixture.databaseExists(db), "\(name): the database the restore created is dropped")
        }
        // kill -9 leaves the hidden folder and its lock; the next restore beside it removes them.
        let parent = TestEnvironment.makeTempDir("kill")
        let db = "kill_\(UUID().uuidString.prefix(6).lowercased())"
        let (status, _, p) = try restoreAndSignal(archive, parent: parent, database: db, signal: SIGKILL)
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        _ = status
        let left = try FileManager.default.contentsOfDirectory(atPath: parent)
        XCTAssertTrue(left.contains(".site.sitesnap-restore-\(p.processIdentifier)") && left.contains(".site.sitesnap-lock-\(p.processIdentifier)"), "\(left)")
        let next = try ProcessRunner.sitesnap(["restore", archive, "--target", parent + "/site", "--db-name", db, "--force"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(next.status, 0, next.stdout + next.stderr)
        XCTAssertTrue(next.stdout.contains("cleaned   \(parent)/.site.sitesnap-restore-\(p.processIdentifier) (left by a restore that was killed)"), next.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent), ["site"])
    }

    /// A hidden folder is stale when nobody holds its lock, whether or not its pid runs (pids are
    /// reused: pid 1 always runs); one whose lock is held belongs to a live restore, which is not
    /// disturbed: the new restore is refused instead.
    func testStaleFoldersAreToldByTheirLockNotTheirPid() throws {
        let archive = try RestoreFixture.wordpressSnapshot(files: true)
        let parent = TestEnvironment.makeTempDir("lock")
        _ = try RestoreFixture.sh("cd '\(parent)' && mkdir -p .site.sitesnap-restore-1/wp-content .site.sitesnap-restore-1.spool && chmod 0555 .site.sitesnap-restore-1/wp-content && touch .site.sitesnap-lock-1")
        let live = parent + "/.site.sitesnap-lock-999999"
        let fd = open(live, O_RDWR | O_CREAT, 0o600)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        _ = try RestoreFixture.sh("mkdir '\(parent)/.site.sitesnap-restore-999999'")
        let db = "lock_\(UUID().uuidString.prefix(6).lowercased())"
        let busy = try ProcessRunner.sitesnap(["restore", archive, "--target", parent + "/site", "--db-name", db] + (try RestoreFixture.rootDB()))
        RestoreFixture.assertOneLineRefusal(busy, "another restore (pid 999999) is writing it")
        XCTAssertTrue(FileManager.default.fileExists(atPath: parent + "/.site.sitesnap-restore-999999"), "a live restore's folder is left alone")
        XCTAssertFalse(try RestoreFixture.databaseExists(db))
        close(fd)  // that restore "ends": its lock is free, its folder stale
        let r = try ProcessRunner.sitesnap(["restore", archive, "--target", parent + "/site", "--db-name", db, "--json"] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let stale = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["stale_removed"] as! [String]
        XCTAssertEqual(Set(stale), Set([".site.sitesnap-restore-1", ".site.sitesnap-restore-1.spool", ".site.sitesnap-restore-999999"].map { parent + "/" + $0 }))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent), ["site"])
    }
}
