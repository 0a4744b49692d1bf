import ArgumentParser
import Foundation
import SitesnapCore

@main
struct Sitesnap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitesnap",
        abstract: "Snapshot, compare and restore WordPress, Joomla! and Drupal sites with their MySQL/MariaDB database.",
        discussion: """
            A snapshot is one tar archive (zstd by default) holding the site's files, a
            dump of its tables and a manifest with checksums. Snapshots live in a
            repository folder: --repo, else $SITESNAP_REPO, else
            ~/.local/share/sitesnap/snapshots. A SNAPSHOT argument is latest,
            latest~N (of --site, or of the only site), an id, a label, a unique id
            prefix or an archive path; forget and delete remove snapshots.

            Exit status: 0 success; 1 verify or restore found a mismatch; 2 bad input
            (site, config, option, snapshot reference); 3 database error; 4 repository or
            archive I/O error; 5 snapshot incomplete (backup or verify: part of the site
            is not in it); 64 usage error; 130 interrupted. diff-db and changes follow
            diff(1): 0 no differences, 1 differences, 2 any error (usage errors too). See
            docs/commands.md.
            """,
        version: SitesnapVersion.current,
        subcommands: [BackupCommand.self, ChangesCommand.self, DiffCommand.self, InspectCommand.self, ListCommand.self, RestoreCommand.self,
                      VerifyCommand.self, ForgetCommand.self, DeleteCommand.self]
    )

    /// Parses, runs the subcommand, and exits with the status `ExitStatusMap` decides (the one place
    /// that does): argument-parser's own errors (help, version, usage) through `reportParseError`.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            Foundation.exit(ExitStatusMap.reportParseError(error, policy: ExitStatusMap.policy(forArguments: arguments)))
        }
        guard let subcommand = command as? any SitesnapCommand else {
            // The root alone: argument-parser's run() asks for help (status 0).
            var root = command
            do { try root.run() } catch { Foundation.exit(ExitStatusMap.reportParseError(error, policy: .documented)) }
            Foundation.exit(ExitStatus.success)
        }
        Foundation.exit(ExitStatusMap.run(subcommand))
    }
}
