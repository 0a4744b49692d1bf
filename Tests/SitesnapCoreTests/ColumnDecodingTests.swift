@testable import SitesnapCore
@testable import SnapshotFormat
import XCTest

/// What a shown value holds: a binary column's text when it is text, and a whole added or removed
/// value decoded by its top-level entries.
final class ColumnDecodingTests: XCTestCase {
    private func binary(_ bytes: [UInt8]) -> DumpValue { DumpValue(kind: .binary, bytes: bytes) }

    func testBinaryTextOnlyWhenItIsText() {
        XCTAssertEqual(ColumnDecoding.text(Array("i:8000;".utf8)), "i:8000;")
        XCTAssertEqual(ColumnDecoding.text(Array("Zoë 🙂".utf8)), "Zoë 🙂")
        XCTAssertNil(ColumnDecoding.text([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG's first bytes are no UTF-8")
        XCTAssertNil(ColumnDecoding.text([0x61, 0x00, 0x62]), "NUL bytes: binary")
        // A binary value that is no text keeps only its hex; no format, no paths.
        var c = DiffReport.ColumnChange.added("0x8950")
        ColumnDecoding.decorate(&c, before: nil, after: binary([0x89, 0x50]))
        XCTAssertNil(c.afterText)
        XCTAssertNil(c.format)
    }

    func testAddedAndRemovedValuesByTheirTopLevelEntries() throws {
        var added = DiffReport.ColumnChange.added("0x…")
        ColumnDecoding.decorate(&added, before: nil, after: binary(Array(#"a:2:{s:8:"langcode";s:2:"en";s:6:"status";b:1;}"#.utf8)))
        XCTAssertEqual(added.format, "php-serialized")
        XCTAssertEqual(added.paths, [PathChange(path: ["langcode"], change: .added, before: nil, after: "en"),
                                     PathChange(path: ["status"], change: .added, before: nil, after: "true")])
        var removed = DiffReport.ColumnChange.removed("0x…")
        ColumnDecoding.decorate(&removed, before: binary(Array("i:8000;".utf8)), after: nil)
        XCTAssertEqual(removed.beforeText, "i:8000;")
        XCTAssertEqual(removed.paths, [PathChange(path: [], change: .removed, before: "8000", after: nil)])
        // A text column holding JSON (Joomla params): decoded, no text copy (it is text already).
        var params = DiffReport.ColumnChange.added(#"{"mode":"strict"}"#)
        ColumnDecoding.decorate(&params, before: nil, after: DumpValue(kind: .text, bytes: Array(#"{"mode":"strict"}"#.utf8)))
        XCTAssertEqual(params.format, "json")
        XCTAssertNil(params.afterText)
        XCTAssertEqual(params.paths?.map(\.display), ["mode"])
        // A number is never read as serialized data.
        var n = DiffReport.ColumnChange.added("5")
        ColumnDecoding.decorate(&n, before: nil, after: DumpValue(kind: .number, bytes: Array("5".utf8)))
        XCTAssertNil(n.format)
    }
}
