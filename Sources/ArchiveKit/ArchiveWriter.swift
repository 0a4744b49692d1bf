import CArchive
import Glibc

/// Writes a pax tar archive, optionally compressed, to an open file descriptor.
///
/// Owns one `struct archive *` (libarchive's write handle) and frees it in `deinit`. Entries are written
/// as header, then exactly `size` bytes of data (tar stores the size before the data), then the next header.
/// The file descriptor stays owned by the caller (it must outlive `close()`), so the caller can fsync it.
public final class ArchiveWriter {
    /// The compression filter: libarchive's zstd (3.6+, optional worker threads), gzip, or none.
    public enum Compression: Equatable, Sendable {
        case zstd(level: Int, threads: Int)
        case gzip(level: Int)
        case none
    }

    private var handle: OpaquePointer?
    private var closed = false

    /// Opens the writer on `fileDescriptor`.
    /// - Throws: `ArchiveError` when libarchive rejects the format, filter or options (e.g. a bad level).
    public init(fileDescriptor: Int32, compression: Compression) throws {
        _ = ArchiveLocale.ready
        guard let a = archive_write_new() else {
            throw ArchiveError(code: ENOMEM, message: "out of memory", context: "creating archive writer")
        }
        handle = a
        try check(archive_write_set_format_pax(a), "setting pax format")
        // Full pax (not "restricted"): every entry carries its mtime with nanoseconds, so a restore
        // can bring back exact mtimes. 10240-byte blocks are tar's default.
        try Self.addFilter(a, compression)
        try check(archive_write_open_fd(a, fileDescriptor), "opening archive output")
    }

    /// Adds the compression filter and its options to a write handle.
    static func addFilter(_ a: OpaquePointer, _ compression: Compression) throws {
        func check(_ rc: Int32, _ context: String) throws {
            if rc < ARCHIVE_WARN {
                let message = archive_error_string(a).map { String(cString: $0) } ?? "unknown libarchive error"
                throw ArchiveError(code: archive_errno(a), message: message, context: context)
            }
        }
        switch compression {
        case .zstd(let level, let threads):
            try check(archive_write_add_filter_zstd(a), "adding zstd filter")
            try check(archive_write_set_filter_option(a, "zstd", "compression-level", String(level)),
                      "setting zstd level \(level)")
            if threads > 1 {
                // "threads" exists from libarchive 3.6 with a libzstd that has multithreading.
                _ = archive_write_set_filter_option(a, "zstd", "threads", String(threads))
            }
        case .gzip(let level):
            try check(archive_write_add_filter_gzip(a), "adding gzip filter")
            try check(archive_write_set_filter_option(a, "gzip", "compression-level", String(level)),
                      "setting gzip level \(level)")
        case .none:
            try check(archive_write_add_filter_none(a), "choosing no compression")
        }
    }

    /// Frees the handle. A writer that was not `close()`d is abandoned with `archive_write_fail()`:
    /// libarchive would otherwise finish the open entry by writing zeros up to its declared size
    /// (gigabytes for a large file) before giving up.
    deinit {
        if let handle {
            if !closed { archive_write_fail(handle) }
            archive_write_free(handle)
        }
    }

    /// Writes the header of `entry`; for a regular file, exactly `entry.size` data bytes must follow.
    /// - Throws: `ArchiveError` (e.g. ENOSPC when the disk is full).
    public func writeHeader(_ entry: ArchiveEntry) throws {
        guard let a = handle else { return }
        let e = try NativeEntry(entry)
        try check(archive_write_header(a, e.handle), "writing header of \(RawName.display(entry.path))")
    }

    /// Appends data bytes to the current entry.
    /// - Throws: `ArchiveError` when libarchive reports a write failure or a short write.
    public func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard let a = handle, bytes.count > 0 else { return }
        let written = archive_write_data(a, bytes.baseAddress, bytes.count)
        if written < 0 {
            throw error("writing data of \(path)")
        }
        if written != bytes.count {
            throw ArchiveError(code: EIO, message: "short write (\(written) of \(bytes.count) bytes)",
                               context: "writing data of \(path)")
        }
    }

    /// Flushes the compressor and writes the tar end-of-archive blocks. Call once; `deinit` frees.
    /// - Throws: `ArchiveError` when the final writes fail (e.g. disk full).
    public func close() throws {
        guard let a = handle, !closed else { return }
        closed = true
        try check(archive_write_close(a), "finishing archive")
    }

    private func check(_ rc: Int32, _ context: String) throws {
        if rc < ARCHIVE_WARN { throw error(context) }
    }

    private func error(_ context: String) -> ArchiveError {
        let code = handle.map { archive_errno($0) } ?? 0
        let message = handle.flatMap { archive_error_string($0) }.map { String(cString: $0) } ?? "unknown libarchive error"
        return ArchiveError(code: code, message: message, context: context)
    }
}

/// An `archive_entry` built from an `ArchiveEntry`, freed in `deinit` (shared by the archive and disk
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
