import Foundation
import MariaDBKit
@testable import SnapshotFormat
import XCTest
@testable import SitesnapCore

/// What scripts/test provides: a private MariaDB (socket, port), the built binary and a temp folder.
enum TestEnvironment {
    static let env = ProcessInfo.processInfo.environment
    static var socket: String? { env["SITESNAP_TEST_SOCKET"] }
    static var port: UInt32? { env["SITESNAP_TEST_PORT"].flatMap(UInt32.init) }
    static var isCI: Bool { env["CI"] != nil }

    /// The package root (two levels above this file's folder).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = packageRoot + "/Tests/Fixtures"

    /// The sitesnap binary: $SITESNAP_BIN, else .build/debug/sitesnap.
    static var binary: String { env["SITESNAP_BIN"] ?? packageRoot + "/.build/debug/sitesnap" }

    /// Skips (locally) or fails (in CI) when the test server is not there: run tests through scripts/test.
    static func requireDatabase() throws -> String {
        guard let s = socket else {
            if isCI { XCTFail("SITESNAP_TEST_SOCKET is not set: run the tests with scripts/test") }
            throw XCTSkip("no test database: run the tests with scripts/test")
        }
        return s
    }

    /// A new empty folder under the run's temp folder.
    static func makeTempDir(_ name: String = "t") -> String {
        let base = env["SITESNAP_TEST_TMP"] ?? NSTemporaryDirectory()
        let path = URL(fileURLWithPath: base).standardizedFileURL.path + "/\(name)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Admin access to the test server (root over the socket, no password).
enum TestDatabase {
    static func admin(database: String? = nil) throws -> MariaDBConnection {
        try MariaDBConnection(ConnectOptions(host: "localhost", socket: try TestEnvironment.requireDatabase(), user: "root", database: database))
    }

    /// Creates a fresh database with a unique name starting with `stem`, and a user `<name>_u` with
    /// `password` who may use only it (from localhost and 127.0.0.1).
    static func create(_ stem: String, password: String = "test-pass") throws -> String {
        let name = "\(stem)_\(UUID().uuidString.prefix(6).lowercased())"
        let c = try admin()
        try c.execute("CREATE DATABASE `\(name)` CHARACTER SET utf8mb4")
        for host in ["localhost", "127.0.0.1"] {
            try c.execute("CREATE USER '\(name)_u'@'\(host)' IDENTIFIED BY \(SQLLiteral.quote(password))")
            try c.execute("GRANT ALL ON `\(name)`.* TO '\(name)_u'@'\(host)'")
        }
        return name
    }

    /// CHECKSUM TABLE of every table of `database`, by table name.
    static func checksums(_ database: String) throws -> [String: String] {
        let c = try admin(database: database)
        var out: [String: String] = [:]
        for row in try c.query("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'") {
            let t = row[0]!
            out[t] = try c.query("CHECKSUM TABLE `\(t)` EXTENDED").first?[1] ?? "NULL"
        }
        return out
    }

    /// SHOW CREATE TABLE of every table, by name.
    static func schemas(_ database: String) throws -> [String: String] {
        let c = try admin(database: database)
        var out: [String: String] = [:]
        for row in try c.query("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'") {
            out[row[0]!] = try c.query("SHOW CREATE TABLE `\(row[0]!)`").first?[1] ?? ""
        }
        return out
    }

    /// A staging user with a password, allowed everywhere (for TCP restores).
    static func stagingUser() throws -> (String, String) {
        let user = "stg_\(UUID().uuidString.prefix(6).lowercased())"
        let c = try TestDatabase.admin()
        for host in ["localhost", "127.0.0.1"] {
            try c.execute("CREATE USER '\(user)'@'\(host)' IDENTIFIED BY 'stg-pass'")
            try c.execute("GRANT ALL ON *.* TO '\(user)'@'\(host)'")
        }
        let pw = TestEnvironment.makeTempDir("pw") + "/pw"
        try "stg-pass\n".write(toFile: pw, atomically: true, encoding: .utf8)
        return (user, pw)
    }

    /// Runs the stock `mariadb` client on `database` with `sqlFile` (or `sql`) as input.
    @discardableResult
    static func client(_ database: String, sql: String? = nil, inputFile: String? = nil) throws -> ProcessResult {
        let socket = try TestEnvironment.requireDatabase()
        var args = ["--no-defaults", "--socket=\(socket)", "-uroot", database]
        if let sql { args += ["-e", sql] }
        return try ProcessRunner.run("/usr/bin/mariadb", args, stdinFile: inputFile)
    }
}

extension RestoreRequest {
    /// A restore of the only snapshot in `repo` into a new staging folder and `database` on the test
    /// server, as root (for tests that run `RestoreRunner` in this process, e.g. with lowered limits).
    static func ofOnlySnapshot(in repo: String, database: String) throws -> RestoreRequest {
        var request = RestoreRequest(snapshot: repo + "/" + (try Snapshots.archives(repo))[0], target: TestEnvironment.makeTempDir("stg") + "/site")
        request.database.name = database
        request.database.user = "root"
        request.database.passwordFile = "/dev/null"
        request.database.socket = try TestEnvironment.requireDatabase()
        return request
    }
}
