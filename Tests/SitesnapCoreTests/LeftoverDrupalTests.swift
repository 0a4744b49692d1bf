import Foundation
import XCTest

/// diff-db's leftovers on a Drupal 10 fixture with a test module (Tests/Fixtures/drupal-acme-tags)
/// installed as core's ModuleInstaller does: its entry in `core.extension`, its schema version in
/// `key_value`, its configuration (its own, a field storage that depends on it, a field that depends
/// on that storage), its tables and the field tables, its state and a key/value collection.
final class LeftoverDrupalTests: XCTestCase {
    private func site() throws -> (site: String, db: String, repo: String) {
        let (site, db) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        let c = try TestDatabase.admin()
        for host in ["localhost", "127.0.0.1"] {
            try c.execute("CREATE USER IF NOT EXISTS 'drupal_user'@'\(host)' IDENTIFIED BY 'dr-secret'")
            try c.execute("GRANT ALL ON `\(db)`.* TO 'drupal_user'@'\(host)'")
        }
        return (site, db, TestEnvironment.makeTempDir("drepo"))
    }

    private func module(_ action: String, _ site: String, _ db: String) throws {
        if action == "install" { _ = try RestoreFixture.sh("cp -R '\(TestEnvironment.fixtures)/drupal-acme-tags/modules/.' '\(site)/modules/'") }
        let r = try ProcessRunner.run("/usr/bin/php", [TestEnvironment.fixtures + "/drupal-acme-tags/install.php", try TestEnvironment.requireDatabase(), db, action])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    }

    private func snapshot(_ site: String, _ db: String, _ repo: String, _ label: String) throws -> String {
        try SnapshotSteps.snapshot(site, db: db, repo, label)
    }

    private func diff(_ a: String, _ b: String, _ repo: String) throws -> [String: Any] { try SnapshotSteps.diff(a, b, repo) }

    /// "kind table name[ @path]" of the strong leftovers; rows by their key's `name` (the config name as
    /// stored, whatever the profile strips from it to match).
    private func strong(_ json: [String: Any]) -> Set<String> {
        Set((json["leftovers"] as? [[String: Any]] ?? []).filter { $0["evidence"] as? String == "strong" }.map { l in
            let name = (l["kind"] as? String == "row" ? (l["key"] as? [String: Any])?["name"] as? String : nil) ?? l["name"] as! String
            return "\(l["kind"]!) \(l["table"]!) \(name)" + ((l["path"] as? [String]).map { " @" + $0.joined(separator: "/") } ?? "")
        })
    }

    func testARemovedModuleLeavesConfigKeyValueFieldTablesAndItsCoreExtensionEntry() throws {
        let (site, db, repo) = try site()
        let s0 = try snapshot(site, db, repo, "s0")
        try module("install", site, db)
        _ = try snapshot(site, db, repo, "s1")
        try FileManager.default.removeItem(atPath: site + "/modules/custom/acme_tags")
        let s2 = try snapshot(site, db, repo, "s2")
        let json = try diff(s0, s2, repo)
        let found = strong(json)
        for expected in ["table acme_tags_index", "table node__field_acme_tags", "table node_revision__field_acme_tags",
                         "row config acme_tags.settings", "row config field.storage.node.field_acme_tags",
                         "row config field.field.node.article.field_acme_tags", "row key_value acme_tags",
                         "row key_value acme_tags.last_run", "entry config acme_tags @module/acme_tags"] {
            XCTAssertTrue(found.contains { $0.hasPrefix(expected) }, "\(expected) in \(found.sorted())")
        }
        XCTAssertTrue(found.contains { $0.hasPrefix("row key_value ") && $0.contains("article") || $0.contains("acme_tags.index_state") },
                      "the key/value collection its code names: \(found.sorted())")
        for core in ["table config", "table key_value", "table node", "row config core.extension", "row config system.site",
                     "row config pathauto.pattern.content", "entry config pathauto", "entry config node"] {
            XCTAssertFalse(found.contains { $0.hasPrefix(core + " ") || $0 == core }, "\(core) is not acme_tags': \(found.sorted())")
        }
    }

    func testAnUninstallThatLeftConfigAndTablesIsSeenThoughTheCodeStayed() throws {
        let (site, db, repo) = try site()
        try module("install", site, db)
        let s1 = try snapshot(site, db, repo, "s1")
        try module("partial-uninstall", site, db)
        let s2 = try snapshot(site, db, repo, "s2")
        let json = try diff(s1, s2, repo)
        let ext = try XCTUnwrap((json["extensions"] as? [[String: Any]])?.first { $0["slug"] as? String == "acme_tags" }, "\(json)")
        XCTAssertEqual(ext["state"] as? String, "uninstalled")
        let found = strong(json)
        for expected in ["table acme_tags_index", "row config acme_tags.settings", "row config field.storage.node.field_acme_tags"] {
            XCTAssertTrue(found.contains { $0.hasPrefix(expected) }, "\(expected) in \(found.sorted())")
        }
    }
}
