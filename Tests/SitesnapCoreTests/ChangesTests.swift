import Foundation
import XCTest

/// `sitesnap changes` run as the built binary on real snapshots of WordPress-, Joomla- and
/// Drupal-shaped trees (taken with `backup --no-db`): a plugin upgraded and one removed, a theme
/// added, a modified core file, an `.htaccess` gaining `ProxyPass` and `RewriteRule ... [P]`, an
/// nginx `proxy_pass`, each in its group, in text and JSON; `--live`; bad input.
final class ChangesTests: XCTestCase {
    private func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    private func backup(_ site: String, _ repo: String) throws -> String {
        let r = try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", repo])
        XCTAssertEqual(r.status, 0, r.stderr)
        Thread.sleep(forTimeInterval: 1.05)  // ids are per second
        let ids = Snapshots.archives(repo).map { String($0.prefix { $0 != "." }) }
        return ids.last!
    }

    private func changes(_ args: [String], repo: String) throws -> (text: ProcessResult, json: [String: Any]) {
        let t = try ProcessRunner.sitesnap(["changes"] + args + ["--repo", repo])
        let j = try ProcessRunner.sitesnap(["changes"] + args + ["--repo", repo, "--json"])
        XCTAssertEqual(t.status, j.status, t.stderr + j.stderr)
        let json = (try? JSONSerialization.jsonObject(with: Data(j.stdout.utf8))) as? [String: Any] ?? [:]
        return (t, json)
    }

    private func proxyLines() -> String {
        "ProxyPass /api http://10.0.0.5/api\nProxyPassReverse /api http://10.0.0.5/api\nRewriteRule ^shop/(.*)$ http://10.0.0.5/$1 [P,L]\n"
    }

    /// The same checks on every CMS's JSON: extension changes in order, the owners' groups, the
    /// core file called out, the directives called out as proxy.
    private func checkJSON(_ j: [String: Any], extensions expected: [String], groups: [String], coreFile: String) {
        let ext = (j["extensions"] as? [[String: Any]] ?? []).map { "\($0["change"]!) \($0["kind"]!) \($0["slug"]!)" }
        XCTAssertEqual(ext, expected)
        let files = j["files"] as? [String: Any] ?? [:]
        let owners = (files["groups"] as? [[String: Any]] ?? []).map { $0["owner"] as! String }
        for g in groups { XCTAssertTrue(owners.contains(g), "\(g) not in \(owners)") }
        let core = (files["modified_core"] as? [[String: Any]] ?? []).map { $0["path"] as! String }
        XCTAssertEqual(core, [coreFile])
        let directives = (j["directives"] as? [[String: Any]] ?? []).flatMap { f in
            (f["directives"] as! [[String: Any]]).map { "\(f["path"]!) \($0["change"]!) \($0["callout"] ?? "-") \($0["text"]!)" }
        }
        XCTAssertTrue(directives.contains(".htaccess added proxy ProxyPass /api http://10.0.0.5/api"), "\(directives)")
        XCTAssertTrue(directives.contains(".htaccess added proxy RewriteRule ^shop/(.*)$ http://10.0.0.5/$1 [P,L]"), "\(directives)")
        XCTAssertTrue(directives.contains("nginx.conf added proxy proxy_pass http://10.0.0.5"), "\(directives)")
        XCTAssertEqual(j["database_skipped"] as? String != nil, true)
    }

    private func addProxies(_ site: String) throws {
        let htaccess = site + "/.htaccess"
        let old = (try? String(contentsOfFile: htaccess, encoding: .utf8)) ?? "RewriteEngine On\n"
        try write(old + proxyLines(), htaccess)
        try write("location /api {\n    proxy_pass http://10.0.0.5;\n}\n", site + "/nginx.conf")
    }

