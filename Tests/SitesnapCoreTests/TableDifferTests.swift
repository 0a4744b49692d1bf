import MariaDBKit
@testable import SitesnapCore
@testable import SnapshotFormat
import XCTest

/// `TableDiffer` on real dumps of real tables: the merge by primary key, noise rows, pairing by a
/// natural key, a table without a key compared as a multiset, and the cap on kept row changes.
final class TableDifferTests: XCTestCase {
    private var database = ""

    override func setUpWithError() throws {
        _ = try TestEnvironment.requireDatabase()
        database = try TestDatabase.create("differ")
    }

    private func sql(_ statements: String...) throws {
        let c = try TestDatabase.admin(database: database)
        defer { c.close() }
        for s in statements { try c.execute(s) }
    }

    /// Dumps `table`, runs `change`, dumps it again and compares the two dumps.
    private func diff(_ table: String, rules: TableRules = TableRules(), maxRows: Int = 100,
                      change: () throws -> Void) throws -> TableDiffer.Result {
        let before = try RealDump.of(table, in: database)
        try change()
        let after = try RealDump.of(table, in: database)
        let sameKey = before.orderKey == after.orderKey
        let differ = TableDiffer(orderKey: sameKey ? before.orderKey : [], orderKeyNumeric: sameKey ? before.orderKeyNumeric : [],
                                 rules: rules, maxRows: maxRows)
        return try differ.run(before: try before.reader(), after: try after.reader())
    }

    func testPrimaryKeyMergeFindsAddedRemovedAndChangedRows() throws {
        try sql("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), qty INT)",
                "INSERT INTO items VALUES (1,'a',1),(2,'b',2),(3,'c',3),(10,'j',10)")
        let r = try diff("items") {
            try sql("UPDATE items SET qty = 20 WHERE id = 2", "DELETE FROM items WHERE id = 3", "INSERT INTO items VALUES (4,'d',4)")
        }
        XCTAssertEqual(r.match, "primary key (id)")
        XCTAssertEqual([r.added, r.removed, r.changed], [1, 1, 1])
        XCTAssertFalse(r.truncated)
        let byKind = Dictionary(grouping: r.rows, by: \.change)
        let changed = try XCTUnwrap(byKind[.changed]?.first)
        XCTAssertEqual(changed.key, ["id": "2"])
        XCTAssertEqual(changed.columns, ["qty": DiffReport.ColumnChange(before: "2", after: "20")], "only the changed column")
        let removed = try XCTUnwrap(byKind[.removed]?.first)
        XCTAssertEqual(removed.key, ["id": "3"])
        XCTAssertEqual(removed.columns["name"]?.before, "c")
        XCTAssertNil(removed.columns["name"]?.after)
        let added = try XCTUnwrap(byKind[.added]?.first)
        XCTAssertEqual(added.key, ["id": "4"])
        XCTAssertEqual(added.columns["qty"]?.after, "4")
    }

    func testNumericKeysMergeInNumericOrder() throws {
        // 9 < 10 as numbers, "10" < "9" as text: a text comparison would see every row as removed and added.
        try sql("CREATE TABLE n (id BIGINT PRIMARY KEY, v TEXT)", "INSERT INTO n VALUES (9,'x'),(10,'y'),(100,'z')")
        let r = try diff("n") { try sql("UPDATE n SET v = 'Y' WHERE id = 10") }
        XCTAssertEqual([r.added, r.removed, r.changed], [0, 0, 1])
        XCTAssertEqual(r.rows.first?.key, ["id": "10"])
    }

    func testNoiseRowsAreCountedNotListed() throws {
        try sql("CREATE TABLE options (option_id INT PRIMARY KEY, option_name VARCHAR(64), option_value TEXT)",
                "INSERT INTO options VALUES (1,'siteurl','http://a'),(2,'_transient_x','1')")
        var rules = TableRules()
        rules.noiseRows = [(column: "option_name", prefixes: ["_transient_"])]
        let r = try diff("options", rules: rules) {
            try sql("UPDATE options SET option_value = '2' WHERE option_id = 2", "INSERT INTO options VALUES (3,'_transient_y','1')")
        }
        XCTAssertEqual([r.added, r.removed, r.changed], [0, 0, 0])
        XCTAssertEqual(r.noiseHidden, 2)
        XCTAssertTrue(r.rows.isEmpty)

        rules.includeNoise = true
        try sql("UPDATE options SET option_value = '1' WHERE option_id = 2")
        let all = try diff("options", rules: rules) { try sql("UPDATE options SET option_value = '3' WHERE option_id = 2") }
        XCTAssertEqual(all.changed, 1, "--include-noise lists them")
        XCTAssertEqual(all.noiseHidden, 0)
    }

    func testRowReinsertedUnderANewIdIsAChangeByNaturalKey() throws {
        try sql("CREATE TABLE ext (id INT PRIMARY KEY, element VARCHAR(40), params TEXT)",
                "INSERT INTO ext VALUES (1,'core','{}'),(2,'com_acme','{\"mode\":\"loose\"}')")
        var rules = TableRules()
        rules.naturalKey = ["element"]
        let r = try diff("ext", rules: rules) {
            try sql("DELETE FROM ext WHERE id = 2", "INSERT INTO ext VALUES (9,'com_acme','{\"mode\":\"strict\"}')")
        }
        XCTAssertEqual(r.match, "primary key (id), then natural key (element)")
        XCTAssertEqual([r.added, r.removed, r.changed], [0, 0, 1])
        let row = try XCTUnwrap(r.rows.first)
        XCTAssertEqual(row.change, .changed)
        XCTAssertEqual(row.matchedBy, "natural key (element)")
        XCTAssertEqual(row.key, ["element": "com_acme", "id": "9"], "the natural key plus AFTER's primary key")
        XCTAssertEqual(row.columns["id"], DiffReport.ColumnChange(before: "2", after: "9"))
        let params = try XCTUnwrap(row.columns["params"])
        XCTAssertEqual(params.format, "json")
        XCTAssertEqual(params.paths, [PathChange(path: ["mode"], change: .changed, before: "loose", after: "strict")])
    }

    func testTableWithoutKeyIsComparedAsAMultiset() throws {
        try sql("CREATE TABLE log (at INT, msg TEXT)", "INSERT INTO log VALUES (1,'a'),(1,'a'),(2,'b')")
        let r = try diff("log") {
            // One of two equal rows goes, another row comes: a multiset sees exactly that.
            try sql("DELETE FROM log WHERE at = 1 LIMIT 1", "INSERT INTO log VALUES (3,'c')")
        }
        XCTAssertEqual(r.match, "multiset (no key)")
        XCTAssertEqual([r.added, r.removed, r.changed], [1, 1, 0])
        XCTAssertEqual(Set(r.rows.map(\.change)), [.added, .removed])
        let removed = try XCTUnwrap(r.rows.first { $0.change == .removed })
        XCTAssertEqual(removed.key, ["at": "1", "msg": "a"], "without a key, every column is the key")
    }

    func testKeptRowChangesAreCappedButAllCounted() throws {
        try sql("CREATE TABLE big (id INT PRIMARY KEY, v INT)",
                "INSERT INTO big WITH RECURSIVE s (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 50) SELECT n, 0 FROM s")
        let r = try diff("big", maxRows: 5) { try sql("UPDATE big SET v = 1") }
        XCTAssertEqual(r.changed, 50)
        XCTAssertEqual(r.rows.count, 5)
        XCTAssertTrue(r.truncated)
    }
}
