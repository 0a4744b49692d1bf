import CArchive
import Glibc

/// Writes one part of a pax tar archive as a compression stream of its own (a zstd frame, a gzip
/// member, or plain bytes), so that parts made at the same time can be joined end to end: zstd,
/// gzip and tar readers (stock `tar`, `zstd -d`, libarchive) read concatenated frames or members as
/// one stream, and tar parts without the end-of-archive blocks as one archive.
///
/// libarchive writes the end-of-archive blocks on close and has no option to leave them out, so this
/// is two libarchive handles: one makes the uncompressed pax stream (no blocking) into a callback that
/// holds back its last 1,024 bytes (the two zero blocks of the end; dropped unless `endOfArchive`);
/// the other, in libarchive's "raw" format (data only), compresses what passes into the file
/// descriptor. Both handles are owned here and freed in `deinit`.
public final class TarPartWriter {
    private var tar: OpaquePointer?
    private var raw: OpaquePointer?
    private var closed = false
    private let endOfArchive: Bool
    /// The last bytes the tar handle gave, not yet passed on (at most `trailer` bytes).
    private var held: [UInt8] = []
    private var failure: ArchiveError?
    private static let trailer = 1024
    /// Starts the kernel's writeback of what this part wrote to `fileDescriptor`, every few MiB.
    private var writeback: Writeback?
    /// Bytes passed on since `writeback` last looked at the file's offset.
    private var sinceWriteback = 0

    /// Opens a part on `fileDescriptor` (written at its current offset; the caller keeps it).
    /// `endOfArchive`: this is the last part (keeps the end-of-archive blocks). `writeback`: start
    /// writing the file to disk while it is written (`Writeback`; not for a spool file, which is
    /// deleted).
    /// - Throws: `ArchiveError` when libarchive rejects the format, filter or options.
    public init(fileDescriptor: Int32, compression: ArchiveCompression, endOfArchive: Bool, writeback: Bool = false) throws {
        _ = ArchiveLocale.ready
        self.endOfArchive = endOfArchive
        self.writeback = writeback ? Writeback(fileDescriptor: fileDescriptor) : nil
        guard let r = archive_write_new(), let t = archive_write_new() else {
            throw ArchiveError(code: ENOMEM, message: "out of memory", context: "creating archive writer")
        }
        raw = r
        tar = t
        try ArchiveError.check(archive_write_set_format_raw(r), on: r, "setting raw format")
        try compression.addFilter(to: r)
        try ArchiveError.check(archive_write_set_bytes_per_block(r, 0), on: r, "unblocking output")
        try ArchiveError.check(archive_write_open_fd(r, fileDescriptor), on: r, "opening archive output")
        let data = archive_entry_new()
        defer { archive_entry_free(data) }
        archive_entry_set_filetype(data, SS_AE_IFREG)
        archive_entry_set_pathname(data, "part")
        try ArchiveError.check(archive_write_header(r, data), on: r, "starting compressed part")

        try ArchiveError.check(archive_write_set_format_pax(t), on: t, "setting pax format")
        try ArchiveError.check(archive_write_add_filter_none(t), on: t, "choosing no compression")
        try ArchiveError.check(archive_write_set_bytes_per_block(t, 0), on: t, "unblocking tar stream")
        let context = Unmanaged.passUnretained(self).toOpaque()
        try ArchiveError.check(archive_write_open2(t, context, nil, { _, context, buffer, length in
            let me = Unmanaged<TarPartWriter>.fromOpaque(context!).takeUnretainedValue()
            return me.pass(UnsafeRawBufferPointer(start: buffer, count: length)) ? la_ssize_t(length) : -1
        }, nil, nil), on: t, "opening tar stream")
    }

    deinit {
        if let tar {
            if !closed { archive_write_fail(tar) }
            archive_write_free(tar)
        }
        if let raw {
            if !closed { archive_write_fail(raw) }
            archive_write_free(raw)
        }
    }

    /// Passes everything but the last `trailer` bytes seen so far to the compressing handle.
    /// The held bytes first, then the new ones straight from libarchive's buffer, without copying
    /// them into `held` first (a header, its pax header and each data block come one call each).
    private func pass(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let r = raw else { return false }
        let ready = held.count + bytes.count - Self.trailer
        guard ready > 0 else {
            held.append(contentsOf: bytes)
            return true
        }
        let fromHeld = min(ready, held.count), fromBytes = ready - fromHeld
        if fromHeld > 0 {
            guard held.withUnsafeBytes({ archive_write_data(r, $0.baseAddress, fromHeld) }) == fromHeld else { return failed(r) }
            held.removeFirst(fromHeld)
        }
        if fromBytes > 0 {
            guard archive_write_data(r, bytes.baseAddress, fromBytes) == fromBytes else { return failed(r) }
        }
        held.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[fromBytes...]))
        sinceWriteback += ready
        if sinceWriteback >= Writeback.step, let writeback {
            sinceWriteback = 0
            writeback.advance()
        }
        return true
    }

    private func failed(_ r: OpaquePointer) -> Bool {
        failure = ArchiveError.last(on: r, "writing compressed data")
        return false
    }

    /// Writes the header of `entry`; for a regular file, exactly `entry.size` data bytes must follow.
    /// - Throws: `ArchiveError` (e.g. ENOSPC when the disk is full).
    public func writeHeader(_ entry: ArchiveEntry) throws {
        guard let t = tar else { return }
        let e = try NativeEntry(entry)
        try checkTar(archive_write_header(t, e.handle), "writing header of \(RawName.display(entry.path))")
    }

    /// Appends data bytes to the current entry.
    /// - Throws: `ArchiveError` when a write fails.
    public func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard let t = tar, bytes.count > 0 else { return }
        if archive_write_data(t, bytes.baseAddress, bytes.count) != bytes.count {
            throw failure ?? ArchiveError.last(on: t, "writing data of \(path)")
        }
    }

    /// Finishes the part: the tar stream (its end-of-archive blocks kept only for the last part),
    /// then the compression stream. Call once.
    /// - Throws: `ArchiveError` when the final writes fail (e.g. disk full).
    public func close() throws {
        guard let t = tar, let r = raw, !closed else { return }
        closed = true
        try checkTar(archive_write_close(t), "finishing tar part")
        if endOfArchive && !held.isEmpty {
            let n = held.count
            if held.withUnsafeBytes({ archive_write_data(r, $0.baseAddress, n) }) != n { throw ArchiveError.last(on: r, "writing end of archive") }
        }
        try ArchiveError.check(archive_write_close(r), on: r, "finishing compressed part")
    }

    /// A status of the tar handle: a failure of the compressing handle behind its callback comes first
    /// (the tar handle only knows that its write callback failed).
    private func checkTar(_ status: Int32, _ context: @autoclosure () -> String) throws {
        if status < ARCHIVE_WARN { throw failure ?? ArchiveError.last(on: tar, context()) }
    }
}
