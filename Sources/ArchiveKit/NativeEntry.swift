import CArchive
import Glibc

/// An `archive_entry` built from an `ArchiveEntry`, freed in `deinit` (shared by the tar part and disk
/// writers).
final class NativeEntry {
    let handle: OpaquePointer

    /// Names and link targets are set as raw bytes (`archive_entry_copy_pathname`, not the `_utf8`
    /// setters, which would have to convert them): the pax writer stores a name that is not UTF-8 with
    /// `hdrcharset=BINARY` in that entry's pax header (and returns ARCHIVE_WARN for it, which the
    /// writers accept), and the disk writer creates exactly these bytes.
    /// - Throws: `ArchiveError` for kinds sitesnap never writes (devices, FIFOs).
    init(_ entry: ArchiveEntry) throws {
        guard let e = archive_entry_new() else {
            throw ArchiveError(code: ENOMEM, message: "out of memory", context: "creating entry \(RawName.display(entry.path))")
        }
        handle = e
        RawName.withCString(entry.path) { archive_entry_copy_pathname(e, $0) }
        switch entry.kind {
        case .regular(let size):
            archive_entry_set_filetype(e, SS_AE_IFREG)
            archive_entry_set_size(e, size)
        case .directory:
            archive_entry_set_filetype(e, SS_AE_IFDIR)
            archive_entry_set_size(e, 0)
        case .symlink(let target):
            archive_entry_set_filetype(e, SS_AE_IFLNK)
            RawName.withCString(target) { archive_entry_copy_symlink(e, $0) }
            archive_entry_set_size(e, 0)
        case .hardlink(let target):
            archive_entry_set_filetype(e, SS_AE_IFREG)
            RawName.withCString(target) { archive_entry_copy_hardlink(e, $0) }
            archive_entry_set_size(e, 0)
        case .other:
            throw ArchiveError(code: EINVAL, message: "only files, directories, symlinks and hard links are written", context: RawName.display(entry.path))
        }
        archive_entry_set_perm(e, mode_t(entry.mode & 0o7777))
        archive_entry_set_mtime(e, time_t(entry.mtimeSeconds), Int(entry.mtimeNanoseconds))
        archive_entry_set_uid(e, entry.uid)
        archive_entry_set_gid(e, entry.gid)
    }

    deinit { archive_entry_free(handle) }
}
