import Foundation
import SitesnapSystem
import XCTest

/// A real WordPress from Debian's `wordpress` package, installed with php-cli into its own database
/// (Tests/Fixtures/wordpress/make-site.sh). Built once per test run; tests must not modify it — copy
/// it with `copy()` first.
final class WordPressFixture: Sendable {
    let root: String
    let database: String
    let user: String
    let password = "wp-Passw0rd'\"x"

    /// The shared site, built by the first test that asks (the others wait for it).
    private static let cached = Locked<WordPressFixture?>(nil)

    private init(root: String, database: String, user: String) {
        self.root = root
        self.database = database
        self.user = user
    }

    static func shared() throws -> WordPressFixture {
        try cached.withLock { cached in try shared(&cached) }
    }

    private static func shared(_ cached: inout WordPressFixture?) throws -> WordPressFixture {
        if let c = cached { return c }
        let socket = try TestEnvironment.requireDatabase()
        guard FileManager.default.fileExists(atPath: "/usr/share/wordpress/wp-load.php") else {
            XCTFail("Debian's wordpress package is not installed: run scripts/install-deps")
            throw XCTSkip("no wordpress package")
        }
        let fx = try make(socket: socket, prefix: "wp_")
        cached = fx
        return fx
    }

    /// Builds a new site + database (for tests that change the site or the database).
    static func make(socket: String, prefix: String = "wp_") throws -> WordPressFixture {
        let f0 = WordPressFixture(root: "", database: "", user: "")
        let db = try TestDatabase.create("wp", password: f0.password)
        let dir = TestEnvironment.makeTempDir("wordpress")
        let root = dir + "/blog"
        // A quote and a double quote in the password exercise the PHP string reader end to end.
        var env = ProcessInfo.processInfo.environment
        env["WP_DB_PASSWORD"] = f0.password
        let r = try ProcessRunner.run("/bin/bash", [TestEnvironment.fixtures + "/wordpress/make-site.sh", root, db, "\(db)_u",
                                                    "localhost:\(socket)", prefix], environment: env)
        guard r.status == 0 else { throw NSError(domain: "make-site", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: r.stdout + r.stderr]) }
        return WordPressFixture(root: root, database: db, user: "\(db)_u")
    }
}
