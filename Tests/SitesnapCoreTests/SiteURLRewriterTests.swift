import MariaDBKit
@testable import SiteKnowledge
import XCTest
@testable import SitesnapCore
import SnapshotFormat

/// The database side of restore --url against the gaps its peers' test suites found
/// (wp-cli/search-replace-command features, Search-Replace-DB's tests): binary columns, tables without
/// a primary key, latin1 tables holding UTF-8 bytes, other hosts (`--replace`), `--skip-column`.
final class SiteURLRewriterTests: XCTestCase {
    private var db = ""
    private var c: MariaDBConnection!

    override func setUpWithError() throws {
        db = try TestDatabase.create("urlrw")
        c = try TestDatabase.admin(database: db)
    }

    private func rewrite(more: [(String, String)] = [], skip: [String] = []) throws -> SiteURLRewriter.Outcome {
        let writer = try TestDatabase.admin(database: db)
        let tables = try c.query("SHOW TABLES").compactMap { $0[0] ?? nil }
        return try SiteURLRewriter(connection: c, writer: writer, replacer: URLReplacer(old: "http://old.example.test", new: "https://new.example.test", more: more),
                                   skipColumns: skip, tablePrefix: "wp_").run(tables: tables)
    }

    private func value(_ sql: String) throws -> String? { try c.query(sql).first?[0] ?? nil }

    private func serialized(_ s: String) -> String { "a:1:{s:3:\"url\";s:\(s.utf8.count):\"\(s)\";}" }

    func testBinaryColumnsAreRewrittenWhenTheyHoldTextOrSerializedData() throws {
        try c.execute("CREATE TABLE wp_blobs (id INT PRIMARY KEY, data LONGBLOB, vb VARBINARY(200), img MEDIUMBLOB)")
        let image = "FFD8FF00" + Array("http://old.example.test/x".utf8).map { String(format: "%02X", $0) }.joined() + "FE"
        try c.execute("INSERT INTO wp_blobs VALUES (1, \(SQLLiteral.quote(serialized("http://old.example.test/ü"))), 'see http://old.example.test', X'\(image)')")
        let out = try rewrite()
        XCTAssertEqual(try value("SELECT data FROM wp_blobs"), serialized("https://new.example.test/ü"))
        XCTAssertEqual(try value("SELECT vb FROM wp_blobs"), "see https://new.example.test")
        XCTAssertEqual(try value("SELECT HEX(img) FROM wp_blobs"), image, "bytes that are neither text nor serialized stay")
        XCTAssertEqual(out.replacements.first { $0.column == "img" }?.skippedBinary, 1)
    }

    func testATableWithoutPrimaryKeyIsUpdatedThroughAUniqueNotNullKeyOrListed() throws {
        try c.execute("CREATE TABLE wp_unique (name VARCHAR(64) NOT NULL, v TEXT, UNIQUE KEY (name))")
        try c.execute("CREATE TABLE wp_nullable (name VARCHAR(64) NULL, v TEXT, UNIQUE KEY (name))")
        try c.execute("CREATE TABLE wp_nokey (v TEXT)")
        for t in ["wp_unique", "wp_nullable"] { try c.execute("INSERT INTO \(t) VALUES ('a', 'http://old.example.test/a'), ('b', 'http://old.example.test/b')") }
        try c.execute("INSERT INTO wp_nokey VALUES ('http://old.example.test/'), ('nothing')")
        let out = try rewrite()
        XCTAssertEqual(try value("SELECT GROUP_CONCAT(v ORDER BY name) FROM wp_unique"), "https://new.example.test/a,https://new.example.test/b")
        XCTAssertEqual(out.notUpdated.map(\.table), ["wp_nokey", "wp_nullable"])
        XCTAssertEqual(out.notUpdated.map(\.rows), [1, 2])
        XCTAssertTrue(out.notUpdated[0].reason.contains("no primary key"))
        XCTAssertEqual(try value("SELECT v FROM wp_nokey LIMIT 1"), "http://old.example.test/")
    }

    func testALatin1TableHoldingUTF8BytesKeepsItsBytesAndSerializedLengths() throws {
        try c.execute("CREATE TABLE wp_options (option_id INT PRIMARY KEY, option_value LONGTEXT) DEFAULT CHARSET=latin1")
        // What WordPress with DB_CHARSET latin1 (a latin1 connection) stores: the UTF-8 bytes as they are.
        let hex = Array(serialized("http://old.example.test/Zoë").utf8).map { String(format: "%02X", $0) }.joined()
        try c.execute("INSERT INTO wp_options VALUES (1, X'\(hex)')")
        let out = try rewrite()
        XCTAssertEqual(out.replacements.first?.rows, 1)
        XCTAssertEqual(out.replacements.first?.skippedUnparseable, 0)
        let bytes = try XCTUnwrap(value("SELECT HEX(option_value) FROM wp_options"))
        XCTAssertEqual(bytes, Array(serialized("https://new.example.test/Zoë").utf8).map { String(format: "%02X", $0) }.joined())
    }

    func testOtherHostsAreReplacedAndSkippedColumnsLeftAlone() throws {
        try c.execute("CREATE TABLE wp_posts (ID INT PRIMARY KEY, guid VARCHAR(255), post_content TEXT)")
        try c.execute("INSERT INTO wp_posts VALUES (1, 'http://old.example.test/?p=1', '<img src=\"https://cdn.example.net/a.png\"> http://old.example.test/p write to info@mail.example.net, not webmail.example.net or mail.example.net.au')")
        let out = try rewrite(more: [("https://cdn.example.net", "https://cdn.staging.test"), ("mail.example.net", "mail.staging.test")], skip: ["guid"])
        XCTAssertEqual(try value("SELECT guid FROM wp_posts"), "http://old.example.test/?p=1")
        XCTAssertEqual(try value("SELECT post_content FROM wp_posts"),
                       "<img src=\"https://cdn.staging.test/a.png\"> https://new.example.test/p write to info@mail.staging.test, not webmail.example.net or mail.example.net.au")
        XCTAssertEqual(out.replacements.map(\.column), ["post_content"])
        XCTAssertEqual(out.replacements.first?.replacements, 3)
        // Matched as table.column (prefixed or not) too.
        XCTAssertTrue(SiteURLRewriter(connection: c, writer: c, replacer: URLReplacer(old: "http://a.test", new: "http://b.test"), skipColumns: ["posts.guid"], tablePrefix: "wp_").skipped("wp_posts", "guid"))
        XCTAssertFalse(SiteURLRewriter(connection: c, writer: c, replacer: URLReplacer(old: "http://a.test", new: "http://b.test"), skipColumns: ["wp_posts.g*"], tablePrefix: "wp_").skipped("wp_users", "guid"))
    }
}
