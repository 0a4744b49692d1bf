import Foundation
import SitesnapSystem

/// A folder-store snapshot held for reading (`SnapshotStore.hold`): a shared `flock(2)` on its
/// archive, held until this is dropped (or the process ends, which the kernel releases for it).
/// `FolderRemoval` takes the same lock exclusively and without waiting, so it refuses an archive a
/// restore reads; several restores of one snapshot share it.
package final class FolderHold: SnapshotHold {
    private let fd: Int32

    /// Takes the lock, waiting while a removal holds it, then checks the archive is still there
    /// under its name (a removal that won the race has unlinked it).
    /// - Throws: `SitesnapError.snapshotNotFound` when the archive is gone.
    init(archive: String, repository: String) throws {
        let fd = open(archive, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SitesnapError.snapshotNotFound(reference: archive, repository: repository) }
        while flock(fd, LOCK_SH) != 0 && errno == EINTR {}
        var held = stat(), named = stat()
        guard fstat(fd, &held) == 0, stat(archive, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev else {
            close(fd)
            throw SitesnapError.snapshotNotFound(reference: archive, repository: repository)
        }
        self.fd = fd
    }

    deinit { close(fd) }
}
