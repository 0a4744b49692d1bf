import Foundation
import SitesnapSystem
import SnapshotFormat

/// A new snapshot being written into a repository folder, invisible until `commit`.
///
/// Today's protocol of the folder, step by step: the id is reserved by creating `<id>.manifest.json`
/// empty with O_EXCL (`Repository.reserveID`); the archive is written to the hidden
/// `.<id><ext>.partial-<pid>` (mode 0600), on which an exclusive `flock(2)` is held until it is
/// renamed, so that `StaleWork` can tell it from a killed backup's; the spools are hidden
/// `.sitesnap-spool-<pid>-*` folders and the `.<id>.files-spool-<pid>` and `.<id>.index-spool-<pid>`
/// files beside it. `commit` fsyncs the archive, renames the index spool to `<id>.index.jsonl`, writes
/// the manifest copy (temp file, fsync, rename), renames the archive into place and fsyncs the
/// folder: a listed archive always has its copies. Abandoning unlinks all of it.
package final class FolderSink: SnapshotSink {
    package let id: String
    package let location: String
    package let fileDescriptor: Int32
    package let filesSpoolPath: String
    package let indexSpoolPath: String
    private let repository: String
    private let partialPath: String
    private let copyPath: String
    private let indexCopyPath: String
    private var spoolFolders: [String] = []
    private var finished = false

    /// - Throws: `SitesnapError.repositoryNotWritable`.
    init(repository: Repository, _ plan: NewSnapshot) throws {
        let dir = repository.path
        id = try repository.reserveID(siteRoot: plan.siteRoot, label: plan.label, date: plan.date, fileExtension: plan.fileExtension)
        self.repository = dir
        copyPath = dir + "/" + id + ".manifest.json"
        location = dir + "/" + id + plan.fileExtension
        partialPath = dir + "/." + id + plan.fileExtension + ".partial-\(getpid())"
        filesSpoolPath = dir + "/.\(id).files-spool-\(getpid())"
        indexSpoolPath = dir + "/.\(id).index-spool-\(getpid())"
        indexCopyPath = dir + "/" + id + Repository.indexCopySuffix
        let fd = open(partialPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = FileSystemErrors.errno(errno)
            unlink(copyPath)
            throw SitesnapError.repositoryNotWritable(path: dir, reason: reason)
        }
        fileDescriptor = fd
        // Held until the archive is renamed (or the process ends): how a later backup or `list` tells
        // the partial of a killed backup (lock free) from one being written (StaleWork).
        flock(fd, LOCK_EX | LOCK_NB)
    }

    deinit { abandon() }

    package func makeSpoolFolder() throws -> String {
        let folder = repository + "/.sitesnap-spool-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        spoolFolders.append(folder)
        return folder
    }

    package func commit(_ manifest: Manifest) throws -> CommittedSnapshot {
        precondition(!finished, "a snapshot sink commits once")
        guard fsync(fileDescriptor) == 0 else { throw SitesnapError.archiveWriteFailed(path: location, reason: FileSystemErrors.errno(errno)) }
        var st = stat()
        var copy = manifest
        copy.totals.archiveBytes = fstat(fileDescriptor, &st) == 0 ? Int64(st.st_size) : 0
        // The index copy (written and fsynced by the backup) and the manifest copy first, so that a
        // listed archive always has both; then the archive.
        if copy.files?.index != nil, rename(indexSpoolPath, indexCopyPath) != 0 {
            throw SitesnapError.archiveWriteFailed(path: indexCopyPath, reason: FileSystemErrors.errno(errno))
        }
        try Self.writeAtomically(try copy.encoded(), to: copyPath)
        guard rename(partialPath, location) == 0 else {
            throw SitesnapError.archiveWriteFailed(path: location, reason: FileSystemErrors.errno(errno))
        }
        finished = true
        close(fileDescriptor)  // only now: its lock marks the partial as being written until it is renamed
        removeSpools()
        let d = open(repository, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if d >= 0 { fsync(d); close(d) }
        return CommittedSnapshot(id: id, archivePath: location, manifestCopy: copyPath, manifest: copy)
    }

    package func abandon() {
        guard !finished else { return }
        finished = true
        close(fileDescriptor)
        unlink(partialPath)
        removeSpools()
        unlink(indexCopyPath)
        unlink(copyPath)
    }

    private func removeSpools() {
        unlink(filesSpoolPath)
        unlink(indexSpoolPath)
        for f in spoolFolders { try? FileManager.default.removeItem(atPath: f) }
        spoolFolders = []
    }

    /// Writes `data` to `path` through a temporary file beside it, fsync and rename (mode 0600).
    /// - Throws: `SitesnapError.archiveWriteFailed` naming `path`; the temporary file is removed.
    static func writeAtomically(_ data: Data, to path: String) throws {
        do { try AtomicFile.write(Array(data), to: path, mode: 0o600) }
        catch { throw SitesnapError.archiveWriteFailed(path: path, reason: error.reason) }
    }
}
