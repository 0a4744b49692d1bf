import Foundation
import XCTest
@testable import SitesnapSystem

final class AtomicFileTests: XCTestCase {
    private func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "/sitesnap-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        addTeardownBlock { _ = chmod(d, 0o755); try? FileManager.default.removeItem(atPath: d) }
        return d
    }

    private func listing(_ d: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: d).sorted() }

    func testReplacesTheFileWithTheModeGivenAndLeavesNoTemporaryFile() throws {
        let d = try tempDir()
        try Data("old".utf8).write(to: URL(fileURLWithPath: d + "/f"))
        try AtomicFile.write(Array("new contents".utf8), to: d + "/f", mode: 0o440)
        XCTAssertEqual(try String(contentsOfFile: d + "/f", encoding: .utf8), "new contents")
        var st = stat()
        XCTAssertEqual(stat(d + "/f", &st), 0)
        XCTAssertEqual(st.st_mode & 0o7777, 0o440)
        XCTAssertEqual(try listing(d), ["f"])
    }

    /// A write that cannot finish (here: no room on a 1 MiB tmpfs when root can mount one; else a
    /// folder nobody may write) leaves the old file whole and no temporary file.
    func testAFailedWriteLeavesTheOldFileAndNoPartialOne() throws {
        let d = try tempDir()
        let mounted = getuid() == 0 && Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", d]) == 0
        if mounted { addTeardownBlock { _ = Self.run("/bin/umount", [d]) } }
        try Data("old".utf8).write(to: URL(fileURLWithPath: d + "/f"))
        if mounted {
            XCTAssertThrowsError(try AtomicFile.write([UInt8](repeating: 1, count: 4 << 20), to: d + "/f")) { e in
                XCTAssertEqual((e as? SystemError)?.code, ENOSPC, "\(e)")
            }
        } else {
            XCTAssertEqual(chmod(d, 0o555), 0)
            if access(d, W_OK) == 0 { throw XCTSkip("root without mount: cannot provoke a failed write") }
            XCTAssertThrowsError(try AtomicFile.write(Array("new".utf8), to: d + "/f"))
        }
        XCTAssertEqual(try String(contentsOfFile: d + "/f", encoding: .utf8), "old")
        XCTAssertEqual(try listing(d), ["f"])
    }

    /// `keepFolder` writes into a read-only folder and leaves its mode and mtime as they were.
    func testKeepFolderRestoresTheFoldersModeAndTimes() throws {
        let d = try tempDir()
        let sub = d + "/ro"
        XCTAssertEqual(mkdir(sub, 0o755), 0)
        try Data("old".utf8).write(to: URL(fileURLWithPath: sub + "/settings.php"))
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        XCTAssertEqual(utimensat(AT_FDCWD, sub, &times, 0), 0)
        XCTAssertEqual(chmod(sub, 0o555), 0)
        try AtomicFile.write(Array("new".utf8), to: sub + "/settings.php", mode: 0o444, keepFolder: true)
        var st = stat()
        XCTAssertEqual(stat(sub, &st), 0)
        XCTAssertEqual(st.st_mode & 0o7777, 0o555)
        XCTAssertEqual(st.st_mtim.tv_sec, 1_000_000_000)
        XCTAssertEqual(try String(contentsOfFile: sub + "/settings.php", encoding: .utf8), "new")
        XCTAssertEqual(try listing(sub), ["settings.php"])
    }

    /// Under a signal storm the file is still written whole.
    func testSurvivesASignalStorm() throws {
        let d = try tempDir()
        let bytes = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        try SignalStorm.during { try AtomicFile.write(bytes, to: d + "/big") }
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: d + "/big")) == Data(bytes))
    }

    private static func run(_ tool: String, _ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

extension AtomicFileTests {
    /// A link is followed (its target replaced, the link kept); a FIFO is written into, not replaced.
    func testFollowsALinkAndWritesIntoAFifo() throws {
        let d = NSTemporaryDirectory() + "/sitesnap-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: d + "/real"))
        XCTAssertEqual(symlink("real", d + "/link"), 0)
        try AtomicFile.write(Array("new".utf8), to: d + "/link")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: d + "/link"), "real")
        XCTAssertEqual(try String(contentsOfFile: d + "/real", encoding: .utf8), "new")
        XCTAssertEqual(mkfifo(d + "/fifo", 0o600), 0)
        let got = Locked("")
        let reader = WorkerPool(name: "fifo") {
            guard let fifo = try? FileDescriptor(opening: d + "/fifo", flags: O_RDONLY) else { return }
            var bytes = [UInt8](repeating: 0, count: 64)
            let n = bytes.withUnsafeMutableBytes { (try? fifo.read(into: $0)) ?? 0 }
            got.withLock { $0 = String(decoding: bytes[0..<n], as: UTF8.self) }
        }
        try AtomicFile.write(Array("through".utf8), to: d + "/fifo")
        reader.join()
        XCTAssertEqual(got.withLock { $0 }, "through")
        var st = stat()
        XCTAssertEqual(lstat(d + "/fifo", &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)
    }
}
