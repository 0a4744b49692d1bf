import Foundation
import XCTest

/// The once-per-repository notice that a folder's archives hold the site's secrets unencrypted.
final class BackupNoticeTests: XCTestCase {
    func testSaidOnceNotAFailureAndEverythingOwnerOnly() throws {
        var row = SnapshotRow()
        let first = try ProcessRunner.sitesnap(["backup", try TinySite.wordpress(), "--no-db", "--repo", row.repo])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.hasPrefix("sitesnap: notice: the snapshots in \(row.repo) are not encrypted: each archive holds the site's config (wp-config.php"), first.stderr)
        XCTAssertTrue(first.stdout.contains("status    complete"), first.stdout)
        try row.backup("blog", date: nil)  // exit 0 checked there
        let second = try ProcessRunner.sitesnap(["backup", row.sites["blog"]!, "--no-db", "--repo", row.repo])
        XCTAssertEqual(second.status, 0)
        XCTAssertEqual(second.stderr, "", "said once per repository")
        for name in try FileManager.default.contentsOfDirectory(atPath: row.repo) {
            let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: row.repo + "/" + name)[.posixPermissions] as? Int)
            XCTAssertEqual(mode & 0o077, 0, "\(name) is owner-only")
        }
        XCTAssertEqual(try row.listed().count, 3)
    }
}
