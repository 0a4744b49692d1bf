import Foundation
import XCTest

/// `--help` of every command and the text output of every command run as the built binary on a small
/// real site, compared with Tests/sitesnapTests/Golden/ (`SITESNAP_UPDATE_GOLDEN=1` rewrites them).
final class GoldenOutputTests: XCTestCase {
    static let commands = ["backup", "changes", "delete", "diff-db", "forget", "inspect", "list", "restore", "verify"]

    func testHelpOfEveryCommand() throws {
        for command in [nil] + Self.commands.map(Optional.some) {
            let args = (command.map { [$0] } ?? []) + ["--help"]
            let r = try ProcessRunner.sitesnap(args, environment: Golden.environment)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stderr, "")
            try Golden.assertMatches(r.stdout, "help-\(command ?? "sitesnap")")
        }
    }

    /// The documented exit statuses are in every command's --help (docs/commands.md has the table).
    func testEveryHelpStatesItsExitStatuses() throws {
        for command in Self.commands {
            let r = try ProcessRunner.sitesnap([command, "--help"], environment: Golden.environment)
            XCTAssertTrue(r.stdout.contains("Exit status"), "\(command) --help")
        }
    }

    /// One story on one site: inspect, two backups around a change, list, verify, diff-db (two
    /// snapshots, the live database), restore --dry-run, restore, errors, and an incomplete backup.
    func testTextOutputOfEveryCommand() throws {
        let site = try CLISite.make()
        let staging = try TestDatabase.create("cli_stg")
        let target = TestEnvironment.makeTempDir("stg") + "/site"
        var n = GoldenNormalizer()
        n.name(site.root, "<site>")
        n.name(site.repo, "<repo>")
        n.name(target, "<target>")
        n.name(site.database, "<db>")
        n.name(staging, "<staging-db>")
        n.name(try TestEnvironment.requireDatabase(), "<socket>")
        if let tmp = TestEnvironment.env["SITESNAP_TEST_TMP"] { n.name(tmp, "<tmp>") }
        func step(_ name: String, _ args: [String], status: Int32) throws {
            let r = try ProcessRunner.sitesnap(args, environment: Golden.environment)
            XCTAssertEqual(r.status, status, "\(name): \(r.stdout) \(r.stderr)")
            try Golden.assertMatches(n.apply(Golden.transcript(args, r)), "output-\(name)")
        }
        let repo = ["--repo", site.repo]
        try step("inspect", ["inspect", site.root], status: 0)
        try step("backup", ["backup", site.root, "--label", "before"] + repo, status: 0)
        try site.sql("UPDATE wp_options SET option_value = 'The blog' WHERE option_name = 'blogname'")
        try site.sql("INSERT INTO wp_options VALUES (4, 'acme_forms_version', '1.2')")
        try site.sql("DELETE FROM wp_options WHERE option_name = 'blog_public'")
        try step("backup-no-db", ["backup", site.root, "--label", "files", "--no-db"] + repo, status: 0)
        try step("backup-after", ["backup", site.root, "--label", "after", "--no-files"] + repo, status: 0)
        try step("list", ["list"] + repo, status: 0)
        let before = try XCTUnwrap(Snapshots.archives(site.repo).first { $0.contains("-before.") }).replacingOccurrences(of: ".tar.zst", with: "")
        let after = try XCTUnwrap(Snapshots.archives(site.repo).first { $0.contains("-after.") }).replacingOccurrences(of: ".tar.zst", with: "")
        try step("verify", ["verify", before] + repo, status: 0)
        try step("diff-db", ["diff-db", before, after] + repo, status: 1)
        try step("diff-db-summary", ["diff-db", before, after, "--summary"] + repo, status: 1)
        try step("diff-db-live-same", ["diff-db", after, "--live"] + repo, status: 0)
        try step("changes", ["changes", before, after] + repo, status: 1)
        let files = try XCTUnwrap(Snapshots.archives(site.repo).first { $0.contains("-files.") }).replacingOccurrences(of: ".tar.zst", with: "")
        try step("changes-live-same", ["changes", files, "--live", "--no-db"] + repo, status: 0)
        try step("changes-live-db", ["changes", after, "--live"] + repo, status: 0)
        let restore = ["restore", before, "--target", target, "--db-name", staging] + repo + (try CLISite.restoreConnection())
        try step("restore-dry-run", restore + ["--dry-run"], status: 0)
        try step("restore", restore + ["--url", "http://staging.example.test"], status: 0)
        try step("error-verify-unknown", ["verify", "no-such-snapshot"] + repo, status: 2)
        try step("error-diff-unknown", ["diff-db", before, "no-such-snapshot"] + repo, status: 2)
        try step("error-restore-not-empty", restore, status: 2)
        // A FIFO cannot be archived: a warning, the snapshot kept and marked (exit 5), verify says so (5).
        XCTAssertEqual(mkfifo(site.root + "/pipe", 0o600), 0)
        try step("backup-incomplete", ["backup", site.root, "--label", "fifo", "--no-db"] + repo, status: 5)
        let fifo = try XCTUnwrap(Snapshots.archives(site.repo).first { $0.contains("-fifo.") }).replacingOccurrences(of: ".tar.zst", with: "")
        try step("verify-incomplete", ["verify", fifo] + repo, status: 5)
        try step("backup-strict", ["backup", site.root, "--label", "strict", "--no-db", "--strict"] + repo, status: 5)
    }
}
