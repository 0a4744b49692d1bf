import Foundation
import SitesnapSystem
import SnapshotFormat

/// The steps that write a `RestorePlan` into the hidden folder and the staging database, in order
/// (the staging database is prepared and marked incomplete by `RestoreExecution` first):
/// 1. the pass over the archive (`ArchivePass`): dumps spooled and checked, then imported by two
///    connections while the files are extracted; each table checked as it is loaded, the files'
///    check started as soon as they are all written;
/// 2. the config rewritten in the hidden folder (`ConfigPlan`);
/// 3. the URL change (`SiteURLChange`), then the staging settings (`StagingSettings`);
/// 4. trusted views, routines and triggers (`--trust-code`), after sitesnap's own updates, so no
///    trigger fires on them;
/// 5. the verification of every file and table (`RestoreVerifier`), then the staging files
///    (`StagingHygiene`: not the snapshot's, so not verified against it);
/// 6. the hidden folder renamed into place (`TargetPlacement.moveIntoPlace`), the marker dropped.
/// A failure before step 6 leaves no target (the hidden folder is removed).
struct RestoreSteps {
    let plan: RestorePlan
    let folder: ExtractionFolder

    func run() throws -> RestoreResult {
        let m = plan.manifest, db = plan.db, temp = folder.path
        var result = plan.result
        guard mkdir(temp, 0o700) == 0 else {
            throw SitesnapError.restoreWriteFailed(path: temp, reason: FileSystemErrors.errno(errno))
        }
        var placed = false
        // Removed with FolderTree: folders the archive made 0555 do not stop it (as they would rm -rf).
        defer { if !placed { try? FolderTree.remove(temp) } }
        let spool = try DumpSpool(folder: temp + ".spool", manifest: m, tuning: plan.tuning,
                                  serverLoadsData: try m.database != nil && db.serverAllowsLocalData(), trustCode: plan.request.trustCode)
        defer { spool.removeFolder(); spool.removeTrustedCode() }
        var filesCheck: RestoreVerifier.FilesCheck?
        // Files the restore rewrites on purpose: the check skips their content, mode and time.
        let rewrittenFiles = Set([plan.config.rewritten ? plan.config.rel : nil, plan.multisite.rel].compactMap { $0 })
        let index = plan.snapshot.indexOpener
        let checkFiles = { RestoreVerifier.FilesCheck(index: index, totalBytes: m.totals.fileBytes, target: temp,
                                                      rewritten: rewrittenFiles, readBack: plan.request.readBack) }
        defer { _ = filesCheck?.wait() }  // never remove the folder under a running check
        let tableChecks = RestoreVerifier.TableChecks()
        try ArchivePass(plan: plan, temp: temp, tableChecks: tableChecks).run(spool) {
            // Files are all written: their check overlaps the rest of the database import.
            filesCheck = checkFiles()
        }
        spool.removeFolder()
        result.notRestored += leftOutNotes(spool.leftOut)
        // The files' check (which overlapped the import) ends before anything in the tree is
        // rewritten on purpose: replacing the config changes its folder's time for a moment, and a
        // check reading that folder then would report it.
        let filesVerified = (filesCheck ?? checkFiles()).wait()
        filesCheck = nil
        try plan.config.write(into: temp)
        try plan.multisite.write(into: temp)
        try plan.cancellation?.check()
        var rewritten = try SiteURLChange.run(plan, &result)
        rewritten.formUnion(try StagingSettings.apply(plan, &result))
        for (path, entry) in spool.trustedCode {
            try db.importDump(try FileByteSource(path: path), table: entry, kind: .trusted, cancellation: plan.cancellation)
        }
        plan.request.progress?("verifying every file and table against the manifest")
        result.verification = try RestoreVerifier.verify(manifest: m, files: filesVerified, db: db, rewritten: rewritten,
                                                          alreadyChecked: tableChecks.all)
        // Sitesnap's own staging files (the mail-off plugin), after the check of the snapshot's files,
        // which they are not part of; the folders they go into keep their times.
        if m.files != nil && plan.request.stagingSafety { try StagingHygiene.writeFiles(plan.profile, plan.snapshot.fileRecord, root: temp) }
        // Into place only now, when everything is written and checked. A snapshot without files
        // leaves the target as it was.
        if m.files != nil {
            try plan.cancellation?.check()
            try TargetPlacement.moveIntoPlace(temp, target: folder.target, aside: folder.old, targetExists: plan.target.exists)
            placed = true
            if plan.target.exists { try FolderTree.remove(folder.old) }
        }
        if result.verification?.ok == true && m.database != nil {
            try db.run { try db.connection.execute("DROP TABLE IF EXISTS \(StagingDatabase.marker)") }
        }
        result.seconds = Date().timeIntervalSince(plan.started)
        return result
    }

    /// What the result says of the views and routines not imported (none with `--trust-code`).
    private func leftOutNotes(_ entries: [String]) -> [String] {
        guard !plan.request.trustCode else { return [] }
        return entries.map { entry in
            let object = plan.manifest.database?.objects.first { $0.entry == entry }
            let what = object?.kind == "view" ? "views" : "routines and triggers"
            return "\(what) (\(object?.name ?? "")): not run from an archive; review \(entry) in the snapshot, then load it by hand (tar -xOf \(plan.snapshot.path) \(entry) | mariadb \(plan.db.name)) or restore with --trust-code"
        }
    }
}
