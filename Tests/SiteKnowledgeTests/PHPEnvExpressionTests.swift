import XCTest
@testable import SiteKnowledge

/// The environment forms of real configs, evaluated the way PHP does.
final class PHPEnvExpressionTests: XCTestCase {
    func testFormsFoundInRealConfigs() {
        // wodby / docker4drupal settings.php: 'database' => getenv('MYSQL_DATABASE')
        XCTAssertEqual(PHPEnvExpression.parse("getenv('MYSQL_DATABASE')")?.variable, "MYSQL_DATABASE")
        // Lagoon's settings.php: getenv('MARIADB_PORT') ?: 3306 (an integer default)
        XCTAssertEqual(PHPEnvExpression.parse("getenv('MARIADB_PORT') ?: 3306")?.fallback, .ifFalsy("3306"))
        XCTAssertEqual(PHPEnvExpression.parse("getenv(\"DB_HOST\") ?: 'db'")?.fallback, .ifFalsy("db"))
        XCTAssertEqual(PHPEnvExpression.parse("$_ENV['DB_NAME'] ?? 'drupal'")?.source, .env)
        XCTAssertEqual(PHPEnvExpression.parse("$_SERVER['DB_USER']")?.source, .server)
        // docker-library/wordpress wp-config-docker.php
        let docker = PHPEnvExpression.parse("getenv_docker('WORDPRESS_DB_HOST', 'mysql')")
        XCTAssertEqual(docker?.source, .dockerHelper)
        XCTAssertEqual(docker?.helperDefault, "mysql")
        // Not one of the forms: stays computed.
        XCTAssertNil(PHPEnvExpression.parse("getenv('A') . ':3306'"))
        XCTAssertNil(PHPEnvExpression.parse("$platformsh->credentials('database')['host']"))
        XCTAssertNil(PHPEnvExpression.parse("$lando_info['database']['creds']['user']"))
        XCTAssertNil(PHPEnvExpression.parse("__DIR__ . '/tmp'"))
    }

    func testDefaultsApplyAsInPHP() {
        let env = ConfigEnvironment(process: ["SET": "db.internal", "EMPTY": "", "ZERO": "0"])
        func eval(_ s: String) -> PHPEnvExpression.Result? { PHPEnvExpression.parse(s)?.evaluate(in: env) }
        XCTAssertEqual(eval("getenv('SET') ?: 'x'"), .value("db.internal", origin: "from environment SET"))
        XCTAssertEqual(eval("getenv('UNSET') ?: '3306'"), .value("3306", origin: "the default after ?: (UNSET unset)"))
        // ?: takes the default for PHP's falsy strings too.
        XCTAssertEqual(eval("getenv('EMPTY') ?: 'd'"), .value("d", origin: "the default after ?: (EMPTY empty)"))
        XCTAssertEqual(eval("getenv('ZERO') ?: 'd'"), .value("d", origin: "the default after ?: (ZERO empty)"))
        // getenv() gives false, never null: ?? does not apply.
        guard case .unset? = eval("getenv('UNSET') ?? 'd'") else { return XCTFail() }
        XCTAssertEqual(eval("$_ENV['UNSET'] ?? 'd'"), .value("d", origin: "the default after ?? (UNSET unset)"))
        XCTAssertEqual(eval("getenv('UNSET')"), .unset("UNSET is not set"))
        // getenv_docker: set (even empty) wins over the default.
        XCTAssertEqual(eval("getenv_docker('EMPTY', 'd')"), .value("", origin: "from environment EMPTY"))
        XCTAssertEqual(eval("getenv_docker('UNSET', 'd')"), .value("d", origin: "the default of getenv_docker() (UNSET unset)"))
    }

    func testDockerSecretFileAndEnvFilePrecedence() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("envexpr-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "s3cret\r\n".write(toFile: dir + "/pw", atomically: true, encoding: .utf8)
        try """
            # docker compose .env
            export DB_HOST=from-file
            DB_USER='quoted # not a comment'
            DB_NAME=site # a comment
            WORDPRESS_DB_PASSWORD_FILE=\(dir)/pw
            """.write(toFile: dir + "/.env", atomically: true, encoding: .utf8)
        let env = try ConfigEnvironment.load(envFile: dir + "/.env", process: ["DB_HOST": "from-process"])
        XCTAssertEqual(env.lookup("DB_HOST")?.value, "from-file")
        XCTAssertEqual(env.lookup("DB_HOST")?.origin, "from DB_HOST in \(dir)/.env")
        XCTAssertEqual(env.lookup("DB_USER")?.value, "quoted # not a comment")
        XCTAssertEqual(env.lookup("DB_NAME")?.value, "site")
        let pw = PHPEnvExpression.parse("getenv_docker('WORDPRESS_DB_PASSWORD', 'example password')")?.evaluate(in: env)
        guard case .value("s3cret", let origin)? = pw else { return XCTFail("\(String(describing: pw))") }
        XCTAssertFalse(origin.contains("s3cret"))
        XCTAssertThrowsError(try ConfigEnvironment.load(envFile: dir + "/missing.env")) { e in
            XCTAssertTrue("\(e)".contains("--env-file"), "\(e)")
        }
    }
}
