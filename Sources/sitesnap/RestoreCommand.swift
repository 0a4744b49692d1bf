import ArgumentParser
import Foundation
import SitesnapCore
import SitesnapSystem
import SnapshotStore

struct RestoreCommand: SitesnapCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring a snapshot up on a staging folder and a staging database, verified.",
        discussion: """
            Never touches the source site: a target folder that is the source site root,
            inside it or above it, and the source database on the same server are
            refused (no flag overrides this). A non-empty target folder or a staging
            database with tables is refused unless --force, which replaces (never
            merges) their content.

            The database is imported statement by statement, the rows of large tables
            with LOAD DATA LOCAL INFILE from sitesnap's memory (the first failure stops
            with the table, statement number and server message); files are extracted
            with libarchive's secure checks into a hidden folder beside the target and
            renamed into place when complete. The CMS config gets the staging database
            settings, nothing else changes. --url replaces the old site URL in every
            text column, safely for PHP-serialized data; the old URL comes from the
            snapshot's database or config, or --old-url (Drupal 8+ keeps none; without
            one --url is refused). As the archive is read, each
            entry is checked against the manifest (a tampered archive is refused and
            leaves nothing): every file's SHA-256 is computed on the bytes written.
            Then every file's type, size, mode and mtime and every table's rows,
            bytes and schema (dumped again) are checked; --read-back also reads
            every file back from disk and hashes it again (slower).

            Views, routines and triggers are not restored (code is never run from an
            archive): they are listed with the command to load them after review, or
            imported last with --trust-code for an archive you trust.

            Connection settings default to the source site's (from its config on this
            machine), so --db-name alone works on the same server. The password comes
            from --db-password-file, --defaults-file, a prompt on a terminal, or else
            the source site's.

            Examples:
              sitesnap restore blog-20261129T100000Z --target /srv/staging/blog \\
                  --db-name blog_staging --url http://staging.example.test
              sitesnap restore blog-2026 --target /srv/staging/blog \\
                  --db-name blog_staging --dry-run
              sitesnap restore snap.tar.zst --target /srv/stg --db-name stg --force --json
              sitesnap restore latest~1 --site /var/www/blog --target /srv/staging/blog \
                  --db-name blog_staging

            SNAPSHOT: latest (of --site, or of the only site), latest~N, an id, a label,
            a unique id prefix, or an archive path. While the restore runs it holds the
            snapshot: `sitesnap delete` and `forget` leave it alone.

            Never a system database (mysql, sys, information_schema, performance_schema,
            in any letter case, or a #mysql50# name) or the server's data directory,
            and never a system folder: /, /bin, /boot, /dev, /etc, /lib*, /proc, /root,
            /run, /sbin, /sys, /usr, /var and anything inside them (except below
            /var/www and /var/tmp), /home, /srv, /tmp, /opt, /mnt, /media themselves,
            and any user's home folder; symlinks are resolved first. No flag overrides
            this. A mount point as target, a parent folder that does not exist, is
            read-only or not writable are found before anything is written (also by
            --dry-run). With a staging database shared by several sites, --force drops
            only the tables of the snapshot's table prefix, never those of another
            site whose prefix extends it (wp_shop_ beside wp_).

            --force on a terminal lists what it will remove (the target folder's
            entries and bytes, the staging tables) and asks; --yes answers yes. Without
            a terminal --force removes without asking (the flag is the script's
            consent). --dry-run and the output after the restore list the same.
            Partial snapshots: without a database (backup --no-db) no database is
            created; without files (--no-files) the target folder is left as it is;
            what was not restored is listed (JSON not_restored). Ctrl-C or SIGTERM
            removes what the restore wrote (the database too, if it created it); a
            restore also removes hidden folders beside its target left by a killed one.

            Exit status: 0 restored and verified; 1 restored but verification found
            differences; 2 bad input (no such or an ambiguous SNAPSHOT, unsafe or non-empty target, system database or
            folder, mount point or unwritable parent, config not rewritable, refused
            archive entry or dump statement: what was written is removed; --force not
            confirmed); 3 database error (including a statement the server rejects); 4
            I/O error or damaged archive (what was written is removed); 130 interrupted
            (what was written is removed).
            """
    )

    @Argument(help: "The snapshot: latest, latest~N, an id, a label, a unique id prefix, or an archive path.")
    var snapshot: String
    @OptionGroup var repo: RepositoryOptions
    @OptionGroup var selection: SelectionOptions
    @Option(help: ArgumentHelp("The staging folder to create.", valueName: "dir"))
    var target: String
    @Option(name: .customLong("db-name"), help: ArgumentHelp("The staging database (created if needed, when the snapshot has tables).", valueName: "name"))
    var dbName: String
    @Option(name: .customLong("db-host"), help: ArgumentHelp("Staging database host (default: the source site's).", valueName: "host"))
    var host: String?
    @Option(name: .customLong("db-port"), help: ArgumentHelp("Staging database port.", valueName: "port"))
    var port: UInt32?
    @Option(name: .customLong("db-socket"), help: ArgumentHelp("Staging database Unix socket.", valueName: "path"))
    var socket: String?
    @Option(name: .customLong("db-user"), help: ArgumentHelp("Staging database user (default: the source site's).", valueName: "user"))
    var user: String?
    @Option(name: .customLong("db-password-file"), help: ArgumentHelp("File holding the staging database password.", valueName: "file"))
    var passwordFile: String?
    @Option(name: .customLong("defaults-file"), help: ArgumentHelp("MySQL option file with the staging credentials.", valueName: "file"))
    var defaultsFile: String?
    @Option(help: ArgumentHelp("New site URL for the staging copy.", valueName: "url"))
    var url: String?
    @Flag(name: .customLong("dry-run"), help: "Print the plan; change nothing.")
    var dryRun = false
    @Flag(help: "Replace a non-empty target folder and the staging database's tables of the snapshot's prefix (asks first on a terminal).")
    var force = false
    @Flag(name: [.customShort("y"), .customLong("yes")], help: "Answer yes to --force's question (for scripts; without a terminal nothing is asked).")
    var yes = false
    @Flag(name: .customLong("no-staging-safety"), help: "Do not apply the staging settings (search engines told not to index, outgoing mail off).")
    var noStagingSafety = false
    @Flag(name: .customLong("trust-code"), help: "Also import the snapshot's views, routines and triggers as written (they run with your database rights: only for archives you trust).")
    var trustCode = false
    @Flag(name: .customLong("read-back"), help: "Also read every restored file back and hash it again after writing (a second SHA-256 of every byte).")
    var readBack = false
    @Flag(name: .customLong("rewrite-computed"), help: "Replace database settings the config computes by code (getenv('DB_NAME')) by the staging values as literals.")
    var rewriteComputed = false
    @Option(name: .customLong("env-file"), help: ArgumentHelp("KEY=VALUE lines (docker compose .env syntax) for the source config's getenv() settings.", valueName: "file"))
    var envFile: String?
    @OptionGroup var profiles: ProfileOptions
    @Flag(help: "Print the result as JSON on stdout.")
    var json = false
    @Option(name: .customLong("old-url"), help: ArgumentHelp("The production site's URL, replaced by --url (needed when the snapshot names none: Drupal 8+, Joomla with an empty $live_site).", valueName: "url"))
    var oldURL: String?
    @Option(name: .customLong("replace"), help: ArgumentHelp("With --url, also replace OLD by NEW (repeatable): another URL or host (a CDN, mail.example.com).", valueName: "old=new"))
    var replace: [String] = []
    @Option(name: .customLong("skip-column"), help: ArgumentHelp("With --url, leave columns matching this glob alone (repeatable): guid, wp_posts.guid, posts.guid.", valueName: "glob"))
    var skipColumn: [String] = []

    func execute() throws -> Outcome {
        if let port, !(1...65535).contains(port) { throw SitesnapError.invalidOption(option: "--db-port \(port)", reason: "use 1 to 65535") }
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) || URL(string: url)?.host == nil
            || URL(string: url)?.query != nil || URL(string: url)?.fragment != nil {
            throw SitesnapError.invalidOption(option: "--url \(url)", reason: "give a site URL such as https://staging.example.test (no query or fragment)")
        }
        if !(1...64).contains(dbName.count) || dbName.contains("/") || dbName.contains("\\") || dbName.contains(".") || dbName.hasSuffix(" ") {
            throw SitesnapError.invalidOption(option: "--db-name \(dbName)", reason: "a database name has 1 to 64 characters, without / \\ . or a trailing space (MariaDB manual, Identifier Names)")
        }
        var request = RestoreRequest(snapshot: snapshot, target: target)
        request.repository = repo.path
        request.site = selection.site
        request.database = DatabaseOverrides(host: host, port: port, socket: socket, name: dbName, user: user,
                                             passwordFile: passwordFile, defaultsFile: defaultsFile)
        request.database.envFile = envFile
        request.rewriteComputed = rewriteComputed
        request.url = url
        (request.oldURL, request.replacements, request.skipColumns) = try Self.urlOptions(url: url, oldURL: oldURL, replace: replace, skipColumn: skipColumn)
        request.dryRun = dryRun
        request.force = force
        request.stagingSafety = !noStagingSafety
        request.trustCode = trustCode
        request.readBack = readBack
        request.profileDirectories = profiles.all
        request.progress = { Progress.shared.update($0) }
        if force && !yes && !dryRun && Confirmation.canAsk {
            request.confirmRemoval = { removal in
                Progress.shared.clear()
                return Confirmation.ask(removal)
            }
        }
        let ask: (() -> String?)? = isatty(STDIN_FILENO) == 1 && passwordFile == nil && defaultsFile == nil && !dryRun ? {
            guard let p = getpass("Staging database password (empty: the source site's): ") else { return nil }
            let s = String(cString: p)
            return s.isEmpty ? nil : s
        } : nil
        let result = try RestoreRunner.run(request, store: Repository(explicit: repo.path), cancellation: Signals.cancellation(), password: ask)
        Progress.shared.clear()
        if json { try Output.printJSON(result) } else { Self.print(result) }
        if let v = result.verification, !v.ok { return .differences }
        return .ok
    }

    /// `--old-url`, `--replace OLD=NEW` and `--skip-column`, checked.
    /// - Throws: `SitesnapError.invalidOption` for one without `--url` or a malformed value.
    static func urlOptions(url: String?, oldURL: String?, replace: [String], skipColumn: [String]) throws -> (String?, [URLPair], [String]) {
        if url == nil, let given = oldURL.map({ _ in "--old-url" }) ?? (replace.isEmpty ? nil : "--replace") ?? (skipColumn.isEmpty ? nil : "--skip-column") {
            throw SitesnapError.invalidOption(option: given, reason: "it goes with --url NEW_URL")
        }
        if let oldURL, !(oldURL.hasPrefix("http://") || oldURL.hasPrefix("https://")) || URL(string: oldURL)?.host == nil {
            throw SitesnapError.invalidOption(option: "--old-url \(oldURL)", reason: "give the production site's URL such as https://www.example.com")
        }
        let pairs = try replace.map { r -> URLPair in
            guard let eq = r.firstIndex(of: "="), case let (o, n) = (String(r[..<eq]), String(r[r.index(after: eq)...])),
                  let kind = URLPairKind.of(o) else {
                throw SitesnapError.invalidOption(option: "--replace \(r)", reason: "give OLD=NEW, OLD a URL, host name or e-mail address such as https://cdn.example.com, mail.example.com or admin@example.com")
            }
            guard URLPairKind.of(n) == kind else {
                throw SitesnapError.invalidOption(option: "--replace \(r)", reason: "NEW must be \(kind.rawValue) like OLD, and not empty")
            }
            return URLPair(old: o, new: n)
        }
        return (oldURL, pairs, skipColumn)
    }

    static func print(_ r: RestoreResult) {
        Swift.print(r.dryRun ? "plan (dry run, nothing changed):" : "restored \(r.snapshot)")
        for s in r.staleRemoved { Swift.print("  cleaned   \(s) (left by a restore that was killed)") }
        for line in r.removed.map(Confirmation.describe) ?? [] { Swift.print("  \(r.dryRun ? "removes " : "removed ")  \(line)") }
        if r.restored.contains("files") { Swift.print("  files     \(Output.count(r.files)) files, \(Output.bytes(r.bytes)) -> \(r.target)") }
        if r.restored.contains("database") { Swift.print("  database  \(r.tables) tables, \(Output.count(r.rows)) rows -> \(r.database) (as \(r.databaseConnection))") }
        if let f = r.configFile { Swift.print("  config    \(f): \(r.configKeys.joined(separator: ", "))") }
        for k in r.configKept { Swift.print("  config    kept as it is: \(k)") }
        for n in r.configNotes { Swift.print("  config    \(n)") }
        if let new = r.newURL {
            Swift.print("  url       \(r.oldURL ?? "(old URL not found)") -> \(new)")
            for u in r.urlReplacements {
                Swift.print("    \(u.table).\(u.column): \(Output.plural(u.rows, "row")), \(Output.plural(u.replacements, "replacement"))" + (u.skippedUnparseable > 0 ? ", \(u.skippedUnparseable) unparseable serialized values left alone" : "")
                            + (u.skippedBinary > 0 ? ", \(u.skippedBinary) binary values left alone" : ""))
            }
            for t in r.urlNotUpdated { Swift.print("    \(t.table): NOT UPDATED, \(Output.plural(t.rows, "row")) holding the old URL: \(t.reason)") }
        }
        for s in r.staging { Swift.print("  staging   \(s)") }
        for s in r.notRestored { Swift.print("  not restored: \(s)") }
        for n in r.notes { Swift.print("  note      \(n)") }
        if let v = r.verification {
            let verdict = v.ok ? "all match" : "DIFFERENCES: " + (v.filesDiffering.prefix(5) + v.tablesDiffering.prefix(5)).joined(separator: ", ")
            let onPurpose = (r.configFile.map { [URL(fileURLWithPath: $0).lastPathComponent] } ?? []) + v.tablesRewritten
            Swift.print("verified: \(Output.count(Int64(v.filesChecked))) files, \(Output.bytes(v.bytesChecked)) (\(v.filesReadBack ? "read back" : "hashed as written")), \(v.tablesChecked) tables, \(Output.count(v.rowsChecked)) rows: \(verdict)"
                        + (onPurpose.isEmpty ? "" : " (changed on purpose after the check: \(onPurpose.joined(separator: ", ")))"))
        }
        Swift.print(String(format: "  took      %.1f s", r.seconds))
    }
}
