import Foundation
import MariaDBKit
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat

/// The staging database, checked on its server before anything is written: not a system database,
/// the target folder not inside the server's data directory, not the snapshot's source database on
/// the same server, no other site's tables the snapshot would overwrite, and none of this site's
/// tables there unless `force`.
struct StagingDatabaseCheck {
    /// The connection to the staging server (the database itself may not exist yet).
    let db: StagingDatabase
    /// Which tables are this restore's (and go with `force`).
    let ownership: StagingDatabase.Ownership
    /// This site's tables and views already there (dropped with `force`).
    let existing: [String]

    /// - Parameters: `source`: the source site's connection when known; `otherCoreTables`: the other
    ///   profiles' core tables (how another site sharing the database is recognised).
    /// - Throws: `SitesnapError.unsafeTarget`, `.targetNotEmpty`, `.archiveEntryRefused` (a table
    ///   named like sitesnap's marker), database errors.
    static func run(_ staging: DatabaseTarget, manifest m: Manifest, archive: String, profile: Profile, otherCoreTables: [[String]],
                    source: DatabaseTarget?, target: String, force: Bool) throws -> StagingDatabaseCheck {
        if m.database?.tables.contains(where: { $0.name == StagingDatabase.marker }) == true {
            throw SitesnapError.archiveEntryRefused(archive: archive, entry: StagingDatabase.marker, reason: "a table with sitesnap's own marker name")
        }
        let db = try StagingDatabase(target: staging)
        if let why = SystemLocations.refusal(database: db.name) {
            throw SitesnapError.unsafeTarget(what: "database \(db.name)", reason: why)
        }
        if let why = SystemLocations.refusal(folder: target, dataDirectory: try db.dataDirectory()) {
            throw SitesnapError.unsafeTarget(what: "folder \(target)", reason: why)
        }
        try refuseSourceDatabase(db, manifest: m, source: source)
        // Only this site's tables count (and go with --force): other sites may share the database
        // with another table prefix. A snapshot without a database writes no table.
        var ownership = StagingDatabase.Ownership(prefix: m.database?.tablePrefix ?? staging.tablePrefix,
                                                  names: Set(m.database?.tables.map(\.name) ?? []))
        if m.database != nil, try db.exists() {
            ownership.otherPrefixes = try otherSites(db, ownership, profile: profile, otherCoreTables: otherCoreTables)
        }
        let existing = m.database == nil ? [] : try db.existingTables(ownership)
        if !existing.isEmpty && !force {
            throw SitesnapError.targetNotEmpty(what: "staging database \(db.name) (\(existing.count) tables of prefix '\(ownership.prefix)': \(existing.prefix(3).joined(separator: ", "))\(existing.count > 3 ? ", ..." : ""))",
                                               hint: "add --force to replace them (never merged; tables of other prefixes stay).")
        }
        return StagingDatabaseCheck(db: db, ownership: ownership, existing: existing)
    }

    /// Never the source database on the same server (also for a --no-db snapshot, whose config would
    /// otherwise point the staging copy at it).
    private static func refuseSourceDatabase(_ db: StagingDatabase, manifest m: Manifest, source: DatabaseTarget?) throws {
        guard let sourceDB = m.database?.name ?? source?.options.database, sourceDB == db.name else { return }
        var sameServer = true
        if let s = source, let sc = try? MariaDBConnection(s.options) {
            sameServer = (try? StagingDatabase.identity(sc)) == (try? StagingDatabase.identity(db.connection))
            sc.close()
        }
        if sameServer {
            throw SitesnapError.unsafeTarget(what: "database \(sourceDB)", reason: "it is the snapshot's source database on the same server")
        }
    }

    /// Another site whose prefix extends this one (`wp_shop_` beside `wp_`) is not this site's to drop;
    /// a snapshot that holds tables of that prefix itself would overwrite it: refused.
    private static func otherSites(_ db: StagingDatabase, _ ownership: StagingDatabase.Ownership, profile: Profile,
                                   otherCoreTables: [[String]]) throws -> [String] {
        let own = (profile.database?.coreTables ?? []).filter { ownership.names.contains(ownership.prefix + $0) }
        let prefixes = try db.otherSitePrefixes(prefix: ownership.prefix,
                                                signatures: [own.isEmpty ? profile.database?.coreTables ?? [] : own] + otherCoreTables)
        for p in prefixes {
            let clash = ownership.names.filter { $0.hasPrefix(p) }.sorted()
            if !clash.isEmpty {
                throw SitesnapError.unsafeTarget(what: "staging database \(db.name)",
                                                 reason: "it holds another site's tables of prefix '\(p)', and the snapshot holds tables of that prefix too (\(clash.prefix(3).joined(separator: ", "))\(clash.count > 3 ? ", ..." : "")), which --force would replace with the snapshot's; restore into another database, or drop that site's '\(p)' tables first if they are this snapshot's own")
            }
        }
        return prefixes
    }
}
