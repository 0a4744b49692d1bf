import ArgumentParser
import Foundation
import SitesnapCore
import SitesnapSystem
import SnapshotStore

struct DeleteCommand: SitesnapCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove snapshots from the repository by name.",
        discussion: """
            Each SNAPSHOT selects one snapshot as everywhere (latest, latest~N, an id, a
            label, a unique id prefix, or the path of an archive in the repository); all
            are resolved before anything is removed, so one unknown or ambiguous name
            removes nothing. A removal unlinks the archive first (the snapshot stops being
            listed), then its index copy and its manifest copy. A snapshot a restore is
            reading is refused (the others are removed); a backup being written is never
            listed, so it cannot be named.

            Examples:
              sitesnap delete blog-20261129T100000Z
              sitesnap delete latest~2 latest~3 --site /var/www/blog --dry-run

            Exit status: 0 removed (with --dry-run: nothing removed); 2 no such or an
            ambiguous snapshot (nothing removed; the candidates are listed), an archive
            outside the repository, or a snapshot in use (refused; the others removed); 4
            the repository cannot be written; 64 usage error.
            """
    )

    @Argument(help: "The snapshots: latest, latest~N, ids, labels, unique id prefixes, or archive paths.")
    var snapshots: [String]
    @OptionGroup var repo: RepositoryOptions
    @OptionGroup var selection: SelectionOptions
    @Flag(name: .customLong("dry-run"), help: "Print what would be removed; remove nothing.")
    var dryRun = false
    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func validate() throws {
        if snapshots.isEmpty { throw ValidationError("give at least one SNAPSHOT") }
    }

    func execute() throws -> Outcome {
        let report = try Forgetter.delete(store: Repository(explicit: repo.path), references: snapshots, site: selection.site, dryRun: dryRun)
        if json { try Output.printJSON(report) } else { ForgetText.print(report) }
        if let refusal = report.refusals.first { throw refusal }
        return .ok
    }
}
