import ArgumentParser
import Foundation
import SitesnapCore
import SitesnapSystem
import SnapshotStore

struct BackupCommand: SitesnapCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Snapshot a site's files and database into one archive.",
        discussion: """
            Detects the CMS, reads the database settings from its config (wp-config.php,
            configuration.php, settings.php), dumps the site's tables (those with its
            table prefix) from one consistent transaction, archives the file tree, and
            writes <repo>/<site>-<UTC time>[-label].tar.zst plus <id>.manifest.json,
            both mode 0600. The archive is a standard pax tar: `tar --zstd -xf` opens
            it, and `cat database/*.sql | mariadb NEWDB` recreates the database.

            Examples:
              sitesnap backup /var/www/blog --label before-akismet-removal
              sitesnap backup /var/www/blog --repo /srv/snapshots \\
                  --exclude 'wp-content/uploads/cache'
              sitesnap backup /usr/share/wordpress \\
                  --config /etc/wordpress/config-default.php
              sitesnap backup /var/www/joomla --defaults-file ~/.my.cnf --json

            Warnings (files or folders this user cannot read, sockets and other special
            files, a config outside the site root, views hidden by their definer) mean
            part of the site is not in the snapshot: they are printed on stderr, kept in
            the manifest, shown by `list` and `verify`, and the exit status is 5. With
            --strict any such warning fails the backup and nothing is written. A MyISAM
            table (outside the consistent transaction) is a notice, not a warning.

            Exit status: 0 snapshot written, complete; 2 bad input (not a CMS root, config
            unreadable, computed or not valid PHP, bad option); 3 database unreachable or
            refused, or a table it must hold unreadable; 4 repository not writable or
            disk full; 5 snapshot written but incomplete (see its warnings), or with
            --strict not written; 64 usage error; 130 interrupted. Except for 5 without
            --strict, no snapshot is left behind. Leftovers of a killed backup are
            removed by the next backup or `list`.

            Completeness: the backup fails (exit 3) when the database user cannot
            read a table the snapshot must hold: one of the CMS's core tables, one the
            config's prefix array names, or one the previous snapshot of the same site
            had (MariaDB hides such tables instead of refusing them). The message names
            the GRANT that fixes it; --allow-missing-table NAME accepts one on purpose. A
            table of the previous snapshot that the server says no longer exists (an
            extension's uninstall dropped it) is a notice. A config file that PHP would
            not parse (php -l when php is installed) is exit 2, with the line.
            """
    )

    @Argument(help: "The site root (the folder holding wp-load.php, configuration.php or core/).")
    var siteRoot: String
    @OptionGroup var repo: RepositoryOptions
    @Option(help: "A label added to the snapshot id; a SNAPSHOT argument may name the snapshot by it.")
    var label: String?
    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag kept in the manifest, shown and filtered by `list --tag`, kept by `forget --keep-tag`; repeatable.", valueName: "tag"))
    var tags: [String] = []
    @Option(name: .customLong("exclude"), help: ArgumentHelp("Glob to leave out (with a '/': a path from the site root; without: any file or folder name); repeatable.", valueName: "glob"))
    var excludes: [String] = []
    @Flag(name: .customLong("no-default-excludes"), help: "Archive what the CMS profile leaves out by default (cache, temp and log contents, other backups); --exclude still applies.")
    var noDefaultExcludes = false
    @Flag(name: .customLong("no-files"), help: "Only the database.")
    var noFiles = false
    @Flag(name: .customLong("no-db"), help: "Only the files.")
    var noDatabase = false
    @Flag(name: .customLong("all-tables"), help: "Dump every table of the database, not only the site's table prefix.")
    var allTables = false
    @Option(name: .customLong("allow-missing-table"), help: ArgumentHelp("A table (full name) the backup may go without although the database user cannot read it and the CMS counts it as core or the previous snapshot of the site had it; repeatable.", valueName: "name"))
    var allowMissingTables: [String] = []
    @Option(help: "zstd, gzip or none.")
    var compression: String = "zstd"
    @Option(help: "Compression level (zstd 1-19, default 3; gzip 1-9, default 6).")
    var level: Int?
    @Option(help: "zstd worker threads. 1 (default) keeps peak memory near 50 MB; 2 was 14% faster but used about 150 MB on a 400 MB site.")
    var threads: Int = 1
    @Flag(help: "Fail (exit 5, nothing written) on any warning that leaves part of the site out.")
    var strict = false
    @Option(name: .customLong("site-dir"), help: ArgumentHelp("Multisite: the site folder whose config is read (Drupal sites/NAME/settings.php); needed when sites/sites.php maps several.", valueName: "name"))
    var siteDir: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var profiles: ProfileOptions
    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func execute() throws -> Outcome {
        guard let c = BackupRequest.Compression(rawValue: compression) else {
            throw SitesnapError.invalidOption(option: "--compression \(compression)", reason: "use zstd, gzip or none")
        }
        var request = BackupRequest(siteRoot: siteRoot)
        request.repository = repo.path
        request.label = label
        request.tags = try Self.checkedTags(tags)
        request.excludes = excludes
        request.noDefaultExcludes = noDefaultExcludes
        request.includeFiles = !noFiles
        request.includeDatabase = !noDatabase
        request.allTables = allTables
        request.allowMissingTables = allowMissingTables
        request.compression = c
        request.level = level
        request.threads = threads
        request.database = database.overrides
        request.database.siteDir = siteDir
        request.profileDirectories = profiles.all
        request.strict = strict
        let cancellation = Signals.cancellation()
        let result = try BackupRunner.run(request, store: Repository(explicit: repo.path), cancellation: cancellation) { event in
            switch event {
            case .table(let name, let index, let count, let rows):
                Progress.shared.update("database: table \(index)/\(count) \(name) · \(Output.count(rows)) rows")
            case .files(let count, let bytes, let current):
                Progress.shared.update("files: \(Output.count(count)) · \(Output.bytes(bytes)) · \(current)")
            }
        }
        Progress.shared.clear()
        Output.reportRemovedStale(result.removedStale)
        if result.unencryptedNotice { Output.notice(Self.unencryptedNotice(repository: Repository(explicit: repo.path).path)) }
        // Warnings go to stderr, one line each, so that they are seen even when stdout is kept.
        for w in result.warnings {
            let line = "\(w.kind): \(w.subject): \(w.message)"
            if w.leavesDataOut { Output.warning(line) } else { Output.notice(line) }
        }
        let leftOut = result.warnings.filter(\.leavesDataOut).count
        defer {
            if !result.complete {
                Output.warning("snapshot \(result.id) is INCOMPLETE: \(leftOut == 1 ? "1 warning" : "\(leftOut) warnings") above; it is kept and marked (exit status 5). Use --strict to fail instead.")
            }
        }
        let outcome: Outcome = result.complete ? .ok : .incomplete
        if json { try Output.printJSON(result); return outcome }
        let t = result.totals
        print("snapshot \(result.id)")
        print("  site      \(result.cms) \(result.cmsVersion ?? "(version unknown)")")
        print("  files     " + (noFiles ? "not included (--no-files)"
            : "\(Output.counted(t.files, "file")), \(Output.counted(t.directories, "folder")), \(Output.counted(t.symlinks, "symlink")), \(Output.bytes(t.fileBytes))"))
        print("  database  " + (noDatabase ? "not included (--no-db)"
            : "\(t.tables) tables, \(Output.count(t.rows)) rows, \(Output.bytes(t.databaseBytes)) of SQL"))
        for (key, origin) in result.settingsFrom.sorted(by: { $0.key < $1.key }) { print("  db \(key) \(origin)") }
        print("  archive   \(result.archive) (\(Output.bytes(t.archiveBytes)))")
        print(String(format: "  took      %.1f s", result.seconds))
        print("  status    " + (result.complete ? "complete" : "INCOMPLETE: \(leftOut == 1 ? "1 warning" : "\(leftOut) warnings") (on stderr and in the manifest)")
              + (result.warnings.count > leftOut ? "; \(result.warnings.count - leftOut) notice(s)" : ""))
        return outcome
    }

    /// Said once per repository folder (`SnapshotStore.takeUnencryptedNotice`), on stderr; not a
    /// warning about the snapshot, which is complete: the exit status does not change.
    static func unencryptedNotice(repository: String) -> String {
        "the snapshots in \(repository) are not encrypted: each archive holds the site's config (wp-config.php, configuration.php, settings.php) with the database password in plain text. The folder is owner-only (0700, files 0600); keep it off shared and synced disks, or on an encrypted one. Said once per repository."
    }

    /// `--tag` values: not empty, no comma (a comma separates the tags of one `--keep-tag` list).
    static func checkedTags(_ tags: [String]) throws -> [String] {
        for t in tags where t.trimmingCharacters(in: .whitespaces).isEmpty || t.contains(",") || t.contains(where: \.isNewline) {
            throw SitesnapError.invalidOption(option: "--tag \(t)", reason: "a tag is not empty and has no comma or newline")
        }
        var seen = Set<String>()
        return tags.filter { seen.insert($0).inserted }
    }
}
