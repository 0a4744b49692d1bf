@testable import SnapshotFormat
import XCTest

/// Statements as the `mariadb` client splits sitesnap's dumps, streaming through buffers of any size.
final class SQLStatementReaderTests: XCTestCase {
    /// The statement splitter: delimiters inside quotes, escapes, comment lines, `DELIMITER` commands,
    /// a last statement without a delimiter, and statements crossing the reader's buffer ends.
    func testStatementSplitting() throws {
        let dump = """
            -- sitesnap dump
            SET NAMES utf8mb4;
            INSERT INTO `t` (`a`) VALUES
            ('x;y'),('it\\'s;'),("d;q"),(`b;t`);
              -- a comment line
            delimiter ;;
            CREATE TRIGGER x BEGIN SELECT 1; SELECT 'a;;b'; END;;
            DELIMITER ;
            - 1;
            SELECT 2
            """
        let reader = SQLStatementReader(source: ChunkedSource(dump))
        var got: [String] = []
        while let s = try reader.next() { got.append(String(decoding: s, as: UTF8.self)) }
        XCTAssertEqual(got, ["SET NAMES utf8mb4", "INSERT INTO `t` (`a`) VALUES\n('x;y'),('it\\'s;'),(\"d;q\"),(`b;t`)",
                             "CREATE TRIGGER x BEGIN SELECT 1; SELECT 'a;;b'; END", "- 1", "SELECT 2"])
        XCTAssertEqual(reader.number, 5)
        XCTAssertThrowsError(try SQLStatementReader(source: ChunkedSource("SELECT 'open;")).next())
    }

    /// The same statements whatever the chunks the source hands out: a statement, a quote or an escape
    /// ending exactly at a chunk's end, and a `;;` delimiter split across two chunks.
    func testStatementsEndingAtEveryBufferBoundary() throws {
        let dump = "SET a = 1;\nINSERT INTO `t` (`a`) VALUES\n('x\\\\'),('y;\\'');\nDELIMITER ;;\nCREATE PROCEDURE p() BEGIN SELECT 1; END;;\nDELIMITER ;\nSELECT 2;"
        var expected: [String]?
        for chunk in 1...40 {
            let reader = SQLStatementReader(source: ChunkedSource(dump, chunk: chunk))
            var got: [String] = [], ends: [Int64] = []
            while let s = try reader.next() {
                got.append(String(decoding: s, as: UTF8.self))
                ends.append(reader.position)
            }
            if expected == nil {
                expected = got
                XCTAssertEqual(got, ["SET a = 1", "INSERT INTO `t` (`a`) VALUES\n('x\\\\'),('y;\\'')",
                                     "CREATE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"])
                XCTAssertEqual(ends.last, Int64(dump.utf8.count))
            }
            XCTAssertEqual(got, expected, "chunk \(chunk)")
        }
    }

    func testAVeryLongStatement() throws {
        let row = "(1,'" + String(repeating: "a;b\\'c", count: 200_000) + "')"
        let dump = "INSERT INTO `t` (`a`) VALUES\n" + row + ";\nSELECT 1;"
        let reader = SQLStatementReader(source: ChunkedSource(dump, chunk: 70_001))
        XCTAssertEqual(try reader.next()?.count, dump.utf8.count - ";\nSELECT 1;".utf8.count)
        XCTAssertEqual(try reader.next(), Array("SELECT 1".utf8))
        XCTAssertNil(try reader.next())
        XCTAssertEqual(reader.number, 2)
    }
}
