import Foundation
import SitesnapSystem
import SnapshotStore

/// `sitesnap forget` and `sitesnap delete`, through `SnapshotStore` alone (`list`, `resolve`,
/// `remove`), so that every store gets them.
///
/// forget: the snapshots (of `--site` when given) are grouped by site, as restic groups by host and
/// paths, and `RetentionPolicy` decides for each site on its own, with times in `timeZone` (local
/// time). Everything is decided before anything is removed: a policy that keeps none of a site's
/// snapshots (only `--keep-tag` rules that no snapshot matches) is refused, nothing removed. A
/// snapshot a restore holds is not removed (`snapshotInUse`): reported as kept, "in use". Snapshots
/// without a readable manifest copy (or its `created_at`) have no time or site: left alone, listed.
public enum Forgetter {
    /// - Throws: `SitesnapError.invalidOption` (no rule; `--site` matching nothing; a policy that
    ///   would remove every snapshot of a site), and what `SnapshotStore.remove` throws but `snapshotInUse`.
    package static func forget(store: some SnapshotStore, site: String?, policy: RetentionPolicy, dryRun: Bool,
                               timeZone: TimeZone = .current) throws -> ForgetReport {
        guard !policy.isEmpty else {
            throw SitesnapError.invalidOption(option: "--keep-*", reason: "give at least one --keep rule (e.g. --keep-last 10): forget does not remove every snapshot; `sitesnap delete` removes one")
        }
        _ = store.sweepStale()
        let all = store.list()
        let filter = site.map(SiteFilter.init)
        let chosen = filter.map { f in all.filter(f.matches) } ?? all
        if let site, chosen.isEmpty {
            let sites = SiteFilter.sites(all)
            throw SitesnapError.invalidOption(option: "--site \(site)", reason: "no snapshot of that site in \(store.location)" + (sites.isEmpty ? "" : "; sites: \(sites.joined(separator: ", "))"))
        }
        var report = ForgetReport(policy: describe(policy), dryRun: dryRun, groups: [])
        report.leftAlone = (filter == nil ? all : chosen).filter { time($0) == nil }.map(\.id)
        var decided: [(site: String, kept: [RetentionPolicy.Kept], removed: [SnapshotSummary])] = []
        for root in SiteFilter.sites(chosen) {
            let dated = chosen.compactMap { s in s.manifest?.site.root == root ? time(s).map { (summary: s, time: $0) } : nil }
            let (kept, removed) = policy.apply(dated, timeZone: timeZone)
            if kept.isEmpty {
                throw SitesnapError.invalidOption(option: "--keep-tag", reason: "the rules keep no snapshot of site \(root): forget would remove all \(removed.count) of them; nothing was removed")
            }
            decided.append((root, kept, removed))
        }
        for d in decided {
            var group = ForgetReport.Group(site: d.site, kept: d.kept.map { ForgetReport.Item($0.summary, reasons: $0.reasons) }, removed: [])
            for s in d.removed {
                if let refusal = try removeUnlessHeld(s, store: store, dryRun: dryRun) {
                    group.kept.append(ForgetReport.Item(s, reasons: ["in use: \(refusal)"]))
                    report.inUse.append(s.id)
                } else {
                    group.removed.append(ForgetReport.Item(s))
                }
            }
            report.groups.append(group)
        }
        return report
    }

    /// Removes each snapshot `references` select (all resolved first: one unknown or ambiguous
    /// reference removes nothing). A snapshot a restore holds is left, its error in `refusals`.
    /// - Throws: what `SnapshotStore.resolve` and `remove` throw but `snapshotInUse`.
    package static func delete(store: some SnapshotStore, references: [String], site: String?, dryRun: Bool) throws -> ForgetReport {
        var keys: [String] = []
        for r in references {
            let key = try store.resolve(r, site: site)
            if !keys.contains(key) { keys.append(key) }
        }
        let summaries = store.list()
        var report = ForgetReport(policy: nil, dryRun: dryRun, groups: [])
        for key in keys {
            let s = summaries.first { $0.archivePath == key } ?? SnapshotSummary(id: URL(fileURLWithPath: key).lastPathComponent, archivePath: key, manifest: nil, archiveBytes: 0)
            let root = s.manifest?.site.root ?? "?"
            if report.groups.last?.site != root { report.groups.append(ForgetReport.Group(site: root, kept: [], removed: [])) }
            if let refusal = try removeUnlessHeld(s, store: store, dryRun: dryRun) {
                report.groups[report.groups.count - 1].kept.append(ForgetReport.Item(s, reasons: ["in use: \(refusal)"]))
                report.inUse.append(s.id)
                report.refusals.append(.snapshotInUse(id: s.id, reason: refusal))
            } else {
                report.groups[report.groups.count - 1].removed.append(ForgetReport.Item(s, reasons: ["named on the command line"]))
            }
        }
        return report
    }

    /// Removes `s` (not with `dryRun`); the reason when a hold keeps it, nil when removed.
    private static func removeUnlessHeld(_ s: SnapshotSummary, store: some SnapshotStore, dryRun: Bool) throws -> String? {
        guard !dryRun else { return nil }
        do {
            try store.remove(s.archivePath)
            return nil
        } catch SitesnapError.snapshotInUse(_, let reason) {
            return reason
        }
    }

    /// The snapshot's creation time from its manifest summary, or nil.
    static func time(_ s: SnapshotSummary) -> Date? {
        guard let text = s.manifest?.createdAt else { return nil }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    /// The policy in restic's words: "keep 2 latest, 7 daily snapshots and all snapshots with tags [a]".
    static func describe(_ p: RetentionPolicy) -> String {
        let counts = [(p.last, "latest"), (p.daily, "daily"), (p.weekly, "weekly"), (p.monthly, "monthly"), (p.yearly, "yearly")]
            .compactMap { n, what in n > 0 ? "\(n) \(what)" : n < 0 ? "all \(what)" : nil }
        var s = counts.isEmpty ? "" : counts.joined(separator: ", ") + " snapshots"
        if !p.tags.isEmpty {
            s += (s.isEmpty ? "" : " and ") + "all snapshots with tags " + p.tags.map { "[" + $0.joined(separator: ",") + "]" }.joined(separator: " or ")
        }
        return "keep " + s
    }
}
