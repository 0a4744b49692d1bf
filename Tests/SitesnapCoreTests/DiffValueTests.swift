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

    private func json(_ text: String) throws -> StructuredValue {
        let (v, f) = try XCTUnwrap(StructuredValue.decode(Array(text.utf8)))
        XCTAssertEqual(f, .json)
        return v
    }

    private func encoded(_ p: PathChange) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(p), as: UTF8.self)
    }

    /// JSON keeps its types: a list stays a list, null/true/false/numbers are not strings, in the text
    /// and in the path changes (they were `{"0":"1","1":"2"}`, `"null"` and `"1"`).
    func testJSONValuesKeepTheirTypes() throws {
        let v = try json(#"{"list":[1,2],"none":null,"on":true,"off":false,"n":-1.25,"big":12345678901234567890,"s":"say \"hi\"\n"}"#)
        XCTAssertEqual(v.text, #"{"big":12345678901234567890,"list":[1,2],"n":-1.25,"none":null,"off":false,"on":true,"s":"say \"hi\"\n"}"#)
        XCTAssertEqual(try json("[1,[2,\"x\"],{}]").text, #"[1,[2,"x"],{}]"#)
        XCTAssertEqual(v.keys(atDepth: 0), ["big", "list", "n", "none", "off", "on", "s"])
        XCTAssertEqual(try json("[[\"a\"],[\"b\",\"c\"]]").keys(atDepth: 1), ["0", "0", "1"], "a list's keys are its indexes")

        let a = try json(#"{"on":true,"list":[1,2],"v":null,"mode":"loose","sub":{}}"#)
        let b = try json(#"{"on":false,"list":[1,2,3],"v":1,"mode":"strict","sub":{"x":[null]}}"#)
        let changes = a.changes(to: b)
        XCTAssertEqual(changes.map(\.display), ["list › 2", "mode", "on", "sub › x", "v"])
        XCTAssertEqual(changes.map(\.before), [nil, "loose", "true", nil, "null"])
        XCTAssertEqual(changes.map(\.after), ["3", "strict", "false", "[null]", "1"])
        XCTAssertEqual(try changes.map(encoded), [
            #"{"after":3,"before":null,"change":"added","path":["list","2"]}"#,
            #"{"after":"strict","before":"loose","change":"changed","path":["mode"]}"#,
            #"{"after":false,"before":true,"change":"changed","path":["on"]}"#,
            #"{"after":[null],"before":null,"change":"added","path":["sub","x"]}"#,
            #"{"after":1,"before":null,"change":"changed","path":["v"]}"#,
        ])
        // Read back as written: the typed values stay typed, a changed entry's null is JSON's null.
        let back = try changes.map { try JSONDecoder().decode(PathChange.self, from: Data(try encoded($0).utf8)) }
        XCTAssertEqual(back, changes)
        XCTAssertEqual(try json("[1,2]").changes(to: try json("[2]")).map(\.display), ["0"], "a value taken out, not every index after it")
    }

    /// PHP-serialized values keep PHP's rendering: keyed arrays (never lists), scalars as text.
    func testPHPSerializedKeepsItsRendering() throws {
        let (a, f) = try XCTUnwrap(StructuredValue.decode(Array(#"a:2:{i:0;s:1:"x";i:1;b:1;}"#.utf8)))
        XCTAssertEqual(f, .phpSerialized)
        XCTAssertEqual(a.text, #"{"0":"x","1":"true"}"#)
        let (b, _) = try XCTUnwrap(StructuredValue.decode(Array(#"a:3:{i:0;s:1:"x";i:1;b:0;i:2;a:1:{s:1:"k";N;}}"#.utf8)))
        let changes = a.changes(to: b)
        XCTAssertEqual(try changes.map(encoded), [
            #"{"after":"false","before":"true","change":"changed","path":["1"]}"#,
            #"{"after":"{\"k\":\"null\"}","before":null,"change":"added","path":["2"]}"#,
        ])
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
