import Foundation
import XCTest

/// diff-db on a Joomla 5 fixture (Tests/Fixtures/joomla5.sql) between two snapshots: what Joomla writes
/// on its own (a login, a scheduler run, an update check, the statistics plugin's run) is noise, hidden
/// and counted unless --include-noise; rows deleted and re-inserted under a new id are paired by the
/// natural keys of base.sql's UNIQUE keys (assets.name, users.username, menu's client/parent/alias/language).
final class JoomlaNoiseTests: XCTestCase {
    private let p = "j5x_"

    private func site() throws -> (site: String, db: String, repo: String) {
        let (site, db) = try FixtureSite.load("joomla5", sql: "joomla5.sql", prefix: p)
        try FixtureSite.grant(db, user: "joomla_user", password: "j00mla-secret")
        return (site, db, TestEnvironment.makeTempDir("j5repo"))
    }

    /// What one login, one scheduler run, one update check and one statistics run write
    /// (the statements follow the Joomla code named in profiles/joomla.yml).
    private func joomlaRuns(_ db: String) throws {
        let c = try TestDatabase.admin(database: db)
        try c.execute("UPDATE \(p)users SET lastvisitDate = '2026-12-01 08:00:00' WHERE id = 518")
        try c.execute("INSERT INTO \(p)session (session_id, client_id, guest, time, data, userid, username) VALUES ('9a8b7c6d5e4f3a2b1c0d9e8f7a', 1, 0, 1764576000, '', 518, 'siteadmin')")
        try c.execute("INSERT INTO \(p)user_keys (user_id, token, series, time, uastring) VALUES ('siteadmin', '$2y$10$abc', 'c2VyaWVz', '1767168000', 'ae5d1c')")
        try c.execute("INSERT INTO \(p)action_logs (message_language_key, message, log_date, extension, user_id, item_id) VALUES ('PLG_ACTIONLOG_JOOMLA_USER_LOGGED_IN', '{\"action\":\"login\"}', '2026-12-01 08:00:00', 'com_users', 518, 518)")
        try c.execute("UPDATE \(p)scheduler_tasks SET last_execution = '2026-12-01 09:00:03', next_execution = '2026-12-02 09:00:00', times_executed = times_executed + 1, last_exit_code = 0 WHERE id = 2")
        try c.execute("INSERT INTO \(p)scheduler_logs (taskname, tasktype, duration, jobid, taskid, exitcode, lastdate, nextdate) VALUES ('Session GC', 'session.gc', 0.012, 2, 2, 0, '2026-12-01 09:00:03', '2026-12-02 09:00:00')")
        try c.execute("UPDATE \(p)update_sites SET last_check_timestamp = 1764579600")
        try c.execute("INSERT INTO \(p)updates (update_site_id, extension_id, name, element, type, version, detailsurl) VALUES (7, 250, 'Acme Shop', 'com_acmeshop', 'component', '3.2.0', 'https://acme-web.example/updates/acmeshop.xml')")
        try c.execute("UPDATE \(p)extensions SET params = '{\"mode\":1,\"lastrun\":1764579600,\"unique_id\":\"5a1c0e4f\"}' WHERE element = 'stats' AND folder = 'system'")
    }

    /// Changes a person made: rows deleted and re-inserted under new ids, a plugin's settings.
    private func ownerChanges(_ db: String) throws {
        let c = try TestDatabase.admin(database: db)
        try c.execute("DELETE FROM \(p)assets WHERE id = 60")
        try c.execute("INSERT INTO \(p)assets VALUES (61, 1, 5, 6, 1, 'com_acmeshop', 'com_acmeshop', '{\"core.admin\":{\"8\":1}}')")
        try c.execute("DELETE FROM \(p)menu WHERE id = 102")
        try c.execute("INSERT INTO \(p)menu VALUES (103, 'mainmenu', 'Our Shop', 'shop', 'shop', 'index.php?option=com_acmeshop&view=products', 'component', 1, 1, 1, 250, '*', 0)")
        try c.execute("DELETE FROM \(p)users WHERE id = 519")
        try c.execute("INSERT INTO \(p)users (id, name, username, email, password, block, sendEmail, registerDate, lastvisitDate, activation, params) VALUES (520, 'Jörg O''Neill', 'joneill', 'jorg@acme-outdoor.example', '$2y$10$FA8Ucet.8W2VKCzPHGkoye5cc/MT/bcQHZSB4a2iCFaLOz1zFtTKm', 0, 0, '2026-01-20 16:40:55', '2026-11-29 17:44:12', '', '{}')")
        try c.execute("UPDATE \(p)extensions SET params = '{\"cart_timeout\":30}' WHERE element = 'acmeshop' AND folder = 'system'")
    }

