import XCTest
@testable import SitesnapCore

/// The restore of one site folder of a Drupal multisite: a request reaches sites/<dir> only through
/// sites/sites.php, so `--url` maps the staging host to it there (else the staging URL boots
/// sites/default, whose settings.php names the production database); the other site folders are named.
final class MultisiteRestoreTests: XCTestCase {
    /// drupal7 with a second site folder `shop` (its own database) mapped by sites.php, backed up with
    /// --site-dir shop.
    private func shopSnapshot() throws -> (repo: String, id: String) {
        let (site, db) = try FixtureSite.load("drupal7", sql: "drupal7.sql", prefix: "d7_")
        // The shape of Drupal 7's sites/example.sites.php: `$sites['<port>.<host>.<path>'] = '<dir>';`.
        try "<?php\n$sites['shop.example.com'] = 'shop';\n".write(toFile: site + "/sites/sites.php", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site + "/sites/shop", withIntermediateDirectories: true)
        let text = try String(contentsOfFile: site + "/sites/default/settings.php", encoding: .utf8)
        try text.replacingOccurrences(of: "'database' => 'd7_db',", with: "'database' => 'shop_db',")
            .write(toFile: site + "/sites/shop/settings.php", atomically: true, encoding: .utf8)
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--site-dir", "shop", "--db-name", db,
                                            "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(b.status, 0, b.stderr)
        return (repo, (try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any])["id"] as! String)
    }

    private func restore(_ s: (repo: String, id: String), _ extra: [String]) throws -> (ProcessResult, String) {
        let target = TestEnvironment.makeTempDir("msr") + "/site"
        let r = try ProcessRunner.sitesnap(["restore", s.id, "--repo", s.repo, "--target", target, "--db-name", "msr_\(UUID().uuidString.prefix(6).lowercased())",
                                            "--db-user", "root", "--db-password-file", "/dev/null", "--db-host", "127.0.0.1",
                                            "--db-port", String(TestEnvironment.port!)] + extra)
        return (r, target)
    }

    func testURLMapsTheStagingHostToTheRestoredSiteFolder() throws {
        let s = try shopSnapshot()
        let (r, target) = try restore(s, ["--url", "https://stg-shop.test", "--old-url", "http://shop.example.com"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("  note      sites/sites.php: appended $sites['stg-shop.test'] = 'shop';"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  note      sites/default/settings.php not rewritten (another site of this multisite: it still names its production database)\n"), r.stdout)
        XCTAssertFalse(r.stdout.contains("sites/shop/settings.php not rewritten"), r.stdout)
        // What Drupal reads: sites.php as PHP, the staging host's entry and the production one.
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "$sites = []; include '\(target)/sites/sites.php'; echo $sites['stg-shop.test'], '|', $sites['shop.example.com'];"])
        XCTAssertEqual(php.stdout, "shop|shop", php.stderr)
    }

    func testWithoutURLTheOutputSaysTheHostMustBeMapped() throws {
        let s = try shopSnapshot()
        let (r, target) = try restore(s, [])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("  note      sites/sites.php does not map the staging host to sites/shop/settings.php: add $sites['<staging host>'] = 'shop';"), r.stdout)
        XCTAssertTrue(r.stdout.contains("sites/default/settings.php not rewritten"), r.stdout)
        XCTAssertEqual(try String(contentsOfFile: target + "/sites/sites.php", encoding: .utf8), "<?php\n$sites['shop.example.com'] = 'shop';\n")
    }

    /// DrupalKernel::findSitePath() (8.x-11.x) and D7 conf_path(): the port first, when the browser
    /// sends it (not the scheme's default), then the host, then the script's folder with `/` as `.`.
    func testSiteKeyHasThePortHostPathForm() {
        XCTAssertEqual(MultisiteMap.siteKey("https://Stg-Shop.test/"), "stg-shop.test")
        XCTAssertEqual(MultisiteMap.siteKey("https://stg.test:443"), "stg.test")
        XCTAssertEqual(MultisiteMap.siteKey("http://stg.test:8080/sub/dir/"), "8080.stg.test.sub.dir")
        XCTAssertNil(MultisiteMap.siteKey("http://[::1]:8080/"))
        XCTAssertEqual(MultisiteMap.dir(of: "web/sites/shop/settings.php", "web/sites/{dir}/settings.php"), "shop")
        XCTAssertNil(MultisiteMap.dir(of: "sites/a/b/settings.php", "sites/{dir}/settings.php"))
    }
}
