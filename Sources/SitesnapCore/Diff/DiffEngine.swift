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
        let shelf = SnapshotShelf()
        let before = try shelf.open(repo.resolve(request.before, site: request.site))
        guard let beforeDB = before.manifest.database else {
            throw SitesnapError.invalidOption(option: request.before, reason: "this snapshot has no database (taken with --no-db)")
        }
        let store = try ProfileStore(userDirectories: request.profileDirectories)
        let profile = store.profile(for: before.manifest.site)
        let after = try DiffAfter.open(request, before: before, beforeDB: beforeDB, repository: repo, shelf: shelf, profiles: store)
        let scope = DiffScope(request: request, prefix: beforeDB.tablePrefix, profile: profile)

        let beforeByName = Dictionary(beforeDB.tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let afterByName = Dictionary(after.tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let allNames = Set(beforeByName.keys).union(afterByName.keys)
        try scope.checkTableGlobs(against: allNames)
        var report = DiffReport(before: DiffAfter.side(before.manifest, path: before.path), after: after.side, tables: [], leftovers: [],
                                removedExtensions: [], noiseHidden: 0, tablesUnchanged: 0)
        for name in allNames.sorted() where scope.selected(name) {
            let change = try compare(name, before: beforeByName[name], after: afterByName[name], snapshots: (before, after),
                                     scope: scope, report: &report)
            guard let change else { continue }
            if change.noise && !request.includeNoise {
                report.noiseHidden += 1
                continue
            }
            report.tables.append(change)
        }
        try findLeftovers(request, before: before, after: after, repository: repo, shelf: shelf, profiles: store, scope: scope,
                          afterByName: afterByName, report: &report)
        return report
    }

    /// The change of one table, nil when it is unchanged (counted in `report.tablesUnchanged`; the
    /// noise rows hidden are counted in `report.noiseHidden`). A live AFTER table is dumped first.
    private static func compare(_ name: String, before b: TableDump?, after a: TableDump?,
                                snapshots: (before: SnapshotReader, after: DiffAfter), scope: DiffScope,
                                report: inout DiffReport) throws -> DiffReport.TableChange? {
        let noise = scope.isNoise(name)
        var a = a
        var liveSpool: String?
        if let live = snapshots.after.live, a != nil {
            let (dump, path) = try live.dump(name)
            a = dump
            liveSpool = path
        }
        defer { if let p = liveSpool { snapshots.after.live?.discard(p) } }
        switch (b, a) {
        case let (b?, nil):
            return .init(table: name, change: .removed, noise: noise, schema: [], rowsAdded: 0, rowsRemoved: b.rows, rowsChanged: 0,
                         match: nil, rows: [], rowsTruncated: false)
        case let (nil, a?):
            return .init(table: name, change: .added, noise: noise, schema: [], rowsAdded: a.rows, rowsRemoved: 0, rowsChanged: 0,
                         match: nil, rows: [], rowsTruncated: false)
        case let (b?, a?):
            if b.sha256 == a.sha256 { report.tablesUnchanged += 1; return nil }
            return try compareRows(name, before: b, after: a, liveSpool: liveSpool, snapshots: snapshots, scope: scope,
                                   noise: noise, report: &report)
        default:
            return nil
        }
    }

    /// Merges the rows of a table both sides have (their checksums differ). `liveSpool` is AFTER's
    /// dump of a live table.
    private static func compareRows(_ name: String, before b: TableDump, after a: TableDump, liveSpool: String?,
                                    snapshots: (before: SnapshotReader, after: DiffAfter), scope: DiffScope, noise: Bool,
                                    report: inout DiffReport) throws -> DiffReport.TableChange? {
        let (before, after) = snapshots
        let beforeRows = DumpRowReader(source: try before.open(entry: b.entry), name: "\(before.path): \(b.entry)")
        let afterSource: ByteSource = try liveSpool.map { try FileByteSource(path: $0) } ?? after.snapshot!.open(entry: a.entry)
        let afterRows = DumpRowReader(source: afterSource, name: liveSpool == nil ? "\(after.snapshot!.path): \(a.entry)" : "live table \(name)")
        try beforeRows.open()
        try afterRows.open()
        let schema = TableSchema(createStatement: beforeRows.createStatement).changes(to: TableSchema(createStatement: afterRows.createStatement))
        let differ = TableDiffer(before: b, after: a, rules: scope.rules(name), maxRows: scope.request.maxRowsKept)
        let rows = try differ.run(before: beforeRows, after: afterRows)
        try check(beforeRows, expected: b.sha256, snapshot: before.path, entry: b.entry)
        if liveSpool == nil { try check(afterRows, expected: a.sha256, snapshot: after.snapshot!.path, entry: a.entry) }
        report.noiseHidden += rows.noiseHidden
        if schema.isEmpty && rows.added == 0 && rows.removed == 0 && rows.changed == 0 {
            // Only noise rows (or AUTO_INCREMENT) differed.
            report.tablesUnchanged += 1
            return nil
        }
        return .init(table: name, change: .modified, noise: noise, schema: schema, rowsAdded: rows.added, rowsRemoved: rows.removed,
                     rowsChanged: rows.changed, match: rows.match, rows: rows.rows, rowsTruncated: rows.truncated)
    }

    /// Leftovers of extensions gone since BEFORE (also those that came and went after it, found in the
    /// snapshots in between; those uninstalled with their files left; and those named with `--extension`).
    private static func findLeftovers(_ request: DiffRequest, before: SnapshotReader, after: DiffAfter, repository repo: Repository,
                                      shelf: SnapshotShelf, profiles store: ProfileStore, scope: DiffScope, afterByName: [String: TableDump],
                                      report: inout DiffReport) throws {
        guard let spec = scope.profile?.database?.leftovers else { return }
        // Other snapshots are looked for beside BEFORE when it was given as a path without --repo.
        let lookup = request.repository == nil && FileManager.default.fileExists(atPath: request.before)
            ? Repository(explicit: URL(fileURLWithPath: before.path).deletingLastPathComponent().path) : repo
        let prefix = scope.prefix
        let afterExtensions = after.extensions(profiles: store)
        let targets = try LeftoverTargets(before: before, timeline: shelf.timeline(of: before.manifest, in: lookup),
                                          afterManifest: after.snapshot?.manifest, afterExtensions: afterExtensions, open: shelf.open)
            .make(requested: request.extensions, records: InstalledRecords(records: spec.installed ?? [], tablePrefix: prefix),
                  beforeTable: { bare in
                      guard let t = before.manifest.database?.tables.first(where: { $0.name == prefix + bare }) else { return nil }
                      return DumpRowReader(source: try before.open(entry: t.entry), name: "\(before.path): \(t.entry)")
                  },
                  afterTable: { bare in try after.rows(of: prefix + bare, entry: afterByName[prefix + bare]?.entry)?.0 })
        report.removedExtensions = targets.map(\.ext.slug)
        report.extensions = targets.map(\.report)
        guard !targets.isEmpty else { return }
        let finder = LeftoverFinder(spec: spec, tablePrefix: prefix)
        let found = try finder.find(targets, after: .init(tables: after.tables.map(\.name), extensions: afterExtensions) { table in
            try after.rows(of: table, entry: afterByName[table]?.entry)
        })
        // --table / --ignore-table limit the leftovers (and so the cleanup) too.
        report.leftovers = found.leftovers.filter { scope.selected($0.table) }
        report.valueEdits = found.edits.filter { scope.selected($0.table) }
    }

    private static func check(_ reader: DumpRowReader, expected: String, snapshot: String, entry: String) throws {
        let sha = try reader.finish()
        if sha != expected {
            throw SitesnapError.snapshotUnreadable(path: snapshot, reason: "entry \(entry) does not match its manifest checksum; run `sitesnap verify`")
        }
    }
}
