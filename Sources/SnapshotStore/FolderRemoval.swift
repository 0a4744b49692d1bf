import Foundation
import SitesnapSystem

/// Removes one snapshot from a repository folder: its archive `<id><ext>`, its index copy
/// `<id>.index.jsonl` and its manifest copy `<id>.manifest.json`.
///
/// The order: first an exclusive, non-waiting `flock(2)` on the archive (a restore holds a shared one,
/// `FolderHold`: then nothing is removed); then the archive is unlinked, which is the moment the
/// snapshot stops being listed (`Repository.list` lists archives); then the index copy and the manifest
/// copy; then the folder is fsynced. A crash between the steps leaves only copies without an archive,
/// which nothing lists or reads as a snapshot, never a listed snapshot with parts missing; the next
/// `StaleWork` sweep (backup, restore, `list`, `forget`) removes them once a minute old. A snapshot being written is not listed at all (its
/// archive is the hidden `.<id><ext>.partial-<pid>` under the backup's lock, `FolderSink`), so it
/// cannot be named here.
enum FolderRemoval {
    /// - Throws: `SitesnapError.snapshotInUse` (a hold on it, nothing removed), `.snapshotNotFound`,
    ///   `.repositoryNotWritable` (the archive cannot be unlinked).
    static func remove(archive: String, repository: String) throws {
        let id = URL(fileURLWithPath: archive).lastPathComponent
        let fd = open(archive, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ENOENT { throw SitesnapError.snapshotNotFound(reference: id, repository: repository) }
            throw SitesnapError.repositoryNotWritable(path: archive, reason: FileSystemErrors.errno(errno))
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            throw SitesnapError.snapshotInUse(id: Self.id(archive), reason: "a restore is reading it (it holds a lock on the archive); run again when that ends")
        }
        guard unlink(archive) == 0 else {
            throw SitesnapError.repositoryNotWritable(path: archive, reason: FileSystemErrors.errno(errno))
        }
        if let index = Repository.indexCopyPath(archive) { unlink(index) }
        if let copy = Repository.manifestCopyPath(archive) { unlink(copy) }
        let d = open(repository, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if d >= 0 { fsync(d); close(d) }
    }

    /// The id of the archive at `path` (its name without the extension).
    static func id(_ path: String) -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return Repository.archiveExtensions.first { name.hasSuffix($0) }.map { String(name.dropLast($0.count)) } ?? name
    }
}
