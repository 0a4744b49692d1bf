import Foundation
import SitesnapSystem
import SnapshotStore

/// Restores a snapshot onto a staging folder and a staging database, never onto the source site.
///
/// In two halves. The plan (`RestorePlan.make`) does every check that needs no pass over the archive
/// — the target folder and database are not the source nor a system location, the target can be put
/// in place, both are empty or `force` (then confirmed, `confirmRemoval`), the config can be
/// rewritten — and writes nothing; `--dry-run` ends there. The execution (`RestoreExecution`,
/// `RestoreSteps`) then makes one pass over the archive, checking each entry against the manifest
/// before it is used (`ArchiveAudit`); table dumps are spooled, every statement checked as it is
/// spooled, and imported only when every dump has passed, while the files are extracted into a
/// hidden folder beside the target. A refused archive or a signal leaves nothing (folder removed,
/// this site's tables dropped, the database too if the restore created it). The config is rewritten
/// in the hidden folder, then the URL change, the staging settings and a verification of every file
/// and table; the folder is renamed into place only then. docs/design.md ("Restore: plan and steps")
/// lists the threads.
public enum RestoreRunner {
    /// Restores from `store` (the CLI builds it from `--repo`).
    /// - Parameter password: asked when no password file or defaults file gives one and a terminal is
    ///   there (the CLI prompts); nil means use the source site's password.
    /// - Throws: `SitesnapError` (unsafe target, not empty without force, config not rewritable, refused
    ///   entry or statement, import failure with table and statement, database and I/O errors).
    public static func run(_ request: RestoreRequest, store: Repository, cancellation: Cancellation? = nil,
                           password: (() -> String?)? = nil) throws -> RestoreResult {
        let plan = try RestorePlan.make(request, store: store, cancellation: cancellation, password: password)
        if request.dryRun { return try plan.dryRunResult() }
        try plan.confirm()
        // The hold on the snapshot lasts until the restore has ended, whatever ARC makes of the plan.
        return try withExtendedLifetime(plan.hold) { try RestoreExecution.run(plan) }
    }
}
