import CArchive
import Glibc

/// Decompresses an archive file without reading it as tar (any filter libarchive detects; zstd frames
/// and gzip members joined end to end read as one stream): the tar stream's bytes, for an
/// `ArchiveReader(path:fill:)` on another thread, so that decompressing and reading the entries use
/// two cores, as `tar --zstd` does with zstd in a process of its own.
///
/// Owns one `struct archive *` (libarchive's raw format) and frees it in `deinit`.
public final class ArchiveDecompressor {
    private var handle: OpaquePointer?
    public let path: String

    /// Opens `path`.
    /// - Throws: `ArchiveError` when the file cannot be opened or its compression is damaged.
    public init(path: String, blockSize: Int = 1 << 20) throws {
        self.path = path
        let a = try ArchiveReader.open(path, blockSize: blockSize) { archive_read_support_format_raw($0) }
        handle = a
        var e: OpaquePointer?
        let rc = archive_read_next_header(a, &e)
        if rc != ARCHIVE_EOF { try ArchiveError.check(rc, on: a, "opening \(path)", fallback: "not a readable archive") }
    }

    deinit {
        if let handle { archive_read_free(handle) }
    }

    /// The next `size` bytes of the tar stream (fewer at its end; none past it).
    /// - Throws: `ArchiveError` for damaged compressed data.
    public func next(size: Int = 1 << 20) throws -> [UInt8] {
        guard let a = handle else { return [] }
        var failed = false
        let chunk = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = archive_read_data(a, buffer.baseAddress! + count, size - count)
                if n < 0 { failed = true }
                if n <= 0 { break }
                count += n
            }
        }
        if failed { throw ArchiveError.last(on: a, "decompressing \(path)", fallback: "not a readable archive") }
        return chunk
    }
}
