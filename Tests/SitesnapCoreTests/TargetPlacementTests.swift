import Foundation
import XCTest

/// Where a restore cannot put its result is found before anything is written, by the binary, in a
/// dry run too: a mount point (also a bind mount), a read-only or unwritable parent, a missing one.
final class TargetPlacementTests: XCTestCase {
    /// The placement checks run before anything is written, in a dry run too.
    func testMountPointReadOnlyAndUnwritableParentsAreFoundBeforeWriting() throws {
        let archive = try RestoreFixture.wordpressSnapshot(files: true)
        let parent = TestEnvironment.makeTempDir("mnt")
        let target = parent + "/site"
        _ = try RestoreFixture.sh("mkdir '\(target)'")
        guard try ProcessRunner.shell("mount -t tmpfs -o size=64m tmpfs '\(target)'").status == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (needs root in a namespace that allows it)")
        }
        defer { _ = try? ProcessRunner.shell("umount '\(target)'") }
        _ = try RestoreFixture.sh("echo old > '\(target)/old.txt'")
        XCTAssertNotEqual(try RestoreFixture.sh("stat -c %d '\(target)'"), try RestoreFixture.sh("stat -c %d '\(parent)'"), "another device")
        for extra in [["--dry-run"], []] {
            let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", "mnt_stg", "--force"] + (try RestoreFixture.rootDB()) + extra)
            RestoreFixture.assertOneLineRefusal(r, "mount point")
            XCTAssertTrue(r.stderr.contains("\(target)/site"), "says what to do: \(r.stderr)")
        }
        XCTAssertFalse(try RestoreFixture.databaseExists("mnt_stg"), "found before the database was written")
        XCTAssertEqual(try RestoreFixture.sh("cat '\(target)/old.txt'"), "old\n")
        _ = try RestoreFixture.sh("umount '\(target)'")
        // A bind mount of the same file system: same device, still a mount point.
        let other = TestEnvironment.makeTempDir("bindsrc")
        _ = try RestoreFixture.sh("mount --bind '\(other)' '\(target)'")
        let bind = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", "mnt_stg", "--force", "--dry-run"] + (try RestoreFixture.rootDB()))
        RestoreFixture.assertOneLineRefusal(bind, "mount point")
        _ = try RestoreFixture.sh("umount '\(target)'")
        // A read-only parent.
        let ro = TestEnvironment.makeTempDir("ro")
        _ = try RestoreFixture.sh("mount -t tmpfs -o ro,size=1m tmpfs '\(ro)'")
        defer { _ = try? ProcessRunner.shell("umount '\(ro)'") }
        for extra in [["--dry-run"], []] {
            let r = try ProcessRunner.sitesnap(["restore", archive, "--target", ro + "/site", "--db-name", "mnt_stg"] + (try RestoreFixture.rootDB()) + extra)
            RestoreFixture.assertOneLineRefusal(r, "read-only file system")
        }
        // A parent this user may not write (the binary as nobody; refused before any connection).
        let locked = TestEnvironment.makeTempDir("locked")
        _ = try RestoreFixture.sh("chmod 755 '\(locked)' && chmod -R a+rX '\(URL(fileURLWithPath: archive).deletingLastPathComponent().path)'")
        let r = try ProcessRunner.run("/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", TestEnvironment.binary,
                                                           "restore", archive, "--target", locked + "/site", "--db-name", "mnt_stg", "--db-user", "x", "--dry-run"],
                                      currentDirectory: "/")
        RestoreFixture.assertOneLineRefusal(r, "may not create folders in \(locked)")
        // A missing parent.
        let missing = try ProcessRunner.sitesnap(["restore", archive, "--target", parent + "/no/such/site", "--db-name", "mnt_stg", "--dry-run"] + (try RestoreFixture.rootDB()))
        RestoreFixture.assertOneLineRefusal(missing, "mkdir -p")
        XCTAssertFalse(try RestoreFixture.databaseExists("mnt_stg"))
    }
}
