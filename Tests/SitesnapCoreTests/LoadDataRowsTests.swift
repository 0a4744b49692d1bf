@testable import SitesnapSystem
@testable import SnapshotFormat
import SnapshotStore
import XCTest
import MariaDBKit
@testable import SitesnapCore

/// Rows of a large table are loaded with LOAD DATA LOCAL INFILE: only INSERTs of exactly the shape
/// sitesnap writes are loaded that way (others run as INSERTs), the bytes fed are the rows as written,
/// and the restored tables are identical, value for value, whichever way each statement went.
final class LoadDataRowsTests: XCTestCase {
    let head = Array("INSERT INTO `t` (".utf8)

    func testOnlyTheExactShapeIsLoaded() throws {
        func columns(_ s: String) -> Int? { LoadDataRows.columns(of: Array(s.utf8), head: head)?.count }
        XCTAssertEqual(columns("INSERT INTO `t` (`a`,`b``c`) VALUES\n(1,'x'),\n(-2.5e+3,NULL),\n(3,'it\\'s, (a) \\\\'),\n(4,'')"), 2)
        let list = try XCTUnwrap(LoadDataRows.columns(of: Array("INSERT INTO `t` (`a`,`b`) VALUES\n(1,2)".utf8), head: head)).list
        XCTAssertEqual(String(decoding: list, as: UTF8.self), "(`a`,`b`)")
        let refused = [
            "INSERT INTO `t` (`a`,`b`) VALUES\n(1,0x00FF)",          // hex: binary values run as INSERTs
            "INSERT INTO `t` (`a`,`b`) VALUES\n(1,'x'), (2,'y')",    // not sitesnap's row separator
            "INSERT INTO `t` (`a`,`b`) VALUES\n(1)",                  // too few fields
            "INSERT INTO `t` (`a`,`b`) VALUES\n(1,2,3)",              // too many
            "INSERT INTO `t` (`a`,`b`) VALUES\n(1,'line\nbreak')",    // a raw newline in a string
            "INSERT INTO `t` (`a`,`b`) VALUES\n(1,'open)",            // unterminated
            "INSERT INTO `t` (`a`,`b`) VALUES\n(1, 2)",
            "INSERT INTO `u` (`a`,`b`) VALUES\n(1,2)",                // another table
            "INSERT INTO `t` (`a`,`b`) VALUES\n(1,NUL)",
        ]
        for s in refused { XCTAssertNil(columns(s), s) }
    }

