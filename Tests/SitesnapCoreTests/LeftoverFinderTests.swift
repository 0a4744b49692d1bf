import MariaDBKit
@testable import SiteKnowledge
@testable import SitesnapCore
@testable import SnapshotFormat
@testable import SnapshotStore
import SitesnapSystem
import XCTest

/// `LeftoverFinder` on real snapshots of a small WordPress-shaped site (taken in this process): S0
/// without a plugin, S1 with it, S2 after its files were deleted. Each rule of the finder (code,
/// shared prefix, appeared) attributes what it should, and nothing that existed before the plugin.
final class LeftoverFinderTests: XCTestCase {
    struct Lifecycle {
        let repo: String
        let s0: BackupResult, s1: BackupResult, s2: BackupResult
    }

    /// Built once per run by the first test that asks.
    static let cached = Locked<Lifecycle?>(nil)

    private static let plugin = """
        <?php
        /*
        Plugin Name: Demo Widgets
        Version: 1.0
        */
        register_activation_hook(__FILE__, function () {
            global $wpdb;
            $wpdb->query("CREATE TABLE {$wpdb->prefix}dw_items (id INT PRIMARY KEY)");
            add_option('dw_settings', 'a');
            update_option('dw_counter', 1);
            update_option('blogdescription', 'Widgets!');
        });
        """

    private func backup(_ site: String, _ repo: String, _ label: String) throws -> BackupResult {
        var request = BackupRequest(siteRoot: site)
        request.repository = repo
        request.label = label
        return try BackupRunner.run(request, store: Repository(explicit: request.repository))
    }

    private func lifecycle() throws -> Lifecycle {
        if let l = Self.cached.withLock({ $0 }) { return l }
        _ = try TestEnvironment.requireDatabase()
        let db = try TestDatabase.create("leftover")
        let site = try TinySite.wordpress(database: db, user: "\(db)_u")
        let repo = TestEnvironment.makeTempDir("repo")
        let c = try TestDatabase.admin(database: db)
        try c.execute("""
            CREATE TABLE wp_options (option_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
              option_name VARCHAR(191) NOT NULL UNIQUE, option_value LONGTEXT NOT NULL, autoload VARCHAR(20) NOT NULL DEFAULT 'yes')
            """)
        try c.execute("INSERT INTO wp_options (option_name, option_value) VALUES ('siteurl', 'http://x'), ('blogdescription', 'Just a site')")
        let s0 = try backup(site, repo, "s0")

        let folder = site + "/wp-content/plugins/demo-widgets"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.plugin.write(toFile: folder + "/demo-widgets.php", atomically: true, encoding: .utf8)
        try c.execute("CREATE TABLE wp_dw_items (id INT PRIMARY KEY)")
        try c.execute("CREATE TABLE wp_stats_cache (id INT PRIMARY KEY)")
        try c.execute("""
            INSERT INTO wp_options (option_name, option_value) VALUES ('dw_settings', 'a'), ('dw_counter', '1'), ('dw_other', 'x')
            """)
        try c.execute("UPDATE wp_options SET option_value = 'Widgets!' WHERE option_name = 'blogdescription'")
        let s1 = try backup(site, repo, "s1")

        try FileManager.default.removeItem(atPath: folder)
        let s2 = try backup(site, repo, "s2")
        let l = Lifecycle(repo: repo, s0: s0, s1: s1, s2: s2)
        Self.cached.withLock { $0 = l }
        return l
    }

