import Foundation
import MariaDBKit
import XCTest

/// The private MariaDB that scripts/test starts (`SITESNAP_TEST_SOCKET`), as root over its socket,
/// with a fresh database per test.
enum TestServer {
    /// Skips (locally) or fails (in CI) when the test server is not there: run the tests with scripts/test.
    static func socket() throws -> String {
        let env = ProcessInfo.processInfo.environment
        guard let s = env["SITESNAP_TEST_SOCKET"] else {
            if env["CI"] != nil { XCTFail("SITESNAP_TEST_SOCKET is not set: run the tests with scripts/test") }
            throw XCTSkip("no test database: run the tests with scripts/test")
        }
        return s
    }

    static func connect(database: String? = nil, localInfile: Bool = false) throws -> MariaDBConnection {
        var options = ConnectOptions(host: "localhost", socket: try socket(), user: "root", database: database)
        options.localInfile = localInfile
        return try MariaDBConnection(options)
    }

    /// Creates an empty database named after `stem` (unique), returns its name.
    static func createDatabase(_ stem: String) throws -> String {
        let name = "\(stem)_\(UUID().uuidString.prefix(6).lowercased())"
        try connect().execute("CREATE DATABASE `\(name)` CHARACTER SET utf8mb4")
        return name
    }

    static func dropDatabase(_ name: String) {
        try? connect().execute("DROP DATABASE IF EXISTS `\(name)`")
    }
}
