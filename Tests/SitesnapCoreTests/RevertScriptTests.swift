import MariaDBKit
@testable import SitesnapCore
@testable import SnapshotFormat
import XCTest

/// `RevertScript` (`diff-db --revert-sql`) on reports made from real dumps: run with the stock client on
/// AFTER's database, the script gives BEFORE's rows and columns back; its comments say what it cannot
/// do itself.
final class RevertScriptTests: XCTestCase {
    private func side(_ id: String) -> DiffReport.Side {
        DiffReport.Side(id: id, archive: "/repo/\(id).tar.zst", createdAt: nil, site: "/srv/site", cms: "WordPress", cmsVersion: nil, database: "db")
    }

    private func report(_ tables: [DiffReport.TableChange], leftovers: [DiffReport.Leftover] = []) -> DiffReport {
        DiffReport(before: side("s1"), after: side("s2"), tables: tables, leftovers: leftovers, removedExtensions: [],
                   noiseHidden: 0, tablesUnchanged: 0)
    }

    /// The change of `table` between two real dumps, as `DiffEngine` reports it.
    private func modified(_ table: String, before: RealDump, after: RealDump) throws -> DiffReport.TableChange {
        let b = try before.reader(), a = try after.reader()
        let schema = TableSchema(createStatement: b.createStatement).changes(to: TableSchema(createStatement: a.createStatement))
        let rows = try TableDiffer(orderKey: before.orderKey, orderKeyNumeric: before.orderKeyNumeric, rules: TableRules(), maxRows: 100)
            .run(before: b, after: a)
        return DiffReport.TableChange(table: table, change: .modified, noise: false, schema: schema, rowsAdded: rows.added,
                                      rowsRemoved: rows.removed, rowsChanged: rows.changed, match: rows.match, rows: rows.rows,
                                      rowsTruncated: rows.truncated)
    }

    func testScriptTurnsAfterRowsAndColumnsBackIntoBefore() throws {
        _ = try TestEnvironment.requireDatabase()
        let db = try TestDatabase.create("cleanup")
        let c = try TestDatabase.admin(database: db)
        for s in ["CREATE TABLE wp_items (id INT PRIMARY KEY, name VARCHAR(40), note TEXT NULL, data VARBINARY(8))",
                  "INSERT INTO wp_items VALUES (1,'plain',NULL,0x00ff),(2,'it''s quoted','x',NULL),(3,'gone','y',0x01)"] {
            try c.execute(s)
        }
        let checksums = try TestDatabase.checksums(db)
        let schemas = try TestDatabase.schemas(db)
        let before = try RealDump.of("wp_items", in: db)
        try c.execute("UPDATE wp_items SET name = 'changed', note = NULL WHERE id = 2")
        try c.execute("DELETE FROM wp_items WHERE id = 3")
        try c.execute("INSERT INTO wp_items VALUES (4,'new','z',0x02)")
        try c.execute("ALTER TABLE wp_items ADD COLUMN extra INT NULL, ADD INDEX by_name (name)")
        try c.execute("CREATE TABLE wp_plugin_log (id INT PRIMARY KEY)")
        let after = try RealDump.of("wp_items", in: db)

        let change = try modified("wp_items", before: before, after: after)
        XCTAssertEqual([change.rowsAdded, change.rowsRemoved, change.rowsChanged], [1, 1, 1])
        let added = DiffReport.TableChange(table: "wp_plugin_log", change: .added, noise: false, schema: [], rowsAdded: 0, rowsRemoved: 0,
                                           rowsChanged: 0, match: nil, rows: [], rowsTruncated: false)
        let script = RevertScript.make(report([change, added]))
        XCTAssertTrue(script.hasPrefix("-- sitesnap diff-db revert script: turns s2 back into s1."), script)
        XCTAssertTrue(script.contains("deletes rows added since (which may be user content"), script)
        XCTAssertTrue(script.contains("ALTER TABLE `wp_items` DROP COLUMN `extra`;"), script)
        XCTAssertTrue(script.contains("ALTER TABLE `wp_items` DROP INDEX `by_name`;"), script)
        XCTAssertTrue(script.contains("DROP TABLE `wp_plugin_log`;"), script)
        XCTAssertTrue(script.contains("DELETE FROM `wp_items` WHERE `id` = '4' LIMIT 1;"), script)
        XCTAssertTrue(script.contains("VALUES (0x01,'3','gone','y');"), "binary values stay hex literals: \(script)")

        let file = TestEnvironment.makeTempDir("sql") + "/cleanup.sql"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try TestDatabase.client(db, inputFile: file)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try TestDatabase.checksums(db), checksums, "BEFORE's rows")
        XCTAssertEqual(try TestDatabase.schemas(db), schemas, "BEFORE's tables and columns")
    }

    func testRemovedTablesTruncatedRowsAndLeftoversAreNotedNotGuessed() {
        let removed = DiffReport.TableChange(table: "wp_af_log", change: .removed, noise: false, schema: [], rowsAdded: 0, rowsRemoved: 7,
                                             rowsChanged: 0, match: nil, rows: [], rowsTruncated: false)
        let truncated = DiffReport.TableChange(table: "wp_options", change: .modified, noise: false, schema: [], rowsAdded: 0, rowsRemoved: 0,
                                               rowsChanged: 20_000, match: "primary key (option_id)", rows: [], rowsTruncated: true)
        let leftover = DiffReport.Leftover(extensionSlug: "acme-forms", kind: .row, object: "option", name: "af_settings", table: "wp_options",
                                           key: ["option_id": "7", "option_name": "af_settings"], evidence: .strong,
                                           reasons: ["code: x.php creates option 'af_settings'"])
        let script = RevertScript.make(report([removed, truncated], leftovers: [leftover]))
        XCTAssertTrue(script.contains("-- table wp_af_log was removed (7 rows): restore it from the snapshot, e.g.\n"
                                      + "--   tar -xOf /repo/s1.tar.zst --wildcards 'database/1-*-wp_af_log.sql' | mariadb DATABASE\n"), script)
        XCTAssertTrue(script.contains("-- wp_options: more changes than listed; compare again with --table wp_options\n"), script)
        XCTAssertTrue(script.contains("-- acme-forms: row in wp_options `option_id` = '7' AND `option_name` = 'af_settings': code: x.php creates option 'af_settings'\n"),
                      script)
        let body = script.components(separatedBy: "DELIMITER ;\n")[1]
        let statements = body.split(separator: "\n").filter { !$0.hasPrefix("--") && !$0.isEmpty && !$0.hasPrefix("SET ") }
        XCTAssertEqual(statements, ["DROP PROCEDURE sitesnap_cleanup_expect;"], "nothing is run for what the script cannot know: \(script)")
    }
}