    func testWordPressPluginUpgradeRemovalThemeCoreEditAndProxies() throws {
        let site = try TinySite.wordpress()
        let repo = TestEnvironment.makeTempDir("repo")
        func plugin(_ slug: String, _ version: String) throws {
            try write("<?php\n/*\nPlugin Name: \(slug.capitalized)\nVersion: \(version)\n*/\n", "\(site)/wp-content/plugins/\(slug)/\(slug).php")
        }
        try plugin("shop", "1.0")
        try plugin("old", "2.0")
        try write("<?php // admin\n", site + "/wp-admin/index.php")
        try write("<IfModule mod_rewrite.c>\nRewriteEngine On\nRewriteRule ^index\\.php$ - [L]\n</IfModule>\n", site + "/.htaccess")
        try write("jpeg", site + "/wp-content/uploads/2026/12/a.jpg")
        let a = try backup(site, repo)
        try plugin("shop", "1.1")
        try write("<?php // new\n", site + "/wp-content/plugins/shop/api.php")
        try FileManager.default.removeItem(atPath: site + "/wp-content/plugins/old")
        try write("/*\nTheme Name: Fresh\nVersion: 0.9\n*/\n", site + "/wp-content/themes/fresh/style.css")
        try write("<?php // admin, edited\n", site + "/wp-admin/index.php")
        try write("jpeg", site + "/wp-content/uploads/2026/12/b.jpg")
        try addProxies(site)
        let b = try backup(site, repo)
        let (t, j) = try changes([a, b], repo: repo)
        XCTAssertEqual(t.status, 1, t.stderr)
        for line in ["+ added      theme fresh \"Fresh\" 0.9", "- removed    plugin old \"Old\" 2.0", "↑ upgraded   plugin shop \"Shop\" 1.0 → 1.1",
                     "~ wp-admin/index.php (content)", "! proxy: RewriteRule with [P]", "proxy_pass http://10.0.0.5 [in location /api]"] {
            XCTAssertTrue(t.stdout.contains(line), "missing \(line) in\n\(t.stdout)")
        }
        checkJSON(j, extensions: ["added theme fresh", "removed plugin old", "upgraded plugin shop"],
                  groups: ["core", "plugin old", "plugin shop", "theme fresh", "uploads", "other"], coreFile: "wp-admin/index.php")
        let uploads = (j["files"] as! [String: Any])["groups"] as! [[String: Any]]
        XCTAssertNil(uploads.first { $0["owner"] as? String == "uploads" }?["paths"], "uploads are summarised without --files")

        // --live: the site as it is now against the second snapshot; then one more change.
        let same = try ProcessRunner.sitesnap(["changes", b, "--live", "--no-db", "--repo", repo])
        XCTAssertEqual(same.status, 0, same.stdout + same.stderr)
        XCTAssertTrue(same.stdout.contains("no changes"), same.stdout)
        try write("<?php // again\n", site + "/wp-includes/version.php")
        try write("AuthType Basic\nRequire valid-user\n", site + "/wp-content/uploads/.htaccess")
        let (lt, lj) = try changes([b, "--live", "--no-db", "--files"], repo: repo)
        XCTAssertEqual(lt.status, 1, lt.stderr)
        XCTAssertTrue(lt.stdout.contains("~ wp-includes/version.php (content)"), lt.stdout)
        XCTAssertTrue(lt.stdout.contains("+ wp-content/uploads/.htaccess"), "--files lists uploads: \(lt.stdout)")
        let auth = (lj["directives"] as? [[String: Any]] ?? []).first { $0["path"] as? String == "wp-content/uploads/.htaccess" }
        XCTAssertEqual((auth?["directives"] as? [[String: Any]])?.compactMap { $0["callout"] as? String }, ["auth", "auth"])

        // inspect lists the routing and auth directives the site has now.
        let i = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertEqual(i.status, 0, i.stderr)
        for line in [".htaccess:5 ProxyPass /api http://10.0.0.5/api  ! proxy", "nginx.conf:2 proxy_pass http://10.0.0.5  ! proxy",
                     "wp-content/uploads/.htaccess:2 Require valid-user  ! auth"] {
            XCTAssertTrue(i.stdout.contains(line), "missing \(line) in\n\(i.stdout)")
        }
    }

    func testJoomlaAndDrupalGroupsTheirOwnExtensions() throws {
        for cms in ["joomla5", "drupal10"] {
            let site = TestEnvironment.makeTempDir(cms) + "/site"
            try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/" + cms, toPath: site)
            let repo = TestEnvironment.makeTempDir("repo")
            let a = try backup(site, repo)
            let expected: [String], groups: [String], coreFile: String
            if cms == "joomla5" {
                try write("<?xml version=\"1.0\"?>\n<extension type=\"template\" client=\"site\">\n<name>fresh</name>\n<version>1.0</version>\n</extension>\n",
                          site + "/templates/fresh/templateDetails.xml")
                let xml = site + "/plugins/content/acmeshop/acmeshop.xml"
                try write(try String(contentsOfFile: xml, encoding: .utf8).replacingOccurrences(of: "3.1.2", with: "3.2.0"), xml)
                try FileManager.default.removeItem(atPath: site + "/modules/mod_acmeshop_cart")
                try write("<?php // edited\n", site + "/includes/defines.php")
                try write("<?php // media\n", site + "/images/banner.txt")
                expected = ["added template fresh", "removed module mod_acmeshop_cart", "upgraded plugin acmeshop"]
                groups = ["core", "template fresh", "module mod_acmeshop_cart", "plugin content/acmeshop", "uploads"]
                coreFile = "includes/defines.php"
            } else {
                try write("name: Fresh\ntype: theme\nversion: '1.0.0'\n", site + "/themes/contrib/fresh/fresh.info.yml")
                let info = site + "/modules/contrib/pathauto/pathauto.info.yml"
                try write(try String(contentsOfFile: info, encoding: .utf8).replacingOccurrences(of: "8.x-1.12", with: "8.x-1.13"), info)
                try FileManager.default.removeItem(atPath: site + "/modules/custom/acme_forms")
                try write("<?php // edited\n", site + "/core/modules/node/node.module")
                try write("photo", site + "/sites/default/files/inline-images/photo2.txt")
                expected = ["added theme fresh", "removed module acme_forms", "upgraded module pathauto"]
                groups = ["core", "theme fresh", "module acme_forms", "module pathauto", "uploads"]
                coreFile = "core/modules/node/node.module"
            }
            try addProxies(site)
            let b = try backup(site, repo)
            let (t, j) = try changes([a, b], repo: repo)
            XCTAssertEqual(t.status, 1, "\(cms): \(t.stderr)")
            XCTAssertTrue(t.stdout.contains("! proxy: requests are passed to another server (ProxyPass)"), "\(cms): \(t.stdout)")
            checkJSON(j, extensions: expected, groups: groups, coreFile: coreFile)
        }
    }

    func testBadInputIsOneLineAndStatusTwo() throws {
        let site = try TinySite.wordpress()
        let repo = TestEnvironment.makeTempDir("repo")
        let a = try backup(site, repo)
        let other = try TinySite.wordpress()
        let b = try backup(other, repo)
        for (args, expected) in [(["nope", a], "no snapshot 'nope'"), ([a, b], "snapshots of different sites"),
                                 ([a, "--live", "--site", site + "/missing"], "does not exist"), ([a], "give a second snapshot, or --live"),
                                 ([a, "--live", "--site", other], "not of this site")] {
            let r = try ProcessRunner.sitesnap(["changes"] + args + ["--repo", repo, "--no-db"])
            XCTAssertEqual(r.status, 2, "\(args): \(r.stdout)\(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: "), r.stderr)
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
        }
    }
}
