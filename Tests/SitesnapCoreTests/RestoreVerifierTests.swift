@testable import SitesnapSystem
@testable import SnapshotFormat
import XCTest
@testable import SitesnapCore

/// The file half of a restore's verification: without `--read-back` the written tree is checked by
/// type, size, mode and mtime (content was hashed as it was written); with it, every file's content
/// is read back and hashed too.
final class RestoreVerifierTests: XCTestCase {
    private func record(_ root: String, _ path: String, content: String) throws -> FileRecord {
        let full = root + "/" + path
        try content.write(toFile: full, atomically: false, encoding: .utf8)
        chmod(full, 0o640)
        var st = stat()
        XCTAssertEqual(lstat(full, &st), 0)
        var h = StreamingSHA256()
        Array(content.utf8).withUnsafeBytes { h.update($0) }
        return FileRecord(type: .file, path: path, mode: 0o640, mtime: Int64(st.st_mtim.tv_sec), mtimeNs: Int64(st.st_mtim.tv_nsec),
                          size: Int64(content.utf8.count), sha256: h.finalizeHex(), target: nil)
    }

    /// Rewrites `path` with `content`, keeping its mtime (as a change that only the content shows).
    private func rewrite(_ root: String, _ path: String, _ content: String) throws {
        let full = root + "/" + path
        var st = stat()
        lstat(full, &st)
        try content.write(toFile: full, atomically: false, encoding: .utf8)
        var times = [st.st_atim, st.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, full, &times, 0), 0)
    }

    func testMetadataCheckByDefaultContentWithReadBack() throws {
        let root = TestEnvironment.makeTempDir("verify")
        let same = try record(root, "same.txt", content: "unchanged")
        let content = try record(root, "content.txt", content: "original")
        let size = try record(root, "size.txt", content: "original")
        let mode = try record(root, "mode.txt", content: "original")
        let entries = [same, content, size, mode]
        try rewrite(root, "content.txt", "ORIGINAL")   // same size and mtime, other bytes
        try rewrite(root, "size.txt", "longer than before")
        chmod(root + "/mode.txt", 0o666)

        let quick = RestoreVerifier.verifyFiles(entries[...], target: root, rewritten: [], readBack: false)
        XCTAssertFalse(quick.filesReadBack)
        XCTAssertEqual(quick.filesChecked, 4)
        XCTAssertEqual(Set(quick.filesDiffering), ["size.txt (size)", "mode.txt (mode)"])

        let full = RestoreVerifier.verifyFiles(entries[...], target: root, rewritten: [], readBack: true)
        XCTAssertTrue(full.filesReadBack)
        XCTAssertEqual(Set(full.filesDiffering), ["content.txt", "size.txt", "mode.txt (mode)"])

        // A folder where a file belongs is found in both modes.
        unlink(root + "/same.txt")
        mkdir(root + "/same.txt", 0o755)
        for readBack in [false, true] {
            let v = RestoreVerifier.verifyFiles([same][...], target: root, rewritten: [], readBack: readBack)
            XCTAssertFalse(v.filesDiffering.isEmpty, "readBack \(readBack)")
        }
    }
}
