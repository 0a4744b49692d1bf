import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// `sitesnap changes`: what changed between BEFORE (a snapshot) and AFTER (a snapshot, or the live
/// site): the CMS version and extensions (from the manifests' inventories, or the live scan), the
/// files by owner (a merge of the two per-file indexes in `WalkOrder`, or of BEFORE's index with the
/// live walk hashing as it reads), the directives of the web server and PHP files among them (their
/// text streamed from the archives or read live), and the database's table-level summary (diff-db's
/// engine, `DiffEngine`). Memory: one index record per side and the counts per owner, whatever the
/// number of files (docs/changes.md).
public enum ChangesEngine {
    /// Runs the comparison; references are resolved in `store`.
    /// - Throws: `SitesnapError` for a missing, damaged or newer snapshot, snapshots (or a live site)
    ///   of different sites without `force`, a live site that is not there, and diff-db's errors.
    public static func run(_ request: ChangesRequest, store: Repository, cancellation: Cancellation? = nil) throws -> ChangesReport {
        let before = try open(request.before, in: store, site: request.liveSiteRoot)
        let profiles = try ProfileStore(userDirectories: request.profileDirectories)
        let after = try ChangesAfter.open(request, before: before, store: store, profiles: profiles, open: { try open($0, in: store, site: request.liveSiteRoot) })
        let bm = before.manifest
        var report = ChangesReport(before: side(bm, path: before.path), after: after.side)
        let versionBefore = bm.site.cmsVersion, versionAfter = after.side.cmsVersion
        if versionBefore != versionAfter { report.core = .init(before: versionBefore, after: versionAfter) }
        let afterExtensions = after.extensions()
        report.extensions = ExtensionChanges.compare(before: bm.extensions, after: afterExtensions)
        if let why = filesSkipped(before, after) {
            report.filesSkipped = why
        } else {
            let owners = FileOwners(profile: after.profile ?? profiles.profile(for: bm.site), extensions: bm.extensions + afterExtensions)
            let tally = try compareFiles(before: before, after: after, owners: owners, listAll: request.listAllFiles, cancellation: cancellation)
            report.files = tally.result(coreVersionUnchanged: report.core == nil)
            report.directives = try directives(tally.directiveFiles, before: before, after: after)
        }
        (report.database, report.databaseSkipped) = try database(request, before: before, after: after, store: store)
        return report
    }

    /// The one call that turns a reference into a snapshot (as diff-db resolves its own), kept in one
    /// place so that snapshot selectors (issue 15) replace only this.
    /// - Throws: `SitesnapError.snapshotNotFound`, `.snapshotAmbiguous`, `.snapshotUnreadable`, `.snapshotTooNew`.
    /// A SNAPSHOT selector (id, prefix, label, `latest`, `latest~N`, archive path), `site` (`--site`)
    /// narrowing `latest`, labels and prefixes, as for every command.
    static func open(_ reference: String, in store: Repository, site: String? = nil) throws -> SnapshotReader {
        try SnapshotReader(path: store.resolve(reference, site: site))
    }

    static func side(_ m: Manifest, path: String) -> ChangesReport.Side {
        DiffAfter.side(m, path: path)
    }

    /// Merges BEFORE's index with AFTER's (or the live walk), checking that each index read whole is
    /// the one its manifest describes.
    private static func compareFiles(before: SnapshotReader, after: ChangesAfter, owners: FileOwners, listAll: Bool,
                                     cancellation: Cancellation?) throws -> FileChangeTally {
        let beforeIndex = try before.fileIndex()
        var merge = FileChangeMerge(before: beforeIndex, tally: FileChangeTally(owners: owners, listAll: listAll))
        if let snapshot = after.snapshot {
            let afterIndex = try snapshot.fileIndex()
            var n = 0
            while let r = try afterIndex.next() {
                try merge.after(r)
                n += 1
                if n & 1023 == 0 { try cancellation?.check() }
            }
            try checkIndex(afterIndex, snapshot)
        } else {
            let excludes = ExcludeMatcher(before.manifest.files?.excludeRules ?? [])
            _ = try LiveTree(root: after.side.site, excludes: excludes, cancellation: cancellation).walk { try merge.after($0) }
        }
        try merge.finish()
        try checkIndex(beforeIndex, before)
        return merge.tally
    }

    private static func filesSkipped(_ before: SnapshotReader, _ after: ChangesAfter) -> String? {
        for m in [before.manifest, after.snapshot?.manifest].compactMap({ $0 }) where m.files == nil {
            return "\(m.id) has no files (taken with --no-files)"
        }
        return nil
    }

    private static func checkIndex(_ index: FileIndexReader, _ snapshot: SnapshotReader) throws {
        guard let info = snapshot.manifest.files?.index else { return }
        if !info.describes(count: index.count, sha256: index.sha256()) {
            throw SitesnapError.snapshotUnreadable(path: snapshot.path, reason: "its file index is not the one its manifest describes; run `sitesnap verify`")
        }
    }

    /// The directive changes of each changed web server or PHP file, both texts read once.
    private static func directives(_ files: [(path: String, change: ChangesReport.FileChangeKind)], before: SnapshotReader,
                                   after: ChangesAfter) throws -> [ChangesReport.DirectiveFile] {
        guard !files.isEmpty else { return [] }
        let old = try DirectiveSources.read(Set(files.filter { $0.change != .added }.map(\.path)), from: before)
        let wantedNew = Set(files.filter { $0.change != .removed }.map(\.path))
        let new = try after.snapshot.map { try DirectiveSources.read(wantedNew, from: $0) } ?? DirectiveSources.read(wantedNew, live: after.side.site)
        return files.compactMap { f in
            guard let syntax = DirectiveSyntax.of(path: f.path) else { return nil }
            let changes = DirectiveDiff.compare(before: old[f.path], after: new[f.path], syntax: syntax)
            guard !changes.isEmpty else { return nil }
            return .init(path: f.path, syntax: syntax.rawValue, change: f.change, directives: changes)
        }
    }

    /// diff-db's table-level summary, or why there is none.
    private static func database(_ request: ChangesRequest, before: SnapshotReader, after: ChangesAfter,
                                 store: Repository) throws -> (ChangesReport.Database?, String?) {
        if request.skipDatabase { return (nil, "--no-db") }
        guard before.manifest.database != nil else { return (nil, "\(before.manifest.id) has no database (taken with --no-db)") }
        if let s = after.snapshot, s.manifest.database == nil { return (nil, "\(s.manifest.id) has no database (taken with --no-db)") }
        var d = DiffRequest(before: before.path)
        d.after = after.snapshot?.path
        d.live = after.snapshot == nil
        d.liveSiteRoot = after.snapshot == nil ? after.side.site : nil
        d.repository = request.repository
        d.force = request.force
        d.database = request.database
        d.profileDirectories = request.profileDirectories
        d.maxRowsKept = 0
        let r = try DiffEngine.run(d, store: store)
        let tables = r.tables.map {
            ChangesReport.TableSummary(table: $0.table, change: $0.change.rawValue, rowsAdded: $0.rowsAdded, rowsRemoved: $0.rowsRemoved,
                                       rowsChanged: $0.rowsChanged, schemaChanges: $0.schema.count)
        }
        let command = "sitesnap diff-db \(before.manifest.id) " + (after.snapshot.map { $0.manifest.id } ?? "--live")
        return (.init(tables: tables, tablesUnchanged: r.tablesUnchanged, noiseHidden: r.noiseHidden, leftovers: r.leftovers.count,
                      command: command), nil)
    }
}
