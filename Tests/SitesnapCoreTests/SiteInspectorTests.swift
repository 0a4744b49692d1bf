import XCTest

/// `inspect` of container-style configs: every computed key at once with its flag, never a
/// computed password as "set" or a computed host as "localhost"; values from the environment with
/// where they came from.
final class SiteInspectorTests: XCTestCase {
    private func drupalSite(settings fixture: String) throws -> String {
        let site = TestEnvironment.makeTempDir("insp") + "/site"
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/drupal10", toPath: site)
        try FileManager.default.removeItem(atPath: site + "/sites/default/settings.php")
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/configs/" + fixture, toPath: site + "/sites/default/settings.php")
        return site
    }

    func testComputedKeysAreListedAtOnceAndNeverShownAsValues() throws {
        let site = try drupalSite(settings: "drupal-platform.settings.php")
        let r = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("db host    (computed: $creds['host'])"), r.stdout)
        XCTAssertTrue(r.stdout.contains("password   (computed: code not shown)"), r.stdout)
        XCTAssertFalse(r.stdout.contains("set (not shown)"), r.stdout)
        XCTAssertFalse(r.stdout.contains("localhost"), r.stdout)
        let problems = r.stdout.split(separator: "\n").filter { $0.hasPrefix("problem:") }
        XCTAssertEqual(problems.count, 1, r.stdout)
        for flag in ["--db-name", "--db-user", "--db-password-file", "--db-host", "--db-port"] {
            XCTAssertTrue(problems[0].contains(flag), "\(flag): \(problems[0])")
        }
    }

    func testEnvironmentValuesAreShownWithTheirOrigin() throws {
        let site = try drupalSite(settings: "drupal-env.settings.php")
        let env = TestEnvironment.makeTempDir("env") + "/.env"
        try "MYSQL_DATABASE=shop\nMYSQL_USER=web\nMYSQL_PASSWORD=very-secret\n".write(toFile: env, atomically: true, encoding: .utf8)
        let r = try ProcessRunner.sitesnap(["inspect", site, "--env-file", env], environment: ["MARIADB_HOST": "db.internal"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("db host    db.internal:3306 (host from environment MARIADB_HOST, port the default after ?: (MARIADB_PORT unset))"), r.stdout)
        XCTAssertTrue(r.stdout.contains("db name    shop (database from MYSQL_DATABASE in \(env))"), r.stdout)
        XCTAssertTrue(r.stdout.contains("password   set (not shown) (password from MYSQL_PASSWORD in \(env))"), r.stdout)
        XCTAssertFalse(r.stdout.contains("very-secret"))
        XCTAssertFalse(r.stdout.contains("problem:"), r.stdout)
        // Without the variables: the three that have no default, in one problem line.
        let bare = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertTrue(bare.stdout.contains("3 database settings in"), bare.stdout)
        XCTAssertTrue(bare.stdout.contains("db name    (computed: getenv('MYSQL_DATABASE'))"), bare.stdout)
        // What can be read still is: the host's default after ?:, said as such.
        XCTAssertTrue(bare.stdout.contains("db host    mariadb:3306 (host the default after ?: (MARIADB_HOST unset), port the default after ?: (MARIADB_PORT unset))"), bare.stdout)
        XCTAssertTrue(bare.stdout.contains("password   (computed: getenv('MYSQL_PASSWORD'))"), bare.stdout)
    }

    /// An --env-file that cannot be read is a bad option on inspect too (exit 2, one line naming the
    /// file and why), as on backup: missing, a folder, binary bytes.
    func testAnUnreadableEnvFileIsABadOption() throws {
        let site = try drupalSite(settings: "drupal-env.settings.php")
        let dir = TestEnvironment.makeTempDir("envbad")
        try Data([0xff, 0xfe, 0x00, 0x41]).write(to: URL(fileURLWithPath: dir + "/binary.env"))
        for (file, why) in [(dir + "/missing.env", "no such file"), (dir, "it is a directory"), (dir + "/binary.env", "not UTF-8 text")] {
            for json in [[], ["--json"]] {
                let r = try ProcessRunner.sitesnap(["inspect", site, "--env-file", file] + json)
                XCTAssertEqual(r.status, 2, file + r.stdout + r.stderr)
                XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: ") && r.stderr.contains("--env-file") && r.stderr.contains(file) && r.stderr.contains(why), r.stderr)
                XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            }
        }
    }

    /// `$dbtype = 'pgsql'`: inspect names it; backup stops with one line and exit status 2.
    func testPostgresJoomlaIsRefusedByName() throws {
        let site = TestEnvironment.makeTempDir("pg") + "/site"
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/joomla4", toPath: site)
        let cfg = site + "/configuration.php"
        try (try String(contentsOfFile: cfg, encoding: .utf8)).replacingOccurrences(of: "public $dbtype = 'mysqli';", with: "public $dbtype = 'pgsql';")
            .write(toFile: cfg, atomically: true, encoding: .utf8)
        let i = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertTrue(i.stdout.contains("problem: JConfig::$dbtype in \(cfg) is 'pgsql': sitesnap backs up MySQL and MariaDB databases only"), i.stdout)
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", TestEnvironment.makeTempDir("repo")])
        XCTAssertEqual(b.status, 2, b.stderr)
        XCTAssertEqual(b.stderr.split(separator: "\n").count, 1, b.stderr)
        XCTAssertTrue(b.stderr.hasPrefix("sitesnap: error: JConfig::$dbtype in \(cfg) is 'pgsql'"), b.stderr)
    }
}
