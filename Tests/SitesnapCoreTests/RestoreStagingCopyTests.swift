import XCTest

/// Issue 13's end-to-end check: a composer Drupal 10 project and a Joomla site with `$live_site`,
/// restored on staging with `--url`, show the new URL in their content and have outgoing mail off,
/// checked from the restored database (stock mariadb-dump) and the restored config (read by php-cli).
final class RestoreStagingCopyTests: XCTestCase {
    private let old = "https://www.acme-outdoor.example"
    private let new = "https://staging.acme.example"

    private func backup(_ site: String, db: String) throws -> (id: String, repo: String) {
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--db-name", db, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", try TestEnvironment.requireDatabase()])
        XCTAssertEqual(r.status, 0, r.stderr)
        return ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["id"] as! String, repo)
    }

    private func dump(_ db: String) throws -> String {
        let r = try ProcessRunner.run("/usr/bin/mariadb-dump", ["--no-defaults", "--socket=\(try TestEnvironment.requireDatabase())", "-uroot",
                                                                "--skip-extended-insert", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout
    }

    func testComposerDrupalOnStagingHasTheNewURLInContentAndMailOff() throws {
        let socket = try TestEnvironment.requireDatabase()
        let project = try DrupalProjectFixture.make()
        let db = try TestDatabase.create("cdrupal")
        let load = try ProcessRunner.shell("sed 's/#__//g' '\(TestEnvironment.fixtures)/drupal10.sql' | mariadb --no-defaults --socket='\(socket)' -uroot '\(db)'")
        XCTAssertEqual(load.status, 0, load.stderr)
        // node__body as core's SqlContentEntityStorageSchema creates it (10.x), an article linking the site.
        let content = try TestDatabase.client(db, sql: """
            CREATE TABLE node__body (bundle varchar(128) NOT NULL, deleted tinyint NOT NULL, entity_id int unsigned NOT NULL, revision_id int unsigned NOT NULL, langcode varchar(32) NOT NULL, delta int unsigned NOT NULL, body_value longtext NOT NULL, body_summary longtext, body_format varchar(255), PRIMARY KEY (entity_id, deleted, delta, langcode)) DEFAULT CHARSET=utf8mb4;
            INSERT INTO node__body VALUES ('article', 0, 1, 1, 'en', 0, '<a href="\(old)/tents">tents</a>', '', 'basic_html');
            """)
        XCTAssertEqual(content.status, 0, content.stderr)
        let (id, repo) = try backup(project, db: db)
        let (user, pw) = try TestDatabase.stagingUser()
        let target = TestEnvironment.makeTempDir("stg") + "/acme-staging"
        let stagingDB = "cdstg_\(UUID().uuidString.prefix(6).lowercased())"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", stagingDB, "--db-user", user,
                                            "--db-password-file", pw, "--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!),
                                            "--url", new, "--old-url", old])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("outgoing mail off"), r.stdout)
        let all = try dump(stagingDB)
        XCTAssertTrue(all.contains("\(new)/tents"), "the new URL in the content")
        XCTAssertFalse(all.contains("//www.acme-outdoor.example"), "an old URL is left")
        XCTAssertFalse(try dump(db).contains(new), "the source database is untouched")
        let settings = target + "/web/sites/default/settings.php"
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", """
            define('DRUPAL_ROOT', '\(target)/web'); $app_root = DRUPAL_ROOT; $site_path = 'sites/default'; $settings = []; $config = []; $databases = [];
            include '\(settings)';
            echo $databases['default']['default']['database'], '|', $config['system.mail']['interface']['default'], '|', implode(',', $settings['trusted_host_patterns']);
            """])
        XCTAssertEqual(php.status, 0, php.stderr)
        XCTAssertEqual(php.stdout, "\(stagingDB)|test_mail_collector|^staging\\.acme\\.example$")
    }

    func testJoomlaOnStagingHasTheNewURLInContentAndMailOff() throws {
        let (site, db) = try FixtureSite.load("joomla4", sql: "joomla4.sql", prefix: "jx7_")
        let config = try String(contentsOfFile: site + "/configuration.php", encoding: .utf8)
        XCTAssertTrue(config.contains("public $live_site = '\(old)';") && config.contains("public $mailonline = true;"))
        let content = try TestDatabase.client(db, sql: "UPDATE jx7_content SET introtext = CONCAT(introtext, '<a href=\"\(old)/tents\">Tents</a>') WHERE id = 1")
        XCTAssertEqual(content.status, 0, content.stderr)
        let (id, repo) = try backup(site, db: db)
        let (r, target, stagingDB, _) = try FixtureRestore.overTCP(id, repo: repo, stem: "jstg", extra: ["--url", new])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let all = try dump(stagingDB)
        XCTAssertTrue(all.contains("\(new)/tents"), "the new URL in the content")
        XCTAssertFalse(all.contains("//www.acme-outdoor.example"), "an old URL is left")
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "require '\(target)/configuration.php'; $c = new JConfig; var_export([$c->live_site, $c->mailonline, $c->robots, $c->db]);"])
        XCTAssertEqual(php.status, 0, php.stderr)
        XCTAssertEqual(php.stdout.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: ""),
                       "array(0=>'\(new)',1=>false,2=>'noindex,nofollow',3=>'\(stagingDB)',)")
        XCTAssertTrue(try String(contentsOfFile: site + "/configuration.php", encoding: .utf8).contains("public $mailonline = true;"), "the source config is untouched")
    }
}
