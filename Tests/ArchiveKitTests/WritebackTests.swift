import ArchiveKit
import Foundation
import XCTest

/// `Writeback` (sync_file_range while an archive part is written): the archive is the same with it,
/// and a file that refuses it (a pipe) is written all the same.
final class WritebackTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try ArchiveFixture.makeTempDir("writeback-tests") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func testAPartOfManyMiBWithWritebackReadsBackWhole() throws {
        // Uncompressed, 20 MiB: writeback is started twice while it is written.
        let big = Data((0..<(20 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 12) })
        let path = dir + "/big.tar"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        let w = try TarPartWriter(fileDescriptor: fd, compression: .none, endOfArchive: true, writeback: true)
        try w.writeHeader(ArchiveFixture.file("files/big.bin", big))
        try ArchiveFixture.write(big, path: "files/big.bin", with: w.writeData)
        try w.close()
        XCTAssertEqual(fsync(fd), 0)

        let r = try ArchiveReader(path: path)
        XCTAssertEqual(try r.nextEntry()?.kind, .regular(size: Int64(big.count)))
        XCTAssertEqual(try ArchiveFixture.readAll(r), big)
        XCTAssertNil(try r.nextEntry())
    }

    func testARegularFileTakesItAndAPipeRefusesItWithoutFailing() throws {
        let path = dir + "/plain"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { close(fd) }
        let file = Writeback(fileDescriptor: fd)
        let chunk = [UInt8](repeating: 7, count: 9 << 20)
        XCTAssertEqual(chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, chunk.count)
        file.advance()
        XCTAssertTrue(file.isActive, "sync_file_range on a regular file")

        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]) }
        let piped = Writeback(fileDescriptor: ends[1])
        XCTAssertFalse(piped.isActive, "a pipe has no offset (ESPIPE)")
        piped.start(upTo: 1 << 30)  // a no-op, not a failure
        // A part with writeback into the pipe: written whole (it fits in the pipe's buffer).
        let w = try TarPartWriter(fileDescriptor: ends[1], compression: .none, endOfArchive: true, writeback: true)
        let small = Data("hello\n".utf8)
        try w.writeHeader(ArchiveFixture.file("files/a.txt", small))
        try ArchiveFixture.write(small, path: "files/a.txt", with: w.writeData)
        try w.close()
        close(ends[1])
        var bytes = [UInt8](repeating: 0, count: 64 << 10)
        var total = 0
        while true {
            let n = bytes.withUnsafeMutableBytes { read(ends[0], $0.baseAddress! + total, $0.count - total) }
            if n <= 0 { break }
            total += n
        }
        XCTAssertEqual(total % 512, 0)
        XCTAssertGreaterThanOrEqual(total, 2048, "header, data and the end-of-archive blocks")
    }
}
