import Foundation
import XCTest

/// Joomla extensions that share a slug stay apart: a plugin element in two groups, a module name on
/// the site and in the administrator. On Joomla 5.x itself mod_menu, mod_custom, mod_feed and
/// mod_login exist in both modules/ and administrator/modules/; a package may ship one plugin element
/// in two groups (plugins/<group>/<element>/<element>.xml, libraries/src/Installer/Adapter/PluginAdapter.php).
final class DiffExtensionIdentityTests: XCTestCase {
    /// Adds to a copy of the joomla4 fixture (which has plugins/system/acmecache and the site module
    /// mod_acme_latest) a content plugin `acmecache` and an administrator module `mod_acme_latest`.
    static func addTwins(to site: String) throws {
        func manifest(_ path: String, _ root: String, _ name: String) throws {
            try FileManager.default.createDirectory(atPath: site + "/" + (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try """
                <?xml version="1.0" encoding="UTF-8"?>
                <extension \(root) method="upgrade">
                \t<name>\(name)</name>
                \t<version>1.0.0</version>
                </extension>
                """.write(toFile: site + "/" + path, atomically: true, encoding: .utf8)
        }
        try manifest("plugins/content/acmecache/acmecache.xml", "type=\"plugin\" group=\"content\"", "plg_content_acmecache")
        try manifest("administrator/modules/mod_acme_latest/mod_acme_latest.xml", "type=\"module\" client=\"administrator\"", "mod_acme_latest")
    }

    private func snap(_ site: String, _ db: String, _ repo: String, _ label: String) throws -> String {
        let r = try ProcessRunner.sitesnap(["backup", site, "--no-files", "--repo", repo, "--label", label, "--json",
                                            "--db-name", db, "--db-user", "root", "--db-socket", TestEnvironment.socket!,
                                            "--db-password-file", "/dev/null"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["id"] as? String)
    }

    private func removed(_ a: String, _ b: String, _ repo: String) throws -> [String] {
        let r = try ProcessRunner.sitesnap(["diff-db", a, b, "--repo", repo, "--json", "--summary"])
        XCTAssertNotEqual(r.status, 2, r.stderr)
        let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        // A slug, or an object naming one.
        return (j?["removed_extensions"] as? [Any] ?? []).compactMap { ($0 as? String) ?? ($0 as? [String: Any])?["slug"] as? String }
    }

    func testRemovingOneOfTwoSameElementPluginsIsSeen() throws {
        let (site, db) = try FixtureSite.load("joomla4", sql: "joomla4.sql", prefix: "jx7_")
        try Self.addTwins(to: site)
        let repo = TestEnvironment.makeTempDir("repo")
        let a = try snap(site, db, repo, "a")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repo + "/" + a + ".manifest.json"))) as? [String: Any]
        let listed = (m?["extensions"] as? [[String: Any]] ?? []).filter { $0["slug"] as? String == "acmecache" }
        XCTAssertEqual(Set(listed.compactMap { $0["group"] as? String }), ["system", "content"], "\(listed)")
        XCTAssertEqual(try removed(a, a, repo), [])

        try FileManager.default.removeItem(atPath: site + "/plugins/content/acmecache")
        let b = try snap(site, db, repo, "b")
        XCTAssertEqual(try removed(a, b, repo), ["acmecache"], "the content plugin is gone, the system one stays")

        try FileManager.default.removeItem(atPath: site + "/administrator/modules/mod_acme_latest")
        let c = try snap(site, db, repo, "c")
        XCTAssertEqual(try removed(b, c, repo), ["mod_acme_latest"], "the administrator module is gone, the site one stays")
    }
}
