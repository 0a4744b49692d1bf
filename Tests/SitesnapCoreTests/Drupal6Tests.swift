import XCTest
@testable import SiteKnowledge

/// Drupal 6 is its own profile: detected by its 6.x-only files, "Drupal 6.38", its `$db_url` read
/// part by part as db_connect() reads it, backed up, and restored with the URL written again for
/// the staging database.
final class Drupal6Tests: XCTestCase {
    func testDetectedAndItsDatabaseURLRead() throws {
        let store = try ProfileStore()
        let site = try SiteDetector.detect(root: TestEnvironment.fixtures + "/drupal6", profiles: store)
        XCTAssertEqual(site.profile.id, "drupal6")
        XCTAssertEqual("\(site.profile.name) \(site.version ?? "")", "Drupal 6.38")
        let r = try ProcessRunner.sitesnap(["inspect", TestEnvironment.fixtures + "/drupal6", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let db = try XCTUnwrap(json["database"] as? [String: Any], r.stdout)
        XCTAssertEqual(db["name"] as? String, "d6_db")
        XCTAssertEqual(db["user"] as? String, "d6_user")
        XCTAssertEqual(db["host"] as? String, "127.0.0.1")
        XCTAssertEqual(db["port"] as? Int, 3311)
        XCTAssertEqual(db["table_prefix"] as? String, "d6_")
        XCTAssertEqual(json["problems"] as? [String], [])
        let slugs = Set((json["extensions"] as! [[String: Any]]).map { $0["slug"] as! String })
        XCTAssertEqual(slugs, ["system", "views"])
        let text = try ProcessRunner.sitesnap(["inspect", TestEnvironment.fixtures + "/drupal6"])
        XCTAssertTrue(text.stdout.contains("cms        Drupal 6.38\n"), text.stdout)
    }

    func testBackupWithTheURLsPasswordAndRestoreRewritesTheURL() throws {
        let socket = try TestEnvironment.requireDatabase()
        let (site, db) = try FixtureSite.load("drupal6", sql: "drupal6.sql", prefix: "d6_")
        let c = try TestDatabase.admin()
        // The password the URL spells p%40ss+w: urldecode() makes it "p@ss w".
        for host in ["localhost", "127.0.0.1"] {
            try c.execute("CREATE USER IF NOT EXISTS 'd6_user'@'\(host)' IDENTIFIED BY 'p@ss w'")
            try c.execute("GRANT ALL ON `\(db)`.* TO 'd6_user'@'\(host)'")
        }
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--db-name", db, "--db-port", String(TestEnvironment.port!)])
        XCTAssertEqual(b.status, 0, b.stderr)
        let id = (try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any])["id"] as! String
        let user = "stg6_\(UUID().uuidString.prefix(6).lowercased())"
        for host in ["localhost", "127.0.0.1"] {
            try c.execute("CREATE USER '\(user)'@'\(host)' IDENTIFIED BY 'stg+p@ss'")
            try c.execute("GRANT ALL ON *.* TO '\(user)'@'\(host)'")
        }
        let pw = TestEnvironment.makeTempDir("pw") + "/pw"
        try "stg+p@ss\n".write(toFile: pw, atomically: true, encoding: .utf8)
        let target = TestEnvironment.makeTempDir("d6stg") + "/site"
        let staging = "d6stg_\(UUID().uuidString.prefix(6).lowercased())"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", staging, "--db-user", user,
                                            "--db-password-file", pw, "--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!)])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "include '\(target)/sites/default/settings.php'; $u = parse_url($db_url); echo $u['scheme'], '|', urldecode($u['user']), '|', urldecode($u['pass']), '|', $u['host'], '|', $u['port'], '|', substr(urldecode($u['path']), 1), '|', $db_prefix;"])
        XCTAssertEqual(php.stdout, "mysqli|\(user)|stg+p@ss|127.0.0.1|\(TestEnvironment.port!)|\(staging)|d6_", php.stderr)
        XCTAssertEqual(try TestDatabase.client(staging, sql: "SELECT name FROM d6_users WHERE uid = 1").stdout.split(separator: "\n").last, "admin")
        // Staging hygiene: drupal_mail_send() (includes/mail.inc, 6.x) hands mail to the wrapper in the
        // file $conf['smtp_library'] names, relative to the Drupal root; that wrapper sends nothing.
        let mail = try ProcessRunner.run("/usr/bin/php", ["-r", "chdir('\(target)'); $conf = []; include 'sites/default/settings.php'; include_once './' . $conf['smtp_library']; var_export(drupal_mail_wrapper(['to' => 'a@example.com']));"])
        XCTAssertEqual(mail.stdout, "true", mail.stderr)
        XCTAssertTrue(r.stdout.contains("staging   outgoing mail off"), r.stdout)
        // On a socket the URL cannot say where the server is: refused before anything is written.
        let t2 = TestEnvironment.makeTempDir("d6stg2") + "/site"
        let s = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", t2, "--db-name", staging + "x", "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", socket])
        XCTAssertEqual(s.status, 2, s.stderr)
        XCTAssertTrue(s.stderr.contains("$db_url") && s.stderr.contains("socket"), s.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: t2))
    }

    /// includes/database.inc (6.x) picks the driver by the URL's scheme: pgsql is another server,
    /// refused by name (exit 2) before any connection.
    func testAPostgresURLIsRefusedByName() throws {
        let site = TestEnvironment.makeTempDir("d6pg") + "/site"
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/drupal6", toPath: site)
        let settings = site + "/sites/default/settings.php"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        let pg = text.replacingOccurrences(of: "'mysqli://", with: "'pgsql://")
        XCTAssertNotEqual(pg, text)
        try pg.write(toFile: settings, atomically: true, encoding: .utf8)
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", TestEnvironment.makeTempDir("repo")])
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: ") && r.stderr.contains("$db_url") && r.stderr.contains("pgsql"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    }
}
