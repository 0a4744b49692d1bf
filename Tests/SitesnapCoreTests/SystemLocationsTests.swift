import Foundation
@testable import SnapshotStore
import XCTest
@testable import SitesnapCore

/// The documented lists of what a restore never writes to (the binary's refusals are in
/// RestoreSafetyTests), and the mount table reader behind the mount-point check.
final class SystemLocationsTests: XCTestCase {
    private func refused(_ path: String) -> Bool {
        SystemLocations.refusal(folder: path, resolved: Repository.resolveExisting(path)) != nil
    }

    func testSystemFoldersInsideThemAndWhatHoldsThemAreRefused() {
        for p in ["/", "/bin", "/boot", "/dev", "/dev/shm/x", "/etc", "/etc/nginx/sites", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/root",
                  "/root/site", "/run", "/run/user/0/x", "/sbin", "/sys", "/usr", "/usr/local", "/usr/local/bin", "/usr/share/wordpress", "/var",
                  "/var/lib", "/var/lib/mysql", "/var/log/site", "/var/cache/x", "/var/www", "/var/tmp", "/home", "/srv", "/tmp", "/opt",
                  "/mnt", "/media", NSHomeDirectory()] {
            XCTAssertTrue(refused(p), p)
        }
    }

    func testStagingPlacesAreAllowed() {
        for p in ["/var/www/staging", "/var/www/html/blog", "/var/www/vhosts/example.test/httpdocs", "/var/tmp/restore-test", "/srv/staging/blog",
                  "/tmp/x/site", "/opt/sites/blog", "/home/nosuchuser-sitesnap/www/blog", "/data/staging"] {
            XCTAssertNil(SystemLocations.refusal(folder: p, resolved: p), p)
        }
    }

    func testSymlinksAreResolvedFirst() throws {
        let dir = TestEnvironment.makeTempDir("sl")
        try FileManager.default.createSymbolicLink(atPath: dir + "/etc", withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: dir + "/ok", withDestinationPath: dir)
        XCTAssertTrue(refused(dir + "/etc"))
        XCTAssertTrue(refused(dir + "/etc/new-site"), "a folder to create inside a link to /etc")
        XCTAssertFalse(refused(dir + "/ok/site"))
        XCTAssertTrue(SystemLocations.refusal(folder: dir + "/etc", resolved: Repository.resolveExisting(dir + "/etc"))!.contains("once symlinks are resolved"))
    }

    func testSystemDatabasesInAnyCaseAndFileNameFormsAreRefused() {
        for name in ["mysql", "MySQL", "MYSQL", "sys", "SYS", "information_schema", "Information_Schema", "performance_schema",
                     "PERFORMANCE_SCHEMA", "#mysql50#mysql", "#MYSQL50#x", "#mysql50#."] {
            XCTAssertNotNil(SystemLocations.refusal(database: name), name)
        }
        for name in ["blog_staging", "mysql_staging", "sys2", "wp"] {
            XCTAssertNil(SystemLocations.refusal(database: name), name)
        }
    }

    func testDataDirectoryInsideAndAboveAreRefused() {
        XCTAssertNotNil(SystemLocations.refusal(folder: "/data/mysql", dataDirectory: "/data/mysql/"))
        XCTAssertNotNil(SystemLocations.refusal(folder: "/data/mysql/blog", dataDirectory: "/data/mysql/"))
        XCTAssertNotNil(SystemLocations.refusal(folder: "/data", dataDirectory: "/data/mysql/"))
        XCTAssertNil(SystemLocations.refusal(folder: "/data/staging", dataDirectory: "/data/mysql/"))
    }

    /// /proc/self/mountinfo writes a space in a mount point as \040.
    func testMountPointsWithSpacesAreRead() throws {
        let dir = TestEnvironment.makeTempDir("mi") + "/with space"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        guard try ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir]).status == 0 else {
            throw XCTSkip("cannot mount a tmpfs here")
        }
        defer { _ = try? ProcessRunner.run("/bin/umount", [dir]) }
        XCTAssertTrue(TargetPlacement.mountPoints().contains(dir), "\(TargetPlacement.mountPoints().filter { $0.contains("mi-") })")
    }
}
