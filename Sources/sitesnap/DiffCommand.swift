import ArgumentParser
import Foundation
import SitesnapCore
import SitesnapSystem
import SnapshotStore

struct DiffCommand: SitesnapCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-db",
        abstract: "Compare the database of two snapshots, or of a snapshot and the live site.",
        discussion: """
            Lists tables added and removed, schema changes, and rows added, removed and
            changed (matched by primary key, then by the natural keys the CMS profile
            names, e.g. WordPress option_name). PHP-serialized and JSON values are
            compared path by path. Noise (transients, caches, sessions) is hidden unless
            --include-noise.

            Leftovers: for an extension gone from AFTER's files since BEFORE or since a
            snapshot taken in between, one the CMS no longer records as installed, or
            one named with --extension, lists what it left behind (tables, rows, and
            entries inside core values such as a capability in a core role or a hook in
            cron), each with its evidence. Core objects are never listed. Strong
            evidence goes into --sql; weak ("possibly related") is only shown.

            Examples:
              sitesnap diff-db blog-20261129T100000Z blog-20261129T110000Z
              sitesnap diff-db blog-20261129T100000Z --live
              sitesnap diff-db latest~1 latest --site /var/www/blog
              sitesnap diff-db before.tar.zst after.tar.zst --table options --json
              sitesnap diff-db before after --sql cleanup.sql
              sitesnap diff-db before after --revert-sql revert.sql

            Exit status (like diff): 0 no differences; 1 differences; 2 any error (a
            missing or damaged snapshot, snapshots of different sites without --force,
            newer format, database error, a spool under TMPDIR that cannot be written,
            a usage error).
            """
    )
    /// diff(1)'s statuses: 0 no differences, 1 differences, 2 any error (usage errors too).
    static let exitPolicy = ExitPolicy.diff

    @Argument(help: "BEFORE: latest, latest~N, an id, a label, a unique id prefix, or an archive path.")
    var before: String
    @Argument(help: "AFTER: as BEFORE; omit with --live.")
    var after: String?
    @Flag(help: "Compare BEFORE with the site's current database.")
    var live = false
    @Option(name: .customLong("site"), help: ArgumentHelp("The site whose snapshots latest, labels and id prefixes select among (its root or folder name); with --live: the site root (default: BEFORE's site root).", valueName: "dir"))
    var siteRoot: String?
    @OptionGroup var repo: RepositoryOptions
    @Option(name: .customLong("table"), help: ArgumentHelp("Only tables matching this glob (with or without the table prefix); repeatable.", valueName: "glob"))
    var tables: [String] = []
    @Option(name: .customLong("ignore-table"), help: ArgumentHelp("Leave out tables matching this glob; repeatable.", valueName: "glob"))
    var ignoreTables: [String] = []
    @Option(name: .customLong("extension"), help: ArgumentHelp("Also find leftovers of this extension slug; repeatable.", valueName: "slug"))
    var extensions: [String] = []
    @Flag(help: "Table-level summary only.")
    var summary = false
    @Flag(name: .customLong("include-noise"), help: "Show noise (transients, caches, sessions) too.")
    var includeNoise = false
    @Option(name: .customLong("max-rows"), help: "Row changes shown per table in text output.")
    var maxRows: Int = 20
    @Option(name: .customLong("sql"), help: ArgumentHelp("Write a cleanup script that removes only the removed extensions' strong leftovers, for review; never executed.", valueName: "file"))
    var sqlFile: String?
    @Option(name: .customLong("revert-sql"), help: ArgumentHelp("Write a script that turns AFTER back into BEFORE (re-adds removed rows, deletes added ones, user content too), for review; never executed.", valueName: "file"))
    var revertSQLFile: String?
    @Flag(help: "Compare snapshots of different sites anyway.")
    var force = false
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var profiles: ProfileOptions
    @Flag(help: "Print the report as JSON on stdout.")
    var json = false

    func execute() throws -> Outcome {
        // Checked here, not in validate(): one line naming the option, as every other error (status 2).
        if live && after != nil { throw SitesnapError.invalidOption(option: "AFTER and --live", reason: "give one of them, not both") }
        if !live && after == nil { throw SitesnapError.invalidOption(option: "AFTER", reason: "give a second snapshot, or --live to compare with the live database") }
        if maxRows < 0 { throw SitesnapError.invalidOption(option: "--max-rows \(maxRows)", reason: "use 0 or more") }
        try checkScriptPaths()
        var request = DiffRequest(before: before)
        request.after = after
        request.live = live
        request.liveSiteRoot = siteRoot
        request.repository = repo.path
        request.site = siteRoot
        request.tables = tables
        request.ignoreTables = ignoreTables
        request.includeNoise = includeNoise
        request.extensions = extensions
        request.force = force
        request.database = database.overrides
        request.profileDirectories = profiles.all
        var report = try DiffEngine.run(request, store: Repository(explicit: repo.path))
        if let sqlFile { try Self.writeScript(CleanupScript.make(report), to: sqlFile, option: "--sql") }
        if let revertSQLFile { try Self.writeScript(RevertScript.make(report), to: revertSQLFile, option: "--revert-sql") }
        if summary { for i in report.tables.indices { report.tables[i].rows = [] } }
        if json { try Output.printJSON(report) } else { DiffText.print(report, maxRows: summary ? 0 : maxRows) }
        return report.hasDifferences ? .differences : .ok
    }

    /// The scripts never go where they would replace a snapshot (the repository, the folder of an
    /// archive given by path) or each other.
    private func checkScriptPaths() throws {
        let outputs = [("--sql", sqlFile), ("--revert-sql", revertSQLFile)].compactMap { o, p in p.map { (o, $0) } }
        func resolved(_ p: String) -> String {
            let url = URL(fileURLWithPath: p)
            return Repository.resolveExisting(url.deletingLastPathComponent().path) + "/" + url.lastPathComponent
        }
        if outputs.count == 2, resolved(outputs[0].1) == resolved(outputs[1].1) {
            throw SitesnapError.invalidOption(option: "--sql and --revert-sql", reason: "give two different files")
        }
        let repository = Repository.resolveExisting(Repository(explicit: repo.path).path)
        for (option, path) in outputs {
            let full = resolved(path)
            let folder = URL(fileURLWithPath: full).deletingLastPathComponent().path
            let snapshotName = (Repository.archiveExtensions + [".manifest.json"]).contains { full.hasSuffix($0) }
            if folder == repository || folder.hasPrefix(repository + "/") || snapshotName {
                throw SitesnapError.invalidOption(option: "\(option) \(path)", reason: "that is inside the snapshot repository or names a snapshot file; write the script somewhere else")
            }
        }
    }

    /// Owner-only: the script holds row values (user e-mails, settings).
    /// Atomically: an interrupted or failed write leaves the old file (or none), never half a script.
    private static func writeScript(_ text: String, to path: String, option: String) throws {
        do { try AtomicFile.write(Array(text.utf8), to: path, mode: 0o600) }
        catch {
            let what = error.operation == "open" ? "cannot write it" : "writing it failed"
            throw SitesnapError.invalidOption(option: "\(option) \(path)", reason: "\(what): \(error.reason)")
        }
    }
}

