import Foundation
import XCTest

/// Joomla- and Drupal-shaped fixture sites backed up and restored over TCP by a staging user with a
/// password (Drupal's settings.php has no socket setting, so its staging copy connects over TCP).
enum FixtureRestore {
    /// A site from a fixture, its tables loaded, backed up; returns (snapshot id, repo).
    static func snapshot(_ fixture: String, sql: String, prefix: String, args: [String] = [],
                         file: StaticString = #filePath, line: UInt = #line) throws -> (String, String) {
        let socket = try TestEnvironment.requireDatabase()
        let (site, db) = try FixtureSite.load(fixture, sql: sql, prefix: prefix)
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--db-name", db, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", socket] + args)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["id"] as! String, repo)
    }

    /// Restores snapshot `id` to a new staging folder and database over TCP, as a new staging user.
    static func overTCP(_ id: String, repo: String, stem: String, extra: [String] = []) throws
        -> (result: ProcessResult, target: String, db: String, user: String) {
        let (user, pw) = try TestDatabase.stagingUser()
        let target = TestEnvironment.makeTempDir(stem) + "/site"
        let db = "\(stem)_\(UUID().uuidString.prefix(6).lowercased())"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", db, "--db-user", user,
                                            "--db-password-file", pw, "--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!)] + extra)
        return (r, target, db, user)
    }
}
