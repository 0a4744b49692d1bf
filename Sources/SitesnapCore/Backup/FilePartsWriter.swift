import ArchiveKit
import Foundation
import SitesnapSystem

/// Something entries are written to: an archive, or one part of it.
protocol EntryWriter: AnyObject {
    func writeHeader(_ entry: ArchiveEntry) throws
    func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws
    func close() throws
}

extension TarPartWriter: EntryWriter {}

/// Says when the database part of a snapshot is complete (or failed), from the dump thread to the
/// file writer.
final class DatabaseGate: Sendable {
    private let outcome = Locked<Result<Void, any Error>?>(nil)

    /// The dump ended, with `error` or without.
    func finish(_ error: Error?) {
        outcome.withLock { $0 = error.map { .failure($0) } ?? .success(()) }
    }

    var isDone: Bool { outcome.withLock { $0 != nil } }

    /// Waits for the database part. - Throws: the dump's error.
    func wait() throws {
        try outcome.withLock(when: { $0 != nil }) { $0 }!.get()
    }
}

/// Writes the files part of a snapshot while the database part is still being dumped into the
/// archive: the files go into a spool file (a tar part of its own, compressed) until the dump is
/// complete; then the spool is appended to the archive and the rest of the files are written into
/// it directly. So the server-bound dump and the CPU-bound compression of the files overlap, and the
/// archive still holds the database entries first (diff-db and restore reach them without reading
/// the files). Runs on the archive-writer thread (behind `PipelinedWriter`).
final class FilePartsWriter: EntryWriter {
    private let archiveFD: Int32
    private let spoolPath: String
    /// The spool file while spooling (closed in its deinit once appended, or with this writer).
    private var spool: FileDescriptor?
    private let compression: ArchiveCompression
    private let gate: DatabaseGate
    private var part: TarPartWriter
    private var spooling = true
    /// Data bytes written since the spool's size was last asked, each header counting 16 KiB.
    private var sinceSizeCheck = 0
    /// Compressed bytes the spool may hold before the files wait for the dump instead.
    private let spoolLimit: Int64
    /// 192 MiB. Appending the spool costs a copy and a second write of those bytes: on the 2.4 GB bench
    /// site (3.4 s dump) an unbounded spool made the backup slower (12.1 s) than no spool (9.1-9.9 s);
    /// 192 MiB gave 8.4-8.9 s. A small site's spool stays below it (the whole dump overlaps).
    static let defaultSpoolLimit: Int64 = 192 << 20

    /// - Throws: `ArchiveError`, `SitesnapError.archiveWriteFailed` (spool file).
    init(archiveFD: Int32, spoolPath: String, compression: ArchiveCompression, gate: DatabaseGate,
         spoolLimit: Int64 = FilePartsWriter.defaultSpoolLimit) throws {
        self.archiveFD = archiveFD
        self.spoolLimit = spoolLimit
        self.spoolPath = spoolPath
        self.compression = compression
        self.gate = gate
        let spool: FileDescriptor
        do { spool = try FileDescriptor(opening: spoolPath, flags: O_RDWR | O_CREAT | O_EXCL, mode: 0o600) }
        catch { throw SitesnapError.archiveWriteFailed(path: spoolPath, reason: error.reason) }
        self.spool = spool
        part = try TarPartWriter(fileDescriptor: spool.raw, compression: compression, endOfArchive: false)
    }

    deinit { unlink(spoolPath) }

    func writeHeader(_ entry: ArchiveEntry) throws {
        // Between entries: once the database part is complete, continue in the archive itself. The
        // spool's size is asked (a system call) every 64 entries or MiB written, not at every entry.
        if spooling {
            sinceSizeCheck += 1 << 14
            if gate.isDone || (sinceSizeCheck >= 1 << 20 && spoolSize() >= spoolLimit) { try appendSpool(thenDirect: true) }
        }
        try part.writeHeader(entry)
    }

    func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws {
        if spooling { sinceSizeCheck += bytes.count }
        try part.writeData(bytes, path: path)
    }

    private func spoolSize() -> Int64 {
        sinceSizeCheck = 0
        return Int64(lseek(spool?.raw ?? -1, 0, SEEK_CUR))
    }

    /// Finishes the files part (waiting for the database part if the files were faster).
    func close() throws {
        if spooling { try appendSpool(thenDirect: false) } else { try part.close() }
    }

    private func appendSpool(thenDirect: Bool) throws {
        try part.close()
        spooling = false
        try gate.wait()
        let writeback = Writeback(fileDescriptor: archiveFD)
        try Self.append(spool?.raw ?? -1, path: spoolPath, to: archiveFD)
        writeback.start(upTo: Int64(lseek(archiveFD, 0, SEEK_CUR)))
        spool = nil
        unlink(spoolPath)
        if thenDirect {
            part = try TarPartWriter(fileDescriptor: archiveFD, compression: compression, endOfArchive: false, writeback: true)
        }
    }

    /// Copies the whole of `source` to `target` at its current offset, in the kernel (sendfile, which
    /// takes a regular file as output since Linux 2.6.33), or by read/write where that fails.
    static func append(_ source: Int32, path: String, to target: Int32) throws {
        var offset = off_t(0)
        let size = Int64(lseek(source, 0, SEEK_END))
        do {
            while Int64(offset) < size {
                let n = try Syscall.retrying("sendfile", path: path) { sendfile(target, source, &offset, Int(min(size - Int64(offset), 1 << 30))) }
                if n == 0 { throw SitesnapError.archiveWriteFailed(path: path, reason: "spool file ended early") }
            }
        } catch let e as SystemError where e.code == EINVAL || e.code == ENOSYS {
            try appendByReading(source, from: Int64(offset), size: size, path: path, to: target)
        } catch let e as SystemError {
            throw SitesnapError.archiveWriteFailed(path: path, reason: e.reason)
        }
    }

    private static func appendByReading(_ source: Int32, from start: Int64, size: Int64, path: String, to target: Int32) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset = start
        do {
            while offset < size {
                let n = try Syscall.retrying("read", path: path) { pread(source, buffer.baseAddress, buffer.count, off_t(offset)) }
                guard n > 0 else { throw SitesnapError.archiveWriteFailed(path: path, reason: "spool file ended early") }
                try writeAll(target, UnsafeRawBufferPointer(rebasing: buffer[0..<n]), path: path)
                offset += Int64(n)
            }
        } catch let e as SystemError {
            throw SitesnapError.archiveWriteFailed(path: path, reason: e.reason)
        }
    }
}