/// Text rendering of a diff report: a summary table, then details.
enum DiffText {
    static func print(_ r: DiffReport, maxRows: Int) {
        let color = Output.stdoutIsTerminal
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        Swift.print("before: \(r.before.id) (\(r.before.cms) \(r.before.cmsVersion ?? ""), \(r.before.createdAt ?? ""))")
        Swift.print("after:  \(r.after.id) (\(r.after.cms) \(r.after.cmsVersion ?? ""), \(r.after.createdAt ?? ""))")
        if r.tables.isEmpty && r.leftovers.isEmpty {
            Swift.print("no differences (\(r.tablesUnchanged) tables unchanged\(r.noiseHidden > 0 ? ", \(Output.plural(r.noiseHidden, "noise change")) hidden" : ""))")
            return
        }
        let header = ["TABLE", "+ROWS", "-ROWS", "~ROWS", "SCHEMA"]
        let rows = r.tables.map { t -> [String] in
            let schema = t.change == .modified ? (t.schema.isEmpty ? "" : "\(t.schema.count) change(s)") : "table \(t.change.rawValue)"
            return [t.table, String(t.rowsAdded), String(t.rowsRemoved), String(t.rowsChanged), schema]
        }
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        for (n, row) in ([header] + rows).enumerated() {
            let line = row.indices.map { c in c == 0 || c == 4 ? row[c].padding(toLength: widths[c], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[c] - row[c].count) + row[c] }.joined(separator: "  ")
            Swift.print(n == 0 ? paint(line, "1") : line)
        }
        Swift.print("\(r.tablesUnchanged) tables unchanged" + (r.noiseHidden > 0 ? ", \(Output.plural(r.noiseHidden, "noise change")) hidden (--include-noise)" : ""))
        if maxRows > 0 {
            for t in r.tables where t.change == .modified {
                Swift.print("\n" + paint("== \(t.table)", "1") + (t.match.map { "  (rows matched by \($0))" } ?? ""))
                for s in t.schema {
                    Swift.print("  schema: \(s.kind.rawValue) \(s.name) \(s.change.rawValue)" + (s.before.map { "\n    before: \($0)" } ?? "") + (s.after.map { "\n    after:  \($0)" } ?? ""))
                }
                for row in t.rows.prefix(maxRows) {
                    let key = row.key.keys.sorted().map { "\($0)=\(short(row.key[$0]!))" }.joined(separator: " ")
                    let sign = row.change == .added ? paint("+", "32") : row.change == .removed ? paint("-", "31") : paint("~", "33")
                    Swift.print("  \(sign) \(key)" + (row.matchedBy.map { "  (matched by \($0))" } ?? ""))
                    guard row.change == .changed else {
                        // The other columns of an added or removed row.
                        let others = row.columns.keys.sorted().filter { row.key[$0] == nil }
                        for name in others.prefix(8) { printWhole(name, row.columns[name]!, added: row.change == .added) }
                        if others.count > 8 { Swift.print("      … \(others.count - 8) more columns (see --json)") }
                        continue
                    }
                    for name in row.columns.keys.sorted() {
                        let c = row.columns[name]!
                        if let paths = c.paths, !paths.isEmpty {
                            Swift.print("      \(name) (\(c.format ?? "")):")
                            for p in paths.prefix(20) {
                                Swift.print("        \(p.display): \(p.before.map { short($0) } ?? "∅") → \(p.after.map { short($0) } ?? "∅")")
                            }
                            if paths.count > 20 { Swift.print("        … \(paths.count - 20) more (see --json)") }
                        } else {
                            Swift.print("      \(name): \(short(c.beforeText ?? c.before)) → \(short(c.afterText ?? c.after))")
                        }
                    }
                }
                let shown = min(t.rows.count, maxRows)
                let total = t.rowsAdded + t.rowsRemoved + t.rowsChanged
                if Int64(shown) < total { Swift.print("  … \(total - Int64(shown)) more row changes (--max-rows, --json)") }
            }
        }
        LeftoverText.print(r, paint: paint)
    }

    /// One column of an added or removed row: decoded by path like a changed value when it decodes
    /// (`key: value` per top-level entry), else its text (a binary column's text when it is text).
    private static func printWhole(_ name: String, _ c: DiffReport.ColumnChange, added: Bool) {
        if let paths = c.paths, !paths.isEmpty {
            Swift.print("      \(name) (\(c.format ?? "")):")
            for p in paths.prefix(20) {
                let v = short(added ? p.after : p.before)
                Swift.print("        " + (p.path.isEmpty ? v : "\(p.display): \(v)"))
            }
            if paths.count > 20 { Swift.print("        … \(paths.count - 20) more (see --json)") }
        } else {
            Swift.print("      \(name): \(short(added ? c.afterText ?? c.after : c.beforeText ?? c.before))")
        }
    }

    static func short(_ v: String?) -> String {
        guard let v else { return "NULL" }
        let oneLine = v.replacingOccurrences(of: "\n", with: "⏎")
        return oneLine.count > 60 ? "'" + oneLine.prefix(57) + "…'" : "'" + oneLine + "'"
    }
}
