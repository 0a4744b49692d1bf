@testable import SiteKnowledge
@testable import SnapshotFormat
import XCTest
@testable import SitesnapCore

/// PHP-serialized and JSON values decoded and compared by path; the dump reader's value grammar.
final class DiffValueTests: XCTestCase {
    func testPHPSerializedRoundTripAndByteLengths() throws {
        let text = #"a:3:{s:4:"name";s:6:"Zoë 🙂";i:5;a:2:{s:3:"url";s:22:"http://blog.example.te";s:1:"n";d:0.5;}s:3:"obj";O:8:"stdClass":1:{s:1:"a";b:1;}}"#
        // "Zoë 🙂" is 4 characters... but 9 bytes: lengths count bytes.
        let fixed = text.replacingOccurrences(of: #"s:6:"Zoë 🙂""#, with: #"s:\#("Zoë 🙂".utf8.count):"Zoë 🙂""#)
        let v = try XCTUnwrap(PHPSerialized.parse(Array(fixed.utf8)))
        XCTAssertEqual(String(decoding: v.serialized, as: UTF8.self), fixed, "written back byte for byte")
        XCTAssertNil(PHPSerialized.parse(Array(text.utf8)), "a wrong byte length is not guessed at")
        XCTAssertNil(PHPSerialized.parse(Array("a:1:{s:1:\"x\";".utf8)), "truncated")
        XCTAssertNil(PHPSerialized.parse(Array("just text".utf8)))
        XCTAssertEqual(PHPSerialized.parse(Array("i:-5;".utf8)), .int("-5"))
    }

    func testCronLikeChangesByPath() throws {
        func cron(_ hooks: [String]) -> [UInt8] {
            var inner = "a:\(hooks.count):{"
            for h in hooks { inner += "s:\(h.utf8.count):\"\(h)\";a:0:{}" }
            inner += "}"
            return Array("a:2:{i:1735689600;\(inner)s:7:\"version\";i:2;}".utf8)
        }
        let (a, f) = try XCTUnwrap(StructuredValue.decode(cron(["wp_version_check"])))
        let (b, _) = try XCTUnwrap(StructuredValue.decode(cron(["wp_version_check", "demo_cron"])))
        XCTAssertEqual(f, .phpSerialized)
        let changes = a.changes(to: b)
        XCTAssertEqual(changes, [PathChange(path: ["1735689600", "demo_cron"], change: .added, before: nil, after: "{}")])
        XCTAssertEqual(changes.first?.display, "1735689600 › demo_cron")
    }

    func testJSONChangesAndNonStructuredValues() throws {
        let (a, f) = try XCTUnwrap(StructuredValue.decode(Array(#"{"a":1,"b":{"c":"x"},"list":[1,2]}"#.utf8)))
        let (b, _) = try XCTUnwrap(StructuredValue.decode(Array(#"{"a":1,"b":{"c":"y"},"list":[1]}"#.utf8)))
        XCTAssertEqual(f, .json)
        XCTAssertEqual(a.changes(to: b).map(\.display), ["b › c", "list › 1"])
        XCTAssertNil(StructuredValue.decode(Array("plain text".utf8)))
        XCTAssertNil(StructuredValue.decode(Array("s:5:\"broken\";".utf8)), "looks serialized, does not parse: shown raw")
    }

    final class BytesSource: ByteSource {
        var data: [UInt8]
        var offset = 0
        init(_ s: String) { data = Array(s.utf8) }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let n = min(3, buffer.count, data.count - offset)  // tiny chunks: values cross buffer ends
            for i in 0..<n { buffer[i] = data[offset + i] }
            offset += n
            return n
        }
    }

    func testNumericKeyOrder() {
        XCTAssertEqual(RowOrder.compareNumbers(Array("9".utf8), Array("10".utf8)), -1)
        XCTAssertEqual(RowOrder.compareNumbers(Array("-10".utf8), Array("-9".utf8)), -1)
        XCTAssertEqual(RowOrder.compareNumbers(Array("18446744073709551615".utf8), Array("18446744073709551614".utf8)), 1)
        XCTAssertEqual(RowOrder.compareNumbers(Array("0.5".utf8), Array("0.25".utf8)), 1)
        XCTAssertEqual(RowOrder.compareBytes(Array("State".utf8), Array("state".utf8)), -1)
    }
}
