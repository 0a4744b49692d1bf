@testable import SitesnapSystem
import XCTest

/// diff-db end to end on a real WordPress: a test plugin (Tests/Fixtures/wordpress/acme-forms) is
/// installed, activated and deleted between snapshots; its uninstall.php removes only part of what it
/// created.
final class DiffDbTests: XCTestCase {
    typealias Lifecycle = PluginLifecycle

    /// Built once per run by the first test that asks.
    static let cached = Locked<Lifecycle?>(nil)

    private func snapshot(_ site: String, _ repo: String, _ label: String, _ extra: [String] = []) throws -> String {
        try SnapshotSteps.snapshot(site, repo, label, extra)
    }

    /// S0 before install, S1 with the plugin active, S2 after it was deleted.
    func lifecycle() throws -> Lifecycle {
        if let c = Self.cached.withLock({ $0 }) { return c }
        let wp = try WordPressFixture.make(socket: try TestEnvironment.requireDatabase())
        let repo = TestEnvironment.makeTempDir("diffrepo")
        // A site that has served a request: core's lazily created options and cron events exist.
        try SnapshotSteps.plugin([wp.root, "load", "-"])
        let s0 = try snapshot(wp.root, repo, "s0")
        try SnapshotSteps.plugin([wp.root, "install", TestEnvironment.fixtures + "/wordpress/acme-forms"])
        try SnapshotSteps.plugin([wp.root, "activate", "acme-forms"])
        let s1 = try snapshot(wp.root, repo, "s1")
        try SnapshotSteps.plugin([wp.root, "delete", "acme-forms"])
        // The plugin's uninstall dropped its log table: on purpose, so the backup is told so.
        let s2 = try snapshot(wp.root, repo, "s2")
        let l = Lifecycle(wp: wp, repo: repo, s0: s0, s1: s1, s2: s2)
        Self.cached.withLock { $0 = l }
        return l
    }

