@testable import SiteKnowledge
@testable import SitesnapSystem
import XCTest
@testable import SitesnapCore

/// DB_HOST forms, option files and the precedence of config < --defaults-file < flags.
final class DatabaseSettingsTests: XCTestCase {
    func testHostForms() {
        XCTAssertEqual(DatabaseHost.parse("localhost"), DatabaseHost(host: "localhost"))
        XCTAssertEqual(DatabaseHost.parse("db.example:3307"), DatabaseHost(host: "db.example", port: 3307))
        XCTAssertEqual(DatabaseHost.parse("localhost:/path/mysqld.sock"), DatabaseHost(host: "localhost", socket: "/path/mysqld.sock"))
        XCTAssertEqual(DatabaseHost.parse("[::1]:3306"), DatabaseHost(host: "::1", port: 3306))
        XCTAssertEqual(DatabaseHost.parse("[::1]"), DatabaseHost(host: "::1"))
        XCTAssertEqual(DatabaseHost.parse("::1"), DatabaseHost(host: "::1"))
        XCTAssertEqual(DatabaseHost.parse("127.0.0.1"), DatabaseHost(host: "127.0.0.1"))
        XCTAssertNil(DatabaseHost.parse("host:notaport"))
        XCTAssertNil(DatabaseHost.parse("host:70000"))
    }

    func testDefaultsFile() {
        let d = DefaultsFile(text: """
            # comment
            [mysqld]
            user = mysql
            [client]
            user = site_user
            password = "pa ss#word"
            host=db.local
            port = 3307
            [mysql]
            database = ignored
            """)
        XCTAssertEqual(d.values["user"], "site_user")
        XCTAssertEqual(d.values["password"], "pa ss#word")
        XCTAssertEqual(d.values["host"], "db.local")
        XCTAssertEqual(d.values["port"], "3307")
        XCTAssertNil(d.values["database"])
    }

    private func config(_ php: String) throws -> SiteConfig {
        let parsed = try PHPConfigReader.read(Array(php.utf8), file: "/site/wp-config.php")
        let profile = try XCTUnwrap(ProfileStore().profiles.first { $0.id == "wordpress" })
        var values: [String: PHPAssignment] = [:]
        var names: [String: String] = [:]
        for (key, spec) in SiteConfigReader.specs(profile.config) {
            guard let spec else { continue }
            names[key] = spec.displayName
            values[key] = ConfigValues.lookup(spec, in: parsed)
        }
        return SiteConfig(file: "/site/wp-config.php", extraFiles: [], values: values, keyNames: names, includes: parsed.includes)
    }

    func testPrecedenceConfigThenDefaultsFileThenFlags() throws {
        let c = try config("<?php define('DB_NAME','blog'); define('DB_USER','cfg_user'); define('DB_PASSWORD','cfg_pw'); define('DB_HOST','127.0.0.1:3310'); $table_prefix='wp_';")
        var t = try DatabaseTarget.resolve(config: c, profile: nil, overrides: DatabaseOverrides())
        XCTAssertEqual(t.options.host, "127.0.0.1")
        XCTAssertEqual(t.options.port, 3310)
        XCTAssertEqual(t.options.user, "cfg_user")
        XCTAssertEqual(t.options.password, "cfg_pw")
        XCTAssertEqual(t.tablePrefix, "wp_")

        let dir = TestEnvironment.makeTempDir("cnf")
        try "[client]\nuser=cnf_user\npassword=cnf_pw\n".write(toFile: dir + "/my.cnf", atomically: true, encoding: .utf8)
        try "flag_pw\n".write(toFile: dir + "/pw", atomically: true, encoding: .utf8)
        t = try DatabaseTarget.resolve(config: c, profile: nil, overrides: DatabaseOverrides(defaultsFile: dir + "/my.cnf"))
        XCTAssertEqual(t.options.user, "cnf_user")
        XCTAssertEqual(t.options.password, "cnf_pw")
        t = try DatabaseTarget.resolve(config: c, profile: nil, overrides: DatabaseOverrides(
            host: "db2", port: 3399, user: "flag_user", passwordFile: dir + "/pw", defaultsFile: dir + "/my.cnf"))
        XCTAssertEqual(t.options.host, "db2")
        XCTAssertEqual(t.options.port, 3399)
        XCTAssertEqual(t.options.user, "flag_user")
        XCTAssertEqual(t.options.password, "flag_pw", "one trailing newline is dropped")
    }

    func testSocketFormSelectsTheSocket() throws {
        let c = try config("<?php define('DB_NAME','b'); define('DB_USER','u'); define('DB_PASSWORD',''); define('DB_HOST','localhost:/tmp/x.sock');")
        let t = try DatabaseTarget.resolve(config: c, profile: nil, overrides: DatabaseOverrides())
        XCTAssertEqual(t.options.host, "localhost")
        XCTAssertEqual(t.options.socket, "/tmp/x.sock")
    }

