import ArchiveKit
import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The last part of a backup: the manifest, built from the plan and what the other parts wrote, as
/// the archive's last entry in a tar part of its own that ends the archive.
enum ManifestStep {
    /// The manifest of the snapshot (its `archive_bytes` is set on commit).
    static func manifest(_ plan: BackupPlan, id: String, database: DatabaseDumpInfo?, files: FileArchiveStep.Output,
                         warnings: [SnapshotWarning]) -> Manifest {
        let site = plan.site
        let tables = database?.tables ?? []
        let f = files.result
        let totals = Totals(files: f.files, directories: f.directories, symlinks: f.symlinks,
                            hardlinks: f.hardlinks > 0 ? f.hardlinks : nil, fileBytes: f.bytes, tables: tables.count,
                            rows: tables.reduce(0) { $0 + $1.rows },
                            databaseBytes: tables.reduce(0) { $0 + $1.bytes } + (database?.objects.reduce(0) { $0 + $1.bytes } ?? 0),
                            archiveBytes: 0)
        return Manifest(
            formatVersion: Manifest.currentFormatVersion, tool: "sitesnap", toolVersion: SitesnapVersion.current,
            id: id, createdAt: timestamp(plan.started), label: plan.request.label, tags: plan.request.tags.isEmpty ? nil : plan.request.tags,
            site: SiteInfo(root: site.root, cms: site.profile.id, cmsName: site.profile.name, cmsVersion: site.version,
                           configFile: plan.config?.file, tablePrefix: plan.target?.tablePrefix ?? plan.config?.text("table_prefix"),
                           docroot: site.docroot),
            archive: ArchiveInfo(compression: plan.request.compression.rawValue, level: plan.level),
            database: database, files: files.info, extensions: extensions(plan), warnings: warnings, totals: totals)
    }

    /// The inventory, with each extension's state from the CMS's record when the database was dumped.
    private static func extensions(_ plan: BackupPlan) -> [ExtensionInfo] {
        let found = ExtensionScanner.scan(plan.site)
        guard let target = plan.target else { return found }
        return ExtensionStatus.apply(plan.site.profile.database, to: found, target: target)
    }

    /// Writes the file index (from the sink's index spool, streamed) and `manifest` as `index.jsonl`
    /// and `manifest.json`, the last part of the archive.
    /// - Throws: `ArchiveError`, `SitesnapError.interrupted` (also during the compressor's last flush,
    ///   which can take long at high levels).
    static func write(_ manifest: Manifest, _ plan: BackupPlan, into archive: any SnapshotSink, cancellation: Cancellation?) throws {
        let data = try manifest.encoded()
        let last = try TarPartWriter(fileDescriptor: archive.fileDescriptor, compression: plan.compression, endOfArchive: true)
        if let index = manifest.files?.index { try writeIndex(index, from: archive.indexSpoolPath, into: last, plan) }
        try last.writeHeader(ArchiveEntry(path: "manifest.json", kind: .regular(size: Int64(data.count)),
                                          mode: 0o600, mtimeSeconds: plan.mtime))
        try data.withUnsafeBytes { try last.writeData($0, path: "manifest.json") }
        try cancellation?.check()
        try last.close()
        try cancellation?.check()
    }

    /// Copies the index spool into the archive as `index.jsonl`, checking it is the index the
    /// manifest describes (size and SHA-256 as the backup wrote it).
    private static func writeIndex(_ index: FileIndexInfo, from spool: String, into last: TarPartWriter, _ plan: BackupPlan) throws {
        let source = try FileByteSource(path: spool)
        try last.writeHeader(ArchiveEntry(path: index.entry, kind: .regular(size: index.bytes), mode: 0o600, mtimeSeconds: plan.mtime))
        var hasher = StreamingSHA256()
        let copied = try source.forEachChunk { chunk in
            hasher.update(chunk)
            try last.writeData(chunk, path: index.entry)
        }
        guard copied == index.bytes, hasher.finalizeHex() == index.sha256 else {
            throw SitesnapError.archiveWriteFailed(path: spool, reason: "the file index changed while it was copied into the archive")
        }
    }

    /// ISO 8601 UTC with milliseconds, e.g. "2026-11-29T17:53:21.123Z" (orders snapshots taken within
    /// one second).
    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }
}
