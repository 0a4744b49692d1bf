import Foundation

/// Which snapshots of one site `sitesnap forget` keeps: restic's policy (`restic forget`,
/// internal/data/snapshot_policy.go `ApplyPolicy`), rule for rule, on the manifest summaries a store
/// lists, so that every store gets the same answer.
///
/// The snapshots are taken newest first. `--keep-last N` keeps the N newest. `--keep-daily N` (weekly,
/// monthly, yearly alike) walks them newest first and keeps a snapshot whenever its day (ISO week
/// Monday to Sunday, month, year), in the time zone given (local time), differs from the last day
/// kept by this rule, until N days are kept: the newest snapshot of each of the N newest days that
/// have one. While a rule still has counts left when the walk reaches the oldest snapshot, that one
/// is kept too ("oldest daily snapshot"), which keeps the longest history. `--keep-tag LIST` keeps
/// every snapshot holding all tags of the comma-separated list (`''`: untagged ones); repeated, any
/// of the lists. A snapshot is kept when any rule keeps it (the rules are united), and every rule
/// that does is its reason. `unlimited` (-1) counts without end. The rules are written here rather
/// than borrowed because no Swift library implements restic's policy; its own tests' cases are the
/// model of ours.
package struct RetentionPolicy: Sendable, Equatable {
    /// -1: unlimited; 0: the rule is off.
    package var last = 0, daily = 0, weekly = 0, monthly = 0, yearly = 0
    /// Each a list of tags a kept snapshot must all hold (`[""]`: no tags at all).
    package var tags: [[String]] = []

    package init() {}

    /// No rule given (every count 0, no tag list): forget refuses it rather than remove everything.
    package var isEmpty: Bool { [last, daily, weekly, monthly, yearly].allSatisfy { $0 == 0 } && tags.isEmpty }

    /// One `--keep-tag` value: tags separated by commas, spaces around them ignored.
    package static func tagList(_ text: String) -> [String] {
        let tags = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return tags.allSatisfy(\.isEmpty) ? [""] : tags.filter { !$0.isEmpty }
    }

    /// A snapshot kept, with every rule that keeps it ("daily snapshot", "has tags a,b").
    package struct Kept: Sendable {
        package var summary: SnapshotSummary
        package var reasons: [String]
    }

    /// Splits the snapshots of one site into kept (with reasons) and removed, both newest first.
    /// Each snapshot's time is its manifest's `created_at`; one without a readable time must not be
    /// passed in (`ForgetPlan` leaves those alone).
    package func apply(_ snapshots: [(summary: SnapshotSummary, time: Date)], timeZone: TimeZone) -> (kept: [Kept], removed: [SnapshotSummary]) {
        // Newest first; equal times keep their order (restic: sort.Stable by time).
        let list = snapshots.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time > b.element.time : a.offset < b.offset
        }.map(\.element)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2  // ISO 8601 weeks: Monday first, week 1 holds the year's first Thursday
        calendar.minimumDaysInFirstWeek = 4
        var buckets: [(count: Int, last: Int?, reason: String, bucket: (Date, Int) -> Int)] = [
            (last, nil, "last snapshot", { _, nr in nr }),
            (daily, nil, "daily snapshot", { d, _ in let c = calendar.dateComponents([.year, .month, .day], from: d); return c.year! * 10000 + c.month! * 100 + c.day! }),
            (weekly, nil, "weekly snapshot", { d, _ in let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: d); return c.yearForWeekOfYear! * 100 + c.weekOfYear! }),
            (monthly, nil, "monthly snapshot", { d, _ in let c = calendar.dateComponents([.year, .month], from: d); return c.year! * 100 + c.month! }),
            (yearly, nil, "yearly snapshot", { d, _ in calendar.component(.year, from: d) }),
        ]
        var kept: [Kept] = [], removed: [SnapshotSummary] = []
        for (nr, item) in list.enumerated() {
            var reasons = tags.filter { Self.has(item.summary.tags, $0) }.map { "has tags \($0.joined(separator: ","))" }
            for i in buckets.indices where buckets[i].count != 0 {
                let value = buckets[i].bucket(item.time, nr)
                let oldest = nr == list.count - 1
                guard value != buckets[i].last || oldest else { continue }
                reasons.append(value == buckets[i].last ? "oldest " + buckets[i].reason : buckets[i].reason)
                buckets[i].last = value
                if buckets[i].count > 0 { buckets[i].count -= 1 }
            }
            if reasons.isEmpty { removed.append(item.summary) } else { kept.append(Kept(summary: item.summary, reasons: reasons)) }
        }
        return (kept, removed)
    }

    /// restic's `HasTags`: every tag of `list` is held; `""` matches a snapshot without tags.
    package static func has(_ held: [String], _ list: [String]) -> Bool {
        for tag in list {
            if tag.isEmpty && held.isEmpty { return true }
            if !held.contains(tag) { return false }
        }
        return true
    }
}
