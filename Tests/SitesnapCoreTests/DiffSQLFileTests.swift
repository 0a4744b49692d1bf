import Foundation
import XCTest

/// `diff-db --sql FILE` writes the cleanup script atomically: a write that fails (a full file system)
/// leaves the file that was there, whole, and no temporary file; it used to truncate it first and
/// leave half a script.
extension DiffDbTests {
    func testSQLFileOnAFullFileSystemKeepsTheOldScript() throws {
        guard getuid() == 0 else { throw XCTSkip("needs root to mount a tiny tmpfs") }
        let l = try lifecycle()
        let dir = TestEnvironment.makeTempDir("fullfs")
        let mount = try ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", dir])
        guard mount.status == 0 else { throw XCTSkip("cannot mount tmpfs: \(mount.stderr)") }
        defer { _ = try? ProcessRunner.run("/bin/umount", [dir]) }
        let sql = dir + "/cleanup.sql"
        try "-- the previous script\n".write(toFile: sql, atomically: false, encoding: .utf8)
        _ = try ProcessRunner.run("/bin/sh", ["-c", "cat /dev/zero > '\(dir)/filler' 2>/dev/null; true"])
        let r = try ProcessRunner.sitesnap(["diff-db", "--repo", l.repo, l.s0, l.s2, "--sql", sql])
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("sitesnap: error:") && r.stderr.contains("--sql \(sql)") && r.stderr.contains("No space left on device"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: sql, encoding: .utf8), "-- the previous script\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["cleanup.sql", "filler"])
    }
}
