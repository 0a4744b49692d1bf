import XCTest

/// restore --url on Joomla and Drupal sites: the old URL from the config (`$live_site`) or
/// `--old-url` (Drupal 8+ names none), replaced in content, menus, redirects and module/block content,
/// plain and JSON-escaped; cookie domain and trusted host patterns pointed at the staging host.
final class RestoreURLOtherCMSTests: XCTestCase {
    /// A fixture site, `prepare(site, db)` run on it, backed up; returns (snapshot id, repo).
    private func snapshot(_ fixture: String, sql: String, prefix: String, prepare: (String, String) throws -> Void) throws -> (String, String) {
        let socket = try TestEnvironment.requireDatabase()
        let (site, db) = try FixtureSite.load(fixture, sql: sql, prefix: prefix)
        try prepare(site, db)
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--db-name", db, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", socket])
        XCTAssertEqual(r.status, 0, r.stderr)
        return ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["id"] as! String, repo)
    }

    /// Restores over TCP as a staging user with a password (the fixtures' configs have no socket setting).
    private func restore(_ id: String, repo: String, stem: String, _ extra: [String]) throws -> (result: ProcessResult, target: String, db: String) {
        let (user, pw) = try TestDatabase.stagingUser()
        let target = TestEnvironment.makeTempDir(stem) + "/site"
        let db = "\(stem)_\(UUID().uuidString.prefix(6).lowercased())"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", db, "--db-user", user,
                                            "--db-password-file", pw, "--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!)] + extra)
        return (r, target, db)
    }

    private func sql(_ db: String, _ statements: String) throws {
        let r = try TestDatabase.client(db, sql: statements)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// The whole staging database as mariadb-dump writes it.
    private func dump(_ db: String) throws -> String {
        let r = try ProcessRunner.run("/usr/bin/mariadb-dump", ["--no-defaults", "--socket=\(try TestEnvironment.requireDatabase())", "-uroot", "--skip-extended-insert", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout
    }

    /// Joomla's own tables for menus, modules and redirects (installation/sql/mysql/base.sql and
    /// extensions.sql of Joomla 5.2, only the columns that hold URLs and the keys), with the rows a site
    /// with `$live_site = 'https://www.acme-outdoor.example'` has: a menu item of type url, a custom
    /// module with a link and JSON params (json_encode escapes `/`), a redirect, article links.
    private func joomlaContent(_ db: String) throws {
        try sql(db, """
            CREATE TABLE jx7_menu (id int NOT NULL AUTO_INCREMENT, link varchar(1024) NOT NULL, type varchar(16) NOT NULL, params text NOT NULL, PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4;
            INSERT INTO jx7_menu VALUES (101, 'https://www.acme-outdoor.example/shop', 'url', '{"menu_image":"https:\\\\/\\\\/www.acme-outdoor.example\\\\/images\\\\/m.png"}');
            CREATE TABLE jx7_modules (id int NOT NULL AUTO_INCREMENT, content text, params text NOT NULL, PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4;
            INSERT INTO jx7_modules VALUES (90, '<a href="https://www.acme-outdoor.example/sale">Sale</a> <img src="//www.acme-outdoor.example/i.png">', '{"backgroundimage":"http:\\\\/\\\\/www.acme-outdoor.example\\\\/bg.jpg"}');
            CREATE TABLE jx7_redirect_links (id int unsigned NOT NULL AUTO_INCREMENT, old_url varchar(2048) NOT NULL, new_url varchar(2048), PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4;
            INSERT INTO jx7_redirect_links VALUES (1, 'https://www.acme-outdoor.example/old-page', 'https://www.acme-outdoor.example/new-page');
            CREATE TABLE jx7_acme_latin (id int NOT NULL, v text, PRIMARY KEY (id)) DEFAULT CHARSET=latin1;
            INSERT INTO jx7_acme_latin VALUES (1, X'\(Array(#"s:41:"https://www.acme-outdoor.example/Zoë.jpg";"#.utf8).map { String(format: "%02X", $0) }.joined())');
            UPDATE jx7_content SET introtext = CONCAT(introtext, '<a href="https://www.acme-outdoor.example/tents">Tents</a>'), `fulltext` = 'See http://www.acme-outdoor.example/.', urls = '{"urla":"https:\\\\/\\\\/www.acme-outdoor.example\\\\/a","urlatext":""}' WHERE id = 1;
            """)
    }

    /// The joomla4 fixture with `joomlaContent`, its configuration.php edited by `edit`, backed up.
    private func joomlaSnapshot(_ edit: (String) -> String) throws -> (String, String) {
        try snapshot("joomla4", sql: "joomla4.sql", prefix: "jx7_") { site, db in
            try joomlaContent(db)
            let config = site + "/configuration.php"
            try edit(try String(contentsOfFile: config, encoding: .utf8)).write(toFile: config, atomically: true, encoding: .utf8)
        }
    }

    func testJoomlaURLFromLiveSiteReplacedInContentMenusModulesRedirectsAndCookieDomain() throws {
        let (id, repo) = try joomlaSnapshot { $0.replacingOccurrences(of: "public $cookie_domain = '';", with: "public $cookie_domain = '.acme-outdoor.example';") }
        let plan = try restore(id, repo: repo, stem: "jurl", ["--url", "https://staging.acme.example", "--dry-run"])
        XCTAssertEqual(plan.result.status, 0, plan.result.stdout + plan.result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plan.target))
        let (r, target, db) = try restore(id, repo: repo, stem: "jurl", ["--url", "https://staging.acme.example"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        // The dry run counted, per table and column, what the restore then replaced.
        let perColumn = { (out: String) in out.split(separator: "\n").filter { $0.hasPrefix("    jx7_") } }
        XCTAssertEqual(perColumn(plan.result.stdout), perColumn(r.stdout))
        XCTAssertTrue(r.stdout.contains("url       https://www.acme-outdoor.example -> https://staging.acme.example"), r.stdout)
        for column in ["jx7_menu.link", "jx7_menu.params", "jx7_modules.content", "jx7_modules.params", "jx7_redirect_links.old_url",
                       "jx7_redirect_links.new_url", "jx7_content.introtext", "jx7_content.fulltext", "jx7_content.urls", "jx7_acme_latin.v"] {
            XCTAssertTrue(r.stdout.contains("    \(column): 1 row"), column + "\n" + r.stdout)
        }
        let all = try dump(db)
        XCTAssertFalse(all.contains("//www.acme-outdoor.example") || all.contains("\\\\/\\\\/www.acme-outdoor.example"), "an old URL is left")
        XCTAssertTrue(all.contains("https:\\\\/\\\\/staging.acme.example\\\\/images\\\\/m.png"), "JSON-escaped form")
        XCTAssertTrue(all.contains("'https://staging.acme.example/shop','url'"))
        XCTAssertTrue(all.contains("sales@acme-outdoor.example"), "an e-mail address is no URL")
        // A latin1 table holding UTF-8 bytes: replaced by bytes, the serialized length counts them.
        XCTAssertEqual(try TestDatabase.client(db, sql: "SELECT HEX(v) FROM jx7_acme_latin").stdout.split(separator: "\n").last.map(String.init),
                       Array(#"s:37:"https://staging.acme.example/Zoë.jpg";"#.utf8).map { String(format: "%02X", $0) }.joined())
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "require '\(target)/configuration.php'; $c = new JConfig; echo $c->live_site, '|', $c->cookie_domain, '|', $c->cookie_path;"])
        XCTAssertEqual(php.stdout, "https://staging.acme.example|.staging.acme.example|")
    }

    /// Joomla's installer writes `$live_site = ''` (installation/configuration.php-dist): the site then
    /// names no URL, so --url needs --old-url, and the empty setting stays empty.
    func testJoomlaWithAnEmptyLiveSiteNeedsOldURL() throws {
        let (id, repo) = try joomlaSnapshot { $0.replacingOccurrences(of: "public $live_site = 'https://www.acme-outdoor.example';", with: "public $live_site = '';") }
        let refused = try restore(id, repo: repo, stem: "jurl", ["--url", "https://staging.acme.example"])
        XCTAssertEqual(refused.result.status, 2, refused.result.stdout + refused.result.stderr)
        XCTAssertTrue(refused.result.stderr.contains("JConfig::$live_site") && refused.result.stderr.contains("--old-url"), refused.result.stderr)
        let (r, target, db) = try restore(id, repo: repo, stem: "jurl", ["--url", "https://staging.acme.example", "--old-url", "https://www.acme-outdoor.example/"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertFalse(try dump(db).contains("//www.acme-outdoor.example"), "an old URL is left")
        XCTAssertTrue(try String(contentsOfFile: target + "/configuration.php", encoding: .utf8).contains("public $live_site = '';"))
    }

    /// Drupal 10's field and link tables (core/modules/node, block_content, menu_link_content and the
    /// redirect module's schema as SqlContentEntityStorageSchema creates them: PK entity_id, deleted,
    /// delta, langcode; link__options a serialized LONGBLOB).
    private func drupalContent(_ db: String) throws {
        try sql(db, """
            CREATE TABLE node__body (bundle varchar(128) NOT NULL, deleted tinyint NOT NULL, entity_id int unsigned NOT NULL, revision_id int unsigned NOT NULL, langcode varchar(32) NOT NULL, delta int unsigned NOT NULL, body_value longtext NOT NULL, body_summary longtext, body_format varchar(255), PRIMARY KEY (entity_id, deleted, delta, langcode)) DEFAULT CHARSET=utf8mb4;
            INSERT INTO node__body VALUES ('article', 0, 1, 1, 'en', 0, '<a href="https://www.acme-outdoor.example/tents">tents</a> <img src="http://www.acme-outdoor.example/sites/default/files/t.jpg">', '', 'basic_html');
            CREATE TABLE block_content__body (bundle varchar(128) NOT NULL, deleted tinyint NOT NULL, entity_id int unsigned NOT NULL, revision_id int unsigned NOT NULL, langcode varchar(32) NOT NULL, delta int unsigned NOT NULL, body_value longtext NOT NULL, body_summary longtext, body_format varchar(255), PRIMARY KEY (entity_id, deleted, delta, langcode)) DEFAULT CHARSET=utf8mb4;
            INSERT INTO block_content__body VALUES ('basic', 0, 1, 1, 'en', 0, '<p>{"href":"https:\\\\/\\\\/www.acme-outdoor.example\\\\/sale"}</p>', NULL, 'full_html');
            CREATE TABLE menu_link_content_data (id int unsigned NOT NULL, bundle varchar(32) NOT NULL, langcode varchar(12) NOT NULL, link__uri varchar(2048), link__options longblob, PRIMARY KEY (id, langcode)) DEFAULT CHARSET=utf8mb4;
            INSERT INTO menu_link_content_data VALUES (1, 'menu_link_content', 'en', 'https://www.acme-outdoor.example/shop', 'a:1:{s:5:"query";a:1:{s:4:"from";s:36:"https://www.acme-outdoor.example/cat";}}');
            CREATE TABLE redirect (rid int unsigned NOT NULL AUTO_INCREMENT, redirect_source__path varchar(2048), redirect_redirect__uri varchar(2048), PRIMARY KEY (rid)) DEFAULT CHARSET=utf8mb4;
            INSERT INTO redirect VALUES (1, 'old-shop', 'https://www.acme-outdoor.example/shop');
            """)
    }

    func testDrupalWithoutASiteURLRefusesUntilOldURLIsGivenThenReplacesItAndTrustsTheNewHost() throws {
        let (id, repo) = try snapshot("drupal10", sql: "drupal10.sql", prefix: "") { _, db in try drupalContent(db) }
        let refused = try restore(id, repo: repo, stem: "durl", ["--url", "https://staging.acme.example"])
        XCTAssertEqual(refused.result.status, 2, refused.result.stdout + refused.result.stderr)
        XCTAssertTrue(refused.result.stderr.contains("--old-url"), refused.result.stderr)
        XCTAssertTrue(refused.result.stderr.contains("$base_url"), refused.result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: refused.target))

        let (r, target, db) = try restore(id, repo: repo, stem: "durl", ["--url", "https://staging.acme.example", "--old-url", "https://www.acme-outdoor.example",
                                                                         "--replace", "webmaster@acme-outdoor.example=webmaster@stg.example",
                                                                         "--skip-column", "watchdog.*"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        // --replace reaches into the serialized BLOB of config system.site; --skip-column keeps the log as it was.
        let site = try TestDatabase.client(db, sql: "SELECT data FROM config WHERE name = 'system.site'").stdout
        XCTAssertTrue(site.contains(#"s:21:"webmaster@stg.example""#), site)
        XCTAssertFalse(r.stdout.contains("watchdog."), r.stdout)
        for column in ["node__body.body_value", "block_content__body.body_value", "menu_link_content_data.link__uri",
                       "menu_link_content_data.link__options", "redirect.redirect_redirect__uri"] {
            XCTAssertTrue(r.stdout.contains("    \(column): 1 row"), column + "\n" + r.stdout)
        }
        let all = try dump(db)
        let left = all.split(separator: "\n").filter { $0.contains("//www.acme-outdoor.example") || $0.contains("\\\\/\\\\/www.acme-outdoor.example") }
        XCTAssertFalse(left.isEmpty)
        XCTAssertTrue(left.allSatisfy { $0.hasPrefix("INSERT INTO `watchdog`") }, "an old URL is left outside the skipped log: \(left)")
        let options = try TestDatabase.client(db, sql: "SELECT link__options FROM menu_link_content_data").stdout
        XCTAssertTrue(options.contains(#"s:32:"https://staging.acme.example/cat""#), "serialized BLOB, length recomputed: \(options)")
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "define('DRUPAL_ROOT', '\(target)'); $app_root = '\(target)'; $site_path = 'sites/default'; require '\(target)/sites/default/settings.php'; echo implode('|', $settings['trusted_host_patterns']);"])
        XCTAssertEqual(php.status, 0, php.stderr)
        XCTAssertEqual(php.stdout, #"^staging\.acme\.example$"#)
        XCTAssertTrue(r.stdout.contains("$settings['trusted_host_patterns']"), r.stdout)
    }

    /// Drupal 7 honours `$base_url` (includes/bootstrap.inc drupal_settings_initialize()): the old URL
    /// comes from it, and it and `$cookie_domain` point at the staging site.
    func testDrupal7BaseURLIsTheOldURLAndItAndTheCookieDomainAreRewritten() throws {
        let (id, repo) = try snapshot("drupal7", sql: "drupal7.sql", prefix: "d7_") { site, db in
            let settings = site + "/sites/default/settings.php"
            let text = try String(contentsOfFile: settings, encoding: .utf8)
            try (text + "\n$base_url = 'https://www.acme-d7.example';\n$cookie_domain = '.acme-d7.example';\n").write(toFile: settings, atomically: true, encoding: .utf8)
            try sql(db, "CREATE TABLE d7_block_custom (bid int unsigned NOT NULL, body longtext, PRIMARY KEY (bid)); INSERT INTO d7_block_custom VALUES (1, '<a href=\"https://www.acme-d7.example/about\">About</a>')")
        }
        let (r, target, db) = try restore(id, repo: repo, stem: "d7url", ["--url", "https://staging.acme.example"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("url       https://www.acme-d7.example -> https://staging.acme.example"), r.stdout)
        XCTAssertEqual(try TestDatabase.client(db, sql: "SELECT body FROM d7_block_custom").stdout.split(separator: "\n").last.map(String.init),
                       "<a href=\"https://staging.acme.example/about\">About</a>")
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "define('DRUPAL_ROOT', '\(target)'); require '\(target)/sites/default/settings.php'; echo $base_url, '|', $cookie_domain;"])
        XCTAssertEqual(php.stdout, "https://staging.acme.example|.staging.acme.example", php.stderr)
    }

    func testURLOptionsThatCannotWorkAreRefusedByName() throws {
        let base = ["restore", "none", "--target", TestEnvironment.makeTempDir("opt") + "/site", "--db-name", "stg"]
        for (args, named) in [(["--old-url", "https://www.example.com"], "--old-url"), (["--skip-column", "guid"], "--skip-column"),
                              (["--url", "https://s.example.test", "--old-url", "ftp://www.example.com"], "--old-url ftp://"),
                              (["--url", "https://s.example.test", "--replace", "localhost=x"], "--replace localhost=x"),
                              (["--url", "https://s.example.test", "--replace", "cdn.example.com"], "--replace cdn.example.com"),
                              // OLD and NEW must each be a URL, a host name or an e-mail address, of one kind.
                              (["--url", "https://s.example.test", "--replace", ".=,"], "--replace .=,"),
                              (["--url", "https://s.example.test", "--replace", "cdn.example.com="], "--replace cdn.example.com="),
                              (["--url", "https://s.example.test", "--replace", ".example.com=.example.test"], "--replace .example.com"),
                              (["--url", "https://s.example.test", "--replace", "e.g.=for example"], "--replace e.g.="),
                              (["--url", "https://s.example.test", "--replace", "https://cdn.example.com=cdn.example.test"], "NEW must be a URL"),
                              (["--url", "https://s.example.test", "--replace", "a@example.com=example.test"], "NEW must be an e-mail address")] {
            let r = try ProcessRunner.sitesnap(base + args)
            XCTAssertEqual(r.status, 2, args.joined(separator: " ") + r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: ") && r.stderr.contains(named), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
    }
}
