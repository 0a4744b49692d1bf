import ArchiveKit
import Foundation
import XCTest

/// Parts written by `TarPartWriter`, joined end to end, read back by stock `tar` and by `ArchiveReader`.
final class TarPartWriterTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try ArchiveFixture.makeTempDir("tar-part-writer-tests") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Writes two parts into one file: `first` entries (a part without the end of archive), then
    /// `second` entries (the last part).
    private func twoParts(_ path: String, _ compression: ArchiveCompression,
                          first: [(ArchiveEntry, Data)], second: [(ArchiveEntry, Data)]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        for (entries, last) in [(first, false), (second, true)] {
            let w = try TarPartWriter(fileDescriptor: fd, compression: compression, endOfArchive: last)
            for (e, data) in entries {
                try w.writeHeader(e)
                try ArchiveFixture.write(data, path: e.path, with: w.writeData)
            }
            try w.close()
        }
    }

    func testJoinedPartsAreOneArchiveForStockTarInEveryCompression() throws {
        let big = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        for (compression, flag) in [(ArchiveCompression.zstd(level: 3, threads: 2), "--zstd"), (.gzip(level: 6), "--gzip"), (.none, "")] {
            let path = dir + "/parts\(flag).tar"
            try twoParts(path, compression,
                         first: [(ArchiveFixture.file("database/1.sql", Data("CREATE TABLE t (a INT);\n".utf8)), Data("CREATE TABLE t (a INT);\n".utf8))],
                         second: [(ArchiveEntry(path: "files", kind: .directory, mode: 0o755, mtimeSeconds: 1_700_000_000), Data()),
                                  (ArchiveFixture.file("files/big.bin", big), big),
                                  (ArchiveEntry(path: "files/link", kind: .symlink(target: "big.bin"), mode: 0o777, mtimeSeconds: 1_700_000_000), Data())])
            let listed = try ArchiveFixture.tar((flag.isEmpty ? [] : [flag]) + ["-tf", path])
            XCTAssertEqual(listed.status, 0, "\(compression)")
            XCTAssertEqual(String(decoding: listed.stdout, as: UTF8.self), "database/1.sql\nfiles/\nfiles/big.bin\nfiles/link\n", "\(compression)")
            let out = dir + "/x\(flag)"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
            XCTAssertEqual(try ArchiveFixture.tar((flag.isEmpty ? [] : [flag]) + ["-xf", path, "-C", out]).status, 0)
            XCTAssertEqual(FileManager.default.contents(atPath: out + "/files/big.bin"), big, "\(compression)")
            XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/files/link"), "big.bin")

            let r = try ArchiveReader(path: path)
            XCTAssertEqual(try r.nextEntry()?.path, "database/1.sql")
            XCTAssertEqual(try r.nextEntry()?.kind, .directory)
            let e = try XCTUnwrap(try r.nextEntry())
            XCTAssertEqual(e.kind, .regular(size: Int64(big.count)))
            XCTAssertEqual(try ArchiveFixture.readAll(r), big, "ArchiveReader reads across the parts (\(compression))")
            XCTAssertEqual(try r.nextEntry()?.kind, .symlink(target: "big.bin"))
            XCTAssertNil(try r.nextEntry())
        }
    }

    func testKeepsModesNanosecondMtimesAndRawNames() throws {
        let latin1 = RawName.string([0x63, 0x61, 0x66, 0xE9])  // "caf\xE9": not UTF-8
        let path = dir + "/meta.tar"
        try twoParts(path, .none, first: [],
                     second: [(ArchiveFixture.file("files/" + latin1, Data("x".utf8), mode: 0o640, mtime: 1_700_000_123, nanoseconds: 456_789_000), Data("x".utf8))])
        XCTAssertEqual(try ArchiveFixture.tar(["--quoting-style=literal", "-tf", path]).stdout, Data([0x66, 0x69, 0x6C, 0x65, 0x73, 0x2F, 0x63, 0x61, 0x66, 0xE9, 0x0A]),
                       "stock tar sees the name's bytes")
        let e = try XCTUnwrap(try ArchiveReader(path: path).nextEntry())
        XCTAssertEqual(e.path, "files/" + latin1)
        XCTAssertEqual(e.mode, 0o640)
        XCTAssertEqual(e.mtimeSeconds, 1_700_000_123)
        XCTAssertEqual(e.mtimeNanoseconds, 456_789_000)
    }

    func testAPartWithoutTheEndIsNotYetAnArchiveEnd() throws {
        let path = dir + "/open.tar"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let w = try TarPartWriter(fileDescriptor: fd, compression: .none, endOfArchive: false)
        try w.writeHeader(ArchiveFixture.file("a", Data("a".utf8)))
        try ArchiveFixture.write(Data("a".utf8), path: "a", with: w.writeData)
        try w.close()
        close(fd)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        XCTAssertEqual(bytes.count % 512, 0)
        XCTAssertTrue(bytes.suffix(512).contains { $0 != 0 }, "ends with the data block: the two zero blocks are held back")
        XCTAssertEqual(try ArchiveFixture.names(path), ["a"], "stock tar reads a part that is not the last")
    }

    func testRejectsABadLevelWithLibarchivesMessage() throws {
        let fd = open(dir + "/bad.tar", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { close(fd) }
        XCTAssertThrowsError(try TarPartWriter(fileDescriptor: fd, compression: .zstd(level: 99, threads: 1), endOfArchive: true)) { e in
            let error = e as? ArchiveError
            XCTAssertEqual(error?.context, "setting zstd level 99")
            XCTAssertFalse(error?.message.isEmpty ?? true)
        }
    }

    func testAWriteToAClosedDescriptorFails() throws {
        let fds = UnsafeMutablePointer<Int32>.allocate(capacity: 2)
        defer { fds.deallocate() }
        XCTAssertEqual(pipe(fds), 0)
        close(fds[0])  // nobody reads: writes fail with EPIPE
        defer { close(fds[1]) }
        signal(SIGPIPE, SIG_IGN)
        let w = try TarPartWriter(fileDescriptor: fds[1], compression: .none, endOfArchive: true)
        let data = Data(count: 1 << 20)
        XCTAssertThrowsError(try {
            try w.writeHeader(ArchiveFixture.file("big", data))
            try ArchiveFixture.write(data, path: "big", with: w.writeData)
            try w.close()
        }()) { e in
            XCTAssertEqual((e as? ArchiveError)?.code, EPIPE, "\(e)")
        }
    }
}
