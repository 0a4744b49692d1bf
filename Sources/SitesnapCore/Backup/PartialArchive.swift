import Foundation
import SitesnapSystem
import SnapshotFormat

/// The snapshot being written: its reserved id (a placeholder manifest copy), the archive under a
/// hidden temporary name (mode 0600, locked), and the paths of the spool files beside it. Either
/// `commit` publishes it (manifest copy first, then the archive by rename) or `discard` removes every
/// trace of it.
final class PartialArchive {
    let id: String
    let repositoryPath: String
    /// `<id><ext>`: the name the archive gets on commit.
    let finalPath: String
    /// `.<id><ext>.partial-<pid>`: the name it is written under.
    let partialPath: String
    /// `<id>.manifest.json` beside the archive (reserved empty until commit).
    let copyPath: String
    /// The compressed files part while the database part is still being dumped (FilePartsWriter).
    let filesSpool: String
    /// The archive's descriptor, open for writing until commit or discard.
    let fd: Int32
    private(set) var isCommitted = false
    private var isOpen = true

    /// Reserves the id and creates the partial archive.
    /// - Throws: `SitesnapError.repositoryNotWritable`.
    init(plan: BackupPlan) throws {
        let repo = plan.repository
        let ext = plan.request.fileExtension
        id = try repo.reserveID(siteRoot: plan.site.root, label: plan.request.label, date: plan.started, fileExtension: ext)
        repositoryPath = repo.path
        copyPath = repo.path + "/" + id + ".manifest.json"
        finalPath = repo.path + "/" + id + ext
        partialPath = repo.path + "/." + id + ext + ".partial-\(getpid())"
        filesSpool = repo.path + "/.\(id).files-spool-\(getpid())"
        fd = open(partialPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = FileSystemErrors.errno(errno)
            unlink(copyPath)
            throw SitesnapError.repositoryNotWritable(path: repo.path, reason: reason)
        }
        // Held until the process ends: how a later backup or `list` tells a partial of a killed backup
        // (lock free) from one being written (StaleWork).
        flock(fd, LOCK_EX | LOCK_NB)
    }

    /// Removes the partial archive, the files spool and the reserved manifest copy. Call only after
    /// every thread writing into the archive has stopped.
    func discard() {
        guard !isCommitted else { return }
        if isOpen { close(fd); isOpen = false }
        unlink(partialPath)
        // Here, not only in FilePartsWriter's deinit: its last release can happen on the writer
        // thread after this thread has left the process (a failed backup left the spool).
        unlink(filesSpool)
        unlink(copyPath)
    }

    /// Publishes the complete archive: fsync, the manifest copy (with the archive's size) written
    /// atomically, then the rename into place and an fsync of the folder.
    /// - Throws: `SitesnapError.archiveWriteFailed`.
    func commit(_ manifest: inout Manifest) throws {
        guard fsync(fd) == 0 else { throw SitesnapError.archiveWriteFailed(path: finalPath, reason: FileSystemErrors.errno(errno)) }
        // The manifest copy first (so a listed archive always has one), then the archive.
        manifest.totals.archiveBytes = Int64((try? FileManager.default.attributesOfItem(atPath: partialPath)[.size] as? NSNumber)?.int64Value ?? 0)
        try Self.writeAtomically(try manifest.encoded(), to: copyPath)
        guard rename(partialPath, finalPath) == 0 else {
            throw SitesnapError.archiveWriteFailed(path: finalPath, reason: FileSystemErrors.errno(errno))
        }
        isCommitted = true
        close(fd)  // only now: its lock marks the partial as being written until it is renamed
        isOpen = false
        Self.syncDirectory(repositoryPath)
    }

    /// Writes `data` to `path` through a temporary file, fsync and rename (mode 0600).
    static func writeAtomically(_ data: Data, to path: String) throws {
        do { try AtomicFile.write(Array(data), to: path, mode: 0o600) }
        catch { throw SitesnapError.archiveWriteFailed(path: path, reason: error.reason) }
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
