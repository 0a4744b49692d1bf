import Foundation
import XCTest

/// What the restore tests that run the binary share: a shell that must succeed, the test server's
/// root connection flags, a snapshot of the shared WordPress, and the shape of a refusal.
enum RestoreFixture {
    static func sh(_ c: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try ProcessRunner.shell(c)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return r.stdout
    }

    /// The connection options of the test server as root.
    static func rootDB() throws -> [String] {
        ["--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", try TestEnvironment.requireDatabase()]
    }

    /// A snapshot of the shared WordPress (database only unless `files`); returns its archive.
    static func wordpressSnapshot(files: Bool = false) throws -> String {
        let wp = try WordPressFixture.shared()
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo] + (files ? [] : ["--no-files"]))
        XCTAssertEqual(b.status, 0, b.stderr)
        return repo + "/" + Snapshots.archives(repo)[0]
    }

    static func databaseExists(_ name: String) throws -> Bool {
        !(try TestDatabase.admin().query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '\(name)'").isEmpty)
    }

    /// Exit 2 with one line on stderr, `sitesnap: error: ...` holding `needle`.
    static func assertOneLineRefusal(_ r: ProcessResult, _ needle: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr, file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: ") && r.stderr.contains(needle), r.stderr, file: file, line: line)
    }
}
