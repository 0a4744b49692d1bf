import ArchiveKit
import Foundation
import XCTest

/// `DiskWriter` creates what stock `tar -x` creates from the same entries, and refuses `..`,
/// absolute paths and writing through a symlink whatever the caller asks.
final class DiskWriterTests: XCTestCase {
    private var dir = ""
    private var cwd = ""

    override func setUpWithError() throws {
        dir = try ArchiveFixture.makeTempDir("disk-writer-tests")
        cwd = FileManager.default.currentDirectoryPath
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        // DiskWriter's paths are relative to the working folder (a restore chdirs into its hidden folder).
        XCTAssertEqual(chdir(dir + "/out"), 0)
    }

    override func tearDownWithError() throws {
        _ = chdir(cwd)
        try? FileManager.default.removeItem(atPath: dir)
    }

    private let data = Data("<?php echo 1;\n".utf8)

    private var entries: [ArchiveEntry] {
        [ArchiveEntry(path: "site", kind: .directory, mode: 0o750, mtimeSeconds: 1_600_000_000),
         ArchiveFixture.file("site/index.php", data, mode: 0o640, mtime: 1_700_000_000, nanoseconds: 250_000_000),
         ArchiveEntry(path: "site/link.php", kind: .symlink(target: "index.php"), mode: 0o777, mtimeSeconds: 1_700_000_000),
         ArchiveEntry(path: "site/again.php", kind: .hardlink(target: "site/index.php"), mode: 0o640, mtimeSeconds: 1_700_000_000)]
    }

    private func extract(_ list: [ArchiveEntry]) throws {
        let w = try DiskWriter()
        for e in list {
            try w.writeHeader(e)
            if case .regular = e.kind { try ArchiveFixture.write(data, path: e.path, with: w.writeData) }
            try w.finishEntry(path: e.path)
        }
        try w.close()
    }

    private func info(_ path: String) -> stat {
        var st = Glibc.stat()
        XCTAssertEqual(lstat(path, &st), 0, path)
        return st
    }

    func testCreatesWhatStockTarCreatesFromTheSameEntries() throws {
        try extract(entries)
        // The same entries through TarPartWriter, extracted by stock tar.
        let archive = dir + "/same.tar"
        let fd = open(archive, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let w = try TarPartWriter(fileDescriptor: fd, compression: .none, endOfArchive: true)
        for e in entries {
            try w.writeHeader(e)
            if case .regular = e.kind { try ArchiveFixture.write(data, path: e.path, with: w.writeData) }
        }
        try w.close()
        close(fd)
        try FileManager.default.createDirectory(atPath: dir + "/tar", withIntermediateDirectories: false)
        XCTAssertEqual(try ArchiveFixture.tar(["-xpf", archive, "-C", dir + "/tar"]).status, 0)

        for path in ["site", "site/index.php", "site/link.php", "site/again.php"] {
            let mine = info(dir + "/out/" + path), theirs = info(dir + "/tar/" + path)
            XCTAssertEqual(mine.st_mode, theirs.st_mode, path)
            XCTAssertEqual(mine.st_size, theirs.st_size, path)
            if (mine.st_mode & S_IFMT) != S_IFLNK {
                XCTAssertEqual(mine.st_mtim.tv_sec, theirs.st_mtim.tv_sec, path)
                XCTAssertEqual(mine.st_mtim.tv_nsec, theirs.st_mtim.tv_nsec, path)
            }
        }
        XCTAssertEqual(info(dir + "/out/site").st_mtim.tv_sec, 1_600_000_000, "a folder's mtime is set at close, after its files")
        XCTAssertEqual(info(dir + "/out/site/index.php").st_mtim.tv_nsec, 250_000_000)
        XCTAssertEqual(info(dir + "/out/site/index.php").st_mode & 0o7777, 0o640)
        XCTAssertEqual(info(dir + "/out/site/again.php").st_ino, info(dir + "/out/site/index.php").st_ino, "a hard link, not a copy")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/out/site/link.php"), "index.php")
        XCTAssertEqual(FileManager.default.contents(atPath: dir + "/out/site/index.php"), data)
    }

    func testRefusesDotDotAndAbsolutePaths() throws {
        for path in ["../escaped.php", "site/../../escaped.php", dir + "/absolute.php"] {
            let w = try DiskWriter()
            XCTAssertThrowsError(try w.writeHeader(ArchiveFixture.file(path, data)), path) { e in
                XCTAssertNotNil(e as? ArchiveError, path)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/escaped.php"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/absolute.php"))
    }

    /// SECURE_SYMLINKS with UNLINK: a symlink met on the way to an entry is removed and replaced by a
    /// real folder, so the file lands inside the extraction, never where the link pointed.
    func testNeverWritesThroughASymlink() throws {
        try FileManager.default.createDirectory(atPath: dir + "/outside", withIntermediateDirectories: false)
        let w = try DiskWriter()
        try w.writeHeader(ArchiveEntry(path: "uploads", kind: .symlink(target: dir + "/outside"), mode: 0o777, mtimeSeconds: 0))
        try w.finishEntry(path: "uploads")
        try w.writeHeader(ArchiveFixture.file("uploads/shell.php", data))
        try ArchiveFixture.write(data, path: "uploads/shell.php", with: w.writeData)
        try w.finishEntry(path: "uploads/shell.php")
        try w.close()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/outside"), [], "nothing written through the link")
        XCTAssertEqual(info(dir + "/out/uploads").st_mode & S_IFMT, S_IFDIR, "the link was replaced by a folder")
        XCTAssertEqual(FileManager.default.contents(atPath: dir + "/out/uploads/shell.php"), data)
    }
}
