import Foundation
import MariaDBKit
@testable import SitesnapCore
@testable import SnapshotFormat
import XCTest

/// `CleanupScript` (`diff-db --sql`) on a hand-built report of a removed plugin: applied with the stock
/// `mariadb` client to a real database holding AFTER, it removes exactly the strong leftovers (a table,
/// option rows, cron hooks and capabilities inside core values) and leaves the weak ones, core and every
/// row of user content; on a database whose cron changed since AFTER, it stops with an error naming the
/// leftover and runs nothing after that statement.
final class CleanupScriptTests: XCTestCase {
    typealias Leftover = DiffReport.Leftover
    static let event = ValueEditorTests.event()
    static let cronAfter = "serialize([1735689600 => ['akismet_scheduled_delete' => \(event)], 1735693200 => ['wp_version_check' => \(event)], 'version' => 2])"
    static let cronClean = "serialize([1735693200 => ['wp_version_check' => \(event)], 'version' => 2])"
    /// WordPress rescheduled the hook after AFTER was taken: the row no longer holds AFTER's value.
    static let cronRescheduled = "serialize([1735776000 => ['akismet_scheduled_delete' => \(event)], 1735693200 => ['wp_version_check' => \(event)], 'version' => 2])"
    static let rolesAfter = "serialize(['administrator' => ['name' => 'Administrator', 'capabilities' => ['switch_themes' => true, 'akismet_manage' => true]], "
        + "'subscriber' => ['name' => 'Subscriber', 'capabilities' => ['read' => true]]])"
    static let rolesClean = "serialize(['administrator' => ['name' => 'Administrator', 'capabilities' => ['switch_themes' => true]], "
        + "'subscriber' => ['name' => 'Subscriber', 'capabilities' => ['read' => true]]])"

    private func php(_ code: String) throws -> String { String(decoding: try ValueEditorTests.php(code), as: UTF8.self) }

    /// A database holding AFTER: core options, the plugin's options, core values with its entries,
    /// its table, a table of another plugin it only reads, and a visitor's comment added meanwhile.
    private func afterDatabase(cron: String) throws -> String {
        let db = try TestDatabase.create("cleanup")
        let c = try TestDatabase.admin(database: db)
        let options: [(Int, String, String)] = [(1, "siteurl", "http://blog.example.test"), (2, "cron", try php(cron)),
                                                (3, "akismet_key", "abc123"), (4, "akismet_strictness", "1"),
                                                (5, "wp_user_roles", try php(Self.rolesAfter)), (6, "stats_shared_counter", "5"),
                                                (7, "blogdescription", "Changed by the owner")]
        for s in ["CREATE TABLE wp_options (option_id BIGINT UNSIGNED PRIMARY KEY, option_name VARCHAR(191) NOT NULL UNIQUE, "
                  + "option_value LONGTEXT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci",
                  "CREATE TABLE wp_comments (comment_ID BIGINT UNSIGNED PRIMARY KEY, comment_author VARCHAR(60), comment_content TEXT) ENGINE=InnoDB",
                  "INSERT INTO wp_comments VALUES (1, 'Mr WordPress', 'Hi, this is a comment.'), (2, 'A visitor', 'Added after the plugin went')",
                  "CREATE TABLE wp_akismet_log (id INT PRIMARY KEY) ENGINE=InnoDB", "INSERT INTO wp_akismet_log VALUES (1)",
                  "CREATE TABLE wp_statistics_visits (id INT PRIMARY KEY) ENGINE=InnoDB"] {
            try c.execute(s)
        }
        for (id, name, value) in options {
            try c.execute("INSERT INTO wp_options VALUES (\(id), \(SQLLiteral.quote(name)), \(SQLLiteral.quote(value)))")
        }
        return db
    }

    private func leftover(_ kind: Leftover.Kind, _ object: String, _ name: String, _ table: String, key: [String: String?]? = nil,
                          column: String? = nil, path: [String]? = nil, evidence: Leftover.Evidence = .strong) -> Leftover {
        Leftover(extensionSlug: "akismet", kind: kind, object: object, name: name, table: table, key: key, column: column, path: path,
                 evidence: evidence, reasons: ["code: akismet/class.akismet.php \(evidence == .strong ? "creates" : "reads") \(object) '\(name)'"])
    }

    private func edit(_ id: String, _ name: String, _ after: String, _ removed: [[String]], dropEmptied: Bool) throws -> DiffReport.ValueEdit {
        let current = try php(after)
        let cleaned = try XCTUnwrap(ValueEditor.removing(removed, from: Array(current.utf8), dropEmptied: dropEmptied))
        return DiffReport.ValueEdit(table: "wp_options", key: ["option_id": id, "option_name": name], column: "option_value", format: cleaned.format,
                                    current: current, cleaned: String(decoding: cleaned.cleaned, as: UTF8.self), removed: removed)
    }

