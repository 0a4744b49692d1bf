import XCTest
@testable import SitesnapCore

/// Restore confirms the archive's own manifest.json against the copy it planned from without decoding
/// it twice: the copy's bytes with the archive size zeroed are the archive's manifest, byte for byte.
final class ArchiveAuditTests: XCTestCase {
    func testTheCopyWithTheArchiveSizeZeroedIsTheArchivesManifest() throws {
        _ = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.shared()
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo]).status, 0)
        let archive = repo + "/" + Snapshots.archives(repo)[0]
        let copy = try Data(contentsOf: URL(fileURLWithPath: String(archive.dropLast(".tar.zst".count)) + ".manifest.json"))
        let own = try Data(contentsOf: URL(fileURLWithPath: try Snapshots.extract(archive) + "/manifest.json"))
        XCTAssertNotEqual(copy, own, "the copy knows the archive size")
        XCTAssertEqual(ArchiveAudit.zeroArchiveBytes(copy), own)
        XCTAssertNil(ArchiveAudit.zeroArchiveBytes(Data("{}".utf8)))
        // A copy that does not parse is passed over for the archive's own manifest.
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: String(archive.dropLast(".tar.zst".count)) + ".manifest.json"))
        let d = try ProcessRunner.sitesnap(["diff-db", archive, archive, "--summary"])
        XCTAssertEqual(d.status, 0, d.stdout + d.stderr)
    }
}
