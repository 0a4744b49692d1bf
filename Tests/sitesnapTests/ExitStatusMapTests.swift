import Foundation
import XCTest
@testable import sitesnap
import SitesnapSystem

/// `ExitStatusMap` (Sources/sitesnap/ExitStatusMap.swift) through the built binary, as a user meets
/// it, and directly for errors a test cannot provoke from outside.
final class ExitStatusMapTests: XCTestCase {
    // MARK: the binary

    /// diff-db --live spools the live tables under TMPDIR. With a TMPDIR nothing can be created in
    /// (here a regular file, which stops root too) Foundation's error escaped every handler and
    /// argument-parser exited 1, which for diff-db means "differences". Now: 2, one line naming TMPDIR.
    func testDiffLiveWithUnwritableTMPDIRExitsTwoWithOneLine() throws {
        let site = try CLISite.make()
        let before = try site.backup(label: "before")
        let tmpdir = TestEnvironment.makeTempDir("tmpdir") + "/a-file"
        XCTAssertTrue(FileManager.default.createFile(atPath: tmpdir, contents: Data("x".utf8)))
        let r = try ProcessRunner.sitesnap(["diff-db", before, "--live", "--repo", site.repo], environment: ["TMPDIR": tmpdir])
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertOneErrorLine(r)
        XCTAssertTrue(r.stderr.contains("spool of the live tables") && r.stderr.contains("TMPDIR"), r.stderr)
        XCTAssertFalse(r.stderr.contains("writing snapshot"), r.stderr)
    }

