import MariaDBKit
import XCTest

/// The named error numbers match what a real server and the client library report, in `catch`
/// patterns and in `switch`.
final class MariaDBErrorCodeTests: XCTestCase {
    func testCatchPatternsMatchTheServersNumbers() throws {
        let c = try TestServer.connect()
        var matched: [String] = []
        do {
            try c.execute("SELECT * FROM mysql.no_such_table_here")
        } catch MariaDBErrorCode.ER_TABLEACCESS_DENIED_ERROR {
            matched.append("denied")
        } catch MariaDBErrorCode.ER_NO_SUCH_TABLE {
            matched.append("no such table")
        }
        XCTAssertEqual(matched, ["no such table"])
    }

    func testConnectingToAMissingDatabase() throws {
        XCTAssertThrowsError(try TestServer.connect(database: "sitesnap_no_such_db")) { e in
            let error = e as? MariaDBError
            XCTAssertEqual(error?.code, .ER_BAD_DB_ERROR)
            XCTAssertEqual(error?.isConnectionProblem, false)
            XCTAssertTrue(error?.context.hasPrefix("connecting to socket ") ?? false, "\(e)")
        }
    }

    func testAnUnreachableServerIsAConnectionProblem() throws {
        XCTAssertThrowsError(try MariaDBConnection(ConnectOptions(host: "localhost", socket: "/nonexistent/mysqld.sock", user: "root"))) { e in
            let error = e as? MariaDBError
            XCTAssertEqual(error?.code, .CR_CONNECTION_ERROR)
            XCTAssertEqual(error?.isConnectionProblem, true)
        }
    }

    func testAClosedConnectionReportsServerGone() throws {
        let c = try TestServer.connect()
        c.close()
        XCTAssertThrowsError(try c.execute("SELECT 1")) { e in
            XCTAssertEqual((e as? MariaDBError)?.code, .CR_SERVER_GONE_ERROR)
            XCTAssertEqual((e as? MariaDBError)?.isConnectionProblem, true)
        }
    }

    func testDescriptionAndRawValue() {
        XCTAssertEqual(MariaDBErrorCode.CR_SERVER_LOST.rawValue, 2013)
        XCTAssertEqual(MariaDBError(code: .ER_NO_SUCH_TABLE, message: "Table 'x' doesn't exist", context: "running `x`").description,
                       "running `x`: Table 'x' doesn't exist (error 1146)")
        XCTAssertTrue(MariaDBError(code: .ER_DBACCESS_DENIED_ERROR, message: "", context: "").isAccessDenied)
    }
}
