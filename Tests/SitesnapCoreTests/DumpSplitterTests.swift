@testable import SitesnapSystem
@testable import SnapshotFormat
import SnapshotStore
import XCTest
@testable import SitesnapCore

/// A table dump cut into parts for several import connections: parts are whole statements (never cut
/// inside a string), the first ends with the CREATE TABLE, together they are the dump byte for byte;
/// and a restore whose every INSERT is a part of its own loads the same rows.
final class DumpSplitterTests: XCTestCase {
    func testPartsAreWholeStatementsAndCoverTheDump() throws {
        var dump = "-- sitesnap dump of table `t`\nSET NAMES utf8mb4;\nDROP TABLE IF EXISTS `t`;\nCREATE TABLE `t` (\n  `id` int NOT NULL,\n  `v` text\n) ENGINE=InnoDB;\n"
        for i in 0..<30 {
            dump += "INSERT INTO `t` (`id`,`v`) VALUES\n(\(i),'a;\\nINSERT INTO `t` (`id`) VALUES\\n(99);'),(\(i + 100),'it\\'s; \"q;\"');\n"
        }
        let bytes = Array(dump.utf8)
        let path = TestEnvironment.makeTempDir("split") + "/spool.sql"
        let (parts, sha) = try DumpSplitter.spool(DiffValueTests.BytesSource(dump), to: path, partBytes: 250)
        var h = StreamingSHA256()
        bytes.withUnsafeBytes { h.update($0) }
        XCTAssertEqual(sha, h.finalizeHex())
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: path))), bytes, "the spool is the dump")
        XCTAssertGreaterThan(parts.count, 5)
        XCTAssertEqual(parts.first?.offset, 0)
        XCTAssertEqual(parts.map(\.length).reduce(0, +), Int64(bytes.count))
        for (a, b) in zip(parts, parts.dropFirst()) { XCTAssertEqual(a.offset + a.length, b.offset, "contiguous") }
        var number = 0
        for (i, p) in parts.enumerated() {
            XCTAssertEqual(p.statementsBefore, number)
            let reader = SQLStatementReader(source: try FileRangeSource(path: path, offset: p.offset, length: p.length), firstNumber: number)
            var statements: [String] = []
            while let s = try reader.next() { statements.append(String(decoding: s, as: UTF8.self)) }
            number = reader.number
            if i == 0 {
                XCTAssertTrue(statements.last?.hasPrefix("CREATE TABLE") == true, "the first part ends with the CREATE TABLE")
            } else {
                XCTAssertTrue(statements.allSatisfy { $0.hasPrefix("INSERT INTO `t` (`id`,`v`) VALUES\n(") && $0.hasSuffix("\"q;\"')") }, "\(statements)")
            }
        }
        XCTAssertEqual(number, 33, "3 head statements and 30 INSERTs, numbered as in the whole dump")
    }

    func testATableLoadedPartByPartOnTwoConnectionsIsIdentical() throws {
        let socket = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.make(socket: socket)
        let live = try TestDatabase.admin(database: wp.database)
        // About 3 MiB of postmeta: several INSERT statements, each made a part of its own below.
        try live.execute("INSERT INTO wp_postmeta (post_id, meta_key, meta_value) SELECT seq % 7 + 1, CONCAT('_k', seq % 13), CONCAT('v ', seq, ' ', SHA2(seq, 256), ' ''quoted''; ', REPEAT('x', seq % 90)) FROM seq_1_to_20000")
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo, "--no-files"])
        XCTAssertEqual(b.status, 0, b.stderr)
        let saved = RestoreRunner.dumpPartBytes
        RestoreRunner.dumpPartBytes = 1
        defer { RestoreRunner.dumpPartBytes = saved }
        let r = try RestoreRunner.run(try .ofOnlySnapshot(in: repo, database: "\(wp.database)_parts"), store: Repository(explicit: nil))
        XCTAssertEqual(r.verification?.ok, true, "\(String(describing: r.verification))")
        XCTAssertEqual(try TestDatabase.checksums("\(wp.database)_parts")["wp_postmeta"], try TestDatabase.checksums(wp.database)["wp_postmeta"])
    }
}
