import ArchiveKit
import Foundation
import XCTest

/// Temp folders, stock `tar` and byte helpers for the ArchiveKit tests.
enum ArchiveFixture {
    /// A new empty folder under `$SITESNAP_TEST_TMP` (scripts/test) or the system's temp folder.
    static func makeTempDir(_ name: String) throws -> String {
        let base = ProcessInfo.processInfo.environment["SITESNAP_TEST_TMP"] ?? NSTemporaryDirectory()
        let dir = URL(fileURLWithPath: base + "/\(name)-" + UUID().uuidString).standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs `/usr/bin/tar` with `arguments`; returns its status and stdout.
    @discardableResult
    static func tar(_ arguments: [String], in folder: String? = nil) throws -> (status: Int32, stdout: Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        p.arguments = arguments
        if let folder { p.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, data)
    }

    /// `tar -tf`: entry names in archive order, without the trailing `/` of folders.
    static func names(_ archive: String) throws -> [String] {
        let r = try tar(["-tf", archive])
        XCTAssertEqual(r.status, 0, "tar -tf \(archive)")
        return String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map { String($0.hasSuffix("/") ? $0.dropLast() : $0) }
    }

    /// Writes `data` as the data of the entry just started.
    static func write<W>(_ data: Data, path: String, with write: (UnsafeRawBufferPointer, String) throws -> W) throws {
        try data.withUnsafeBytes { _ = try write($0, path) }
    }

    /// All the data left of the current entry.
    static func readAll(_ r: ArchiveReader) throws -> Data {
        var out = Data()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1000, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try r.readData(into: buffer)
            if n == 0 { return out }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// An entry of a regular file of `data`.
    static func file(_ path: String, _ data: Data, mode: UInt32 = 0o644, mtime: Int64 = 1_700_000_000, nanoseconds: Int64 = 0) -> ArchiveEntry {
        ArchiveEntry(path: path, kind: .regular(size: Int64(data.count)), mode: mode, mtimeSeconds: mtime, mtimeNanoseconds: nanoseconds)
    }
}
