import XCTest

/// Drupal multisite: sites/sites.php (`$sites['host'] = 'dir';`, as example.sites.php writes it)
/// maps hosts to site folders. inspect lists them; with several, a backup is refused naming them
/// until --site-dir chooses one; the chosen folder's settings.php is read, backed up and rewritten
/// by the restore, the other folders' left as they are.
final class MultisiteTests: XCTestCase {
    /// drupal10 with a second site folder `shop` (its own database) mapped by sites.php.
    private func multisite() throws -> (site: String, db: String) {
        let (site, db) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        try """
            <?php

            /**
             * @file
             * Configuration file for multi-site support and directory aliasing feature.
             *
             * (Fixture: the shape of core/assets/scaffold/files/example.sites.php, 10.x, with two hosts.)
             */
            $sites['shop.acme.example'] = 'shop';
            $sites['8080.www.shop.acme.example'] = 'shop';

            """.write(toFile: site + "/sites/sites.php", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site + "/sites/shop", withIntermediateDirectories: true)
        let text = try String(contentsOfFile: site + "/sites/default/settings.php", encoding: .utf8)
        try text.replacingOccurrences(of: "'database' => 'drupal_db',", with: "'database' => 'shop_db',")
            .write(toFile: site + "/sites/shop/settings.php", atomically: true, encoding: .utf8)
        return (site, db)
    }

    func testInspectListsTheSiteFoldersAndSiteDirChoosesOne() throws {
        let (site, _) = try multisite()
        let r = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("site dir   shop (shop.acme.example, 8080.www.shop.acme.example)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("site dir   default\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("problem: ") && r.stdout.contains("choose one with --site-dir NAME"), r.stdout)
        let shop = try ProcessRunner.sitesnap(["inspect", site, "--site-dir", "shop"])
        XCTAssertTrue(shop.stdout.contains("config     \(site)/sites/shop/settings.php"), shop.stdout)
        XCTAssertTrue(shop.stdout.contains("db name    shop_db"), shop.stdout)
        let bad = try ProcessRunner.sitesnap(["inspect", site, "--site-dir", "../default"])
        XCTAssertTrue(bad.stdout.contains("no sites/../default/settings.php"), bad.stdout)
    }

    func testBackupRefusesSeveralSitesByNameAndRestoresTheChosenOne() throws {
        let (site, db) = try multisite()
        let repo = TestEnvironment.makeTempDir("repo")
        let root = ["--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!]
        let refused = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--db-name", db] + root)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        RestoreFixture.assertOneLineRefusal(refused, "--site-dir")
        XCTAssertTrue(refused.stderr.contains("shop (shop.acme.example, 8080.www.shop.acme.example); default"), refused.stderr)
        XCTAssertEqual(Snapshots.archives(repo), [])
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--site-dir", "shop", "--db-name", db] + root)
        XCTAssertEqual(b.status, 0, b.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any]
        let m = try Snapshots.manifest(try Snapshots.extract(json["archive"] as! String))
        XCTAssertEqual((m["site"] as! [String: Any])["config_file"] as? String, site + "/sites/shop/settings.php")
        let target = TestEnvironment.makeTempDir("mstg") + "/site"
        let staging = "mstg_\(UUID().uuidString.prefix(6).lowercased())"
        let r = try ProcessRunner.sitesnap(["restore", json["id"] as! String, "--repo", repo, "--target", target, "--db-name", staging,
                                            "--db-user", "root", "--db-password-file", "/dev/null", "--db-host", "127.0.0.1",
                                            "--db-port", String(TestEnvironment.port!)])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let shop = try String(contentsOfFile: target + "/sites/shop/settings.php", encoding: .utf8)
        XCTAssertTrue(shop.contains("'database' => '\(staging)',"), shop)
        let dflt = try String(contentsOfFile: target + "/sites/default/settings.php", encoding: .utf8)
        XCTAssertTrue(dflt.contains("'database' => 'drupal_db',"), "the other site's config is not touched")
        // --config and --site-dir together: one of them.
        let both = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--site-dir", "shop", "--config", site + "/sites/shop/settings.php", "--no-db"])
        XCTAssertEqual(both.status, 2, both.stderr)
    }

    /// diff-db --live compares with the site folder the snapshot was taken of (its config, its prefix).
    func testLiveDiffReadsTheSnapshotsSiteFolder() throws {
        let (site, db) = try multisite()
        let load = try ProcessRunner.shell("sed 's/#__/shop_/g' '\(TestEnvironment.fixtures)/drupal10.sql' | mariadb --no-defaults --socket='\(TestEnvironment.socket!)' -uroot '\(db)'")
        XCTAssertEqual(load.status, 0, load.stderr)
        let shop = site + "/sites/shop/settings.php"
        try String(contentsOfFile: shop, encoding: .utf8).replacingOccurrences(of: "'prefix' => '',", with: "'prefix' => 'shop_',")
            .write(toFile: shop, atomically: true, encoding: .utf8)
        let repo = TestEnvironment.makeTempDir("repo")
        let root = ["--db-name", db, "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!]
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--site-dir", "shop"] + root)
        XCTAssertEqual(b.status, 0, b.stderr)
        let id = (try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any])["id"] as! String
        let d = try ProcessRunner.sitesnap(["diff-db", id, "--live", "--repo", repo] + root)
        XCTAssertEqual(d.status, 0, d.stdout + d.stderr)
    }

    /// A sites.php whose entries all name one folder (or none that exists) is no choice to make.
    func testOneMappedFolderNeedsNoSiteDir() throws {
        let (site, _) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        try "<?php\n$sites['www.acme.example'] = 'default';\n$sites['old.acme.example'] = 'gone';\n".write(toFile: site + "/sites/sites.php", atomically: true, encoding: .utf8)
        let r = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertFalse(r.stdout.contains("problem:"), r.stdout)
        XCTAssertTrue(r.stdout.contains("site dir   gone (old.acme.example): no config"), r.stdout)
        XCTAssertTrue(r.stdout.contains("config     \(site)/sites/default/settings.php"), r.stdout)
    }
}
