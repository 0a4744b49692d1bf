import Foundation
@testable import SnapshotFormat
@testable import SnapshotStore
import XCTest

/// restic's forget policy rule by rule (doc/060_forget.rst, internal/data/snapshot_policy.go), on
/// snapshots dated across days, ISO weeks, months and years.
final class RetentionPolicyTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!

    /// Snapshots at the given UTC times ("2026-12-01T12:00"), ids `s<time>`, with tags.
    private func snapshots(_ times: [String], tags: [String: [String]] = [:]) -> [(summary: SnapshotSummary, time: Date)] {
        let f = ISO8601DateFormatter()
        return times.map { t in
            var m = StoreFixture.manifest(id: t, createdAt: t + ":00Z")
            m.tags = tags[t]
            return (SnapshotSummary(id: t, archivePath: "/repo/\(t).tar", manifest: m, archiveBytes: 0), f.date(from: t + ":00Z")!)
        }
    }

    private func kept(_ p: RetentionPolicy, _ list: [(summary: SnapshotSummary, time: Date)], zone: TimeZone? = nil) -> [String: [String]] {
        let r = p.apply(list, timeZone: zone ?? utc)
        XCTAssertEqual(r.kept.count + r.removed.count, list.count)
        return Dictionary(uniqueKeysWithValues: r.kept.map { ($0.summary.id, $0.reasons) })
    }

    private func policy(_ change: (inout RetentionPolicy) -> Void) -> RetentionPolicy {
        var p = RetentionPolicy()
        change(&p)
        return p
    }

    func testKeepLastKeepsTheNewestWhateverTheOrderGiven() {
        let list = snapshots(["2026-12-03T10:00", "2026-12-01T10:00", "2026-12-04T10:00", "2026-12-02T10:00"])
        let r = policy { $0.last = 2 }.apply(list, timeZone: utc)
        XCTAssertEqual(r.kept.map(\.summary.id), ["2026-12-04T10:00", "2026-12-03T10:00"])
        XCTAssertEqual(r.kept.map(\.reasons), [["last snapshot"], ["last snapshot"]])
        XCTAssertEqual(r.removed.map(\.id), ["2026-12-02T10:00", "2026-12-01T10:00"], "newest first")
    }

    /// The newest of each day; the oldest snapshot too while days are left to count.
    func testKeepDailyAndTheOldest() {
        let list = snapshots(["2026-12-01T08:00", "2026-12-01T20:00", "2026-12-02T09:00", "2026-12-04T10:00", "2026-12-04T11:00"])
        XCTAssertEqual(kept(policy { $0.daily = 2 }, list), ["2026-12-04T11:00": ["daily snapshot"], "2026-12-02T09:00": ["daily snapshot"]])
        XCTAssertEqual(kept(policy { $0.daily = 5 }, list), ["2026-12-04T11:00": ["daily snapshot"], "2026-12-02T09:00": ["daily snapshot"],
                                                             "2026-12-01T20:00": ["daily snapshot"], "2026-12-01T08:00": ["oldest daily snapshot"]])
        XCTAssertEqual(kept(policy { $0.daily = -1 }, list).count, 4, "unlimited: the newest of every day, and the oldest")
    }

    /// ISO weeks, Monday to Sunday: Sunday 29 November is in the week of Monday the 23rd.
    func testKeepWeeklyByISOWeek() {
        let list = snapshots(["2026-11-23T12:00", "2026-11-29T12:00", "2026-11-30T12:00", "2026-12-01T12:00", "2026-12-06T12:00"])
        XCTAssertEqual(kept(policy { $0.weekly = 2 }, list), ["2026-12-06T12:00": ["weekly snapshot"], "2026-11-29T12:00": ["weekly snapshot"]])
    }

    func testKeepMonthlyAndYearlyAcrossMonthsAndYears() {
        let months = snapshots(["2026-10-05T12:00", "2026-10-20T12:00", "2026-11-03T12:00", "2026-11-28T12:00", "2026-12-01T12:00"])
        XCTAssertEqual(kept(policy { $0.monthly = 2 }, months), ["2026-12-01T12:00": ["monthly snapshot"], "2026-11-28T12:00": ["monthly snapshot"]])
        XCTAssertEqual(Set(kept(policy { $0.monthly = 3 }, months).keys), ["2026-12-01T12:00", "2026-11-28T12:00", "2026-10-20T12:00"],
                       "three months counted: the oldest is not kept on top")
        let years = snapshots(["2024-06-01T12:00", "2025-03-01T12:00", "2025-12-31T12:00", "2026-01-02T12:00"])
        XCTAssertEqual(kept(policy { $0.yearly = 2 }, years), ["2026-01-02T12:00": ["yearly snapshot"], "2025-12-31T12:00": ["yearly snapshot"]])
    }

    /// Rules are united, each kept snapshot with every rule that keeps it.
    func testRulesUniteWithEveryReason() {
        let list = snapshots(["2026-10-05T12:00", "2026-11-28T12:00", "2026-12-01T08:00", "2026-12-01T12:00"])
        XCTAssertEqual(kept(policy { $0.last = 1; $0.monthly = 2; $0.daily = 1 }, list), [
            "2026-12-01T12:00": ["last snapshot", "daily snapshot", "monthly snapshot"],
            "2026-11-28T12:00": ["monthly snapshot"],
        ])
    }

    /// `--keep-tag a,b` needs both tags; repeated, any list; '' the untagged ones.
    func testKeepTag() {
        let list = snapshots(["2026-12-01T08:00", "2026-12-01T09:00", "2026-12-01T10:00"],
                             tags: ["2026-12-01T08:00": ["release", "v1"], "2026-12-01T09:00": ["release"]])
        XCTAssertEqual(kept(policy { $0.tags = [RetentionPolicy.tagList("release,v1")] }, list), ["2026-12-01T08:00": ["has tags release,v1"]])
        XCTAssertEqual(Set(kept(policy { $0.tags = [["v1"], ["release"]] }, list).keys), ["2026-12-01T08:00", "2026-12-01T09:00"])
        XCTAssertEqual(kept(policy { $0.tags = [RetentionPolicy.tagList("")] }, list), ["2026-12-01T10:00": ["has tags "]])
        XCTAssertTrue(RetentionPolicy().isEmpty)
        XCTAssertTrue(policy { $0.last = 0 }.isEmpty, "--keep-last 0 is no rule (restic refuses it too)")
    }

    /// Days are the time zone's: 23:30 and 00:30 UTC are one evening in New York.
    func testBucketsAreInTheTimeZoneGiven() {
        let list = snapshots(["2026-12-01T12:00", "2026-12-01T23:30", "2026-12-02T00:30"])
        XCTAssertEqual(Set(kept(policy { $0.daily = 2 }, list).keys), ["2026-12-02T00:30", "2026-12-01T23:30"])
        XCTAssertEqual(kept(policy { $0.daily = 2 }, list, zone: TimeZone(identifier: "America/New_York")!),
                       ["2026-12-02T00:30": ["daily snapshot"], "2026-12-01T12:00": ["oldest daily snapshot"]])
    }
}
