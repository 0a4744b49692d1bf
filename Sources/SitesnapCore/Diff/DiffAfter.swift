import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The AFTER side of a diff: a second snapshot, or the site's current database (`--live`), whose
/// tables are dumped one at a time as they are compared.
struct DiffAfter {
    let snapshot: SnapshotReader?
    let live: LiveDatabase?
    /// AFTER's tables (for a live database: names only; the dumps come from `live.dump`).
    let tables: [TableDump]
    let side: DiffReport.Side

    /// Opens AFTER as the request says.
    /// - Throws: `SitesnapError.invalidOption` (no AFTER, no database in it, another site without
    ///   `--force`), the snapshot's and the database's errors.
    static func open(_ request: DiffRequest, before: SnapshotReader, beforeDB: DatabaseDumpInfo, repository repo: Repository,
                     shelf: SnapshotShelf, profiles store: ProfileStore) throws -> DiffAfter {
        if request.live { return try live(request, before: before, beforeDB: beforeDB, profiles: store) }
        guard let ref = request.after else { throw SitesnapError.invalidOption(option: "AFTER", reason: "give a second snapshot or --live") }
        let a = try shelf.open(repo.resolve(ref, site: request.site))
        guard let afterDB = a.manifest.database else {
            throw SitesnapError.invalidOption(option: ref, reason: "this snapshot has no database (taken with --no-db)")
        }
        if !request.force && (a.manifest.site.root != before.manifest.site.root || a.manifest.site.cms != before.manifest.site.cms) {
            throw SitesnapError.invalidOption(option: ref, reason: "snapshots of different sites: \(before.manifest.id) is of \(before.manifest.site.root), \(a.manifest.id) of \(a.manifest.site.root); add --force to compare anyway")
        }
        return DiffAfter(snapshot: a, live: nil, tables: afterDB.tables, side: side(a.manifest, path: a.path))
    }

    private static func live(_ request: DiffRequest, before: SnapshotReader, beforeDB: DatabaseDumpInfo,
                             profiles store: ProfileStore) throws -> DiffAfter {
        let root = request.liveSiteRoot ?? before.manifest.site.root
        let site = try SiteDetector.detect(root: root, profiles: store)
        // The config the snapshot read, when it is of this site and still there: the same site folder
        // of a multisite (--site-dir at backup), without saying so again.
        let snapshotConfig = before.manifest.site.configFile.flatMap { f in
            site.root == before.manifest.site.root && FileManager.default.fileExists(atPath: f) ? f : nil
        }
        let config = try SiteConfigReader.read(site: site, override: request.database.configFile ?? snapshotConfig)
        let target = try DatabaseTarget.resolve(config: config, profile: site.profile, overrides: request.database)
        if !request.force && (site.root != before.manifest.site.root || target.tablePrefix != beforeDB.tablePrefix) {
            throw SitesnapError.invalidOption(option: "--live \(site.root)", reason: "snapshot \(before.manifest.id) is of \(before.manifest.site.root) (table prefix '\(beforeDB.tablePrefix)'), not of this site; add --force to compare anyway")
        }
        let l = try LiveDatabase(target: target, allTables: beforeDB.allTables)
        let tables = l.tableNames.map { TableDump(name: $0, entry: "", engine: nil, collation: nil, rows: 0, bytes: 0, sha256: "",
                                                  orderKey: [], orderKind: "", orderKeyNumeric: []) }
        let side = DiffReport.Side(id: "live", archive: nil, createdAt: ISO8601DateFormatter().string(from: Date()), site: site.root,
                                   cms: site.profile.name, cmsVersion: site.version, database: l.databaseName)
        return DiffAfter(snapshot: nil, live: l, tables: tables, side: side)
    }

    /// The extensions AFTER has: its manifest's, or those scanned in the live site now.
    func extensions(profiles store: ProfileStore) -> [ExtensionInfo] {
        snapshot?.manifest.extensions
            ?? (live != nil ? (try? ExtensionScanner.scan(SiteDetector.detect(root: side.site, profiles: store))) ?? [] : [])
    }

    /// A reader of AFTER's dump of `table` and the table's primary key columns (nil when AFTER has no
    /// such table).
    func rows(of table: String, entry: String?) throws -> (DumpRowReader, [String])? {
        if let live {
            guard tables.contains(where: { $0.name == table }) else { return nil }
            let (dump, path) = try live.dump(table)
            return (DumpRowReader(source: try FileByteSource(path: path), name: "live table \(table)"), dump.orderKey)
        }
        guard let entry, let snapshot, let t = tables.first(where: { $0.name == table }) else { return nil }
        return (DumpRowReader(source: try snapshot.open(entry: entry), name: "\(snapshot.path): \(entry)"), t.orderKey)
    }

    static func side(_ m: Manifest, path: String) -> DiffReport.Side {
        DiffReport.Side(id: m.id, archive: path, createdAt: m.createdAt, site: m.site.root, cms: m.site.cmsName,
                        cmsVersion: m.site.cmsVersion, database: m.database?.name)
    }
}
