@testable import SnapshotFormat
import XCTest

/// Rows of a table dump, value by value, as the diff reads them.
final class DumpRowReaderTests: XCTestCase {
    func testDumpRowReaderGrammar() throws {
        let dump = """
            -- sitesnap dump of table `t`
            SET NAMES utf8mb4;
            DROP TABLE IF EXISTS `t`;
            CREATE TABLE `t` (
              `id` int(11) NOT NULL,
              `v` text DEFAULT 'a;b',
              PRIMARY KEY (`id`)
            ) ENGINE=InnoDB;
            INSERT INTO `t` (`id`,`v`,`b``x`) VALUES
            (-1,'it\\'s \\\\ \\n\\0 \\Z, (x)',0x00FF),
            (2,NULL,''),
            (0.5,'',0x);
            INSERT INTO `t` (`id`,`v`,`b``x`) VALUES
            (3,'a',NULL);

            """
        let r = DumpRowReader(source: ChunkedSource(dump), name: "t")
        try r.open()
        XCTAssertTrue(r.createStatement.hasPrefix("CREATE TABLE `t`"))
        XCTAssertTrue(r.createStatement.contains("'a;b'"), "quotes are respected when finding ';'")
        XCTAssertEqual(r.columns, ["id", "v", "b`x"])
        var row: [DumpValue] = []
        XCTAssertTrue(try r.nextRow(into: &row))
        XCTAssertEqual(row[0], DumpValue(kind: .number, bytes: Array("-1".utf8)))
        XCTAssertEqual(row[1].bytes, Array("it's \\ \n\u{0} \u{1A}, (x)".utf8))
        XCTAssertEqual(row[2], DumpValue(kind: .binary, bytes: [0, 255]))
        XCTAssertTrue(try r.nextRow(into: &row))
        XCTAssertEqual(row[1], .null)
        XCTAssertEqual(row[2], DumpValue(kind: .text, bytes: []))
        XCTAssertTrue(try r.nextRow(into: &row))
        XCTAssertTrue(try r.nextRow(into: &row))
        XCTAssertEqual(row[0].display, "3")
        XCTAssertFalse(try r.nextRow(into: &row))
    }

    /// Every byte value written by the dump writer reads back, in rows that cross chunk ends anywhere.
    func testEveryByteAndHexValueReadBack() throws {
        let all = [UInt8]((0...255).map { UInt8($0) })
        let text = try DumpLexerTests.written(all + [92])
        let dump = Array("CREATE TABLE `t` (`a` blob);\nINSERT INTO `t` (`a`,`b`) VALUES\n(".utf8) + text
            + Array(",0x00FF10),\n(NULL,'');\n".utf8)
        for chunk in [1, 2, 5, 13, 1 << 16] {
            let r = DumpRowReader(source: ChunkedSource(dump, chunk: chunk), name: "t")
            var row: [DumpValue] = []
            XCTAssertTrue(try r.nextRow(into: &row))
            XCTAssertEqual(row, [DumpValue(kind: .text, bytes: all + [92]), DumpValue(kind: .binary, bytes: [0, 255, 16])], "chunk \(chunk)")
            XCTAssertTrue(try r.nextRow(into: &row))
            XCTAssertEqual(row, [.null, DumpValue(kind: .text, bytes: [])])
            XCTAssertFalse(try r.nextRow(into: &row))
            XCTAssertEqual(r.columns, ["a", "b"])
        }
    }

    func testMalformedDumpsAreNamed() {
        func error(_ dump: String) -> String {
            let r = DumpRowReader(source: ChunkedSource(dump), name: "t")
            var row: [DumpValue] = []
            do { while try r.nextRow(into: &row) {} } catch { return "\(error)" }
            return "no error"
        }
        XCTAssertTrue(error("INSERT INTO `t` (`a`) VALUES\n(1,2);").contains("2 values for 1 columns"))
        XCTAssertTrue(error("INSERT INTO `t` (`a`) VALUES\n('open);").contains("not a sitesnap table dump"))
        XCTAssertTrue(error("CREATE TABLE `t` (`a` int)").contains("statement without a final"))
        XCTAssertTrue(error("INSERT INTO `t` (`a`) VALUES\n(SELECT);").contains("not a sitesnap table dump"))
    }

    func testIdentifiers() {
        XCTAssertEqual(DumpRowReader.identifiers("`a`,`b``c`"), ["a", "b`c"])
        XCTAssertEqual(DumpRowReader.identifiers("`id`"), ["id"])
    }
}