    private func diff(_ args: [String], repo: String) throws -> (ProcessResult, [String: Any]?) {
        let r = try ProcessRunner.sitesnap(["diff-db", "--repo", repo] + args)
        let json = args.contains("--json") ? try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] : nil
        return (r, json)
    }

    private func tables(_ json: [String: Any]) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: (json["tables"] as! [[String: Any]]).map { ($0["table"] as! String, $0) })
    }

    func testPluginRemovalListsChangesAndLeftovers() throws {
        let l = try lifecycle()
        let (r, json) = try diff([l.s1, l.s2, "--json"], repo: l.repo)
        XCTAssertEqual(r.status, 1, r.stderr)
        let j = try XCTUnwrap(json)
        let t = tables(j)
        XCTAssertEqual(Set(t.keys), ["wp_af_log", "wp_options"], "\(t.keys)")
        XCTAssertEqual(t["wp_af_log"]?["change"] as? String, "removed")
        let options = t["wp_options"]!
        XCTAssertEqual(options["rows_removed"] as? Int, 1)
        XCTAssertEqual(options["rows_added"] as? Int, 0)
        XCTAssertEqual(options["rows_changed"] as? Int, 1)
        let rows = options["rows"] as! [[String: Any]]
        let removed = rows.first { $0["change"] as? String == "removed" }
        XCTAssertEqual((removed?["key"] as? [String: Any])?["option_name"] as? String, "af_version")
        let changed = rows.first { $0["change"] as? String == "changed" }
        XCTAssertEqual((changed?["key"] as? [String: Any])?["option_name"] as? String, "active_plugins")
        let paths = ((changed?["columns"] as? [String: Any])?["option_value"] as? [String: Any])?["paths"] as? [[String: Any]]
        XCTAssertEqual(paths?.first?["before"] as? String, "acme-forms/acme-forms.php")
        XCTAssertEqual(paths?.first?["change"] as? String, "removed")

        XCTAssertEqual(j["removed_extensions"] as? [String], ["acme-forms"])
        let strong = (j["leftovers"] as! [[String: Any]]).filter { $0["evidence"] as? String == "strong" }
        let leftovers = strong.map { l -> String in
            let key = (l["key"] as? [String: Any]).map { k in (k["option_name"] ?? k["meta_key"] ?? "") as? String ?? "" } ?? ""
            let kind = l["kind"] as? String == "entry" ? l["object"] as! String : l["kind"] as! String
            return "\(kind):\(l["table"]!)" + (kind == "cron" ? ":" + (l["name"] as! String) : (key.isEmpty ? "" : ":" + key))
        }
        XCTAssertEqual(leftovers.sorted(), ["cron:wp_options:af_cleanup_cron", "row:wp_options:af_settings", "row:wp_postmeta:af_form_id",
                                            "row:wp_usermeta:af_last_form", "table:wp_af_entries"], "\(leftovers)")
        XCTAssertFalse(strong.contains { $0["name"] as? String == "blogdescription" }, "a core option the plugin edited is not its leftover")
        for l in strong {
            XCTAssertTrue((l["reasons"] as! [String]).joined().contains("wp-content/plugins/acme-forms/acme-forms.php"), "\(l)")
        }

        // The same in text.
        let (text, _) = try diff([l.s1, l.s2], repo: l.repo)
        XCTAssertEqual(text.status, 1)
        for needle in ["wp_af_log", "table removed", "af_version", "active_plugins", "Leftovers of removed extensions (acme-forms)",
                       "table wp_af_entries", "option_name='af_settings'", "cron af_cleanup_cron inside wp_options", "meta_key='af_last_form'", "why: code:"] {
            XCTAssertTrue(text.stdout.contains(needle), "'\(needle)' in:\n\(text.stdout)")
        }
        XCTAssertFalse(text.stdout.components(separatedBy: "possibly related")[0].contains("blogdescription"),
                       "a core option the plugin edited is not its leftover")
    }

    func testBeforeInstallVersusAfterDeletionShowsWhatStayedAndTheCleanupScript() throws {
        let l = try lifecycle()
        // The revert (--revert-sql) undoes every listed difference; --sql (the cleanup) is CleanupScriptTests'.
        let sql = TestEnvironment.makeTempDir("sql") + "/revert.sql"
        let (r, json) = try diff([l.s0, l.s2, "--json", "--revert-sql", sql], repo: l.repo)
        XCTAssertEqual(r.status, 1, r.stderr)
        let t = tables(try XCTUnwrap(json))
        XCTAssertEqual(Set(t.keys), ["wp_af_entries", "wp_options", "wp_usermeta", "wp_postmeta"], "\(t.keys)")
        XCTAssertEqual(t["wp_af_entries"]?["change"] as? String, "added")
        XCTAssertEqual(t["wp_af_entries"]?["rows_added"] as? Int, 1)
        XCTAssertEqual(t["wp_usermeta"]?["rows_added"] as? Int, 1)
        XCTAssertEqual(t["wp_postmeta"]?["rows_added"] as? Int, 1)
        let options = t["wp_options"]!
        XCTAssertEqual(options["rows_added"] as? Int, 1, "af_settings")
        let rows = options["rows"] as! [[String: Any]]
        func row(_ name: String) -> [String: Any]? { rows.first { ($0["key"] as? [String: Any])?["option_name"] as? String == name } }
        XCTAssertEqual(row("af_settings")?["change"] as? String, "added")
        let blog = try XCTUnwrap(row("blogdescription"), "the changed core option")
        XCTAssertEqual(((blog["columns"] as? [String: Any])?["option_value"] as? [String: Any])?["after"] as? String, "Forms by Acme")
        let cron = try XCTUnwrap(row("cron"))
        let cronPaths = ((cron["columns"] as? [String: Any])?["option_value"] as? [String: Any])?["paths"] as? [[String: Any]] ?? []
        XCTAssertTrue(cronPaths.contains { ($0["path"] as? [String])?.last == "af_cleanup_cron" } || cronPaths.contains { ($0["path"] as? [String])?.count == 1 && $0["change"] as? String == "added" }, "\(cronPaths)")
        let script = try String(contentsOfFile: sql, encoding: .utf8)
        XCTAssertTrue(script.contains("DROP TABLE `wp_af_entries`;"), script)
        XCTAssertTrue(script.contains("DELETE FROM `wp_options` WHERE `option_id` = ") && script.contains("`option_name` = 'af_settings' LIMIT 1;"),
                      "added rows are deleted by primary key: \(script)")
        XCTAssertTrue(script.contains("UPDATE `wp_options` SET `option_value` = "), script)
        XCTAssertTrue(script.contains("-- wp_options: row changed"), script)
        // Applying the script to a copy of S2 gives S0's options back.
        let copy = try TestDatabase.create("cleanup")
        let x = try Snapshots.extract(l.repo + "/" + l.s2 + ".tar.zst")
        XCTAssertEqual(try Snapshots.importDump(x, into: copy).status, 0)
        XCTAssertEqual(try TestDatabase.client(copy, inputFile: sql).status, 0)
        let x0 = try Snapshots.extract(l.repo + "/" + l.s0 + ".tar.zst")
        let original = try TestDatabase.create("s0copy")
        XCTAssertEqual(try Snapshots.importDump(x0, into: original).status, 0)
        let sum = { (db: String) in try TestDatabase.client(db, sql: "SELECT option_name, option_value FROM wp_options WHERE option_name NOT LIKE '%transient%' ORDER BY option_name").stdout }
        XCTAssertEqual(try sum(copy), try sum(original))
    }

    func testIdenticalSnapshotsAndSummary() throws {
        let l = try lifecycle()
        let (same, json) = try diff([l.s2, l.s2, "--json"], repo: l.repo)
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual((json?["tables"] as? [Any])?.count, 0)
        XCTAssertEqual((json?["leftovers"] as? [Any])?.count, 0)
        let (text, _) = try diff([l.s2, l.s2], repo: l.repo)
        XCTAssertTrue(text.stdout.contains("no differences"), text.stdout)
        let (summary, _) = try diff([l.s1, l.s2, "--summary"], repo: l.repo)
        XCTAssertEqual(summary.status, 1)
        XCTAssertTrue(summary.stdout.contains("wp_af_log") && !summary.stdout.contains("== wp_options"), summary.stdout)
        let (only, oj) = try diff([l.s0, l.s2, "--table", "usermeta", "--json"], repo: l.repo)
        XCTAssertEqual(only.status, 1)
        XCTAssertEqual((oj?["tables"] as? [[String: Any]])?.map { $0["table"] as! String }, ["wp_usermeta"])
    }

    func testLiveAfterAnUpdateAndANaturalKeyMatch() throws {
        let l = try lifecycle()
        let (clean, _) = try diff([l.s2, "--live", "--ignore-table", "options"], repo: l.repo)
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        let c = try TestDatabase.admin(database: l.wp.database)
        try c.execute("UPDATE wp_options SET option_value = 'Renamed blog' WHERE option_name = 'blogname'")
        // Deleted and re-added under a new id: one change, not a removal plus an addition.
        try c.execute("DELETE FROM wp_options WHERE option_name = 'admin_email'")
        try c.execute("INSERT INTO wp_options (option_name, option_value, autoload) VALUES ('admin_email', 'new@example.test', 'yes')")
        defer {
            _ = try? c.execute("UPDATE wp_options SET option_value = 'sitesnap test blog' WHERE option_name = 'blogname'")
        }
        let (r, json) = try diff([l.s2, "--live", "--json"], repo: l.repo)
        XCTAssertEqual(r.status, 1, r.stderr)
        let options = try XCTUnwrap(tables(try XCTUnwrap(json))["wp_options"])
        XCTAssertEqual(options["rows_changed"] as? Int, 2, "\(options)")
        XCTAssertEqual(options["rows_added"] as? Int, 0)
        XCTAssertEqual(options["rows_removed"] as? Int, 0)
        let rows = options["rows"] as! [[String: Any]]
        let email = rows.first { ($0["key"] as? [String: Any])?["option_name"] as? String == "admin_email" }
        XCTAssertEqual(email?["matched_by"] as? String, "natural key (option_name)")
        XCTAssertEqual(((email?["columns"] as? [String: Any])?["option_value"] as? [String: Any])?["after"] as? String, "new@example.test")
        XCTAssertEqual((json?["after"] as? [String: Any])?["id"] as? String, "live")
    }

    func testBadInput() throws {
        let l = try lifecycle()
        func fails(_ args: [String], mentions: String) throws {
            let (r, _) = try diff(args, repo: l.repo)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(mentions), "'\(mentions)' in \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
        try fails([l.s1, "no-such-snapshot"], mentions: "no snapshot 'no-such-snapshot'")
        // Corrupt: a copy whose database part has one byte changed, without its manifest copy.
        let dir = TestEnvironment.makeTempDir("corrupt")
        let bad = dir + "/bad.tar.zst"
        try FileManager.default.copyItem(atPath: l.repo + "/" + l.s2 + ".tar.zst", toPath: bad)
        try FileManager.default.copyItem(atPath: l.repo + "/" + l.s2 + ".manifest.json", toPath: dir + "/bad.manifest.json")
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: bad))
        try h.seek(toOffset: 2000)
        let b = try h.read(upToCount: 1)![0]
        try h.seek(toOffset: 2000)
        h.write(Data([b ^ 0x5A]))
        try h.close()
        let (r, _) = try diff([l.s1, bad], repo: l.repo)
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("sitesnap verify") || r.stderr.contains("damaged"), r.stderr)
        // Newer format version.
        let newer = TestEnvironment.makeTempDir("newer")
        try FileManager.default.copyItem(atPath: l.repo + "/" + l.s2 + ".tar.zst", toPath: newer + "/n.tar.zst")
        var m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: l.repo + "/" + l.s2 + ".manifest.json"))) as! [String: Any]
        m["format_version"] = 99
        try JSONSerialization.data(withJSONObject: m).write(to: URL(fileURLWithPath: newer + "/n.manifest.json"))
        try fails([l.s1, newer + "/n.tar.zst"], mentions: "format version 99")
        // Two different sites.
        let other = try TinySite.wordpress(database: l.wp.database, user: l.wp.user, password: l.wp.password)
        let otherRepo = TestEnvironment.makeTempDir("other")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", other, "--repo", otherRepo, "--no-files"]).status, 0)
        let otherArchive = otherRepo + "/" + (try XCTUnwrap(Snapshots.archives(otherRepo).first))
        try fails([l.s1, otherArchive], mentions: "different sites")
        let (forced, _) = try diff([l.s2, otherArchive, "--force"], repo: l.repo)
        XCTAssertNotEqual(forced.status, 2, forced.stderr)
        try fails([l.s1], mentions: "AFTER")
        try fails([l.s1, l.s2, "--table", "no_such_table"], mentions: "--table no_such_table")
        // A slug no snapshot lists is searched for by its name (it may have come and gone in between).
        let (unknown, _) = try diff([l.s0, l.s2, "--extension", "acme-forms"], repo: l.repo)
        XCTAssertNotEqual(unknown.status, 2, unknown.stderr)
        let (usage, _) = try diff([l.s1, l.s2, "--no-such-flag"], repo: l.repo)
        XCTAssertEqual(usage.status, 2, "usage errors exit 2 like diff(1): \(usage.stderr)")
        XCTAssertTrue(usage.stderr.contains("--no-such-flag"), usage.stderr)
    }

    /// Installed again after an earlier install left data behind: the leftovers are still found (an
    /// older snapshot already had them, so the reason says so), and a core option the plugin only
    /// updates is still not blamed. Named to run last: it changes the shared site.
    func testZReinstallAfterLeftoversStillFindsThem() throws {
        let l = try lifecycle()
        try SnapshotSteps.plugin([l.wp.root, "install", TestEnvironment.fixtures + "/wordpress/acme-forms"])
        try SnapshotSteps.plugin([l.wp.root, "activate", "acme-forms"])
        let s3 = try snapshot(l.wp.root, l.repo, "s3")
        try SnapshotSteps.plugin([l.wp.root, "delete", "acme-forms"])
        let s4 = try snapshot(l.wp.root, l.repo, "s4", ["--allow-missing-table", "wp_af_log"])
        let (r, json) = try diff([s3, s4, "--json"], repo: l.repo)
        XCTAssertEqual(r.status, 1, r.stderr)
        let leftovers = try XCTUnwrap(json?["leftovers"] as? [[String: Any]]).filter { $0["evidence"] as? String == "strong" }
        let kinds = Set(leftovers.map { "\($0["kind"] as? String == "entry" ? $0["object"]! : $0["kind"]!):\($0["table"]!)" })
        XCTAssertEqual(kinds, ["table:wp_af_entries", "row:wp_options", "row:wp_usermeta", "row:wp_postmeta", "cron:wp_options"], "\(leftovers)")
        XCTAssertTrue(leftovers.allSatisfy { ($0["reasons"] as! [String]).joined().contains("left by an earlier install") })
        XCTAssertFalse(leftovers.contains { (($0["key"] as? [String: Any])?["option_name"] as? String) == "blogdescription" })
    }
}
