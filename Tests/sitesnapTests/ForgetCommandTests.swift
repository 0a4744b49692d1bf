import Foundation
import SnapshotStore
import XCTest

/// `sitesnap forget` as the built binary on real snapshots dated across months (their manifest
/// copies' `created_at`, see `SnapshotRow`).
final class ForgetCommandTests: XCTestCase {
    private func report(_ r: ProcessResult) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout + r.stderr)
    }

    /// site -> (kept id -> reasons, removed ids)
    private func groups(_ r: ProcessResult) throws -> [String: (kept: [String: [String]], removed: [String])] {
        var out: [String: (kept: [String: [String]], removed: [String])] = [:]
        for g in try report(r)["groups"] as? [[String: Any]] ?? [] {
            let site = URL(fileURLWithPath: g["site"] as? String ?? "").lastPathComponent
            let kept = (g["kept"] as? [[String: Any]] ?? []).map { ($0["id"] as! String, $0["reasons"] as! [String]) }
            out[site] = (Dictionary(uniqueKeysWithValues: kept), (g["removed"] as? [[String: Any]] ?? []).map { $0["id"] as! String })
        }
        return out
    }

    func testPolicyAcrossMonthsDryRunThenForReal() throws {
        var row = SnapshotRow()
        let oct5 = try row.backup("blog", date: "2026-10-05T12:00:00.000Z", tags: ["release"])
        let oct20 = try row.backup("blog", date: "2026-10-20T12:00:00.000Z")
        let nov3 = try row.backup("blog", date: "2026-11-03T12:00:00.000Z")
        let nov28 = try row.backup("blog", date: "2026-11-28T12:00:00.000Z")
        let dec1a = try row.backup("blog", date: "2026-12-01T08:00:00.000Z")
        let dec1b = try row.backup("blog", date: "2026-12-01T12:00:00.000Z")
        let shop = try row.backup("shop", date: "2026-11-15T12:00:00.000Z")
        let before = try FileManager.default.contentsOfDirectory(atPath: row.repo).sorted()

        let dry = try row.run(["forget", "--keep-monthly", "2", "--dry-run", "--json"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: row.repo).sorted(), before, "a dry run removes nothing")
        let planned = try groups(dry)
        XCTAssertEqual(planned["blog"]?.kept, [dec1b: ["monthly snapshot"], nov28: ["monthly snapshot"]])
        XCTAssertEqual(planned["blog"]?.removed, [dec1a, nov3, oct20, oct5])
        XCTAssertEqual(planned["shop"]?.kept, [shop: ["monthly snapshot"]], "each site on its own")

        let text = try row.run(["forget", "--keep-monthly", "2", "--keep-daily", "1", "--keep-tag", "release"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("applying policy: keep 1 daily, 2 monthly snapshots and all snapshots with tags [release]"), text.stdout)
        XCTAssertTrue(text.stdout.contains("\(dec1b)  2026-12-01T12:00:00.000Z  daily snapshot, monthly snapshot"), text.stdout)
        XCTAssertTrue(text.stdout.contains("\(oct5)  2026-10-05T12:00:00.000Z  tags release  has tags release"), text.stdout)
        XCTAssertEqual(try row.listed(), [oct5, shop, nov28, dec1b])
        let left = try FileManager.default.contentsOfDirectory(atPath: row.repo)
        for id in [oct20, nov3, dec1a] { XCTAssertFalse(left.contains { $0.hasPrefix(id + ".") }, "every part of \(id) is gone") }
        XCTAssertEqual(left.filter { $0.hasPrefix(dec1b + ".") }.count, 3, "archive, manifest copy, index copy")
    }

    /// Days are local days: TZ decides (23:30 and 00:30 UTC are one evening in New York).
    func testDaysAreLocal() throws {
        var row = SnapshotRow()
        let noon = try row.backup("wiki", date: "2026-12-01T12:00:00.000Z")
        let late = try row.backup("wiki", date: "2026-12-01T23:30:00.000Z")
        let after = try row.backup("wiki", date: "2026-12-02T00:30:00.000Z")
        let utc = try groups(try row.run(["forget", "--keep-daily", "2", "--dry-run", "--json"]))
        XCTAssertEqual(Set(utc["wiki"]?.kept.keys.map { $0 } ?? []), [after, late])
        let ny = try groups(try row.run(["forget", "--keep-daily", "2", "--dry-run", "--json"], environment: ["TZ": "America/New_York"]))
        XCTAssertEqual(ny["wiki"]?.kept, [after: ["daily snapshot"], noon: ["oldest daily snapshot"]])
    }

    func testRefusesNoRuleAPolicyThatKeepsNothingAndAnUnknownSite() throws {
        var row = SnapshotRow()
        try row.backup("blog", date: "2026-11-01T12:00:00.000Z")
        try row.backup("blog", date: "2026-12-01T12:00:00.000Z")
        for args in [["forget"], ["forget", "--keep-last", "0"], ["forget", "--keep-tag", "nosuch"], ["forget", "--site", "shop", "--keep-last", "1"]] {
            let r = try row.run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertOneErrorLine(r)
            XCTAssertEqual(try row.listed().count, 2, "\(args) removed nothing")
        }
        XCTAssertEqual(try row.run(["forget", "--keep-last", "-1"]).status, 64, "a negative count is a usage error")
        XCTAssertEqual(try row.run(["forget", "--keep-last", "unlimited"]).status, 0)
        XCTAssertEqual(try row.listed().count, 2)
    }

    /// A snapshot a restore holds (the same hold `restore` takes) is kept, said once on stderr; a
    /// backup being written is not listed, so never removed.
    func testHeldAndInProgressSnapshotsAreNeverRemoved() throws {
        var row = SnapshotRow()
        let old = try row.backup("blog", date: "2026-10-01T12:00:00.000Z")
        let newest = try row.backup("blog", date: "2026-12-01T12:00:00.000Z")
        let store = Repository(explicit: row.repo)
        let hold = try store.hold(row.repo + "/" + old + ".tar.zst")
        let writing = try store.beginSnapshot(NewSnapshot(siteRoot: row.sites["blog"]!, label: "w", date: Date(), fileExtension: ".tar"))
        defer { writing.abandon() }
        let r = try row.run(["forget", "--keep-last", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "sitesnap: notice: snapshot \(old) is in use (a restore is reading it): not removed this time\n")
        XCTAssertEqual(try groups(r)["blog"]?.kept[old]?.first?.hasPrefix("in use: a restore is reading it"), true)
        XCTAssertEqual(try row.listed(), [old, newest])
        XCTAssertTrue(FileManager.default.fileExists(atPath: row.repo + "/." + writing.id + ".tar.partial-\(getpid())"))
        withExtendedLifetime(hold) {}
    }
}
