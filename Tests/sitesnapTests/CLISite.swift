import Foundation
import XCTest

/// A small real site for the binary's tests: a WordPress-shaped tree (TinySite) whose config names a
/// fresh test database holding `wp_options` with three rows.
struct CLISite {
    let root: String
    let database: String
    let repo: String

    static func make(configPadding: Int = 0) throws -> CLISite {
        _ = try TestEnvironment.requireDatabase()
        let db = try TestDatabase.create("cli")
        let c = try TestDatabase.admin(database: db)
        try c.execute("CREATE TABLE wp_options (option_id INT PRIMARY KEY, option_name VARCHAR(64) NOT NULL, option_value TEXT, UNIQUE KEY (option_name))")
        try c.execute("INSERT INTO wp_options VALUES (1, 'siteurl', 'http://blog.example.test'), (2, 'blogname', 'A blog'), (3, 'blog_public', '1')")
        // A PHP comment as padding makes the config the largest file (a test limits file sizes to it).
        let padding = configPadding > 0 ? "/* " + String(repeating: "x", count: configPadding) + " */\n" : ""
        let root = try TinySite.wordpress(database: db, user: db + "_u", extraConfig: padding)
        return CLISite(root: root, database: db, repo: TestEnvironment.makeTempDir("repo"))
    }

    /// `sitesnap backup` of the site into its repository (exit 0); returns the archive's path.
    @discardableResult
    func backup(label: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try ProcessRunner.sitesnap(["backup", root, "--repo", repo, "--label", label, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return try XCTUnwrap(json?["archive"] as? String, r.stdout, file: file, line: line)
    }

    /// Runs SQL on the site's database as the test server's root.
    func sql(_ statement: String) throws {
        try TestDatabase.admin(database: database).execute(statement)
    }

    /// The flags that restore as root over the test server's socket.
    static func restoreConnection() throws -> [String] {
        ["--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", try TestEnvironment.requireDatabase()]
    }
}

/// Checks every error line of a run: exactly one line on stderr, `sitesnap: error: ...`.
func XCTAssertOneErrorLine(_ r: ProcessResult, file: StaticString = #filePath, line: UInt = #line) {
    let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
    XCTAssertEqual(lines.count, 1, r.stderr, file: file, line: line)
    XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: "), r.stderr, file: file, line: line)
}