    func testComputedValueNamesTheConstantAndTheFlag() throws {
        let c = try config("<?php define('DB_NAME', getenv('WP_DB')); define('DB_USER','u');")
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: nil, overrides: DatabaseOverrides(), processEnvironment: [:])) { e in
            XCTAssertEqual(e as? SitesnapError, .configValueNotLiteral(file: "/site/wp-config.php", key: "DB_NAME",
                                                                      expression: "getenv('WP_DB'); WP_DB is not set",
                                                                      flag: "--db-name, or set WP_DB in the environment or in an --env-file FILE"))
            XCTAssertTrue((e as? SitesnapError)?.errorDescription?.contains("--db-name") == true)
        }
        // The flag makes it work.
        XCTAssertEqual(try DatabaseTarget.resolve(config: c, profile: nil, overrides: DatabaseOverrides(name: "blog")).options.database, "blog")
        let p = try config("<?php define('DB_NAME','b'); define('DB_USER','u'); define('DB_PASSWORD', $_ENV['PW']);")
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: p, profile: nil, overrides: DatabaseOverrides(), processEnvironment: [:])) { e in
            XCTAssertTrue((e as? SitesnapError)?.errorDescription?.contains("--db-password-file") == true)
        }
    }

    func testMissingPasswordFileIsAClearError() throws {
        let c = try config("<?php define('DB_NAME','b'); define('DB_USER','u');")
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: nil, overrides: DatabaseOverrides(passwordFile: "/nonexistent/pw"))) { e in
            XCTAssertEqual(e as? SitesnapError, .credentialFileUnreadable(option: "--db-password-file", path: "/nonexistent/pw", reason: "no such file"))
        }
    }

    /// Each driver's own host forms (profile host_forms): Joomla's `unix:` URI, Drupal's plain name.
    func testHostFormsPerDriver() {
        let joomla: Set<HostForm> = [.port, .socket, .ipv6, .unixURI]
        XCTAssertEqual(DatabaseHost.parse("unix:/run/mysqld/mysqld.sock", forms: joomla), DatabaseHost(host: "localhost", socket: "/run/mysqld/mysqld.sock"))
        XCTAssertEqual(DatabaseHost.parse("localhost:/tmp/s.sock", forms: joomla), DatabaseHost(host: "localhost", socket: "/tmp/s.sock"))
        XCTAssertEqual(DatabaseHost.parse("db:3307", forms: joomla), DatabaseHost(host: "db", port: 3307))
        XCTAssertEqual(DatabaseHost.parse("unix:/x.sock"), DatabaseHost(host: "unix", socket: "/x.sock"), "WordPress has no unix: form")
        XCTAssertEqual(DatabaseHost.parse("127.0.0.1", forms: []), DatabaseHost(host: "127.0.0.1"))
    }

    /// Drupal: `unix_socket` wins over host and port whenever it is set (Connection::open()).
    func testDrupalSocketWinsOverHostAndPort() throws {
        let profile = try XCTUnwrap(ProfileStore().profiles.first { $0.id == "drupal" })
        func target(_ php: String, _ o: DatabaseOverrides = DatabaseOverrides()) throws -> DatabaseTarget {
            let parsed = try PHPConfigReader.read(Array(php.utf8), file: "/s/settings.php")
            return try DatabaseTarget.resolve(config: SiteConfigReader.make(file: "/s/settings.php", extraFiles: [], config: parsed, spec: profile.config),
                                              profile: profile, overrides: o)
        }
        let db = "$databases['default']['default'] = ['database' => 'd', 'username' => 'u', 'password' => 'p', 'host' => '127.0.0.1', 'port' => '8889'"
        let t = try target("<?php \(db), 'unix_socket' => '/Applications/MAMP/tmp/mysql/mysql.sock'];")
        XCTAssertEqual(t.options.socket, "/Applications/MAMP/tmp/mysql/mysql.sock")
        XCTAssertEqual(t.options.host, "localhost", "the client uses a socket only for localhost")
        XCTAssertEqual(t.options.port, 0)
        let tcp = try target("<?php \(db)];")
        XCTAssertEqual(tcp.options.host, "127.0.0.1")
        XCTAssertEqual(tcp.options.port, 8889)
        XCTAssertNil(tcp.options.socket)
        let null = try target("<?php \(db), 'unix_socket' => NULL];")
        XCTAssertEqual(null.options.host, "127.0.0.1", "isset(NULL) is false: TCP")
        let flag = try target("<?php \(db), 'unix_socket' => '/x.sock'];", DatabaseOverrides(port: 3310))
        XCTAssertEqual(flag.options.port, 3310, "a flag names the server: TCP to the config's host")
        XCTAssertEqual(flag.options.host, "127.0.0.1")
    }
}
