@testable import SitesnapSystem
@testable import SnapshotFormat
import SnapshotStore
import XCTest
@testable import SitesnapCore

/// A table dump cut into parts for several import connections: parts are whole statements (never cut
/// inside a string), the first ends with the CREATE TABLE, together they are the dump byte for byte;
/// and a restore whose every INSERT is a part of its own loads the same rows. The statement policy runs
/// in the same lex: a refused statement or a dump that does not lex is found while spooling.
final class DumpSplitterTests: XCTestCase {
    func testPartsAreWholeStatementsAndCoverTheDump() throws {
        var dump = "-- sitesnap dump of table `t`\nSET NAMES utf8mb4;\nDROP TABLE IF EXISTS `t`;\nCREATE TABLE `t` (\n  `id` int NOT NULL,\n  `v` text\n) ENGINE=InnoDB;\n"
        for i in 0..<30 {
            dump += "INSERT INTO `t` (`id`,`v`) VALUES\n(\(i),'a;\\nINSERT INTO `t` (`id`) VALUES\\n(99);'),(\(i + 100),'it\\'s; \"q;\"');\n"
        }
        let bytes = Array(dump.utf8)
        let path = TestEnvironment.makeTempDir("split") + "/spool.sql"
        let spooled = try DumpSplitter.spool(DiffValueTests.BytesSource(dump), to: path, partBytes: 250, policy: (.table("t"), "t"))
        let (parts, sha) = (spooled.parts, spooled.sha256)
        XCTAssertNil(spooled.refusal, "every statement is one sitesnap writes")
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
        var request = try RestoreRequest.ofOnlySnapshot(in: repo, database: "\(wp.database)_parts")
        request.tuning.dumpPartBytes = 1
        let r = try RestoreRunner.run(request, store: Repository(explicit: nil))
        XCTAssertEqual(r.verification?.ok, true, "\(String(describing: r.verification))")
        XCTAssertEqual(try TestDatabase.checksums("\(wp.database)_parts")["wp_postmeta"], try TestDatabase.checksums(wp.database)["wp_postmeta"])
    }

    /// A refused statement in the middle of a dump is named with its number while the dump is spooled;
    /// the rest is still copied and hashed (the SHA-256 is checked before the refusal is thrown), and
    /// the whole spool is one part. A dump that does not lex is refused the same way.
    func testThePolicyRunsInTheSpoolingLex() throws {
        let head = "SET NAMES utf8mb4;\nDROP TABLE IF EXISTS `t`;\nCREATE TABLE `t` (\n  `id` int NOT NULL\n) ENGINE=InnoDB;\n"
        let dump = head + "INSERT INTO `t` (`id`) VALUES\n(1);\nDROP DATABASE `prod`;\nINSERT INTO `t` (`id`) VALUES\n(2);\n"
        let dir = TestEnvironment.makeTempDir("split")
        let spooled = try DumpSplitter.spool(DiffValueTests.BytesSource(dump), to: dir + "/a.sql", partBytes: 1, policy: (.table("t"), "t"))
        guard case .statementRefused(let table, let statement, let reason)? = spooled.refusal else { return XCTFail("\(String(describing: spooled.refusal))") }
        XCTAssertEqual(table, "t")
        XCTAssertEqual(statement, 5, "SET, DROP TABLE, CREATE, INSERT, then the forged one")
        XCTAssertTrue(reason.contains("not a session setting, DROP TABLE, CREATE TABLE or INSERT of table t"), reason)
        var h = StreamingSHA256()
        Array(dump.utf8).withUnsafeBytes { h.update($0) }
        XCTAssertEqual(spooled.sha256, h.finalizeHex(), "hashed to the end")
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.sql"))), Array(dump.utf8))
        XCTAssertEqual(spooled.parts, [DumpSplitter.Part(offset: 0, length: Int64(dump.utf8.count), statementsBefore: 0)])
        // Without a policy (trusted code) the same dump passes.
        XCTAssertNil(try DumpSplitter.spool(DiffValueTests.BytesSource(dump), to: dir + "/b.sql", partBytes: .max).refusal)
        let open = try DumpSplitter.spool(DiffValueTests.BytesSource(head + "INSERT INTO `t` (`id`) VALUES\n('x);\n"), to: dir + "/c.sql",
                                          partBytes: 1, policy: (.table("t"), "t"))
        guard case .snapshotUnreadable(_, let why)? = open.refusal else { return XCTFail("\(String(describing: open.refusal))") }
        XCTAssertTrue(why.contains("unterminated quote"), why)
    }
}