    func testFeedIsTheRowsOfEachStatementWithTheirEnd() throws {
        let statements = ["(1,'a'),\n(2,'b')", "(3,'" + String(repeating: "x", count: 300) + "')", "(4,NULL)"].map { Array($0.utf8) }
        var i = 0
        let feed = LoadDataFeed(first: statements[0][...]) {
            i += 1
            return i < statements.count ? statements[i][...] : nil
        }
        var out: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 7, alignment: 1)  // ends straddle buffers
        defer { buffer.deallocate() }
        while true {
            let n = try feed.read(into: buffer)
            if n == 0 { break }
            out += buffer[0..<n]
        }
        XCTAssertEqual(String(decoding: out, as: UTF8.self), statements.map { String(decoding: $0, as: UTF8.self) + ",\n" }.joined())
        // Asked again after its end (the client library does): still the end, `next` not called.
        XCTAssertEqual(try feed.read(into: buffer), 0)
        XCTAssertEqual(i, statements.count, "next is not called after it said nil")
    }

    /// Every table loaded with LOAD DATA where it can be: the escapes, NULL against 'NULL', '' against
    /// NULL, 4-byte UTF-8, latin1, dates and decimals come back identical; a statement with a binary
    /// value and the table with FLOAT/DOUBLE columns run as INSERTs.
    func testRestoredTablesAreIdentical() throws {
        _ = try TestEnvironment.requireDatabase()
        let db = try DumpRoundTripTests.makeHardCaseDatabase()
        let c = try TestDatabase.admin(database: db)
        try c.execute("""
            CREATE TABLE hc_text (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, t MEDIUMTEXT, n VARCHAR(10) NULL, latin VARCHAR(20) CHARACTER SET latin1,
              d DATETIME(6), amount DECIMAL(20,6), b VARBINARY(16), KEY by_n (n)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """)
        try c.execute("""
            INSERT INTO hc_text (id, t, n, latin, d, amount) VALUES
            (1, 'quote '' dq " backslash \\\\ nl \\n cr \\r nul \\0 ctrlz \\Z tab \t end,),\\n(', 'NULL', CONCAT(_latin1 X'636166E9'), '2024-02-29 23:59:59.123456', -12345.678901),
            (2, '😀🇩🇪 4-byte', '', '', '0000-00-00 00:00:00', 0), (3, NULL, NULL, NULL, NULL, NULL), (4, '\\\\N', 'N', 'x', NULL, 1e-6)
            """)
        // Over 1 MiB of rows (several statements); a binary value in a middle statement and in the last
        // one: those run as INSERTs between LOAD DATA runs.
        try c.execute("INSERT INTO hc_text (id, t, n) SELECT seq, REPEAT(CONCAT('row ', seq, ' \\'x\\', '), 30), seq % 7 FROM seq_5_to_6000")
        try c.execute("UPDATE hc_text SET b = X'01' WHERE id = 3000")
        try c.execute("INSERT INTO hc_text (id, b) VALUES (7000, X'00FF27')")
        let repo = TestEnvironment.makeTempDir("repo")
        let site = try TinySite.wordpress(database: db, user: "\(db)_u", prefix: "hc_")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--no-files"])
        XCTAssertEqual(b.status, 0, b.stderr)

        var request = try RestoreRequest.ofOnlySnapshot(in: repo, database: "\(db)_ld")
        request.tuning.loadDataBytes = 1
        let admin = try TestDatabase.admin()
        let loadsBefore = Int(try admin.query("SHOW GLOBAL STATUS LIKE 'Com_load'").first?[1] ?? "") ?? 0
        let r = try RestoreRunner.run(request, store: Repository(explicit: nil))
        XCTAssertEqual(r.verification?.ok, true, "\(String(describing: r.verification))")
        let loads = (Int(try admin.query("SHOW GLOBAL STATUS LIKE 'Com_load'").first?[1] ?? "") ?? 0) - loadsBefore
        XCTAssertGreaterThan(loads, 1, "rows went through LOAD DATA, before and after the binary value")
        XCTAssertEqual(try TestDatabase.checksums("\(db)_ld"), try TestDatabase.checksums(db).filter { $0.key.hasPrefix("hc_") })
        XCTAssertEqual(try TestDatabase.schemas("\(db)_ld"), try TestDatabase.schemas(db).filter { $0.key.hasPrefix("hc_") })
        let s = try TestDatabase.admin(database: "\(db)_ld")
        let rows = try s.query("SELECT id, HEX(t), n IS NULL, n, HEX(latin), d, amount, HEX(b) FROM hc_text WHERE id IN (1, 2, 3, 4, 7000) ORDER BY id")
        let source = try c.query("SELECT id, HEX(t), n IS NULL, n, HEX(latin), d, amount, HEX(b) FROM hc_text WHERE id IN (1, 2, 3, 4, 7000) ORDER BY id")
        XCTAssertEqual(rows, source)
        XCTAssertEqual(rows[0][2], "0", "'NULL' stays a string")
        XCTAssertEqual(rows[2][2], "1", "NULL stays NULL")
        XCTAssertEqual(rows[3][1], "5C4E", "\\N stays a backslash and N")
    }

    /// A refused statement met while rows stream into LOAD DATA stops the load with the refusal
    /// (exit 2 for the restore), and none of that LOAD's rows stay.
    func testRefusedStatementInsideALoadStopsIt() throws {
        let socket = try TestEnvironment.requireDatabase()
        let name = try TestDatabase.create("ldrefuse")
        var options = ConnectOptions(socket: socket, user: "root", database: name)
        options.password = nil
        let db = try StagingDatabase(target: DatabaseTarget(options: options, tablePrefix: "", configCharset: nil),
                                     selectDatabase: true, loadData: true)
        XCTAssertTrue(try db.serverAllowsLocalData())
        let dump = TestEnvironment.makeTempDir("ld") + "/t.sql"
        try """
            CREATE TABLE `t` (
              `id` int(11) NOT NULL,
              `v` text DEFAULT NULL,
              PRIMARY KEY (`id`)
            ) ENGINE=InnoDB;
            INSERT INTO `t` (`id`,`v`) VALUES
            (1,'a'),
            (2,'b');
            INSERT INTO `t` (`id`,`v`) VALUES
            (3,'c') /* hidden */;
            INSERT INTO `t` (`id`,`v`) VALUES
            (4,'d');

            """.write(toFile: dump, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try db.importDump(try FileByteSource(path: dump), table: "t", kind: .table("t"), loadRows: true,
                                               cancellation: nil)) { error in
            guard case SitesnapError.statementRefused(let table, let statement, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(table, "t")
            XCTAssertEqual(statement, 3)
        }
        XCTAssertEqual(try TestDatabase.admin(database: name).query("SELECT COUNT(*) FROM t").first?[0], "0")
    }
}
