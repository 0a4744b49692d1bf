import CArchive

/// The compression filter of an archive part: libarchive's zstd (3.6+, optional worker threads),
/// gzip, or none.
public enum ArchiveCompression: Equatable, Sendable {
    case zstd(level: Int, threads: Int)
    case gzip(level: Int)
    case none

    /// Adds this filter and its options to the write handle `a`.
    /// - Throws: `ArchiveError` when libarchive rejects the filter or an option (e.g. a bad level).
    func addFilter(to a: OpaquePointer) throws {
        switch self {
        case .zstd(let level, let threads):
            try ArchiveError.check(archive_write_add_filter_zstd(a), on: a, "adding zstd filter")
            try ArchiveError.check(archive_write_set_filter_option(a, "zstd", "compression-level", String(level)),
                                   on: a, "setting zstd level \(level)")
            if threads > 1 {
                // "threads" exists from libarchive 3.6 with a libzstd that has multithreading.
                _ = archive_write_set_filter_option(a, "zstd", "threads", String(threads))
            }
        case .gzip(let level):
            try ArchiveError.check(archive_write_add_filter_gzip(a), on: a, "adding gzip filter")
            try ArchiveError.check(archive_write_set_filter_option(a, "gzip", "compression-level", String(level)),
                                   on: a, "setting gzip level \(level)")
        case .none:
            try ArchiveError.check(archive_write_add_filter_none(a), on: a, "choosing no compression")
        }
    }
}
