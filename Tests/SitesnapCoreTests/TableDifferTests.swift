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
        let differ = TableDiffer(before: before.tableDump, after: after.tableDump, rules: rules, maxRows: maxRows)
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

    /// A table empty in BEFORE has no INSERT, so its dump names no columns: the rows of AFTER are still
    /// matched by the primary key the manifest has, each listed with its own key (not as copies of the
    /// first, which a multiset over no columns made of them).
    func testTableEmptyInBeforeIsMatchedByItsPrimaryKey() throws {
        try sql("CREATE TABLE commentmeta (meta_id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, comment_id BIGINT, meta_key VARCHAR(255), meta_value LONGTEXT)")
        var rules = TableRules()
        rules.naturalKey = ["comment_id", "meta_key"]
        let r = try diff("commentmeta", rules: rules) {
            try sql("INSERT INTO commentmeta (comment_id, meta_key, meta_value) VALUES (1,'akismet_result','false'),(1,'akismet_history','a:0:{}'),(2,'akismet_result','true'),(2,'akismet_as_submitted','x')")
        }
        XCTAssertEqual(r.match, "primary key (meta_id)")
        XCTAssertEqual([r.added, r.removed, r.changed], [4, 0, 0])
        XCTAssertEqual(r.rows.map { $0.key["meta_id"] ?? nil }, ["1", "2", "3", "4"])
        XCTAssertEqual(r.rows.map { $0.columns["meta_key"]?.after }, ["akismet_result", "akismet_history", "akismet_result", "akismet_as_submitted"])
    }

    func testTableEmptyInAfterListsEveryRemovedRow() throws {
        try sql("CREATE TABLE notes (id INT PRIMARY KEY, body TEXT)", "INSERT INTO notes VALUES (1,'a'),(2,'b'),(3,'c')")
        let r = try diff("notes") { try sql("DELETE FROM notes") }
        XCTAssertEqual(r.match, "primary key (id)")
        XCTAssertEqual([r.added, r.removed, r.changed], [0, 3, 0])
        XCTAssertEqual(r.rows.map { $0.key["id"] ?? nil }, ["1", "2", "3"])
    }

    func testTableWithoutKeyEmptyInBeforeListsEachRow() throws {
        try sql("CREATE TABLE log (at INT, msg TEXT)")
        let r = try diff("log") { try sql("INSERT INTO log VALUES (1,'a'),(2,'b'),(2,'b')") }
        XCTAssertEqual(r.match, "multiset (no key)")
        XCTAssertEqual([r.added, r.removed, r.changed], [3, 0, 0])
        XCTAssertEqual(r.rows.compactMap { $0.key["msg"] ?? nil }.sorted(), ["a", "b", "b"])
    }

    /// A primary key added between the snapshots: BEFORE was dumped in scan order, AFTER by key; the
    /// rows are still matched by that key (through a hash), so an edited row is one change.
    func testKeyKnownOnOneSideOnlyStillMatchesByKey() throws {
        try sql("CREATE TABLE t (id INT NOT NULL, v TEXT)", "INSERT INTO t VALUES (3,'c'),(1,'a'),(2,'b')")
        let r = try diff("t") {
            try sql("ALTER TABLE t ADD PRIMARY KEY (id)", "UPDATE t SET v = 'B' WHERE id = 2", "DELETE FROM t WHERE id = 3", "INSERT INTO t VALUES (4,'d')")
        }
        XCTAssertEqual(r.match, "primary key (id)")
        XCTAssertEqual([r.added, r.removed, r.changed], [1, 1, 1])
        XCTAssertEqual(r.rows.first { $0.change == .changed }?.key, ["id": "2"])
        XCTAssertEqual(r.rows.first { $0.change == .removed }?.key, ["id": "3"])
        XCTAssertEqual(r.rows.first { $0.change == .added }?.key, ["id": "4"])
    }

    /// End to end on a real WordPress, whose `commentmeta` is empty after install: the backup records
    /// its primary key although it has no rows, and four meta rows added before the next backup are
    /// four changes with four keys (they were four copies of the first, and the script deleted it 4x).
    func testRealBackupOfATableEmptyInBefore() throws {
        let wp = try WordPressFixture.make(socket: try TestEnvironment.requireDatabase())
        let repo = TestEnvironment.makeTempDir("emptyrepo")
        func backup(_ label: String) throws -> String {
            let r = try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo, "--label", label, "--no-files", "--json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            return try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["id"] as? String)
        }
        let s0 = try backup("s0")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repo + "/" + s0 + ".manifest.json"))) as? [String: Any]
        let tables = (manifest?["database"] as? [String: Any])?["tables"] as? [[String: Any]] ?? []
        let empty = try XCTUnwrap(tables.first { $0["name"] as? String == "wp_commentmeta" })
        XCTAssertEqual(empty["rows"] as? Int, 0)
        XCTAssertEqual(empty["order_key"] as? [String], ["meta_id"])
        let c = try TestDatabase.admin(database: wp.database)
        defer { c.close() }
        try c.execute("""
            INSERT INTO wp_commentmeta (comment_id, meta_key, meta_value) VALUES (1, 'akismet_result', 'false'),
            (1, 'akismet_history', 'a:0:{}'), (1, 'akismet_as_submitted', 'a:0:{}'), (1, 'akismet_rechecking', '1')
            """)
        let s1 = try backup("s1")
        let script = TestEnvironment.makeTempDir("sql") + "/script.sql"
        let r = try ProcessRunner.sitesnap(["diff-db", "--repo", repo, s0, s1, "--json", "--table", "commentmeta", "--sql", script])
        XCTAssertEqual(r.status, 1, r.stderr)
        // Whatever the script does with these rows, it never names one row twice.
        let deletes = try String(contentsOfFile: script, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("DELETE") }
        XCTAssertEqual(Set(deletes).count, deletes.count, "\(deletes)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let meta = try XCTUnwrap((json?["tables"] as? [[String: Any]])?.first { $0["table"] as? String == "wp_commentmeta" })
        XCTAssertEqual(meta["match"] as? String, "primary key (meta_id)")
        XCTAssertEqual(meta["rows_added"] as? Int, 4)
        let rows = meta["rows"] as? [[String: Any]] ?? []
        XCTAssertEqual(Set(rows.compactMap { ($0["key"] as? [String: Any])?["meta_id"] as? String }).count, 4, "\(rows)")
        XCTAssertEqual(Set(rows.compactMap { ($0["key"] as? [String: Any])?["meta_key"] as? String }).count, 4, "\(rows)")
    }
}
