@testable import SnapshotStore
import XCTest
@testable import SitesnapCore

/// A warning is not success: a snapshot that leaves part of the site out exits 5 with its warnings on
/// stderr and is marked by `list` and `verify`; `--strict` writes nothing. Leftovers of a killed backup
/// are removed by the next `list` or backup, a running backup's are not, and a truncated archive is never
/// listed as good.
final class IncompleteSnapshotTests: XCTestCase {
    private func sh(_ command: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try ProcessRunner.shell(command)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
    }

    private func listJSON(_ repo: String) throws -> (items: [[String: Any]], stderr: String) {
        let r = try ProcessRunner.sitesnap(["list", "--repo", repo, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]], r.stderr)
    }

    func testWarningsExitFiveOnStderrAndAreMarkedByListAndVerify() throws {
        let site = try TinySite.wordpress()
        try sh("mkfifo '\(site)/a-fifo'")  // a special file: a warning even for root
        let repo = TestEnvironment.makeTempDir("repo")

        let strict = try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", repo, "--strict"])
        XCTAssertEqual(strict.status, 5, strict.stderr)
        XCTAssertTrue(strict.stderr.contains("under --strict") && strict.stderr.contains("a-fifo"), strict.stderr)
        XCTAssertEqual(Snapshots.allFiles(repo), [], "--strict writes nothing")

        let r = try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", repo])
        XCTAssertEqual(r.status, 5, r.stderr)
        XCTAssertTrue(r.stderr.contains("sitesnap: warning: special-file: a-fifo"), r.stderr)
        XCTAssertTrue(r.stderr.contains("INCOMPLETE"), r.stderr)
        XCTAssertFalse(r.stdout.contains("special-file"), "warnings are not mixed into the summary on stdout: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("status    INCOMPLETE: 1 warning"), r.stdout)

        let (items, _) = try listJSON(repo)
        XCTAssertEqual(items.count, 1)
        XCTAssertEqual(items.first?["status"] as? String, "incomplete")
        XCTAssertEqual(items.first?["warnings"] as? Int, 1)
        let text = try ProcessRunner.sitesnap(["list", "--repo", repo])
        XCTAssertTrue(text.stdout.contains("INCOMPLETE (1)"), text.stdout)

        let id = items[0]["id"] as! String
        let v = try ProcessRunner.sitesnap(["verify", id, "--repo", repo])
        XCTAssertEqual(v.status, 5, v.stdout + v.stderr)
        XCTAssertTrue(v.stdout.contains("INCOMPLETE") && v.stdout.contains("a-fifo"), v.stdout)
        let vj = try ProcessRunner.sitesnap(["verify", id, "--repo", repo, "--json"])
        let report = try JSONSerialization.jsonObject(with: Data(vj.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(report["ok"] as? Bool, true)
        XCTAssertEqual(report["complete"] as? Bool, false)

        // Without the special file the same site gives a complete snapshot: exit 0, "ok".
        try sh("rm '\(site)/a-fifo'")
        let clean = try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", repo, "--strict", "--json"])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        let cleanJSON = try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(cleanJSON["complete"] as? Bool, true)
        XCTAssertEqual(try listJSON(repo).items.last?["status"] as? String, "ok")
    }

    func testTruncatedArchiveIsNeverListedAsGood() throws {
        let site = try TinySite.wordpress()
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", repo]).status, 0)
        let archive = repo + "/" + Snapshots.archives(repo)[0]
        let size = try FileManager.default.attributesOfItem(atPath: archive)[.size] as! Int
        XCTAssertEqual(truncate(archive, off_t(size / 2)), 0)

        XCTAssertEqual(try listJSON(repo).items.first?["status"] as? String, "truncated")
        XCTAssertTrue(try ProcessRunner.sitesnap(["list", "--repo", repo]).stdout.contains("TRUNCATED"))
        let v = try ProcessRunner.sitesnap(["verify", archive])
        XCTAssertEqual(v.status, 1, v.stdout)
        XCTAssertTrue(v.stdout.contains("FAILED"), v.stdout)
    }

    /// kill -9 mid-backup leaves the reserved manifest, the hidden partial archive and (here made by
    /// hand with the names a backup uses) spools of a dead process: the next `list` removes them all.
    func testLeftoversOfAKilledBackupAreRemovedByTheNextList() throws {
        let site = try TinySite.wordpress()
        let repo = TestEnvironment.makeTempDir("repo")
        let p = try startSlowBackup(site, repo: repo)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let left = Snapshots.allFiles(repo)
        XCTAssertTrue(left.contains { $0.hasPrefix(".") && $0.contains(".partial-\(p.processIdentifier)") }, "\(left)")
        XCTAssertTrue(left.contains { $0.hasSuffix(".manifest.json") && !$0.hasPrefix(".") }, "\(left)")
        let dead = try ProcessRunner.run("/bin/sh", ["-c", "echo $$"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try sh("mkdir '\(repo)/.sitesnap-spool-\(dead)-abcd1234' && echo x > '\(repo)/.sitesnap-spool-\(dead)-abcd1234/1.sql' && echo x > '\(repo)/.site-x.files-spool-\(dead)'")
        // The partial of a killed process is lock-free; its pid is gone: no age is needed.
        let (items, stderr) = try listJSON(repo)
        XCTAssertEqual(items.count, 0, "a partial is never listed")
        XCTAssertTrue(stderr.contains("leftovers of killed backups"), stderr)
        // The reserved manifest is removed once it is old enough (its backup could be starting).
        XCTAssertEqual(Snapshots.allFiles(repo).filter { $0.hasPrefix(".") }, [])
        let reserved = Snapshots.allFiles(repo)
        XCTAssertEqual(reserved.count, 1, "\(reserved)")
        XCTAssertEqual(StaleWork.sweep(repository: repo, now: Date().addingTimeInterval(StaleWork.minimumAge + 5)), reserved)
        XCTAssertEqual(Snapshots.allFiles(repo), [])
        // A backup after that works and is listed.
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", repo, "--exclude", "wp-content/uploads/big.bin"]).status, 0)
        XCTAssertEqual(try listJSON(repo).items.count, 1)
    }

    /// A backup that is still running keeps its lock: `list` (even pretending an hour has passed)
    /// removes nothing of it.
    func testARunningBackupIsLeftAlone() throws {
        let site = try TinySite.wordpress()
        let repo = TestEnvironment.makeTempDir("repo")
        let p = try startSlowBackup(site, repo: repo)
        let before = Snapshots.allFiles(repo)
        XCTAssertEqual(StaleWork.sweep(repository: repo, now: Date().addingTimeInterval(3600)), [])
        XCTAssertEqual(try ProcessRunner.sitesnap(["list", "--repo", repo]).status, 0)
        XCTAssertEqual(Set(Snapshots.allFiles(repo)).isSuperset(of: before.filter { $0.hasSuffix(".manifest.json") || $0.contains(".partial-") }), true)
        XCTAssertTrue(p.isRunning)
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 130)
        XCTAssertEqual(Snapshots.allFiles(repo), [])
    }

    /// A backup of a 20 GB sparse file (long enough to catch mid-way), started and waited for until its
    /// hidden partial archive exists.
    private func startSlowBackup(_ site: String, repo: String) throws -> Process {
        try FileManager.default.createDirectory(atPath: site + "/wp-content/uploads", withIntermediateDirectories: true)
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/truncate", ["-s", "20G", site + "/wp-content/uploads/big.bin"]).status, 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestEnvironment.binary)
        p.arguments = ["backup", site, "--no-db", "--repo", repo, "--compression", "gzip", "--level", "1"]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(30)
        while !Snapshots.allFiles(repo).contains(where: { $0.contains(".partial-") }) && Date() < deadline { usleep(20_000) }
        usleep(300_000)
        XCTAssertTrue(p.isRunning)
        return p
    }
}
