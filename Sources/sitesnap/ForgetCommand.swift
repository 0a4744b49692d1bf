import ArgumentParser
import Foundation
import SitesnapCore
import SitesnapSystem
import SnapshotStore

struct ForgetCommand: SitesnapCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Remove old snapshots by a retention policy (restic's --keep rules).",
        discussion: """
            The policy is applied to each site on its own (or to --site alone). The rules
            mean what they mean in restic forget and borg prune, and a snapshot is kept
            when any rule keeps it:
              --keep-last N     the N newest snapshots
              --keep-daily N    the newest snapshot of each of the N newest days that
                                have one (local time; set TZ to choose)
              --keep-weekly N   ... of each of the N newest ISO weeks (Monday to Sunday)
              --keep-monthly N  ... of each of the N newest months
              --keep-yearly N   ... of each of the N newest years
              --keep-tag LIST   every snapshot holding all the comma-separated tags;
                                repeatable (any of the lists); '' keeps untagged ones
            N may be "unlimited". When a rule has counts left at the oldest snapshot, that
            one is kept too ("oldest daily snapshot"). Without any rule forget refuses,
            rather than remove everything; a policy that would keep none of a site's
            snapshots is refused too, and nothing is removed.

            Every snapshot is printed as kept (with the rules that keep it) or removed.
            A snapshot a restore is reading is not removed (a notice says so; the next
            forget removes it). A backup being written is never listed, so never removed.
            Snapshots without a readable manifest copy (no date, no site) are left alone.
            A removal unlinks the archive first (the snapshot stops being listed), then
            its index copy and its manifest copy.

            Examples:
              sitesnap forget --keep-daily 7 --keep-weekly 4 --keep-monthly 12 --dry-run
              sitesnap forget --site /var/www/blog --keep-last 10 --keep-tag release
              sitesnap forget --keep-last 3 --json

            Exit status: 0 done (with --dry-run: nothing removed), also when a snapshot
            in use was left; 2 no rule, a --site without snapshots, or a policy that
            keeps nothing of a site; 4 the repository cannot be written (what was
            removed before stays removed); 64 usage error.
            """
    )

    @OptionGroup var repo: RepositoryOptions
    @Option(name: .customLong("site"), help: ArgumentHelp("Only the snapshots of this site (its root folder, or its folder's name).", valueName: "site"))
    var site: String?
    @Option(name: .customLong("keep-last"), help: ArgumentHelp("Keep the N newest snapshots.", valueName: "n"))
    var last: KeepCount?
    @Option(name: .customLong("keep-daily"), help: ArgumentHelp("Keep the newest snapshot of each of the N newest days with one.", valueName: "n"))
    var daily: KeepCount?
    @Option(name: .customLong("keep-weekly"), help: ArgumentHelp("Keep the newest snapshot of each of the N newest weeks with one.", valueName: "n"))
    var weekly: KeepCount?
    @Option(name: .customLong("keep-monthly"), help: ArgumentHelp("Keep the newest snapshot of each of the N newest months with one.", valueName: "n"))
    var monthly: KeepCount?
    @Option(name: .customLong("keep-yearly"), help: ArgumentHelp("Keep the newest snapshot of each of the N newest years with one.", valueName: "n"))
    var yearly: KeepCount?
    @Option(name: .customLong("keep-tag"), help: ArgumentHelp("Keep every snapshot holding all these comma-separated tags; repeatable.", valueName: "tags"))
    var keepTags: [String] = []
    @Flag(name: .customLong("dry-run"), help: "Print what would be kept and removed; remove nothing.")
    var dryRun = false
    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func execute() throws -> Outcome {
        var policy = RetentionPolicy()
        policy.last = last?.value ?? 0
        policy.daily = daily?.value ?? 0
        policy.weekly = weekly?.value ?? 0
        policy.monthly = monthly?.value ?? 0
        policy.yearly = yearly?.value ?? 0
        policy.tags = keepTags.map(RetentionPolicy.tagList)
        let report = try Forgetter.forget(store: Repository(explicit: repo.path), site: site, policy: policy, dryRun: dryRun)
        if json { try Output.printJSON(report) } else { ForgetText.print(report) }
        for id in report.inUse { Output.notice("snapshot \(id) is in use (a restore is reading it): not removed this time") }
        return .ok
    }
}

/// `--keep-* N`: a count from 0, or `unlimited` (-1, restic's word).
struct KeepCount: ExpressibleByArgument {
    let value: Int
    init?(argument: String) {
        if argument == "unlimited" { value = -1; return }
        guard let n = Int(argument), n >= 0 else { return nil }
        value = n
    }
    static var defaultCompletionKind: CompletionKind { .list(["unlimited"]) }
}

/// The text of a forget or delete report: per site, what is kept and why, and what is removed.
enum ForgetText {
    static func print(_ r: ForgetReport) {
        if let p = r.policy { Swift.print("applying policy: \(p)" + (r.dryRun ? " (dry run: nothing is removed)" : "")) }
        for g in r.groups {
            Swift.print("site \(g.site)")
            if !g.kept.isEmpty { Swift.print("  keep \(Output.plural(g.kept.count, "snapshot")):") }
            for i in g.kept { Swift.print("    \(line(i))  \(i.reasons.joined(separator: ", "))") }
            if !g.removed.isEmpty { Swift.print("  \(r.dryRun ? "would remove" : "removed") \(Output.plural(g.removed.count, "snapshot")):") }
            for i in g.removed { Swift.print("    \(line(i))") }
        }
        if !r.leftAlone.isEmpty { Swift.print("left alone (no readable manifest copy): \(r.leftAlone.joined(separator: ", "))") }
    }

    static func line(_ i: ForgetReport.Item) -> String {
        [i.id, i.createdAt ?? "?", i.label.map(ListCommand.oneLine) ?? "", i.tags.isEmpty ? "" : "tags " + i.tags.joined(separator: ",")]
            .filter { !$0.isEmpty }.joined(separator: "  ")
    }
}
