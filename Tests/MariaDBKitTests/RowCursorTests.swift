import MariaDBKit
import XCTest

/// `RowCursor` against a real server: rows one at a time, binary-safe bytes, NULLs, column
/// categories, and the connection kept busy until the cursor is drained or finished.
final class RowCursorTests: XCTestCase {
    private var database = ""

    override func setUpWithError() throws {
        database = try TestServer.createDatabase("rowcursor")
        let c = try TestServer.connect(database: database)
        try c.execute("""
            CREATE TABLE t (id INT PRIMARY KEY, price DECIMAL(6,2), flags BIT(3), raw VARBINARY(8),
                            note TEXT, at DATETIME) ENGINE=InnoDB
            """)
        try c.execute("INSERT INTO t VALUES (1, 9.50, b'101', X'00FF0061', 'café', '2026-12-01 10:00:00'), (2, NULL, NULL, NULL, NULL, NULL)")
    }

    override func tearDown() { TestServer.dropDatabase(database) }

    func testStreamsRowsWithTheirBytesNullsAndCategories() throws {
        let c = try TestServer.connect(database: database)
        let cursor = try c.stream("SELECT id, price, flags, raw, note, at FROM t ORDER BY id")
        XCTAssertEqual(cursor.columns.map(\.name), ["id", "price", "flags", "raw", "note", "at"])
        XCTAssertEqual(cursor.columns.map(\.category), [.numeric, .numeric, .bit, .binary, .text, .text])
        let first = try XCTUnwrap(try cursor.next())
        XCTAssertEqual(first.count, 6)
        XCTAssertEqual(first.string(0), "1")
        XCTAssertEqual(first.string(1), "9.50")
        XCTAssertEqual(Array(first.bytes(2)), [0b101])
        XCTAssertEqual(Array(first.bytes(3)), [0x00, 0xFF, 0x00, 0x61], "binary-safe: NUL bytes kept")
        XCTAssertEqual(first.string(4), "café", "utf8mb4 whatever the server's default")
        XCTAssertEqual(first.string(5), "2026-12-01 10:00:00")
        XCTAssertFalse(first.isNull(1))
        let second = try XCTUnwrap(try cursor.next())
        XCTAssertEqual((1..<6).map { second.isNull($0) }, [true, true, true, true, true])
        XCTAssertNil(second.string(4))
        XCTAssertNil(try cursor.next())
        XCTAssertNil(try cursor.next(), "stays at the end")
        XCTAssertEqual(try c.query("SELECT COUNT(*) FROM t"), [["2"]], "a drained cursor frees the connection")
    }

    func testTheConnectionIsBusyUntilTheCursorIsFinished() throws {
        let c = try TestServer.connect(database: database)
        let cursor = try c.stream("SELECT id FROM t")
        XCTAssertThrowsError(try c.query("SELECT 1")) { e in
            XCTAssertEqual((e as? MariaDBError)?.code, .CR_COMMANDS_OUT_OF_SYNC)
        }
        XCTAssertNotNil(try cursor.next())
        cursor.finish()
        cursor.finish()
        XCTAssertNil(try cursor.next(), "a finished cursor has no more rows")
        XCTAssertEqual(try c.query("SELECT 1"), [["1"]])
    }

    func testADroppedCursorFreesTheConnection() throws {
        let c = try TestServer.connect(database: database)
        do {
            let cursor = try c.stream("SELECT id FROM t")
            _ = try cursor.next()
        }
        XCTAssertEqual(try c.query("SELECT 2"), [["2"]])
    }

    func testAnErrorInTheQueryNamesItAndItsCode() throws {
        let c = try TestServer.connect(database: database)
        XCTAssertThrowsError(try c.stream("SELECT * FROM missing")) { e in
            let error = e as? MariaDBError
            XCTAssertEqual(error?.code, .ER_NO_SUCH_TABLE)
            XCTAssertEqual(error?.context, "running `SELECT * FROM missing`")
        }
    }
}