    private func report() throws -> DiffReport {
        func side(_ id: String) -> DiffReport.Side {
            DiffReport.Side(id: id, archive: "/repo/\(id).tar.zst", createdAt: nil, site: "/srv/blog", cms: "WordPress", cmsVersion: "6.1.9", database: "blog")
        }
        let cronPath = ["1735689600", "akismet_scheduled_delete"], capPath = ["administrator", "capabilities", "akismet_manage"]
        let leftovers = [
            leftover(.table, "table", "wp_akismet_log", "wp_akismet_log"),
            leftover(.row, "option", "akismet_key", "wp_options", key: ["option_id": "3", "option_name": "akismet_key"]),
            leftover(.row, "option", "akismet_strictness", "wp_options", key: ["option_id": "4", "option_name": "akismet_strictness"]),
            leftover(.entry, "cron", "akismet_scheduled_delete", "wp_options", key: ["option_id": "2", "option_name": "cron"], column: "option_value", path: cronPath),
            leftover(.entry, "capability", "akismet_manage", "wp_options", key: ["option_id": "5", "option_name": "wp_user_roles"], column: "option_value", path: capPath),
            leftover(.entry, "widget", "akismet_widget-2", "wp_options", key: ["option_id": "8", "option_name": "sidebars_widgets"], column: "option_value",
                     path: ["sidebar-1", "1"]),
            leftover(.row, "option", "stats_shared_counter", "wp_options", key: ["option_id": "6", "option_name": "stats_shared_counter"], evidence: .weak),
            leftover(.table, "table", "wp_statistics_visits", "wp_statistics_visits", evidence: .weak),
        ]
        // The site's own changes since BEFORE: never statements of the cleanup.
        let comment = DiffReport.RowChange(key: ["comment_ID": "2"], change: .added, columns: ["comment_author": .added("A visitor")], matchedBy: nil)
        let blog = DiffReport.RowChange(key: ["option_id": "7"], change: .changed, columns: ["option_value": .init(before: "Just another blog", after: "Changed by the owner")], matchedBy: nil)
        func changed(_ t: String, _ rows: [DiffReport.RowChange]) -> DiffReport.TableChange {
            DiffReport.TableChange(table: t, change: .modified, noise: false, schema: [], rowsAdded: 1, rowsRemoved: 0, rowsChanged: 0, match: nil, rows: rows, rowsTruncated: false)
        }
        var r = DiffReport(before: side("blog-s1"), after: side("blog-s2"), tables: [changed("wp_comments", [comment]), changed("wp_options", [blog])],
                           leftovers: leftovers, removedExtensions: ["akismet"], noiseHidden: 0, tablesUnchanged: 3)
        r.extensions = [DiffReport.RemovedExtension(slug: "akismet", kind: "plugin", name: "Akismet Anti-Spam", version: "5.0.2", state: .removed,
                                                    codeSnapshot: "blog-s1b", withoutSnapshot: "blog-s0")]
        r.valueEdits = [try edit("2", "cron", Self.cronAfter, [cronPath], dropEmptied: true),
                        try edit("5", "wp_user_roles", Self.rolesAfter, [capPath], dropEmptied: false)]
        return r
    }

