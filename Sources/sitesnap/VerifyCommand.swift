import ArgumentParser
import Foundation
import SitesnapCore
import SitesnapSystem
import SnapshotStore

struct VerifyCommand: SitesnapCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-read a snapshot and check every checksum in its manifest.",
        discussion: """
            SNAPSHOT selects one snapshot of the repository: latest (of --site, or of the
            only site), latest~N (the N-th before it), an id, a label given at backup, a
            unique id prefix, or an archive path. An ambiguous one lists the candidates.

            Examples:
              sitesnap verify blog-20261129T101500Z
              sitesnap verify latest --site /var/www/blog
              sitesnap verify /srv/snapshots/blog-20261129T101500Z-before.tar.zst --json

            Exit status: 0 every entry matches; 1 a mismatch, a missing or extra entry,
            a damaged or truncated archive (the first bad entry is named); 2 no such
            snapshot, or an ambiguous one (the candidates are listed); 4 the archive cannot be read; 5 every entry matches but the
            snapshot was written incomplete (its warnings are listed); 130 interrupted.
            """
    )

    @Argument(help: "The snapshot: latest, latest~N, an id, a label, a unique id prefix, or an archive path.")
    var snapshot: String
    @OptionGroup var repo: RepositoryOptions
    @OptionGroup var selection: SelectionOptions
    @Flag(help: "Print the report as JSON on stdout.")
    var json = false

    func execute() throws -> Outcome {
        let path = try Repository(explicit: repo.path).resolve(snapshot, site: selection.site)
        let cancellation = Signals.cancellation()
        let report = try Verifier.verify(path: path, cancellation: cancellation)
        if json {
            try Output.printJSON(report)
        } else if report.ok {
            print("ok: \(report.id ?? path): \(report.entriesChecked) entries, \(Output.bytes(report.bytesChecked)) checked against the manifest")
            if report.complete == false {
                let w = report.incompleteWarnings
                print("INCOMPLETE: the snapshot was written with \(w.count == 1 ? "1 warning" : "\(w.count) warnings"); this is not in it:")
                for x in w.prefix(20) { print("  \(x.kind): \(x.subject): \(x.message)") }
                if w.count > 20 { print("  … \(w.count - 20) more (sitesnap verify --json lists all)") }
            }
        } else {
            let first = report.problems[0]
            print("FAILED: \(report.id ?? path): first bad entry \(first.entry): \(first.message)")
            for p in report.problems.dropFirst().prefix(20) { print("  also \(p.entry): \(p.message)") }
            if report.problems.count > 21 { print("  … \(report.problems.count - 21) more") }
        }
        if !report.ok { return .differences }
        return report.complete == false ? .incomplete : .ok
    }
}
