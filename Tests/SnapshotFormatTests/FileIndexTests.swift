import ArchiveKit
import Foundation
@testable import SitesnapSystem
@testable import SnapshotFormat
import XCTest

/// The streamed index: written and read back across chunk boundaries with its SHA-256, a cut or
/// damaged index is an error naming the line; the walk order is the tree walker's; the merge with
/// archive entries finds missing, extra and repeated entries without holding the list.
final class FileIndexTests: XCTestCase {
    private func record(_ path: String, _ type: FileType = .file) -> FileRecord {
        FileRecord(type: type, path: path, mode: 0o644, mtime: 1, mtimeNs: 2, size: type == .file ? 3 : nil,
                   sha256: type == .file ? String(repeating: "0", count: 64) : nil, uid: 1, gid: 1)
    }

    private func write(_ records: [FileRecord]) throws -> (String, FileIndexInfo) {
        let dir = NSTemporaryDirectory() + "/fileindex-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/index.jsonl"
        let w = try FileIndexWriter(path: path)
        for r in records { try w.append(r) }
        return (path, try w.finish())
    }

    func testWrittenIndexReadsBackWithItsChecksum() throws {
        // Enough records for several 256 KiB writes and 1 MiB reads.
        let records = (0..<20_000).map { record("wp-content/uploads/2024/01/image-\($0)-150x150.jpg") }
        let (path, info) = try write(records)
        XCTAssertEqual(info.records, 20_000)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Int64(data.count), info.bytes)
        var h = StreamingSHA256()
        data.withUnsafeBytes { h.update($0) }
        XCTAssertEqual(h.finalizeHex(), info.sha256)
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertThrowsError(try FileIndexWriter(path: path), "an existing file is never overwritten")

        let reader = FileIndexReader(source: try FileByteSource(path: path), name: path)
        var back: [FileRecord] = []
        while let r = try reader.next() { back.append(r) }
        XCTAssertEqual(back, records)
        XCTAssertEqual(reader.count, info.records)
        XCTAssertEqual(reader.sha256(), info.sha256)
    }

    func testCutOrDamagedIndexIsAnErrorNamingTheLine() throws {
        let (path, _) = try write((0..<10).map { record("f\($0)") })
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.removeLast(5)
        try data.write(to: URL(fileURLWithPath: path))
        let cut = FileIndexReader(source: try FileByteSource(path: path), name: path)
        XCTAssertThrowsError(try { while try cut.next() != nil {} }()) { e in
            XCTAssertTrue("\(e)".contains("ends inside a line"), "\(e)")
        }
        var lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        lines[3] = "{\"type\":\"file\""
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let bad = FileIndexReader(source: try FileByteSource(path: path), name: path)
        XCTAssertThrowsError(try { while try bad.next() != nil {} }()) { e in
            XCTAssertTrue("\(e)".contains("line 4 of its file index"), "\(e)")
        }
    }

    func testWalkOrderIsTheTreeWalkersOrder() {
        // Depth-first, a folder's names in byte order: "a" < "a/b" < "a-c" (byte order alone puts "a-c" first).
        let walk = ["", "a", "a/b", "a/b/c", "a-c", "a.txt", "aa", "b", "\u{E9}", RawName.string([0xFF])]
        for i in walk.indices {
            for j in walk.indices {
                XCTAssertEqual(WalkOrder.precedes(walk[i], walk[j]), i < j, "\(walk[i]) / \(walk[j])")
            }
        }
        // Raw bytes, not RawName's escape: 0xE9 sorts after "z", as the walker sorts it.
        XCTAssertTrue(WalkOrder.precedes("z", RawName.string([0xE9])))
    }

    func testMergeFindsMissingExtraAndRepeatedEntries() throws {
        let listed = ["", "a", "a/b", "a-c", "d", "e"].map { record($0, $0.isEmpty || $0 == "a" ? .dir : .file) }
        var merge = IndexMerge(FileIndexReader(records: listed))
        var missing: [String] = []
        XCTAssertEqual(try merge.record(for: "") { missing.append($0.path) }?.path, "")
        XCTAssertEqual(try merge.record(for: "a") { missing.append($0.path) }?.path, "a")
        // "a/b" skipped by the archive: missing as soon as the entry after it comes.
        XCTAssertEqual(try merge.record(for: "a-c") { missing.append($0.path) }?.path, "a-c")
        XCTAssertEqual(missing, ["a/b"])
        XCTAssertNil(try merge.record(for: "a-c") { missing.append($0.path) }, "a second entry of a name")
        XCTAssertTrue(merge.isRepeat("a-c"))
        XCTAssertNil(try merge.record(for: "c-extra") { missing.append($0.path) }, "an entry the index does not list")
        XCTAssertFalse(merge.isRepeat("c-extra"))
        XCTAssertEqual(try merge.record(for: "d") { missing.append($0.path) }?.path, "d")
        try merge.finish { missing.append($0.path) }
        XCTAssertEqual(missing, ["a/b", "e"])
        // Names equal under Unicode but not as bytes are different files.
        var nfc = IndexMerge(FileIndexReader(records: [record("\u{E9}")]))
        XCTAssertNil(try nfc.record(for: "e\u{301}") { _ in })
    }
}

