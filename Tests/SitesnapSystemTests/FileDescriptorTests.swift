import Foundation
import XCTest
@testable import SitesnapSystem

final class FileDescriptorTests: XCTestCase {
    private func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "/sitesnap-system-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: d) }
        return d
    }

    func testWritesAllReadsBackAndClosesOnce() throws {
        let path = try tempDir() + "/f"
        let bytes = (0..<300_000).map { UInt8($0 % 251) }
        let w = try FileDescriptor(opening: path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o640)
        try bytes.withUnsafeBytes { try w.writeAll($0) }
        try w.sync()
        try w.close()
        try w.close()  // idempotent
        XCTAssertEqual(w.raw, -1)
        let r = try FileDescriptor(opening: path, flags: O_RDONLY)
        var back: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 8)
        defer { buffer.deallocate() }
        while case let n = try r.read(into: buffer), n > 0 { back += buffer[0..<n] }
        XCTAssertEqual(back, bytes)
        let n = try r.read(into: buffer, at: 299_990)
        XCTAssertEqual(Array(buffer[0..<n]), Array(bytes[299_990...]))
    }

    func testDeinitClosesTheDescriptor() throws {
        let path = try tempDir() + "/f"
        var raw: Int32 = -1
        do {
            let fd = try FileDescriptor(opening: path, flags: O_WRONLY | O_CREAT)
            raw = fd.raw
        }
        XCTAssertEqual(fcntl(raw, F_GETFD), -1)
        XCTAssertEqual(errno, EBADF)
    }

    func testOpenFailureNamesThePath() {
        XCTAssertThrowsError(try FileDescriptor(opening: "/nonexistent/f", flags: O_RDONLY)) { e in
            XCTAssertEqual((e as? SystemError)?.path, "/nonexistent/f")
            XCTAssertEqual((e as? SystemError)?.code, ENOENT)
        }
    }

    /// A pipe whose reader is slow makes write(2) return short counts and EINTR under a signal storm:
    /// writeAll still delivers every byte in order.
    func testWriteAllSurvivesShortWritesAndEINTR() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let reader = FileDescriptor(adopting: fds[0], path: "pipe")
        let writer = FileDescriptor(adopting: fds[1], path: "pipe")
        let bytes = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let received = Locked<[UInt8]>([])
        let readerThread = WorkerPool(name: "pipe-reader") {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
            defer { buffer.deallocate() }
            var got: [UInt8] = []
            while let n = try? reader.read(into: buffer), n > 0 { got += buffer[0..<n]; usleep(10) }
            received.withLock { $0 = got }
        }
        try SignalStorm.during {
            try bytes.withUnsafeBytes { try writer.writeAll($0) }
        }
        try writer.close()
        readerThread.join()
        XCTAssertEqual(received.withLock { $0 }.count, bytes.count)
        XCTAssertTrue(received.withLock { $0 } == bytes)
    }
}