    /// A restore whose staging-config write fails names the config. Files may grow only to the
    /// config's size (RLIMIT_FSIZE; the config is the largest file and the staging name is longer
    /// than the source's, so only the rewrite goes past it). It used to say "writing the restore into".
    func testRestoreWhoseConfigWriteFailsNamesTheConfig() throws {
        let site = try CLISite.make(configPadding: 16_000)
        let archive = try site.backup(label: "config")
        let configBytes = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: site.root + "/wp-config.php")[.size] as? Int)
        let target = TestEnvironment.makeTempDir("stg") + "/site"
        let staging = try TestDatabase.create("cli_staging_database_with_a_much_longer_name")
        let restore = [TestEnvironment.binary, "restore", archive, "--target", target, "--db-name", staging] + (try CLISite.restoreConnection())
        // SIGXFSZ ignored (kept across exec): a write past the limit fails instead of killing the process.
        let r = try ProcessRunner.run("/bin/bash", ["-c", "trap '' XFSZ; exec /usr/bin/prlimit --fsize=\(configBytes) -- \"$@\"", "sh"] + restore)
        XCTAssertEqual(r.status, 4, r.stdout + r.stderr)
        XCTAssertOneErrorLine(r)
        XCTAssertTrue(r.stderr.contains("writing the staging database settings into the restored config") && r.stderr.contains("wp-config.php"), r.stderr)
        XCTAssertFalse(r.stderr.contains("writing snapshot"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "no staging folder after a failed restore")
    }

    /// The restore's dump spool (`.<target>.sitesnap-restore-<pid>.spool`) that cannot be created was
    /// reported as "writing snapshot ... No snapshot was written". A target name of 229 bytes leaves
    /// room for the hidden tree's name (at most 253 bytes with a 5-digit pid) but not for the spool's.
    func testRestoreWhoseSpoolCannotBeCreatedSaysSo() throws {
        let site = try CLISite.make()
        let archive = try site.backup(label: "spool")
        let target = TestEnvironment.makeTempDir("stg") + "/" + String(repeating: "s", count: 229)
        let staging = try TestDatabase.create("cli_spool")
        let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", staging] + (try CLISite.restoreConnection()))
        XCTAssertEqual(r.status, 4, r.stdout + r.stderr)
        XCTAssertOneErrorLine(r)
        XCTAssertTrue(r.stderr.contains("writing the restore's dump spool") && r.stderr.contains(".spool"), r.stderr)
        XCTAssertFalse(r.stderr.contains("writing snapshot"), r.stderr)
    }

    /// argument-parser's usage errors: 64, except diff-db's, which are 2 like diff(1); help is 0.
    func testUsageErrorsAndHelp() throws {
        let backup = try ProcessRunner.sitesnap(["backup", "/nonexistent", "--no-such-flag"])
        XCTAssertEqual(backup.status, 64, backup.stderr)
        XCTAssertTrue(backup.stderr.contains("--no-such-flag"), backup.stderr)
        let diff = try ProcessRunner.sitesnap(["diff-db", "a", "b", "--no-such-flag"])
        XCTAssertEqual(diff.status, 2, diff.stderr)
        XCTAssertTrue(diff.stderr.contains("--no-such-flag"), diff.stderr)
        let port = try ProcessRunner.sitesnap(["inspect", "/nonexistent", "--db-port", "0"])
        XCTAssertEqual(port.status, 64, "validate() is a usage error: \(port.stderr)")
        let unknown = try ProcessRunner.sitesnap(["no-such-command"])
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
        for args in [["--help"], ["diff-db", "--help"], ["help", "restore"], ["--version"]] {
            let r = try ProcessRunner.sitesnap(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertFalse(r.stdout.isEmpty, "\(args)")
            XCTAssertEqual(r.stderr, "", "\(args)")
        }
    }

    // MARK: the map itself

    func testEverySitesnapErrorCategoryHasItsDocumentedStatus() {
        let cases: [(SitesnapError, Int32)] = [
            (.invalidOption(option: "--x", reason: "no"), 2),
            (.databaseUnreachable(target: "h", message: "m"), 3),
            (.importFailed(table: "t", statement: 1, message: "m"), 3),
            (.snapshotUnreadable(path: "p", reason: "r"), 4),
            (.restoreConfigWriteFailed(file: "f", reason: "r"), 4),
            (.diffSpoolWriteFailed(path: "p", reason: "r"), 4),
            (.strictWarnings(count: 1, first: "w"), 5),
            (.interrupted(signal: "SIGINT (Ctrl-C)"), 130),
            (.restoreIncomplete(database: "d", target: "t", cause: .databaseFailed(context: "c", message: "m", code: 1)), 3),
            (.snapshotAmbiguous(reference: "before", candidates: ["a", "b"]), 2),
            (.snapshotSelectionFailed(reference: "latest", reason: "r"), 2),
            (.snapshotInUse(id: "i", reason: "r"), 2),
        ]
        for (error, status) in cases {
            XCTAssertEqual(ExitStatusMap.report(for: error, policy: .documented).status, status, "\(error)")
            XCTAssertEqual(ExitStatusMap.report(for: error, policy: .diff).status, 2, "diff-db: every error is 2: \(error)")
        }
    }

    /// Errors that are not sitesnap's (Foundation, POSIX, anything) are one line and a documented
    /// status, never 1 (a mismatch, or diff-db's "differences").
    func testOtherErrorsAreOneLineAndNeverOne() {
        struct Odd: Error, CustomStringConvertible { var description: String { "first\nsecond" } }
        let posix = POSIXError(.EACCES)
        let cocoa = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/x/y"])
        for error in [posix, cocoa, Odd()] as [Error] {
            for policy in [ExitPolicy.documented, .diff] {
                let r = ExitStatusMap.report(for: error, policy: policy)
                XCTAssertNotEqual(r.status, 1, "\(error)")
                XCTAssertFalse(r.message.contains("\n"), r.message)
                if policy == .diff { XCTAssertEqual(r.status, 2) }
            }
        }
        XCTAssertEqual(ExitStatusMap.report(for: cocoa, policy: .documented), .init(message: "/x/y: permission denied", status: 4))
        XCTAssertEqual(ExitStatusMap.report(for: Odd(), policy: .documented).message, "first second")
    }

    /// An ambiguous SNAPSHOT: its one line, then the candidates as details (printed indented below it).
    func testAnAmbiguousSnapshotListsItsCandidatesBelowTheLine() {
        let r = ExitStatusMap.report(for: SitesnapError.snapshotAmbiguous(reference: "before", candidates: ["id1  t1  /s  before", "id2\tt2"]), policy: .diff)
        XCTAssertEqual(r.details, ["id1  t1  /s  before", "id2 t2"])
        XCTAssertFalse(r.message.contains("\n"))
        XCTAssertEqual(r.status, 2)
    }

    func testOutcomes() {
        XCTAssertEqual(ExitStatusMap.status(for: .ok, policy: .documented), 0)
        XCTAssertEqual(ExitStatusMap.status(for: .differences, policy: .documented), 1)
        XCTAssertEqual(ExitStatusMap.status(for: .incomplete, policy: .documented), 5)
        XCTAssertEqual(ExitStatusMap.status(for: .differences, policy: .diff), 1)
        XCTAssertEqual(ExitStatusMap.policy(forArguments: ["diff-db", "a"]), .diff)
        XCTAssertEqual(ExitStatusMap.policy(forArguments: ["backup"]), .documented)
        XCTAssertEqual(ExitStatusMap.policy(forArguments: []), .documented)
    }
}