/// The index read on a thread of its own gives the same records, count and SHA-256 as the reader on
/// the caller's thread, its errors after the records before them, and stops when dropped.
final class FileIndexReadAheadTests: XCTestCase {
    private func write(_ lines: [String]) throws -> String {
        let path = NSTemporaryDirectory() + "/readahead-\(UUID().uuidString).jsonl"
        let records = lines.map { FileRecord(type: .file, path: $0, mode: 0o644, mtime: 1, mtimeNs: 2, size: 3,
                                             sha256: String(repeating: "0", count: 64), uid: 1, gid: 1) }
        let w = try FileIndexWriter(path: path)
        for r in records { try w.append(r) }
        _ = try w.finish()
        return path
    }

    func testSameRecordsCountAndChecksum() throws {
        let path = try write((0..<5_000).map { "wp-content/uploads/\($0).jpg" })
        let plain = FileIndexReader(source: try FileByteSource(path: path), name: path)
        var want: [FileRecord] = []
        while let r = try plain.next() { want.append(r) }
        let ahead = FileIndexReadAhead(opening: { FileIndexReader(source: try FileByteSource(path: path), name: path) }, batchSize: 300, depth: 2)
        var got: [FileRecord] = []
        while let r = try ahead.next() { got.append(r) }
        XCTAssertEqual(got, want)
        XCTAssertNil(try ahead.next(), "stays at its end")
        XCTAssertEqual(ahead.count, plain.count)
        XCTAssertEqual(ahead.sha256(), plain.sha256())
    }

    func testErrorsComeAfterTheRecordsBeforeThemAndDroppingStops() throws {
        let path = try write((0..<1_000).map { "f\($0)" })
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        h.seekToEndOfFile()
        h.write(Data("{not json}\n".utf8))
        try h.close()
        let ahead = FileIndexReadAhead(opening: { FileIndexReader(source: try FileByteSource(path: path), name: path) }, batchSize: 64, depth: 1)
        var n = 0
        XCTAssertThrowsError(try { while try ahead.next() != nil { n += 1 } }()) { e in
            XCTAssertTrue("\(e)".contains("line 1001"), "\(e)")
        }
        XCTAssertEqual(n, 1_000)
        let missing = FileIndexReadAhead(opening: { FileIndexReader(source: try FileByteSource(path: path + ".none"), name: path) })
        XCTAssertThrowsError(try missing.next())
        // Dropped after one record with the queue full: the thread is stopped, not left blocked.
        do {
            let dropped = FileIndexReadAhead(opening: { FileIndexReader(source: try FileByteSource(path: path), name: path) }, batchSize: 8, depth: 1)
            XCTAssertNotNil(try dropped.next())
        }
    }
}