    /// The leftovers in S2, BEFORE being `before` (and `requested` slugs named as with --extension).
    private func leftovers(before: BackupResult, requested: [String] = [], _ l: Lifecycle) throws -> [DiffReport.Leftover] {
        let profile = try XCTUnwrap(try ProfileStore().profiles.first { $0.id == "wordpress" })
        let spec = try XCTUnwrap(profile.database?.leftovers)
        let b = try SnapshotReader(path: before.archive)
        let after = try SnapshotReader(path: l.s2.archive)
        let afterTables = after.manifest.database?.tables ?? []
        let repo = Repository(explicit: l.repo)
        let targets = try LeftoverTargets(before: b, timeline: SiteTimeline(repo.list(), site: b.manifest), afterManifest: after.manifest,
                                          afterExtensions: after.manifest.extensions)
            .make(requested: requested, records: InstalledRecords(records: [], tablePrefix: "wp_"), beforeTable: { _ in nil }, afterTable: { _ in nil })
        let finder = LeftoverFinder(spec: spec, tablePrefix: "wp_")
        return try finder.find(targets, after: .init(tables: afterTables.map(\.name), extensions: after.manifest.extensions) { table in
            guard let t = afterTables.first(where: { $0.name == table }) else { return nil }
            return (DumpRowReader(source: try after.open(entry: t.entry), name: t.entry), t.orderKey)
        }).leftovers
    }

    private func summary(_ found: [DiffReport.Leftover]) -> [String] {
        found.map { "\($0.kind.rawValue):\($0.table)" + ($0.key?["option_name"].map { ":" + ($0 ?? "NULL") } ?? "") }
    }

    func testEachRuleAttributesWhatThePluginLeftAndNothingOlder() throws {
        let l = try lifecycle()
        let s1 = try SnapshotReader(path: l.s1.archive)
        XCTAssertNotNil(s1.manifest.extensions.first { $0.slug == "demo-widgets" }, "\(s1.manifest.extensions)")
        let all = try leftovers(before: l.s1, l)
        let found = all.filter { $0.evidence == .strong }
        XCTAssertEqual(summary(found), ["table:wp_dw_items", "row:wp_options:dw_counter", "row:wp_options:dw_settings"],
                       "blogdescription, which the plugin only updates and S0 had, is not its leftover")
        // Appeared alone, or a code prefix as short as `dw_`: only possibly related (a user or another
        // plugin may have made them in the same window).
        XCTAssertEqual(Set(summary(all.filter { $0.evidence == .weak })).intersection(["table:wp_stats_cache", "row:wp_options:dw_other"]),
                       ["table:wp_stats_cache", "row:wp_options:dw_other"])
        XCTAssertTrue(found.allSatisfy { $0.extensionSlug == "demo-widgets" })
        let reasons = Dictionary(all.map { (summary([$0])[0], $0.reason) }, uniquingKeysWith: { a, _ in a })
        let file = "wp-content/plugins/demo-widgets/demo-widgets.php"
        XCTAssertEqual(reasons["table:wp_dw_items"], "code: \(file) creates table 'dw_items'")
        XCTAssertEqual(reasons["table:wp_stats_cache"], "appeared: not in snapshot \(l.s0.id), present in \(l.s1.id) with the extension")
        XCTAssertEqual(reasons["row:wp_options:dw_settings"], "code: \(file) creates option 'dw_settings'")
        XCTAssertEqual(reasons["row:wp_options:dw_counter"], "code: \(file) writes option 'dw_counter'")
        XCTAssertEqual(reasons["row:wp_options:dw_other"], "appeared: not in snapshot \(l.s0.id), present in \(l.s1.id) with the extension")
        XCTAssertFalse(all.contains { $0.name == "blogdescription" && $0.evidence == .strong },
                       "a core option the plugin only updates, which S0 had, is at most possibly related")
        let row = try XCTUnwrap(found.first { $0.key?["option_name"] == "dw_settings" })
        XCTAssertEqual(row.key?.keys.sorted(), ["option_id", "option_name"], "the primary key and the identifier column")
    }

    func testCodeComesFromTheNewestSnapshotThatHoldsTheExtension() throws {
        let l = try lifecycle()
        // BEFORE (S2) no longer has the plugin's files: named by slug (--extension), its code is read from S1.
        let found = try leftovers(before: l.s2, requested: ["demo-widgets"], l).filter { $0.evidence == .strong }
        XCTAssertEqual(found.first { $0.table == "wp_dw_items" }?.reason,
                       "code: wp-content/plugins/demo-widgets/demo-widgets.php creates table 'dw_items'")
        XCTAssertEqual(Set(summary(found)), ["table:wp_dw_items", "row:wp_options:dw_counter", "row:wp_options:dw_settings"])
    }
}