    private func tables(_ json: [String: Any]) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: ((json["tables"] as? [[String: Any]]) ?? []).map { ($0["table"] as! String, $0) })
    }

    func testJoomlaOwnWritesAreNoiseAndReinsertedRowsMatchByNaturalKey() throws {
        let (site, db, repo) = try site()
        let s0 = try SnapshotSteps.snapshot(site, db: db, repo, "s0")
        try joomlaRuns(db)
        try ownerChanges(db)
        let s1 = try SnapshotSteps.snapshot(site, db: db, repo, "s1")
        let json = try SnapshotSteps.diff(s0, s1, repo)
        let t = tables(json)
        XCTAssertEqual(Set(t.keys), ["\(p)assets", "\(p)menu", "\(p)users", "\(p)extensions"], "\(t.keys.sorted())")
        // Ten noise hidden: four noise tables, the login's action log row, siteadmin's lastvisitDate,
        // the scheduler task's run columns, two update sites' check time, the stats plugin's params.
        XCTAssertEqual(json["noise_hidden"] as? Int, 10, "\(json["noise_hidden"] ?? "nil")")
        for (table, key, value) in [("assets", "name", "com_acmeshop"), ("menu", "alias", "shop"), ("users", "username", "joneill")] {
            let info = try XCTUnwrap(t[p + table], table)
            XCTAssertEqual(info["rows_changed"] as? Int, 1, table)
            XCTAssertEqual(info["rows_added"] as? Int, 0, table)
            XCTAssertEqual(info["rows_removed"] as? Int, 0, table)
            let row = try XCTUnwrap((info["rows"] as? [[String: Any]])?.first, table)
            XCTAssertEqual((row["key"] as? [String: Any])?[key] as? String, value, table)
            XCTAssertTrue((row["matched_by"] as? String)?.hasPrefix("natural key") == true, "\(row)")
        }
        // The owner's own plugin setting is a change; the statistics plugin's run is not.
        let ext = try XCTUnwrap(t["\(p)extensions"])
        XCTAssertEqual(ext["rows_changed"] as? Int, 1)
        let changed = (ext["rows"] as? [[String: Any]])?.first
        XCTAssertEqual((changed?["key"] as? [String: Any])?["element"] as? String, "acmeshop")

        let r = try ProcessRunner.sitesnap(["diff-db", s0, s1, "--repo", repo, "--json", "--include-noise"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let all = tables(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])
        for table in ["session", "updates", "user_keys", "scheduler_logs", "action_logs", "scheduler_tasks", "update_sites"] {
            XCTAssertNotNil(all[p + table], table)
        }
        XCTAssertEqual(all["\(p)users"]?["rows_changed"] as? Int, 2, "siteadmin's login shows with --include-noise")
        XCTAssertEqual(all["\(p)extensions"]?["rows_changed"] as? Int, 2)
        XCTAssertEqual(all["\(p)update_sites"]?["rows_changed"] as? Int, 2)
    }

    /// A noise column does not hide a real change made in the same row.
    func testRealChangeBesideNoiseColumnIsShown() throws {
        let (site, db, repo) = try site()
        let s0 = try SnapshotSteps.snapshot(site, db: db, repo, "s0")
        let c = try TestDatabase.admin(database: db)
        try c.execute("UPDATE \(p)users SET lastvisitDate = '2026-12-01 08:00:00', email = 'root@acme-outdoor.example' WHERE id = 518")
        // The statistics plugin's run and, in the same params, the owner's choice to never send.
        try c.execute("UPDATE \(p)extensions SET params = '{\"mode\":3,\"lastrun\":1764579600,\"unique_id\":\"5a1c0e4f\"}' WHERE element = 'stats'")
        let s1 = try SnapshotSteps.snapshot(site, db: db, repo, "s1")
        let t = tables(try SnapshotSteps.diff(s0, s1, repo))
        let users = try XCTUnwrap(t["\(p)users"])
        XCTAssertEqual(users["rows_changed"] as? Int, 1)
        let columns = ((users["rows"] as? [[String: Any]])?.first?["columns"] as? [String: Any]) ?? [:]
        XCTAssertEqual(Set(columns.keys), ["email", "lastvisitDate"])
        let ext = try XCTUnwrap(t["\(p)extensions"])
        XCTAssertEqual(ext["rows_changed"] as? Int, 1)
        let params = (((ext["rows"] as? [[String: Any]])?.first?["columns"] as? [String: Any])?["params"] as? [String: Any]) ?? [:]
        let paths = ((params["paths"] as? [[String: Any]]) ?? []).compactMap { ($0["path"] as? [String])?.joined(separator: ".") }
        XCTAssertEqual(Set(paths), ["mode", "lastrun"], "\(params)")
    }
}
