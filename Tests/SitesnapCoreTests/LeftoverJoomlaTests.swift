import Foundation
import XCTest

/// diff-db's leftovers on a Joomla 4 fixture with a package (Tests/Fixtures/joomla-acmepack: a component
/// with an admin menu item, an asset, an update site and a table, a module, and two plugins of the same
/// element in the `system` and `content` groups), installed as Joomla's installer does.
final class LeftoverJoomlaTests: XCTestCase {
    private let prefix = "jx7_"

    private func site() throws -> (site: String, db: String, repo: String) {
        let (site, db) = try FixtureSite.load("joomla4", sql: "joomla4.sql", prefix: prefix)
        let c = try TestDatabase.admin()
        for host in ["localhost", "127.0.0.1"] {
            try c.execute("CREATE USER IF NOT EXISTS 'joomla_user'@'\(host)' IDENTIFIED BY 'j00mla-secret'")
            try c.execute("GRANT ALL ON `\(db)`.* TO 'joomla_user'@'\(host)'")
        }
        let extra = try ProcessRunner.shell("sed 's/#__/\(prefix)/g' '\(TestEnvironment.fixtures)/joomla-acmepack.sql' | mariadb --no-defaults --socket='\(try TestEnvironment.requireDatabase())' -uroot '\(db)'")
        XCTAssertEqual(extra.status, 0, extra.stderr)
        return (site, db, TestEnvironment.makeTempDir("jrepo"))
    }

    private func install(_ site: String, _ db: String) throws {
        _ = try RestoreFixture.sh("cp -R '\(TestEnvironment.fixtures)/joomla-acmepack/.' '\(site)/'")
        let p = prefix
        let c = try TestDatabase.admin(database: db)
        try c.execute("""
            INSERT INTO \(p)extensions (extension_id, package_id, name, type, element, folder, client_id, enabled, access, protected, locked,
              manifest_cache, params, custom_data, ordering, state) VALUES
              (300, 304, 'com_acmepack', 'component', 'com_acmepack', '', 1, 1, 0, 0, 0, '{"version":"1.4.0"}', '{}', '', 0, 0),
              (301, 304, 'mod_acmepack', 'module', 'mod_acmepack', '', 0, 1, 1, 0, 0, '{"version":"1.4.0"}', '{}', '', 0, 0),
              (302, 304, 'plg_system_acmepack', 'plugin', 'acmepack', 'system', 0, 1, 1, 0, 0, '{"version":"1.4.0"}', '{}', '', 0, 0),
              (303, 304, 'plg_content_acmepack', 'plugin', 'acmepack', 'content', 0, 1, 1, 0, 0, '{"version":"1.4.0"}', '{}', '', 0, 0),
              (304, 0, 'pkg_acmepack', 'package', 'pkg_acmepack', '', 0, 1, 1, 0, 0, '{"version":"1.4.0"}', '{}', '', 0, 0)
            """)
        try c.execute("INSERT INTO \(p)menu VALUES (102, 'main', 'COM_ACMEPACK', 'com-acmepack', 'index.php?option=com_acmepack', 'component', 1, 1, 300, 1)")
        try c.execute("INSERT INTO \(p)assets VALUES (60, 1, 3, 4, 1, 'com_acmepack', 'com_acmepack', '{}')")
        try c.execute("INSERT INTO \(p)update_sites VALUES (7, 'Acme Pack', 'extension', 'https://acme.example/updates.xml', 1)")
        try c.execute("INSERT INTO \(p)update_sites_extensions VALUES (7, 300)")
        try c.execute("INSERT INTO \(p)schemas VALUES (300, '1.4.0')")
        try c.execute("CREATE TABLE \(p)acmepack_items (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, content_id int unsigned NOT NULL DEFAULT 0, note varchar(255) NOT NULL DEFAULT '')")
        try c.execute("INSERT INTO \(p)acmepack_items (content_id, note) VALUES (1, 'first')")
    }

    private func snapshot(_ site: String, _ db: String, _ repo: String, _ label: String) throws -> String {
        try SnapshotSteps.snapshot(site, db: db, repo, label)
    }

    private func diff(_ a: String, _ b: String, _ repo: String) throws -> [String: Any] { try SnapshotSteps.diff(a, b, repo) }

    private func strong(_ json: [String: Any]) -> [[String: Any]] {
        (json["leftovers"] as? [[String: Any]] ?? []).filter { $0["evidence"] as? String == "strong" }
    }

    func testRemovingOneOfTwoSameElementPluginsIsSeen() throws {
        let (site, db, repo) = try site()
        try install(site, db)
        let s1 = try snapshot(site, db, repo, "s1")
        try FileManager.default.removeItem(atPath: site + "/plugins/content/acmepack")
        let s2 = try snapshot(site, db, repo, "s2")
        let json = try diff(s1, s2, repo)
        let removed = (json["extensions"] as? [[String: Any]] ?? []).map { "\($0["kind"]!) \($0["slug"]!)" }
        XCTAssertEqual(removed, ["plugin acmepack"], "\(json["extensions"] ?? "")")
        // Its #__extensions row (folder content) is its leftover; the system plugin's row is not.
        let rows = strong(json).filter { $0["table"] as? String == "\(prefix)extensions" }.map { ($0["key"] as? [String: Any])?["extension_id"] as? String }
        XCTAssertEqual(rows, ["303"], "\(strong(json))")
    }

    func testAnUninstallThatLeftMenuAssetAndUpdateSiteRows() throws {
        let (site, db, repo) = try site()
        let s0 = try snapshot(site, db, repo, "s0")
        try install(site, db)
        _ = try snapshot(site, db, repo, "s1")
        // A failed uninstall: the files and the extension rows went; the rest stayed.
        for dir in ["administrator/components/com_acmepack", "modules/mod_acmepack", "plugins/system/acmepack", "plugins/content/acmepack"] {
            try FileManager.default.removeItem(atPath: site + "/" + dir)
        }
        try TestDatabase.admin(database: db).execute("DELETE FROM \(prefix)extensions WHERE extension_id BETWEEN 300 AND 304")
        let s2 = try snapshot(site, db, repo, "s2")
        let json = try diff(s0, s2, repo)
        let found = Set(strong(json).map { l -> String in
            let key = (l["key"] as? [String: Any] ?? [:]).filter { $0.key != "name" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return "\(l["kind"]!) \((l["table"] as! String).dropFirst(prefix.count)) \(key)"
        })
        for expected in ["table acmepack_items ", "row menu id=102", "row assets id=60", "row update_sites_extensions extension_id=300,update_site_id=7",
                         "row update_sites *update_site_id=7", "row schemas extension_id=300,version_id=1.4.0"] {
            let parts = expected.components(separatedBy: "*")
            XCTAssertTrue(found.contains { $0.hasPrefix(parts[0]) && (parts.count == 1 || $0.contains(parts[1])) }, "\(expected) in \(found.sorted())")
        }
        for core in ["table content", "table extensions", "table content_types", "row menu id=101", "row menu id=1 ", "row assets id=8",
                     "row update_sites update_site_id=1", "row update_sites_extensions extension_id=222"] {
            XCTAssertFalse(found.contains { $0.hasPrefix(core) }, "\(core) is core's: \(found.sorted())")
        }
    }
}
