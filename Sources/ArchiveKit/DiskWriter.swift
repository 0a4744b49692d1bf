import CArchive
import Glibc

/// Writes entries to disk through libarchive's `archive_write_disk`, with its secure-extraction checks
/// always on: SECURE_NODOTDOT (no `..`), SECURE_SYMLINKS (never write through a symlink) and
/// SECURE_NOABSOLUTEPATHS. Paths are relative to the current working folder. Restores permission bits
/// and mtimes (folders' at `close()`), and owners when run as root.
///
/// Owns one `struct archive *` and frees it in `deinit`.
public final class DiskWriter {
    private var handle: OpaquePointer?
    private var closed = false

    /// - Throws: `ArchiveError` when libarchive cannot set up the writer.
    public init() throws {
        _ = ArchiveLocale.ready
        guard let a = archive_write_disk_new() else {
            throw ArchiveError(code: ENOMEM, message: "out of memory", context: "creating disk writer")
        }
        handle = a
        var flags = ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS
            | ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_UNLINK
        if geteuid() == 0 { flags |= ARCHIVE_EXTRACT_OWNER }
        if archive_write_disk_set_options(a, flags) != ARCHIVE_OK {
            throw ArchiveError.last(on: a, "setting extraction options")
        }
    }

    deinit {
        if let handle {
            if !closed { archive_write_close(handle) }
            archive_write_free(handle)
        }
    }

    /// Creates `entry` at `entry.path` (relative); for a regular file, write its data next.
    /// - Throws: `ArchiveError` (e.g. a path through a symlink, refused by SECURE_SYMLINKS).
    public func writeHeader(_ entry: ArchiveEntry) throws {
        guard let a = handle else { return }
        let e = try NativeEntry(entry)
        try ArchiveError.check(archive_write_header(a, e.handle), on: a, "writing \(RawName.display(entry.path))")
    }

    public func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard let a = handle, bytes.count > 0 else { return }
        let n = archive_write_data(a, bytes.baseAddress, bytes.count)
        if n < 0 { throw ArchiveError.last(on: a, "writing data of \(path)") }
    }

    /// Finishes the current entry (sets its mode and mtime).
    public func finishEntry(path: String) throws {
        guard let a = handle else { return }
        try ArchiveError.check(archive_write_finish_entry(a), on: a, "finishing \(path)")
    }

    /// Applies the deferred folder modes and mtimes.
    public func close() throws {
        guard let a = handle, !closed else { return }
        closed = true
        try ArchiveError.check(archive_write_close(a), on: a, "finishing extraction")
    }
}
