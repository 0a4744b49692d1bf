import Foundation
import SitesnapSystem
import SnapshotFormat

/// Carries out a checked `RestorePlan`: removes killed restores' hidden folders beside the target,
/// takes this restore's lock (`ExtractionFolder`), prepares the staging database (created if needed,
/// this site's tables dropped with `--force`) with a marker table that says "incomplete" until the
/// restore is verified, then runs the steps (`RestoreSteps`). What a failure leaves is decided here.
enum RestoreExecution {
    static func run(_ plan: RestorePlan) throws -> RestoreResult {
        var plan = plan
        let m = plan.manifest, db = plan.db
        plan.result.staleRemoved = try ExtractionFolder.removeStale(target: plan.target.path)
        let folder = try ExtractionFolder(target: plan.target.path)
        defer { folder.release() }
        let databaseExisted = try db.exists()
        var marked = false
        do {
            if m.database != nil {
                try db.prepare(emptying: plan.request.force && !plan.database.existing.isEmpty, plan.database.ownership)
                try db.run {
                    try db.connection.execute("CREATE TABLE \(StagingDatabase.marker) (note VARCHAR(255)) ENGINE=InnoDB")
                    marked = true
                    try db.connection.execute("INSERT INTO \(StagingDatabase.marker) VALUES (\(SQLLiteral.quote("restore of \(m.id) started \(Date()); dropped when it completes")))")
                }
            }
            return try RestoreSteps(plan: plan, folder: folder).run()
        } catch let e as SitesnapError {
            throw cleanUp(after: e, plan, databaseExisted: databaseExisted, marked: marked)
        }
    }

    /// Undoes what a failed restore wrote to the database, as far as it should, and returns the
    /// error to throw. The hidden folder is already gone (the steps remove it).
    private static func cleanUp(after e: SitesnapError, _ plan: RestorePlan, databaseExisted: Bool, marked: Bool) -> SitesnapError {
        let hasDatabase = plan.manifest.database != nil
        switch e {
        case .archiveEntryRefused, .statementRefused, .snapshotUnreadable, .interrupted:
            // A tampered, foreign or damaged archive, or a signal: what the restore wrote goes, so the
            // staging side is as it was, or without this site's tables after --force. The database
            // too, when this restore created it.
            if hasDatabase { try? plan.db.discard(dropDatabase: !databaseExisted, plan.database.ownership) }
            if case .snapshotUnreadable(let p, let r) = e {
                return .snapshotUnreadable(path: p, reason: r + "; nothing was restored (what the restore had written is removed)")
            }
            return e
        default:
            guard hasDatabase else { return e }
            // Before the marker table exists (the staging database could not be created or used, e.g.
            // access denied) nothing was imported: say nothing of an incomplete database, and drop one
            // this restore created.
            guard marked else {
                if !databaseExisted { try? plan.db.discard(dropDatabase: true, plan.database.ownership) }
                return e
            }
            return .restoreIncomplete(database: plan.db.name, target: plan.target.path, cause: e)
        }
    }
}
