@testable import SiteKnowledge
@testable import SitesnapSystem
import XCTest
@testable import SitesnapCore

/// Computed settings: read from the environment when they are getenv()-style, else every one named
/// at once with its flag (Tests/Fixtures/configs).
final class DatabaseConfigValuesTests: XCTestCase {
    private func fixture(_ name: String, profile id: String) throws -> (SiteConfig, Profile) {
        let path = TestEnvironment.fixtures + "/configs/" + name
        let profile = try XCTUnwrap(ProfileStore().profiles.first { $0.id == id })
        let parsed = try PHPConfigReader.read(path: path)
        return (SiteConfigReader.make(file: path, extraFiles: [], config: parsed, spec: profile.config), profile)
    }

    func testEveryComputedKeyIsNamedAtOnceWithItsFlag() throws {
        let (c, p) = try fixture("drupal-env.settings.php", profile: "drupal")
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides(), processEnvironment: [:])) { e in
            guard case .configValuesNotLiteral(_, let keys)? = e as? SitesnapError else { return XCTFail("\(e)") }
            XCTAssertEqual(keys.count, 3, "\(keys)")  // host and port have defaults after ?:
            let text = (e as? SitesnapError)?.errorDescription ?? ""
            for flag in ["--db-name", "--db-user", "--db-password-file", "MYSQL_DATABASE", "MYSQL_PASSWORD", "--env-file"] {
                XCTAssertTrue(text.contains(flag), "\(flag) in \(text)")
            }
        }
    }

    func testEnvironmentValuesAndDefaultsWithTheirOrigins() throws {
        let (c, p) = try fixture("drupal-env.settings.php", profile: "drupal")
        let env = ["MYSQL_DATABASE": "drupal", "MYSQL_USER": "web", "MYSQL_PASSWORD": "pw", "MARIADB_PORT": "3307"]
        let t = try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides(), processEnvironment: env)
        XCTAssertEqual(t.options.database, "drupal")
        XCTAssertEqual(t.options.user, "web")
        XCTAssertEqual(t.options.password, "pw")
        XCTAssertEqual(t.options.host, "mariadb")
        XCTAssertEqual(t.options.port, 3307)
        XCTAssertEqual(t.origins["database"], "from environment MYSQL_DATABASE")
        XCTAssertEqual(t.origins["host"], "the default after ?: (MARIADB_HOST unset)")
        XCTAssertEqual(t.origins["port"], "from environment MARIADB_PORT")
        XCTAssertFalse(t.origins.values.contains { $0.contains("pw") && !$0.contains("PASSWORD") })
        // Unset port: the default after ?:, shown as such (not silently 3306).
        let d = try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides(),
                                           processEnvironment: env.filter { $0.key != "MARIADB_PORT" })
        XCTAssertEqual(d.options.port, 3306)
        XCTAssertEqual(d.origins["port"], "the default after ?: (MARIADB_PORT unset)")
    }

    func testEnvFileWinsOverTheProcessEnvironment() throws {
        let (c, p) = try fixture("wordpress-docker.wp-config.php", profile: "wordpress")
        let dir = TestEnvironment.makeTempDir("envfile")
        try "WORDPRESS_DB_HOST=db.from-file:3308\nWORDPRESS_DB_PASSWORD=\"file pw\"\n".write(toFile: dir + "/.env", atomically: true, encoding: .utf8)
        var o = DatabaseOverrides()
        o.envFile = dir + "/.env"
        let t = try DatabaseTarget.resolve(config: c, profile: p, overrides: o, processEnvironment: ["WORDPRESS_DB_HOST": "process"])
        XCTAssertEqual(t.options.host, "db.from-file")
        XCTAssertEqual(t.options.port, 3308)
        XCTAssertEqual(t.options.password, "file pw")
        XCTAssertEqual(t.options.database, "wordpress")  // getenv_docker's default
        XCTAssertEqual(t.origins["host"], "from WORDPRESS_DB_HOST in \(dir)/.env")
        XCTAssertEqual(t.tablePrefix, "wp_")
        o.envFile = dir + "/missing.env"
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: p, overrides: o)) { e in
            XCTAssertEqual((e as? SitesnapError)?.category, .badInput)
            XCTAssertTrue("\((e as? SitesnapError)?.errorDescription ?? "")".contains("missing.env"))
        }
    }

    func testCodeSitesnapCannotEvaluateIsNamedKeyByKeyWithoutThePassword() throws {
        let (c, p) = try fixture("drupal-platform.settings.php", profile: "drupal")
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides(), processEnvironment: [:])) { e in
            let text = (e as? SitesnapError)?.errorDescription ?? ""
            XCTAssertTrue(text.contains("$creds['host']"), text)
            XCTAssertFalse(text.contains("$creds['password']"), text)
            XCTAssertTrue(text.contains("--db-host") && text.contains("--db-user") && text.contains("--db-password-file"), text)
        }
        // Lando: every key from decoded JSON, each named at once.
        let (l, lp) = try fixture("drupal-lando.settings.php", profile: "drupal")
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: l, profile: lp, overrides: DatabaseOverrides(), processEnvironment: ["LANDO_INFO": "{}"])) { e in
            guard case .configValuesNotLiteral(_, let keys)? = e as? SitesnapError else { return XCTFail("\(e)") }
            XCTAssertEqual(keys.count, 5, "\(keys)")
            XCTAssertTrue(keys[0].contains("$lando_info['database']['creds']['database']"), keys[0])
        }
        // The flags make it work.
        let t = try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides(
            host: "db", port: 3306, name: "main", user: "u", passwordFile: "/dev/null"), processEnvironment: [:])
        XCTAssertEqual(t.options.database, "main")
    }

    /// A config read from `php` text with profile `id`.
    private func text(_ php: String, profile id: String, file: String) throws -> (SiteConfig, Profile) {
        let profile = try XCTUnwrap(ProfileStore().profiles.first { $0.id == id })
        let parsed = try PHPConfigReader.read(Array(php.utf8), file: file)
        return (SiteConfigReader.make(file: file, extraFiles: [], config: parsed, spec: profile.config), profile)
    }

    /// Issue 13: `$dbtype = 'pgsql'` was not noticed (connected with the MySQL protocol).
    func testOtherDatabaseServersAreRefusedByName() throws {
        let joomla = try String(contentsOfFile: TestEnvironment.fixtures + "/joomla4/configuration.php", encoding: .utf8)
        for type in ["pgsql", "pdopgsql", "sqlite", "postgresql"] {
            let (c, p) = try text(joomla.replacingOccurrences(of: "public $dbtype = 'mysqli';", with: "public $dbtype = '\(type)';"),
                                  profile: "joomla", file: "/site/configuration.php")
            XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides())) { e in
                XCTAssertEqual((e as? SitesnapError)?.category, .badInput)
                let m = (e as? SitesnapError)?.errorDescription ?? ""
                XCTAssertTrue(m.hasPrefix("JConfig::$dbtype in /site/configuration.php is '\(type)': "), m)
            }
        }
        for ok in ["mysqli", "pdomysql", "MySQL"] {
            let (c, p) = try text(joomla.replacingOccurrences(of: "public $dbtype = 'mysqli';", with: "public $dbtype = '\(ok)';"),
                                  profile: "joomla", file: "/site/configuration.php")
            XCTAssertNoThrow(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides()))
        }
        let drupal = "<?php\n$databases['default']['default'] = ['database' => 'd', 'username' => 'u', 'password' => 'p', 'host' => 'h',\n"
        for (extra, value) in [("'driver' => 'sqlite'", "sqlite"), ("'driver' => 'pgsql'", "pgsql"),
                               ("'driver' => 'mysql', 'namespace' => 'Drupal\\\\sqlsrv\\\\Driver\\\\Database\\\\sqlsrv'", "Drupal\\sqlsrv\\Driver\\Database\\sqlsrv"),
                               ("'driver' => getenv('DB_DRIVER')", "pgsql")] {
            let (c, p) = try text(drupal + extra + "];\n", profile: "drupal", file: "/site/settings.php")
            XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides(), processEnvironment: ["DB_DRIVER": "pgsql"])) { e in
                let m = (e as? SitesnapError)?.errorDescription ?? ""
                XCTAssertTrue(m.contains("/site/settings.php is '\(value)'"), m)
            }
        }
        let (c, p) = try text(drupal + "'driver' => 'mysql', 'namespace' => 'Drupal\\\\mysql\\\\Driver\\\\Database\\\\mysql'];\n", profile: "drupal", file: "/s.php")
        XCTAssertNoThrow(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides()))
        let (d7, p7) = try text("<?php\n$databases = array('default' => array('default' => array('driver' => 'sqlite', 'database' => '/x.sqlite')));\n",
                                profile: "drupal7", file: "/d7.php")
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: d7, profile: p7, overrides: DatabaseOverrides()))
    }
}
