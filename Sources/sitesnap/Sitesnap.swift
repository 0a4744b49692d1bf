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
            ~/.local/share/sitesnap/snapshots.

            Exit status: 0 success; 1 verification failed; 2 bad input (site, config,
            option, snapshot id); 3 database error; 4 repository or archive I/O error;
            5 snapshot incomplete (backup or verify: part of the site is not in it);
            64 usage error; 130 interrupted. See docs/commands.md.
            """,
        version: SitesnapVersion.current,
        subcommands: [BackupCommand.self, DiffCommand.self, InspectCommand.self, ListCommand.self, RestoreCommand.self, VerifyCommand.self]
    )

    /// As ArgumentParser's, except that diff-db reports usage errors with status 2, like diff(1).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64, CommandLine.arguments.dropFirst().first == "diff-db" {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
