import Foundation
import MariaDBKit
import XCTest

/// `LOAD DATA LOCAL INFILE` fed from a closure (`LocalDataFeed`): the data streams from the closure,
/// its error comes back as thrown, and a server's request for a file outside a load is refused.
final class LocalDataFeedTests: XCTestCase {
    private var database = ""

    override func setUpWithError() throws {
        database = try TestServer.createDatabase("localdata")
        try TestServer.connect(database: database).execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(40))")
    }

    override func tearDown() { TestServer.dropDatabase(database) }

    private let load = "LOAD DATA LOCAL INFILE 'feed' INTO TABLE t FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n'"

    /// A reader of `data` that gives at most `chunk` bytes per call.
    private func reader(_ data: [UInt8], chunk: Int) -> (UnsafeMutableRawBufferPointer) throws -> Int {
        var offset = 0
        return { buffer in
            let n = min(chunk, buffer.count, data.count - offset)
            data.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n])) }
            offset += n
            return n
        }
    }

    func testStreamsTheClosuresBytesInSmallChunks() throws {
        let c = try TestServer.connect(database: database, localInfile: true)
        let rows = (1...2000).map { "\($0)\tname \($0)\n" }.joined()
        try c.loadLocalData(load, context: "loading t", read: reader(Array(rows.utf8), chunk: 7))
        XCTAssertEqual(try c.query("SELECT COUNT(*), MAX(name) FROM t"), [["2000", "name 999"]])
    }

    func testTheClosuresErrorIsRethrown() throws {
        struct Stop: Error, Equatable {}
        let c = try TestServer.connect(database: database, localInfile: true)
        XCTAssertThrowsError(try c.loadLocalData(load, context: "loading t") { _ in throw Stop() }) { e in
            XCTAssertEqual(e as? Stop, Stop())
        }
        XCTAssertEqual(try c.query("SELECT 1"), [["1"]], "the connection stays usable")
    }

    func testAFileAskedForOutsideALoadIsRefused() throws {
        let c = try TestServer.connect(database: database, localInfile: true)
        // The server asks the client for /etc/hostname; no load is running, so nothing is sent.
        XCTAssertThrowsError(try c.execute("LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE t")) { e in
            XCTAssertNotNil(e as? MariaDBError, "\(e)")
        }
        XCTAssertEqual(try c.query("SELECT COUNT(*) FROM t"), [["0"]])
    }

    func testAConnectionWithoutLocalInfileSaysSo() throws {
        let c = try TestServer.connect(database: database)
        XCTAssertThrowsError(try c.loadLocalData(load, context: "loading t") { _ in 0 }) { e in
            XCTAssertEqual(e as? MariaDBError, MariaDBError(code: .CR_UNKNOWN_ERROR, message: "connection made without ConnectOptions.localInfile", context: "loading t"))
        }
    }
}
