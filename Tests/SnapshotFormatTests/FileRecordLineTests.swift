import ArchiveKit
import Foundation
@testable import SnapshotFormat
import XCTest

/// The index's own line codec: what it writes JSONDecoder reads as the same record (and it reads
/// what JSONEncoder writes), names that are not UTF-8 and characters JSON must escape survive, and a
/// damaged line is an error that says what is wrong, never a record.
final class FileRecordLineTests: XCTestCase {
    private let records: [FileRecord] = [
        FileRecord(type: .dir, path: "", mode: 0o755, mtime: 1_764_441_201, mtimeNs: 0, uid: 33, gid: 33),
        FileRecord(type: .file, path: "wp-config.php", mode: 0o640, mtime: -5, mtimeNs: 999_999_999, size: 3190,
                   sha256: String(repeating: "ab", count: 32), uid: 0, gid: Int64(UInt32.max)),
        FileRecord(type: .file, path: "quote\"back\\slash\ttab\nnewline\u{1}ctl/é e\u{301} 😀", mode: 0o4755, mtime: 1, mtimeNs: 2, size: 0, sha256: "00"),
        FileRecord(type: .symlink, path: "link", mode: 0o777, mtime: 3, mtimeNs: 4, target: "../outside/x"),
        FileRecord(type: .hardlink, path: "other name", mode: 0o644, mtime: 5, mtimeNs: 6, target: "wp-config.php"),
        FileRecord(type: .file, path: RawName.string([0x64, 0xE9, 0x2F, 0x63, 0xFF]), mode: 0o600, mtime: 7, mtimeNs: 8, size: 1, sha256: "11"),
        FileRecord(type: .symlink, path: "raw-target", mode: 0o777, mtime: 9, mtimeNs: 10, target: RawName.string([0x80, 0x41])),
    ]

    private func line(_ r: FileRecord) -> [UInt8] {
        var out: [UInt8] = []
        FileRecordLine.append(r, to: &out)
        return out
    }

    private func parse(_ bytes: [UInt8]) throws -> FileRecord {
        try bytes.withUnsafeBytes { try FileRecordLineParser.parse($0) }
    }

    func testLinesRoundTripAndAgreeWithFoundation() throws {
        for r in records {
            let l = line(r)
            XCTAssertEqual(l.last, UInt8(ascii: "\n"))
            XCTAssertEqual(l.filter { $0 == UInt8(ascii: "\n") }.count, 1, "one line, whatever the name holds")
            let body = Array(l.dropLast())
            XCTAssertEqual(try parse(body), r)
            XCTAssertEqual(try JSONDecoder().decode(FileRecord.self, from: Data(body)), r, "JSONDecoder reads the line as the same record")
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            XCTAssertEqual(try parse(Array(try e.encode(r))), r, "the parser reads JSONEncoder's form")
            let pretty = JSONEncoder()
            pretty.outputFormatting = [.prettyPrinted]
            XCTAssertEqual(try parse(Array(try pretty.encode(r))), r, "whitespace, other key order and escaped slashes")
        }
    }

    func testEscapesAndUnknownKeysAreRead() throws {
        let text = #"{"type":"file","path":"a\/b\u00e9\ud83d\ude00\"","mode":420,"mtime":1,"mtime_ns":2,"size":null,"future":{"x":1},"flag":true}"#
        // A nested value of an unknown key is not part of the line format: refused, not guessed.
        XCTAssertThrowsError(try parse(Array(text.utf8)))
        let flat = #"{"type":"file","path":"a\/b\u00e9\ud83d\ude00\"","mode":420,"mtime":1,"mtime_ns":2,"size":null,"flag":true,"n":-1.5e3}"#
        let r = try parse(Array(flat.utf8))
        XCTAssertEqual(r.path, "a/bé😀\"")
        XCTAssertNil(r.size)
    }

    func testDamagedLinesAreRefusedWithAReason() {
        let good = String(decoding: line(records[1]).dropLast(), as: UTF8.self)
        let bad = [
            "", "{", good + "x", String(good.dropLast()),
            good.replacingOccurrences(of: "\"type\":\"file\"", with: "\"type\":\"fifo\""),
            good.replacingOccurrences(of: "\"mode\":416,", with: ""),
            good.replacingOccurrences(of: "\"size\":3190", with: "\"size\":3190.5"),
            good.replacingOccurrences(of: "\"size\":3190", with: "\"size\":99999999999999999999"),
            good.replacingOccurrences(of: "\"mode\":416", with: "\"mode\":-1"),
            #"{"type":"file","path":"\ud800","mode":1,"mtime":1,"mtime_ns":1}"#,
            #"{"type":"file","path":"a","path_hex":"6","mode":1,"mtime":1,"mtime_ns":1}"#,
        ]
        for text in bad {
            XCTAssertThrowsError(try parse(Array(text.utf8)), text) { error in
                XCTAssertFalse((error as? FileRecordLineParser.Failure)?.reason.isEmpty ?? true, text)
            }
        }
        XCTAssertThrowsError(try parse([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]), "a key that is not UTF-8")
    }
}
