import ArchiveKit
import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// Compares the database of two snapshots (or a snapshot and the live database): tables added and
/// removed, schema changes, row changes, and the leftovers of extensions that were removed.
///
/// Tables whose dump checksum is equal in both manifests are skipped without reading a row; the others
/// are compared by a streaming merge of the two dumps (`TableDiffer`). Every dump read is checked
/// against its manifest checksum.
public enum DiffEngine {
    /// Runs the comparison; snapshot references are resolved in `store` (the CLI builds it from `--repo`).
    /// - Throws: `SitesnapError` for missing/damaged snapshots, different sites (without `force`),
    ///   newer format versions, database errors in live mode.
    public static func run(_ request: DiffRequest, store snapshotStore: Repository) throws -> DiffReport {
        let repo = snapshotStore
        let beforePath = try repo.resolve(request.before)
        let before = try SnapshotReader(path: beforePath)
        guard let beforeDB = before.manifest.database else {
            throw SitesnapError.invalidOption(option: request.before, reason: "this snapshot has no database (taken with --no-db)")
        }
        let store = try ProfileStore(userDirectories: request.profileDirectories)
        let profile = store.profiles.first { $0.id == before.manifest.site.cms }

        var after: SnapshotReader?
        var live: LiveDatabase?
        var afterTables: [TableDump]
        var afterSide: DiffReport.Side
        if request.live {
            let root = request.liveSiteRoot ?? before.manifest.site.root
            let site = try SiteDetector.detect(root: root, profiles: store)
            let config = try SiteConfigReader.read(site: site, override: request.database.configFile)
            let target = try DatabaseTarget.resolve(config: config, profile: site.profile, overrides: request.database)
            if !request.force && (site.root != before.manifest.site.root || target.tablePrefix != beforeDB.tablePrefix) {
                throw SitesnapError.invalidOption(option: "--live \(site.root)", reason: "snapshot \(before.manifest.id) is of \(before.manifest.site.root) (table prefix '\(beforeDB.tablePrefix)'), not of this site; add --force to compare anyway")
            }
            let l = try LiveDatabase(target: target, allTables: beforeDB.allTables)
            live = l
            afterTables = l.tableNames.map { TableDump(name: $0, entry: "", engine: nil, collation: nil, rows: 0, bytes: 0, sha256: "",
                                                         orderKey: [], orderKind: "", orderKeyNumeric: []) }
            afterSide = DiffReport.Side(id: "live", archive: nil, createdAt: ISO8601DateFormatter().string(from: Date()), site: site.root,
                                        cms: site.profile.name, cmsVersion: site.version, database: l.databaseName)
        } else {
            guard let ref = request.after else { throw SitesnapError.invalidOption(option: "AFTER", reason: "give a second snapshot or --live") }
            let a = try SnapshotReader(path: try repo.resolve(ref))
            guard let afterDB = a.manifest.database else {
                throw SitesnapError.invalidOption(option: ref, reason: "this snapshot has no database (taken with --no-db)")
            }
            if !request.force && (a.manifest.site.root != before.manifest.site.root || a.manifest.site.cms != before.manifest.site.cms) {
                throw SitesnapError.invalidOption(option: ref, reason: "snapshots of different sites: \(before.manifest.id) is of \(before.manifest.site.root), \(a.manifest.id) of \(a.manifest.site.root); add --force to compare anyway")
            }
            after = a
            afterTables = afterDB.tables
            afterSide = side(a.manifest, path: a.path)
        }

        let prefix = beforeDB.tablePrefix
        func bare(_ name: String) -> String { name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name }
        func selected(_ name: String) -> Bool {
            let matches = { (g: String) in fnmatch(g, name, 0) == 0 || fnmatch(g, bare(name), 0) == 0 }
            return (request.tables.isEmpty || request.tables.contains(where: matches)) && !request.ignoreTables.contains(where: matches)
        }
        let noiseGlobs = profile?.database?.noiseTables ?? []
        func isNoiseTable(_ name: String) -> Bool { noiseGlobs.contains { fnmatch($0, bare(name), 0) == 0 } }
        func rules(_ name: String) -> TableRules {
            var r = TableRules()
            r.naturalKey = profile?.database?.naturalKeys?[bare(name)]
            r.noiseRows = (profile?.database?.noiseRows ?? []).filter { $0.table == bare(name) }.map { ($0.column, $0.prefixes) }
            r.includeNoise = request.includeNoise
            return r
        }

        let beforeByName = Dictionary(beforeDB.tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let afterByName = Dictionary(afterTables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let allNames = Set(beforeByName.keys).union(afterByName.keys)
        for g in request.tables where !allNames.contains(where: { fnmatch(g, $0, 0) == 0 || fnmatch(g, bare($0), 0) == 0 }) {
            throw SitesnapError.invalidOption(option: "--table \(g)", reason: "matches no table of either side (names are like \(allNames.sorted().prefix(3).joined(separator: ", ")))")
        }
        var report = DiffReport(before: side(before.manifest, path: before.path), after: afterSide, tables: [], leftovers: [],
                                removedExtensions: [], noiseHidden: 0, tablesUnchanged: 0)
        for name in Set(beforeByName.keys).union(afterByName.keys).sorted() where selected(name) {
            let noise = isNoiseTable(name)
            let b = beforeByName[name]
            var a = afterByName[name]
            var liveSpool: String?
            if let live, a != nil {
                let (dump, path) = try live.dump(name)
                a = dump
                liveSpool = path
            }
            defer { if let p = liveSpool { live?.discard(p) } }
            var change: DiffReport.TableChange
            switch (b, a) {
            case let (b?, nil):
                change = .init(table: name, change: "removed", noise: noise, schema: [], rowsAdded: 0, rowsRemoved: b.rows, rowsChanged: 0,
                               match: nil, rows: [], rowsTruncated: false)
            case let (nil, a?):
                change = .init(table: name, change: "added", noise: noise, schema: [], rowsAdded: a.rows, rowsRemoved: 0, rowsChanged: 0,
                               match: nil, rows: [], rowsTruncated: false)
            case let (b?, a?):
                if b.sha256 == a.sha256 { report.tablesUnchanged += 1; continue }
                let beforeRows = DumpRowReader(source: try before.open(entry: b.entry), name: "\(before.path): \(b.entry)")
                let afterSource: ByteSource = try liveSpool.map { try FileByteSource(path: $0) } ?? after!.open(entry: a.entry)
                let afterRows = DumpRowReader(source: afterSource, name: liveSpool == nil ? "\(after!.path): \(a.entry)" : "live table \(name)")
                try beforeRows.open()
                try afterRows.open()
                let schema = TableSchema(createStatement: beforeRows.createStatement).changes(to: TableSchema(createStatement: afterRows.createStatement))
                let sameKey = b.orderKey == a.orderKey
                let differ = TableDiffer(orderKey: sameKey ? b.orderKey : [], orderKeyNumeric: sameKey ? b.orderKeyNumeric : [],
                                         rules: rules(name), maxRows: request.maxRowsKept)
                let rows = try differ.run(before: beforeRows, after: afterRows)
                try check(beforeRows, expected: b.sha256, snapshot: before.path, entry: b.entry)
                if liveSpool == nil { try check(afterRows, expected: a.sha256, snapshot: after!.path, entry: a.entry) }
                report.noiseHidden += rows.noiseHidden
                if schema.isEmpty && rows.added == 0 && rows.removed == 0 && rows.changed == 0 {
                    // Only noise rows (or AUTO_INCREMENT) differed.
                    report.tablesUnchanged += 1
                    continue
                }
                change = .init(table: name, change: "modified", noise: noise, schema: schema, rowsAdded: rows.added, rowsRemoved: rows.removed,
                               rowsChanged: rows.changed, match: rows.match, rows: rows.rows, rowsTruncated: rows.truncated)
            default:
                continue
            }
            if noise && !request.includeNoise {
                report.noiseHidden += 1
                continue
            }
            report.tables.append(change)
        }

        // Leftovers of extensions gone since BEFORE.
        let afterExtensions = after?.manifest.extensions ?? (live != nil ? (try? ExtensionScanner.scan(SiteDetector.detect(root: afterSide.site, profiles: store))) ?? [] : [])
        let gone = before.manifest.extensions.filter { e in !afterExtensions.contains { $0.kind == e.kind && $0.slug == e.slug } }
        var targets = gone
        // A slug no snapshot lists is still searched for, by its name as a prefix (the extension may
        // have come and gone between two snapshots); the report's reasons say so.
        for slug in request.extensions where !targets.contains(where: { $0.slug == slug }) {
            targets.append(before.manifest.extensions.first { $0.slug == slug }
                           ?? ExtensionInfo(kind: "extension", slug: slug, name: slug, version: nil, file: ""))
        }
        report.removedExtensions = targets.map(\.slug)
        if let spec = profile?.database?.leftovers, !targets.isEmpty {
            // Older snapshots are looked for beside BEFORE when it was given as a path without --repo.
            let lookup = request.repository == nil && FileManager.default.fileExists(atPath: request.before)
                ? Repository(explicit: URL(fileURLWithPath: before.path).deletingLastPathComponent().path) : repo
            let finder = LeftoverFinder(spec: spec, prefix: prefix, before: before, repository: lookup)
            report.leftovers = try finder.find(extensions: targets, afterTables: afterTables.map(\.name)) { table -> DumpRowReader? in
                // A reader of AFTER's dump of `table`.
                if let live {
                    let (_, path) = try live.dump(table)
                    return DumpRowReader(source: try FileByteSource(path: path), name: "live table \(table)")
                }
                guard let entry = afterByName[table]?.entry else { return nil }
                return DumpRowReader(source: try after!.open(entry: entry), name: "\(after!.path): \(entry)")
            }
        }
        return report
    }

    private static func side(_ m: Manifest, path: String) -> DiffReport.Side {
        DiffReport.Side(id: m.id, archive: path, createdAt: m.createdAt, site: m.site.root, cms: m.site.cmsName,
                        cmsVersion: m.site.cmsVersion, database: m.database?.name)
    }

    private static func check(_ reader: DumpRowReader, expected: String, snapshot: String, entry: String) throws {
        let sha = try reader.finish()
        if sha != expected {
            throw SitesnapError.snapshotUnreadable(path: snapshot, reason: "entry \(entry) does not match its manifest checksum; run `sitesnap verify`")
        }
    }
}
