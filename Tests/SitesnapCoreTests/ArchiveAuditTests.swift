@testable import SnapshotFormat
import XCTest
@testable import SitesnapCore
@testable import SnapshotStore

/// Restore confirms the archive's own manifest.json against the copy it planned from without decoding
/// it twice: the copy's bytes with the archive size zeroed are the archive's manifest, byte for byte.
final class ArchiveAuditTests: XCTestCase {
    /// A snapshot of the WordPress fixture: its archive, the manifest copy's path, the archive's own manifest.
    private func snapshot() throws -> (archive: String, copyPath: String, own: Data) {
        _ = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.shared()
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo]).status, 0)
        let archive = repo + "/" + Snapshots.archives(repo)[0]
        let own = try Data(contentsOf: URL(fileURLWithPath: try Snapshots.extract(archive) + "/manifest.json"))
        return (archive, String(archive.dropLast(".tar.zst".count)) + ".manifest.json", own)
    }

    func testTheCopyWithTheArchiveSizeZeroedIsTheArchivesManifest() throws {
        let (archive, copyPath, own) = try snapshot()
        let copy = try Data(contentsOf: URL(fileURLWithPath: copyPath))
        XCTAssertNotEqual(copy, own, "the copy knows the archive size")
        XCTAssertEqual(ArchiveAudit.zeroArchiveBytes(copy), own)
        XCTAssertNil(ArchiveAudit.zeroArchiveBytes(Data("{}".utf8)))
        // A copy that does not parse is passed over for the archive's own manifest.
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: copyPath))
        let d = try ProcessRunner.sitesnap(["diff-db", archive, archive, "--summary"])
        XCTAssertEqual(d.status, 0, d.stdout + d.stderr)
    }

    /// The archive's manifest is compared as it streams (small reads here, so the comparison spans
    /// many of them): equal to the copy with the size zeroed, or equal once decoded (a copy written
    /// with other whitespace), else refused.
    func testManifestEntryIsComparedAsItStreams() throws {
        let (archive, copyPath, own) = try snapshot()
        XCTAssertNotNil(try SnapshotReader(path: archive).manifestCopy, "planned from \(copyPath)")
        func confirm(_ entry: Data) throws {
            var audit = try ArchiveAudit(snapshot: try SnapshotReader(path: archive))
            try audit.confirmManifest(SmallReads(entry))
        }
        XCTAssertNoThrow(try confirm(own))
        // Same manifest, other bytes: decoded and compared.
        let pretty = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: own), options: [.prettyPrinted])
        XCTAssertNotEqual(pretty, own)
        XCTAssertNoThrow(try confirm(pretty))
        // Another manifest: refused, whether it differs early or in its last byte.
        var late = own
        late.append(contentsOf: Array(" ".utf8))
        XCTAssertNoThrow(try confirm(late), "trailing whitespace decodes the same")
        let edited = String(decoding: own, as: UTF8.self).replacingOccurrences(of: "\"tool\":\"sitesnap\"", with: "\"tool\":\"sitesnaq\"")
        XCTAssertThrowsError(try confirm(Data(edited.utf8))) { error in
            XCTAssertTrue("\(error)".contains("differs from the manifest copy"), "\(error)")
        }
    }
}

/// Bytes handed out 1,000 at a time.
private final class SmallReads: ByteSource {
    private var data: Data
    init(_ data: Data) { self.data = data }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(1000, buffer.count, data.count)
        data.prefix(n).copyBytes(to: buffer)
        data = data.dropFirst(n)
        return n
    }
}
