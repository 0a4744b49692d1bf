import ArchiveKit
import Foundation
import XCTest

/// `ArchiveReader` on archives made by stock `tar`: entry kinds, metadata, streamed data, and the
/// errors of what is missing, not an archive, or cut short.
final class ArchiveReaderTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try ArchiveFixture.makeTempDir("archive-reader-tests") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// `src/d/` with a file, a symlink and a hard link to the file.
    private func tree(fileBytes: Int = 5) throws -> String {
        let src = dir + "/src"
        try FileManager.default.createDirectory(atPath: src + "/d", withIntermediateDirectories: true)
        let data = fileBytes == 5 ? Data("hello".utf8) : Data((0..<fileBytes).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) })
        XCTAssertTrue(FileManager.default.createFile(atPath: src + "/d/f", contents: data))
        chmod(src + "/d/f", 0o640)
        try FileManager.default.createSymbolicLink(atPath: src + "/d/s", withDestinationPath: "f")
        try FileManager.default.linkItem(atPath: src + "/d/f", toPath: src + "/d/h")
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 0), timespec(tv_sec: 1_700_000_000, tv_nsec: 0)]
        XCTAssertEqual(utimensat(AT_FDCWD, src + "/d/f", &times, 0), 0)
        return src
    }

    func testReadsWhatStockTarWritesInAnyCompression() throws {
        let src = try tree()
        for flag in ["", "--gzip", "--zstd"] {
            let archive = dir + "/stock\(flag).tar"
            XCTAssertEqual(try ArchiveFixture.tar(["--format=pax"] + (flag.isEmpty ? [] : [flag]) + ["-cf", archive, "-C", src, "d/f", "d/s", "d/h", "d"]).status, 0)
            let r = try ArchiveReader(path: archive)
            let f = try XCTUnwrap(try r.nextEntry())
            XCTAssertEqual(f.path, "d/f")
            XCTAssertEqual(f.kind, .regular(size: 5))
            XCTAssertEqual(f.mode, 0o640)
            XCTAssertEqual(f.mtimeSeconds, 1_700_000_000)
            XCTAssertEqual(f.uid, Int64(getuid()))
            XCTAssertEqual(try ArchiveFixture.readAll(r), Data("hello".utf8), flag)
            XCTAssertEqual(try r.nextEntry()?.kind, .symlink(target: "f"))
            XCTAssertEqual(try r.nextEntry()?.kind, .hardlink(target: "d/f"), "the second name of a file is a link to the first")
            let d = try XCTUnwrap(try r.nextEntry())
            XCTAssertEqual(d.path, "d", "a folder's name comes without tar's trailing slash")
            XCTAssertEqual(d.kind, .directory)
            // Then the folder's children again (tar recurses into d, in readdir order): data not
            // read is skipped by the next `nextEntry()`.
            var again: Set<String> = []
            while let e = try r.nextEntry() { again.insert(e.path) }
            XCTAssertEqual(again, ["d/f", "d/s", "d/h"], flag)
        }
    }

    func testAMissingFileFailsToOpen() {
        XCTAssertThrowsError(try ArchiveReader(path: dir + "/none.tar")) { e in
            let error = e as? ArchiveError
            XCTAssertEqual(error?.context, "opening \(dir)/none.tar")
            XCTAssertEqual(error?.code, ENOENT)
        }
    }

    func testWhatIsNotAnArchiveIsAnError() throws {
        let path = dir + "/notes.txt"
        try Data(String(repeating: "not a tar archive\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try { let r = try ArchiveReader(path: path); _ = try r.nextEntry() }()) { e in
            XCTAssertNotNil(e as? ArchiveError, "\(e)")
        }
    }

    func testAnArchiveCutShortIsAnErrorNotAShortFile() throws {
        let src = try tree(fileBytes: 200_000)
        let archive = dir + "/cut.tar"
        XCTAssertEqual(try ArchiveFixture.tar(["-cf", archive, "-C", src, "d/f"]).status, 0)
        XCTAssertEqual(truncate(archive, 100_000), 0)
        let r = try ArchiveReader(path: archive)
        XCTAssertEqual(try r.nextEntry()?.kind, .regular(size: 200_000))
        XCTAssertThrowsError(try ArchiveFixture.readAll(r)) { e in
            XCTAssertEqual((e as? ArchiveError)?.context, "reading data from \(archive)")
        }
    }
}
