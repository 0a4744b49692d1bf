import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// Takes a snapshot: database first (one consistent transaction, table by table through a spool file),
/// then the file tree, then the manifest, into one pax tar archive written under a hidden temporary
/// name, fsynced and renamed into place only when complete (mode 0600).
///
/// A backup is a `BackupPlan` (every check, nothing written) carried out by steps: reserve the id and
/// begin the snapshot in the store (`SnapshotSink`: the folder store's `FolderSink`), dump the database on a thread of its own
/// (`DatabaseDumpStep`) while the files are archived (`FileArchiveStep`), write the manifest
/// (`ManifestStep`), commit. On any failure or interruption the temporary file and the spool files are
/// removed, so no snapshot appears; the site and its database are only read.
public enum BackupRunner {
    /// Runs a backup into `store` (the CLI builds it from `--repo`).
    /// - Throws: `SitesnapError` (bad site/config/options: before anything is written; database,
    ///   disk and interruption errors: after removing the partial archive).
    public static func run(_ request: BackupRequest, store: Repository, cancellation: Cancellation? = nil,
                           progress: @escaping @Sendable (BackupProgress) -> Void = { _ in }) throws -> BackupResult {
        try run(try BackupPlan.make(request, store: store), cancellation: cancellation, progress: progress)
    }

    /// Carries out `plan`.
    static func run(_ plan: BackupPlan, cancellation: Cancellation?,
                    progress: @escaping @Sendable (BackupProgress) -> Void) throws -> BackupResult {
        let removedStale = plan.repository.sweepStale()
        let archive = try plan.repository.beginSnapshot(NewSnapshot(siteRoot: plan.site.root, label: plan.request.label,
                                                                    date: plan.started, fileExtension: plan.request.fileExtension))
        // Runs last: after the dump thread was joined and the prefetcher stopped (below).
        defer { archive.abandon() }
        do {
            // Read-ahead of the files starts now: the disk works while the server dumps the tables.
            let prefetcher = plan.request.includeFiles ? FilePrefetcher(root: plan.site.root, excludes: plan.excludes) : nil
            defer { prefetcher?.stop() }
            let report = serialized(progress)
            // The archive is written in parts, each its own compression stream (TarPartWriter): the
            // database part first, dumped on a thread of its own straight into the archive, while the
            // files are compressed into a spool part that is appended once the dump is complete
            // (FilePartsWriter); then the manifest part, which ends the archive.
            let database = DatabaseDumpStep(interrupt: cancellation)
            defer { database.stop() }
            try database.start(plan, into: archive, progress: report)
            let files = try FileArchiveStep.run(plan, into: archive, gate: database.gate, prefetcher: prefetcher,
                                                cancellation: cancellation, progress: report)
            let dump = try database.join()
            var warnings = (plan.configOutsideSite.map { [$0] } ?? []) + plan.foldersOutsideSite
            if let target = plan.target, let dump { warnings = BackupWarnings.database(dump, target: target) + warnings }
            warnings += files.result.warnings
            let leftOut = warnings.filter(\.leavesDataOut)
            if plan.request.strict, let first = leftOut.first {
                throw SitesnapError.strictWarnings(count: leftOut.count, first: "\(first.kind): \(first.subject): \(first.message)")
            }
            let manifest = ManifestStep.manifest(plan, id: archive.id, database: dump, files: files, warnings: warnings)
            try ManifestStep.write(manifest, plan, into: archive, cancellation: cancellation)
            let committed = try archive.commit(manifest)
            var result = BackupResult(id: committed.id, archive: committed.archivePath, manifestCopy: committed.manifestCopy, cms: plan.site.profile.name,
                                cmsVersion: plan.site.version, totals: committed.manifest.totals, warnings: warnings,
                                complete: leftOut.isEmpty, removedStale: removedStale,
                                seconds: Date().timeIntervalSince(plan.started), settingsFrom: plan.target?.origins ?? [:])
            result.unencryptedNotice = plan.repository.takeUnencryptedNotice()
            return result
        } catch let e as ArchiveError {
            let cause = e.code > 0 ? FileSystemErrors.errno(e.code) : e.message
            throw SitesnapError.archiveWriteFailed(path: archive.location, reason: "\(cause) (\(e.context))")
        } catch let e as CocoaError {
            throw SitesnapError.archiveWriteFailed(path: archive.location, reason: FileSystemErrors.reason(e))
        }
    }

    /// `progress`, called from two threads (tables, files): one at a time.
    private static func serialized(_ progress: @escaping @Sendable (BackupProgress) -> Void) -> @Sendable (BackupProgress) -> Void {
        let lock = Locked(())
        return { p in lock.withLock { _ in progress(p) } }
    }
}

/// The tool's version, recorded in manifests and printed by `--version`.
public enum SitesnapVersion {
    public static let current = "0.1.0"
}
