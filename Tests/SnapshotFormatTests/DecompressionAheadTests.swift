import ArchiveKit
import Foundation
@testable import SnapshotFormat
import XCTest

/// Verify's pipeline: the archive decompressed on a thread of its own reads exactly as the one-thread
/// reader does (concatenated zstd frames and gzip members, data across many chunks); damaged
/// compressed data and a file that is not tar are errors; a reader dropped half-way stops its thread.
final class DecompressionAheadTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/decompression-ahead-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/src", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func sh(_ command: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, command)
    }

    /// Every entry's path, kind and data (hashed by its bytes) as `reader` yields them.
    private func entries(_ reader: ArchiveReader) throws -> [String] {
        var out: [String] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
        defer { buffer.deallocate() }
        while let e = try reader.nextEntry() {
            var sum: UInt64 = 0, bytes = 0
            while true {
                let n = try reader.readData(into: buffer)
                if n == 0 { break }
                for b in UnsafeRawBufferPointer(rebasing: buffer[0..<n]) { sum = sum &* 31 &+ UInt64(b) }
                bytes += n
            }
            out.append("\(e.path) \(e.kind) \(bytes) \(sum)")
        }
        return out
    }

    func testReadsConcatenatedPartsAsTheOneThreadReaderDoes() throws {
        // 3 MiB of incompressible data and a few small files: several 1 MiB chunks.
        try sh("cd '\(dir)/src' && head -c 3145728 /dev/urandom > big && for i in 1 2 3; do echo $i > f$i; done")
        for (compress, ext) in [("zstd -q -c", "zst"), ("gzip -c", "gz"), ("cat", "raw")] {
            let archive = "\(dir)/a.tar.\(ext)"
            // Two archives' streams joined: the first without its end blocks, as sitesnap's parts are.
            try sh("cd '\(dir)/src' && tar -b1 -cf ../p1.tar big f1 && head -c $(( $(stat -c %s ../p1.tar) - 1024 )) ../p1.tar > ../p1 && tar -b1 -cf ../p2.tar f2 f3"
                   + " && { \(compress) ../p1; \(compress) ../p2.tar; } > '\(archive)'")
            let one = try entries(try ArchiveReader(path: archive))
            XCTAssertEqual(one.count, 4, ext)
            XCTAssertEqual(try entries(try DecompressionAhead.reader(path: archive)), one, ext)
        }
    }

    func testDamagedCompressionAndNotTarAreErrors() throws {
        try sh("cd '\(dir)/src' && head -c 3145728 /dev/urandom > big && tar -cf - big | zstd -q -c > ../a.tar.zst"
               + " && cp ../a.tar.zst ../bad.tar.zst && printf 'XXXXXXXX' | dd of=../bad.tar.zst bs=1 seek=2000000 conv=notrunc status=none"
               + " && head -c 100000 /dev/urandom > ../noise")
        XCTAssertThrowsError(try entries(try DecompressionAhead.reader(path: dir + "/bad.tar.zst"))) { e in
            XCTAssertTrue(e is ArchiveError, "\(e)")
        }
        XCTAssertThrowsError(try entries(try DecompressionAhead.reader(path: dir + "/noise")))
        XCTAssertThrowsError(try DecompressionAhead.reader(path: dir + "/missing.tar.zst"))
        // Dropped after the first header: the decompressing thread is stopped, not left blocked.
        do {
            let r = try DecompressionAhead.reader(path: dir + "/a.tar.zst", depth: 1)
            XCTAssertEqual(try r.nextEntry()?.path, "big")
        }
    }
}
