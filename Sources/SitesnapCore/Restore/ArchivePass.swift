import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// The restore's one pass over the archive, on the calling thread: every entry is admitted by the
/// `ArchiveAudit` before it is used and its SHA-256 checked as it streams; table dumps are spooled and
/// checked statement by statement (`DumpSpool`), then, once every dump has passed, imported by two
/// connections (`ImportPool`) while the files are extracted into the hidden folder (`FileExtraction`);
/// the archive's own manifest must equal the copy the restore was planned from.
struct ArchivePass {
    let plan: RestorePlan
    /// The hidden folder the files go into.
    let temp: String
    /// Each table's check (dumped again, hashed) by the worker that loaded it, right away: the check
    /// overlaps the other imports, and sees the rows before --url or staging changes them.
    let tableChecks: RestoreVerifier.TableChecks

    /// Runs the pass; `filesWritten` is called once every file is written (the import may still run),
    /// and the pass returns when the import is done too.
    /// - Throws: `SitesnapError.archiveEntryRefused`, `.statementRefused`, `.snapshotUnreadable`
    ///   (damaged archive), `.restoreWriteFailed`, `.importFailed`, database errors, `.interrupted`.
    func run(_ spool: DumpSpool, filesWritten: () -> Void) throws {
        let m = plan.manifest
        var audit = try ArchiveAudit(snapshot: plan.snapshot)
        // Formats 1 and 2 from before owners were recorded (format 3 always records them).
        let ownersUnknown = m.files?.index == nil && (m.files?.entries.contains { $0.uid == nil } ?? false)
        let pool = try makePool(loadsData: spool.serverLoadsData)
        var poolFinished = false
        defer { if !poolFinished { pool?.stop() } }
        let cwd = FileManager.default.currentDirectoryPath
        guard chdir(temp) == 0 else { throw SitesnapError.restoreWriteFailed(path: temp, reason: FileSystemErrors.errno(errno)) }
        defer { _ = chdir(cwd) }
        do {
            let reader = try plan.snapshot.openArchive()  // through the store's source
            let files = try FileExtraction(temp: temp, archive: plan.snapshot.path)
            var root: ArchiveEntry?
            defer { files.abandon() }
            var count = 0
            while let e = try reader.nextEntry() {
                try plan.cancellation?.check()
                count += 1
                plan.request.progress?("restoring: \(count) entries · \(RawName.display(e.path))")
                if e.path == "manifest.json" {
                    try audit.confirmManifest(reader)
                } else if e.path == FileIndexInfo.entryName, m.files?.index != nil {
                    try audit.confirmIndex(reader)
                } else if let want = try audit.admit(e) {
                    if e.path.hasPrefix("database/") {
                        try spool.take(e, from: reader, audit: audit)
                        try spool.release(to: pool)  // once every dump has passed
                    } else if e.path == "files" || e.path.hasPrefix("files/") {
                        var e = e
                        // Format 4 headers carry whole seconds; the index the nanoseconds.
                        if m.formatVersion >= 4, let ns = want.mtimeNs { e.mtimeNanoseconds = ns }
                        if e.path == "files" { root = e }
                        try files.extract(e, from: reader, sha256: want.sha256, ownersUnknown: ownersUnknown)
                    }
                }
            }
            try files.finish()
            try audit.finish()
            try spool.release(to: pool)
            if let root { setRootTimes(root) }
            filesWritten()
            plan.request.progress?("restoring: waiting for the database import")
            poolFinished = true
            try pool?.finish()
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: plan.snapshot.path, reason: "damaged archive: \(e.message) (\(e.context)); run `sitesnap verify`")
        } catch SitesnapError.archiveWriteFailed(let path, let reason) {
            throw SitesnapError.restoreWriteFailed(path: path, reason: reason)
        }
    }

    /// Two import connections (none for a snapshot without a database: the database was not created).
    private func makePool(loadsData: Bool) throws -> ImportPool? {
        let m = plan.manifest
        guard m.database != nil else { return nil }
        var options = plan.db.target
        options.options.database = plan.db.name
        let manifestTables = Dictionary((m.database?.tables ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let checks = tableChecks
        return try ImportPool(workers: 2, cancellation: plan.cancellation,
                              connect: { try StagingDatabase(target: options, selectDatabase: true, loadData: loadsData) },
                              tableLoaded: { db, name in
                                  guard let t = manifestTables[name] else { return }
                                  checks.record(name, try RestoreVerifier.check(table: t, on: db))
                              })
    }

    /// libarchive leaves the times of "." (the tree's root) alone: they are set as archived.
    private func setRootTimes(_ root: ArchiveEntry) {
        guard root.kind == .directory else { return }
        let t = timespec(tv_sec: Int(root.mtimeSeconds), tv_nsec: Int(root.mtimeNanoseconds))
        var times = [t, t]
        _ = utimensat(AT_FDCWD, temp, &times, 0)
    }
}
