import CArchive
import Glibc

/// Reads a tar archive (any compression libarchive detects) one entry at a time, streaming data.
///
/// Owns one `struct archive *` read handle and frees it in `deinit`. Use `nextEntry()` then
/// `readData(into:)` until it returns 0; unread data is skipped by the next `nextEntry()`.
public final class ArchiveReader {
    private var handle: OpaquePointer?
    public let path: String

    /// Opens `path` for reading.
    /// - Throws: `ArchiveError` when the file cannot be opened or is not a recognised archive.
    public init(path: String, blockSize: Int = 1 << 20) throws {
        self.path = path
        handle = try Self.open(path, blockSize: blockSize) { archive_read_support_format_tar($0) }
    }

    /// A read handle on the file at `path`, any compression, in the formats `formats` enables (for
    /// `ArchiveDecompressor` too).
    /// - Throws: `ArchiveError` when the file cannot be opened or is not a recognised archive.
    static func open(_ path: String, blockSize: Int, formats: (OpaquePointer) -> Void) throws -> OpaquePointer {
        _ = ArchiveLocale.ready
        guard let a = archive_read_new() else {
            throw ArchiveError(code: ENOMEM, message: "out of memory", context: "creating archive reader")
        }
        archive_read_support_filter_all(a)
        formats(a)
        // Strict: a warning on open means libarchive only half recognised the file.
        if archive_read_open_filename(a, path, blockSize) != ARCHIVE_OK {
            let e = ArchiveError.last(on: a, "opening \(path)", fallback: "not a readable archive")
            archive_read_free(a)
            throw e
        }
        return a
    }

    /// Reads the tar stream `fill` hands over (copying up to a buffer's size of it, 0 at its end), for
    /// an `ArchiveDecompressor` on another thread; `path` names the archive in errors, and `fill`'s
    /// error is what the next call throws.
    /// - Throws: `ArchiveError` when the stream is not a tar archive, and `fill`'s errors.
    public init(path: String, fill: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        self.path = path
        _ = ArchiveLocale.ready
        feed = Feed(fill: fill)
        guard let a = archive_read_new() else {
            throw ArchiveError(code: ENOMEM, message: "out of memory", context: "creating archive reader")
        }
        handle = a
        archive_read_support_format_tar(a)
        let context = Unmanaged.passUnretained(feed!).toOpaque()
        let rc = archive_read_open(a, context, nil, { _, context, out in
            Unmanaged<Feed>.fromOpaque(context!).takeUnretainedValue().supply(out)
        }, nil)
        if rc != ARCHIVE_OK { throw failure(on: a, "opening \(path)") }
    }

    /// The buffer `fill` fills for libarchive's read callback, and `fill`'s first error.
    private final class Feed {
        let fill: (UnsafeMutableRawBufferPointer) throws -> Int
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        var error: (any Error)?

        init(fill: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) { self.fill = fill }
        deinit { buffer.deallocate() }

        func supply(_ out: UnsafeMutablePointer<UnsafeRawPointer?>?) -> la_ssize_t {
            do {
                let n = try fill(buffer)
                out?.pointee = UnsafeRawPointer(buffer.baseAddress)
                return la_ssize_t(n)
            } catch {
                self.error = error
                return -1
            }
        }
    }

    private var feed: Feed?

    /// The feed's error when it failed, else libarchive's.
    private func failure(on a: OpaquePointer?, _ context: String) -> any Error {
        feed?.error ?? ArchiveError.last(on: a, context, fallback: "not a readable archive")
    }

    deinit {
        if let handle { archive_read_free(handle) }
    }

    /// The next entry's metadata, or nil at the end of the archive.
    /// - Throws: `ArchiveError` on a truncated or corrupt archive.
    public func nextEntry() throws -> ArchiveEntry? {
        guard let a = handle else { return nil }
        var e: OpaquePointer?
        let rc = archive_read_next_header(a, &e)
        if rc == ARCHIVE_EOF { return nil }
        if rc < ARCHIVE_WARN { throw failure(on: a, "reading the next entry of \(path)") }
        guard let e else { return nil }
        // The raw bytes as stored (pax `hdrcharset=BINARY` names included), kept losslessly.
        var name = archive_entry_pathname(e).map { RawName.string(cString: $0) } ?? ""
        // tar writers append "/" to folder names; entries are named without it.
        while name.utf8.count > 1 && name.utf8.last == UInt8(ascii: "/") { name.removeLast() }
        let type = archive_entry_filetype(e) & SS_AE_IFMT
        let kind: ArchiveEntry.Kind
        switch type {
        case _ where archive_entry_hardlink(e) != nil:
            kind = .hardlink(target: RawName.string(cString: archive_entry_hardlink(e)!))
        case SS_AE_IFREG:
            kind = .regular(size: archive_entry_size(e))
        case SS_AE_IFDIR:
            kind = .directory
        case SS_AE_IFLNK:
            kind = .symlink(target: archive_entry_symlink(e).map { RawName.string(cString: $0) } ?? "")
        default:
            kind = .other(typeBits: UInt32(type))
        }
        return ArchiveEntry(path: name, kind: kind, mode: UInt32(archive_entry_perm(e)),
                            mtimeSeconds: Int64(archive_entry_mtime(e)),
                            mtimeNanoseconds: Int64(archive_entry_mtime_nsec(e)),
                            uid: archive_entry_uid(e), gid: archive_entry_gid(e))
    }

    /// Reads up to `buffer.count` bytes of the current entry's data; 0 means the entry is done.
    /// - Throws: `ArchiveError` on a corrupt or truncated stream.
    public func readData(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let a = handle else { return 0 }
        let n = archive_read_data(a, buffer.baseAddress, buffer.count)
        if n < 0 { throw failure(on: a, "reading data from \(path)") }
        return n
    }
}
