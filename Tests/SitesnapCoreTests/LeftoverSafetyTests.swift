import Foundation
import SitesnapSystem
import XCTest

/// What diff-db must never put in a cleanup, each found by trying to break it: the objects of an
/// installed parent plugin that a removed add-on shares a prefix with, writes, re-adds or schedules
/// again (Tests/Fixtures/wordpress/shop-core and shop-extras); a user's own rows that appeared while the
/// add-on was active; anything of a plugin that is only deactivated. And the scripts never replace a
/// snapshot or each other.
final class LeftoverSafetyTests: XCTestCase {
    static let cached = Locked<PluginLifecycle?>(nil)

    /// S0: shop-core active. S1: shop-extras active too, and the user's own meta and option. S2: the
    /// add-on removed (files deleted, no uninstall).
    func lifecycle() throws -> PluginLifecycle {
        if let c = Self.cached.withLock({ $0 }) { return c }
        let wp = try WordPressFixture.make(socket: try TestEnvironment.requireDatabase(), prefix: "sx_")
        let repo = TestEnvironment.makeTempDir("sxrepo")
        try SnapshotSteps.plugin([wp.root, "load", "-"])
        try SnapshotSteps.plugin([wp.root, "install", TestEnvironment.fixtures + "/wordpress/shop-core"])
        try SnapshotSteps.plugin([wp.root, "activate", "shop-core"])
        let s0 = try SnapshotSteps.snapshot(wp.root, repo, "s0")
        try SnapshotSteps.plugin([wp.root, "install", TestEnvironment.fixtures + "/wordpress/shop-extras"])
        try SnapshotSteps.plugin([wp.root, "activate", "shop-extras"])
        let c = try TestDatabase.admin(database: wp.database)
        try c.execute("INSERT INTO sx_postmeta (post_id, meta_key, meta_value) VALUES (1, 'color', 'blue')")
        try c.execute("INSERT INTO sx_options (option_name, option_value, autoload) VALUES ('my_theme_setting', 'dark', 'yes')")
        let s1 = try SnapshotSteps.snapshot(wp.root, repo, "s1")
        try SnapshotSteps.plugin([wp.root, "remove", "shop-extras"])
        let s2 = try SnapshotSteps.snapshot(wp.root, repo, "s2")
        let l = PluginLifecycle(wp: wp, repo: repo, s0: s0, s1: s1, s2: s2)
        Self.cached.withLock { $0 = l }
        return l
    }

    private func strongNames(_ json: [String: Any]) -> [String] {
        (json["leftovers"] as? [[String: Any]] ?? []).filter { $0["evidence"] as? String == "strong" }.map { "\($0["object"]!) \($0["name"]!)" }.sorted()
    }

    func testARemovedAddOnLeavesItsParentsObjectsAndTheUsersRowsAlone() throws {
        let l = try lifecycle()
        let script = TestEnvironment.makeTempDir("sxsql") + "/cleanup.sql"
        let r = try ProcessRunner.sitesnap(["diff-db", l.s0, l.s2, "--repo", l.repo, "--json", "--sql", script])
        XCTAssertEqual(r.status, 1, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        XCTAssertEqual(strongNames(json), ["option shop_extras_settings"], "only the add-on's own option")
        let statements = try String(contentsOfFile: script, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        for kept in ["shop_settings'", "manage_shop", "shop_manager", "shop_cleanup", "shop_orders", "'color'", "my_theme_setting"] {
            XCTAssertFalse(statements.contains(kept), "the cleanup touches \(kept):\n\(statements)")
        }
    }

    func testADeactivatedPluginsDataIsShownNeverCleanedUp() throws {
        let l = try lifecycle()
        try SnapshotSteps.plugin([l.wp.root, "deactivate", "shop-core"])
        let s3 = try SnapshotSteps.snapshot(l.wp.root, l.repo, "s3")
        let script = TestEnvironment.makeTempDir("sxsql") + "/cleanup.sql"
        let r = try ProcessRunner.sitesnap(["diff-db", l.s2, s3, "--repo", l.repo, "--json", "--sql", script])
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        let ext = try XCTUnwrap((json["extensions"] as? [[String: Any]])?.first { $0["slug"] as? String == "shop-core" }, r.stdout)
        XCTAssertEqual(ext["state"] as? String, "deactivated")
        XCTAssertEqual(strongNames(json), [], "nothing of a deactivated plugin is cleaned up")
        XCTAssertTrue((json["leftovers"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "shop_settings" }, "but it is shown")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        XCTAssertFalse(text.contains("DELETE FROM") || text.contains("DROP TABLE") || text.contains("UPDATE "), text)
    }

    func testTheScriptsNeverReplaceASnapshotOrEachOther() throws {
        let l = try lifecycle()
        let archive = try XCTUnwrap(Snapshots.archives(l.repo).first)
        for (args, needle) in [(["--sql", l.repo + "/" + archive], "--sql"), (["--sql", l.repo + "/notes.sql"], "--sql"),
                               (["--sql", "/tmp/x.sql", "--revert-sql", "/tmp/../tmp/x.sql"], "--sql and --revert-sql")] {
            let before = try FileManager.default.attributesOfItem(atPath: l.repo + "/" + archive)[.size] as? Int
            let r = try ProcessRunner.sitesnap(["diff-db", l.s0, l.s2, "--repo", l.repo] + args)
            RestoreFixture.assertOneLineRefusal(r, needle)
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: l.repo + "/" + archive)[.size] as? Int, before)
        }
    }
}
