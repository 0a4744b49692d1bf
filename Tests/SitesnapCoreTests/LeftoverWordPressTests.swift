import Foundation
import SitesnapSystem
import XCTest

/// diff-db's leftovers on a real WordPress with a test plugin (Tests/Fixtures/wordpress/team-board)
/// that does what real plugins were seen to do: a role and capabilities inside core roles (Members),
/// a widget and comment meta (Akismet), tables named at run time and names starting with `wp_` (WP
/// Statistics), a JOIN over core tables (Redirection). S0 before it, S1 with it active and used (and a
/// visitor's comment and an editor's new post: user content), S2 after its files were removed.
final class LeftoverWordPressTests: XCTestCase {
    typealias Lifecycle = PluginLifecycle

    static let cached = Locked<Lifecycle?>(nil)

    private func snapshot(_ site: String, _ repo: String, _ label: String) throws -> String {
        try SnapshotSteps.snapshot(site, repo, label)
    }

    func lifecycle() throws -> Lifecycle {
        if let c = Self.cached.withLock({ $0 }) { return c }
        let wp = try WordPressFixture.make(socket: try TestEnvironment.requireDatabase(), prefix: "tb_")
        let repo = TestEnvironment.makeTempDir("tbrepo")
        try SnapshotSteps.plugin([wp.root, "load", "-"])
        let s0 = try snapshot(wp.root, repo, "s0")
        try SnapshotSteps.plugin([wp.root, "install", TestEnvironment.fixtures + "/wordpress/team-board"])
        try SnapshotSteps.plugin([wp.root, "activate", "team-board"])
        try SnapshotSteps.plugin([wp.root, "widget", "team_board_widget"])
        try SnapshotSteps.plugin([wp.root, "visit", "-"])
        let s1 = try snapshot(wp.root, repo, "s1")
        try SnapshotSteps.plugin([wp.root, "remove", "team-board"])
        let s2 = try snapshot(wp.root, repo, "s2")
        let l = Lifecycle(wp: wp, repo: repo, s0: s0, s1: s1, s2: s2)
        Self.cached.withLock { $0 = l }
        return l
    }

