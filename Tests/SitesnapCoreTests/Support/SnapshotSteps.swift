import Foundation
import XCTest

/// The steps the diff-db and leftover tests share: drive a WordPress plugin's life cycle with
/// Tests/Fixtures/wordpress/plugin.php, take a labelled snapshot with the binary, and run diff-db.
enum SnapshotSteps {
    static func plugin(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try ProcessRunner.run("/usr/bin/php", [TestEnvironment.fixtures + "/wordpress/plugin.php"] + args)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
    }

    /// Backs `site` up into `repo` with `label` (and `extra` flags); returns the snapshot id.
    static func snapshot(_ site: String, _ repo: String, _ label: String, _ extra: [String] = [],
                         file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--label", label, "--json"] + extra)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["id"] as! String
    }

    /// A snapshot of a fixture site whose database is `db` on the test server.
    static func snapshot(_ site: String, db: String, _ repo: String, _ label: String) throws -> String {
        try snapshot(site, repo, label, ["--db-name", db, "--db-socket", try TestEnvironment.requireDatabase()])
    }

    /// `diff-db A B --json` in `repo` (exit 0 or 1), decoded.
    static func diff(_ a: String, _ b: String, _ repo: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let r = try ProcessRunner.sitesnap(["diff-db", a, b, "--repo", repo, "--json"])
        XCTAssertLessThan(r.status, 2, r.stderr, file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }
}

/// A WordPress site through a plugin's life: S0 before it, S1 with it, S2 after its removal.
struct PluginLifecycle {
    let wp: WordPressFixture
    let repo: String
    let s0: String, s1: String, s2: String
}
