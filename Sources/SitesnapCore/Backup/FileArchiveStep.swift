import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The files part of a backup: the site tree through `FileArchiver` into a `FilePartsWriter` (on the
/// archive-writer thread), which spools it while the database part is still being dumped and then
/// writes into the archive itself (docs/design.md, "Backup: plan and steps").
enum FileArchiveStep {
    struct Output {
        /// The manifest's `files` (nil with `--no-files`).
        var info: FilesInfo?
        var result = FileArchiver.Result()
    }

    /// Archives the tree when the plan includes the files.
    /// - Throws: `ArchiveError`, `SitesnapError` (spool file, interruption, the dump's error through
    ///   `gate`).
    static func run(_ plan: BackupPlan, into archive: any SnapshotSink, gate: DatabaseGate, prefetcher: FilePrefetcher?,
                    cancellation: Cancellation?, progress: @escaping (BackupProgress) -> Void) throws -> Output {
        guard plan.request.includeFiles else { return Output() }
        let filesPart = PipelinedWriter(try FilePartsWriter(archiveFD: archive.fileDescriptor, spoolPath: archive.filesSpoolPath,
                                                            compression: plan.compression, gate: gate))
        var closed = false
        defer { if !closed { filesPart.abandon() } }
        let index: FileIndexWriter
        do { index = try FileIndexWriter(path: archive.indexSpoolPath) }
        catch { throw SitesnapError.archiveWriteFailed(path: error.path, reason: error.reason) }
        let result = try FileArchiver(root: plan.site.root, excludes: plan.excludes, writer: filesPart, index: index,
                                      prefetcher: prefetcher, cancellation: cancellation, progress: progress).run()
        try filesPart.close()
        closed = true
        let indexInfo: FileIndexInfo
        do { indexInfo = try index.finish() }
        catch { throw SitesnapError.archiveWriteFailed(path: error.path, reason: error.reason) }
        var counted = plan.rules
        for (i, n) in result.excluded.enumerated() where i < counted.count { counted[i].entries = n }
        return Output(info: FilesInfo(excludes: plan.rules.map(\.glob), excludeRules: counted, index: indexInfo),
                      result: result)
    }
}