    private func options(_ db: String) throws -> [String: String] {
        let rows = try TestDatabase.admin(database: db).query("SELECT option_name, option_value FROM wp_options")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0]!, $0[1]!) })
    }

    private func tables(_ db: String) throws -> Set<String> { Set(try TestDatabase.checksums(db).keys) }

    private func write(_ script: String) throws -> String {
        let file = TestEnvironment.makeTempDir("sql") + "/cleanup.sql"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

extension CleanupScriptTests {
    func testRemovesExactlyTheStrongLeftoversAndKeepsUserContent() throws {
        _ = try TestEnvironment.requireDatabase()
        let script = CleanupScript.make(try report())
        let db = try afterDatabase(cron: Self.cronAfter)
        let comments = try TestDatabase.client(db, sql: "SELECT * FROM wp_comments ORDER BY comment_ID").stdout
        var expected = try options(db)
        let r = try TestDatabase.client(db, inputFile: try write(script))
        XCTAssertEqual(r.status, 0, r.stderr + script)
        expected["akismet_key"] = nil
        expected["akismet_strictness"] = nil
        expected["cron"] = try php(Self.cronClean)
        expected["wp_user_roles"] = try php(Self.rolesClean)
        XCTAssertEqual(try options(db), expected, "only the plugin's options and entries went; core, weak and the owner's change stayed")
        XCTAssertEqual(try tables(db), ["wp_options", "wp_comments", "wp_statistics_visits"], "its table went, the one it only read stayed")
        XCTAssertEqual(try TestDatabase.client(db, sql: "SELECT * FROM wp_comments ORDER BY comment_ID").stdout, comments, "user content")
        XCTAssertEqual(try TestDatabase.client(db, sql: "SHOW PROCEDURE STATUS WHERE Db = '\(db)'").stdout, "", "its helper procedure is dropped")
    }

    func testAStatementThatNoLongerMatchesStopsTheScriptNamingTheLeftover() throws {
        _ = try TestEnvironment.requireDatabase()
        let script = CleanupScript.make(try report())
        let db = try afterDatabase(cron: Self.cronRescheduled)
        let before = try options(db)
        let r = try TestDatabase.client(db, inputFile: try write(script))
        XCTAssertNotEqual(r.status, 0, "a silent no-op is what this replaced")
        XCTAssertTrue(r.stderr.contains("sitesnap cleanup stopped: cron 'akismet_scheduled_delete' in wp_options.option_value is not as in blog-s2"), r.stderr)
        XCTAssertEqual(try options(db), before, "the capability UPDATE after it did not run; the DELETEs before it were rolled back")
        XCTAssertTrue(try tables(db).contains("wp_akismet_log"), "DROP TABLE after it did not run")
    }

    func testTheScriptSaysWhatItRemovesWhyAndWhatItLeaves() throws {
        let script = CleanupScript.make(try report())
        for needle in ["-- sitesnap diff-db cleanup script: removes what removed extensions left behind in blog-s2.",
                       "-- BEFORE: blog-s1", "-- AFTER:  blog-s2",
                       "-- extension akismet (plugin Akismet Anti-Spam 5.0.2, removed): its code read from snapshot blog-s1b; before it: snapshot blog-s0",
                       "staging copy first", "SET NAMES utf8mb4;",
                       "-- akismet: option 'akismet_key' (row in wp_options `option_id` = '3' AND `option_name` = 'akismet_key')\n"
                       + "--   strong: code: akismet/class.akismet.php creates option 'akismet_key'\n"
                       + "DELETE FROM `wp_options` WHERE `option_id` = '3' AND `option_name` = 'akismet_key';\n"
                       + "CALL sitesnap_cleanup_expect(ROW_COUNT(), 1, ",
                       "DROP TABLE `wp_akismet_log`;",
                       "-- akismet: widget 'akismet_widget-2' (entry in wp_options `option_id` = '8' AND `option_name` = 'sidebars_widgets', column option_value, at sidebar-1 › 1)\n"
                       + "--   strong: code: akismet/class.akismet.php creates widget 'akismet_widget-2'\n--   by hand: no safe edit of the value",
                       "-- Possibly related (not removed)", "stats_shared_counter", "wp_statistics_visits"] {
            XCTAssertTrue(script.contains(needle), "'\(needle)' in:\n\(script)")
        }
        let statements = script.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        for untouched in ["stats_shared_counter", "wp_statistics_visits", "sidebars_widgets", "wp_comments", "blogdescription", "Changed by the owner"] {
            XCTAssertFalse(statements.contains(untouched), "\(untouched) is in no statement:\n\(statements)")
        }
        XCTAssertEqual(statements.components(separatedBy: "UPDATE ").count - 1, 2, "one UPDATE per value edit")
    }
}

extension CleanupScriptTests {
    /// An edit that would take out more than the strong leftovers of its row (here a core capability
    /// too) is refused, and a line break inside a reason cannot end its comment and become a statement.
    func testAnEditRemovingMoreThanStrongLeftoversIsRefusedAndCommentsStayComments() throws {
        var r = try report()
        let capPath = ["administrator", "capabilities", "akismet_manage"], corePath = ["subscriber", "capabilities", "read"]
        r.valueEdits[1] = try edit("5", "wp_user_roles", Self.rolesAfter, [capPath, corePath], dropEmptied: false)
        r.leftovers[1].reasons = ["code: evil.php creates option 'x'\nDROP TABLE wp_comments;"]
        let script = CleanupScript.make(r)
        let statements = script.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        XCTAssertFalse(statements.contains("wp_user_roles"), statements)
        XCTAssertFalse(statements.contains("wp_comments"), statements)
        XCTAssertTrue(script.contains("--   by hand: the edit of this value would also remove entries that are not strong leftovers: subscriber › capabilities › read"), script)
        XCTAssertTrue(script.contains("--   strong: code: evil.php creates option 'x'⏎DROP TABLE wp_comments;"), script)
    }
}