    private func diff(_ args: [String], repo: String) throws -> (ProcessResult, [String: Any]) {
        let r = try ProcessRunner.sitesnap(["diff-db", "--repo", repo, "--json"] + args)
        XCTAssertEqual(r.status, 1, r.stderr)
        return (r, try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:])
    }

    /// "kind object name [path]" of the strong (or weak) leftovers.
    private func names(_ json: [String: Any], _ evidence: String = "strong") -> Set<String> {
        Set((json["leftovers"] as? [[String: Any]] ?? []).filter { $0["evidence"] as? String == evidence }.map { l in
            "\(l["object"]!) \(l["name"]!)" + ((l["path"] as? [String]).map { " @" + $0.dropLast().joined(separator: "/") } ?? "")
        })
    }

    func testWhatThePluginLeftIsFoundAndNothingOfCore() throws {
        let l = try lifecycle()
        // BEFORE predates the install: the plugin is found in S1, the snapshot in between.
        let (_, json) = try diff([l.s0, l.s2], repo: l.repo)
        let ext = try XCTUnwrap((json["extensions"] as? [[String: Any]])?.first { $0["slug"] as? String == "team-board" }, "\(json)")
        XCTAssertEqual(ext["code_snapshot"] as? String, l.s1)
        XCTAssertEqual(ext["without_snapshot"] as? String, l.s0)
        let strong = names(json)
        for expected in ["table tbstats_visits", "table tbstats_pages", "option tb_settings", "option wp_teamboard_db",
                         "widget team_board_widget", "role team_manager", "capability tb_manage_board @administrator/capabilities",
                         "capability tb_view_reports @editor/capabilities", "cron wp_teamboard_hourly", "comment_meta tb_checked"] {
            XCTAssertTrue(strong.contains { $0.hasPrefix(expected) }, "\(expected) in \(strong.sorted())")
        }
        // Never core: its roles and capabilities, its meta keys, its cron hooks, its tables, its records.
        for l in strong {
            for core in ["role administrator", "role editor", "capability manage_options", "capability read ", "user_meta tb_capabilities",
                         "user_meta tb_user_level", "cron wp_version_check", "cron wp_update_plugins", "table posts", "table postmeta",
                         "table comments", "option active_plugins", "option sidebars_widgets", "option cron", "option tb_user_roles"] {
                XCTAssertFalse((l + " ").hasPrefix(core), "\(l) is core's")
            }
        }
    }

    func testTheCleanupRemovesExactlyTheLeftoversAndKeepsUserContent() throws {
        let l = try lifecycle()
        let script = TestEnvironment.makeTempDir("sql") + "/cleanup.sql"
        _ = try diff([l.s0, l.s2, "--sql", script], repo: l.repo)
        let staging = try restoreStaging(l.s2, l)
        let run = try TestDatabase.client(staging, inputFile: script)
        XCTAssertEqual(run.status, 0, run.stderr)
        func value(_ sql: String) throws -> String? { try TestDatabase.admin(database: staging).query(sql).first?[0] ?? nil }
        XCTAssertNil(try value("SHOW TABLES LIKE 'tb_tbstats_%'"))
        for option in ["tb_settings", "wp_teamboard_db", "widget_team_board_widget"] {
            XCTAssertNil(try value("SELECT option_id FROM tb_options WHERE option_name = '\(option)'"), option)
        }
        let roles = try XCTUnwrap(try value("SELECT option_value FROM tb_options WHERE option_name = 'tb_user_roles'"))
        XCTAssertFalse(roles.contains("team_manager") || roles.contains("tb_manage_board") || roles.contains("tb_view_reports"), roles)
        XCTAssertTrue(roles.contains("manage_options"))
        XCTAssertFalse(try XCTUnwrap(try value("SELECT option_value FROM tb_options WHERE option_name = 'cron'")).contains("wp_teamboard_hourly"))
        XCTAssertFalse(try XCTUnwrap(try value("SELECT option_value FROM tb_options WHERE option_name = 'sidebars_widgets'")).contains("team_board_widget"))
        XCTAssertNil(try value("SELECT meta_id FROM tb_commentmeta WHERE meta_key = 'tb_checked'"))
        // User content created while the plugin was active stays.
        XCTAssertEqual(try value("SELECT COUNT(*) FROM tb_comments WHERE comment_author = 'Visitor'"), "1")
        XCTAssertEqual(try value("SELECT COUNT(*) FROM tb_posts WHERE post_title = 'Team news'"), "2", "the post and its revision")
        // The roles are BEFORE's again, exactly.
        let before = try restoreStaging(l.s0, l)
        XCTAssertEqual(roles, try TestDatabase.admin(database: before).query("SELECT option_value FROM tb_options WHERE option_name = 'tb_user_roles'").first?[0] ?? nil)
    }

    func testACleanupThatNoLongerMatchesStopsAndNamesTheLeftover() throws {
        let l = try lifecycle()
        let script = TestEnvironment.makeTempDir("sql") + "/cleanup.sql"
        _ = try diff([l.s0, l.s2, "--sql", script], repo: l.repo)
        let staging = try restoreStaging(l.s2, l)
        // WordPress rescheduled its cron since: the guarded edit of `cron` no longer matches.
        try TestDatabase.admin(database: staging).execute(
            "UPDATE tb_options SET option_value = REPLACE(option_value, 's:6:\"hourly\"', 's:6:\"HOURLY\"') WHERE option_name = 'cron'")
        let run = try TestDatabase.client(staging, inputFile: script)
        XCTAssertNotEqual(run.status, 0, "the stock client stops at the guard")
        XCTAssertTrue(run.stderr.contains("cron"), run.stderr)
    }

    private func restoreStaging(_ id: String, _ l: Lifecycle) throws -> String {
        let db = "tbstg_\(UUID().uuidString.prefix(6).lowercased())"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", l.repo, "--target", TestEnvironment.makeTempDir("tbs") + "/site",
                                            "--db-name", db] + (try RestoreFixture.rootDB()))
        XCTAssertEqual(r.status, 0, r.stderr)
        return db
    }
}
