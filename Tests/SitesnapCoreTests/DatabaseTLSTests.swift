import MariaDBKit
@testable import SiteKnowledge
@testable import SitesnapSystem
import XCTest
@testable import SitesnapCore

/// TLS settings of the three CMSs, read into Connector/C options, and honoured against a real
/// MariaDB that requires TLS (a throwaway CA and server certificate made with openssl).
final class DatabaseTLSTests: XCTestCase {
    /// A CA file that exists (sitesnap refuses one the config names but that is not there).
    private static let caFile: String = {
        let f = TestEnvironment.makeTempDir("tlsca") + "/db-ca.pem"
        FileManager.default.createFile(atPath: f, contents: Data("-----BEGIN CERTIFICATE-----\n".utf8))
        return f
    }()

    private func config(_ php: String, profile id: String) throws -> (SiteConfig, Profile) {
        let profile = try XCTUnwrap(ProfileStore().profiles.first { $0.id == id })
        let parsed = try PHPConfigReader.read(Array(php.utf8), file: "/site/config.php")
        return (SiteConfigReader.make(file: "/site/config.php", extraFiles: [], config: parsed, spec: profile.config), profile)
    }

    private func joomla(encryption: String, ca: String = DatabaseTLSTests.caFile, verify: String = "true", host: String = "localhost",
                        user: String = "joomla_user", password: String = "j00mla-secret") throws -> String {
        var text = try String(contentsOfFile: TestEnvironment.fixtures + "/joomla4/configuration.php", encoding: .utf8)
        for (old, new) in [("$dbencryption = 0;", "$dbencryption = \(encryption);"), ("$dbsslca = '';", "$dbsslca = '\(ca)';"),
                           ("$dbsslverifyservercert = false;", "$dbsslverifyservercert = \(verify);"),
                           ("$host = 'localhost';", "$host = '\(host)';"), ("$user = 'joomla_user';", "$user = '\(user)';"),
                           ("$password = 'j00mla-secret';", "$password = '\(password)';")] {
            XCTAssertTrue(text.contains(old), old)
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    func testEachCMSsSettingsBecomeTLSOptions() throws {
        var (c, p) = try config(try joomla(encryption: "1"), profile: "joomla")
        XCTAssertEqual(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides()).options.tls,
                       TLSOptions(ca: Self.caFile, verifyServerCert: true))
        // Off: the CA is not used, as in Joomla.
        (c, p) = try config(try joomla(encryption: "0"), profile: "joomla")
        XCTAssertNil(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides()).options.tls)
        // Drupal: the pdo options (class constant keys no longer make the whole array unreadable).
        (c, p) = try config("""
            <?php
            $databases['default']['default'] = ['database' => 'd', 'username' => 'u', 'password' => 'p', 'host' => 'db', 'driver' => 'mysql',
              'pdo' => [\\PDO::MYSQL_ATTR_SSL_CA => '\(Self.caFile)', PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => FALSE, PDO::ATTR_TIMEOUT => 5]];
            """, profile: "drupal")
        let d = try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides())
        XCTAssertEqual(d.options.database, "d")
        XCTAssertEqual(d.options.tls, TLSOptions(ca: Self.caFile, verifyServerCert: false))
        // WordPress: MYSQL_CLIENT_FLAGS.
        let wp = "<?php define('DB_NAME','b'); define('DB_USER','u'); define('DB_PASSWORD','p'); define('DB_HOST','db');\n"
        (c, p) = try config(wp + "define('MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_SSL | MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT);", profile: "wordpress")
        XCTAssertEqual(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides()).options.tls, TLSOptions(verifyServerCert: false))
        (c, p) = try config(wp + "define('MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_COMPRESS);", profile: "wordpress")
        XCTAssertNil(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides()).options.tls)
        // A CA file the config names but that is not there: named with its setting (Connector/C says
        // only "No such file or directory").
        (c, p) = try config(try joomla(encryption: "1", ca: "/nonexistent/db-ca.pem"), profile: "joomla")
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides())) { e in
            let m = (e as? SitesnapError)?.errorDescription ?? ""
            XCTAssertTrue(m.contains("JConfig::$dbsslca") && m.contains("/nonexistent/db-ca.pem") && m.contains("no such file"), m)
        }
        // Code sitesnap cannot read: refused by name rather than connecting without TLS.
        (c, p) = try config(wp + "define('MYSQL_CLIENT_FLAGS', my_flags());", profile: "wordpress")
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: p, overrides: DatabaseOverrides())) { e in
            XCTAssertTrue(((e as? SitesnapError)?.errorDescription ?? "").hasPrefix("MYSQL_CLIENT_FLAGS in /site/config.php is computed by code (my_flags())"), "\(e)")
        }
    }

    /// A MariaDB with TLS required on TCP, with its CA; stopped in the test's teardown.
    private func tlsServer() throws -> (port: UInt32, socket: String, ca: String) {
        _ = try TestEnvironment.requireDatabase()
        let dir = TestEnvironment.makeTempDir("tlsdb")
        let certs = dir + "/certs"
        try FileManager.default.createDirectory(atPath: certs, withIntermediateDirectories: true)
        let made = try ProcessRunner.shell("""
            cd '\(certs)' && openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj '/CN=sitesnap test CA' -keyout ca-key.pem -out ca.pem \
            && openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout server-key.pem -out server.csr \
            && printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > ext.cnf \
            && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile ext.cnf -out server-cert.pem
            """)
        XCTAssertEqual(made.status, 0, made.stderr)
        var env = ProcessInfo.processInfo.environment
        env["SITESNAP_TEST_DB_TLS"] = certs
        // Other servers on this machine may take the free port test-db found before it binds: retry.
        var started = try ProcessRunner.run("/bin/bash", [TestEnvironment.packageRoot + "/scripts/test-db", "start", dir + "/db"], environment: env)
        for _ in 0..<3 where started.status != 0 {
            started = try ProcessRunner.run("/bin/bash", [TestEnvironment.packageRoot + "/scripts/test-db", "start", dir + "/db"], environment: env)
        }
        XCTAssertEqual(started.status, 0, started.stderr)
        addTeardownBlock { _ = try? ProcessRunner.run("/bin/bash", [TestEnvironment.packageRoot + "/scripts/test-db", "stop", dir + "/db"]) }
        let port = try XCTUnwrap(started.stdout.components(separatedBy: "SITESNAP_TEST_PORT='").last?.prefix { $0 != "'" }).description
        return (try XCTUnwrap(UInt32(port)), dir + "/db/mysqld.sock", certs + "/ca.pem")
    }

    func testBackupAndInspectConnectOverTLSAsTheJoomlaConfigSays() throws {
        let server = try tlsServer()
        let admin = try MariaDBConnection(ConnectOptions(socket: server.socket, user: "root"))
        try admin.execute("CREATE USER 'tls_user'@'127.0.0.1' IDENTIFIED BY 'tls-pass' REQUIRE SSL")
        try admin.execute("GRANT ALL ON *.* TO 'tls_user'@'127.0.0.1'")
        try admin.execute("CREATE DATABASE joomla_db")
        let sql = try String(contentsOfFile: TestEnvironment.fixtures + "/joomla4.sql", encoding: .utf8).replacingOccurrences(of: "#__", with: "jx7_")
        let load = try ProcessRunner.shell("mariadb --no-defaults --socket='\(server.socket)' -uroot joomla_db <<'SQL'\n\(sql)\nSQL")
        XCTAssertEqual(load.status, 0, load.stderr)
        // The plumbing: Connector/C with the CA, the server certificate checked.
        var o = ConnectOptions(host: "127.0.0.1", port: server.port, user: "tls_user", password: "tls-pass")
        o.tls = TLSOptions(ca: server.ca, verifyServerCert: true)
        XCTAssertNotNil(try MariaDBConnection(o).tlsCipher)
        o.tls = nil
        XCTAssertThrowsError(try MariaDBConnection(o), "the server requires TLS")

        let site = TestEnvironment.makeTempDir("tlssite") + "/site"
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/joomla4", toPath: site)
        let cfg = site + "/configuration.php"
        try joomla(encryption: "1", ca: server.ca, host: "127.0.0.1:\(server.port)", user: "tls_user", password: "tls-pass")
            .write(toFile: cfg, atomically: true, encoding: .utf8)
        let i = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertTrue(i.stdout.contains("tls        on, CA \(server.ca), server certificate checked"), i.stdout)
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo])
        XCTAssertEqual(b.status, 0, b.stdout + b.stderr)
        XCTAssertTrue(b.stdout.contains("database  "), b.stdout)
        // Restored onto the same server (no staging host given): reached over TLS as the source is,
        // so the staging config keeps its TLS settings, or the staging site could not connect.
        let id = try XCTUnwrap(Snapshots.archives(repo).first).replacingOccurrences(of: ".tar.zst", with: "")
        let target = TestEnvironment.makeTempDir("tlsstg") + "/site"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", "joomla_tls_staging"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("TLS settings kept as they are"), r.stdout)
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "require '\(target)/configuration.php'; $c = new JConfig; echo $c->dbencryption, '|', $c->dbsslca, '|', $c->db;"])
        XCTAssertEqual(php.stdout, "1|\(server.ca)|joomla_tls_staging", php.stderr)
        // The same site with TLS off: the server refuses the plain connection (exit status 3).
        try joomla(encryption: "0", ca: server.ca, host: "127.0.0.1:\(server.port)", user: "tls_user", password: "tls-pass")
            .write(toFile: cfg, atomically: true, encoding: .utf8)
        let plain = try ProcessRunner.sitesnap(["backup", site, "--repo", repo])
        XCTAssertEqual(plain.status, 3, plain.stderr)
    }
}
