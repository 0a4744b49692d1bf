import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// Walks the site tree (`TreeWalker`) and writes it under `files/` into the archive, hashing each file
/// as it streams. Symlinks are stored as links and never followed. Unreadable files and special files
/// become warnings.
///
/// Hard links stay hard links: the first name of a file with several links is archived with its
/// data, every later name as a tar hard-link entry pointing at it (no data). Own map of (device,
/// inode) rather than libarchive's `archive_entry_linkify`: the decision is needed here, before the
/// file is opened (no read, and the manifest record says `hardlink`), while libarchive's resolver
/// works on `archive_entry` handles on the writer thread; and only files with `st_nlink > 1` enter
/// the map, so an ordinary tree pays one comparison per file.
struct FileArchiver {
    let root: String
    let excludes: ExcludeMatcher
    let writer: PipelinedWriter
    /// Where each entry's record goes as it is archived (the list is never held).
    let index: FileIndexWriter
    /// Told how many bytes each file had, so it reads ahead by a bounded window.
    var prefetcher: FilePrefetcher? = nil
    let cancellation: Cancellation?
    let progress: (BackupProgress) -> Void
    static let chunk = 1 << 20

    struct Result {
        var warnings: [SnapshotWarning] = []
        var files: Int64 = 0
        var directories: Int64 = 0
        var symlinks: Int64 = 0
        var hardlinks: Int64 = 0
        var bytes: Int64 = 0
        /// Entries left out per exclude rule (`ExcludeMatcher.rules` order).
        var excluded: [Int64] = []
    }

    /// Hard-linked files already archived: (device, inode) -> relative path of the first name.
    private final class LinkMap {
        var first: [UInt64: [UInt64: String]] = [:]
    }

    /// Archives the whole tree.
    /// - Throws: `ArchiveError` from the writer (disk full), `SitesnapError.interrupted`.
    func run() throws -> Result {
        var result = Result()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunk, alignment: 16)
        defer { buffer.deallocate() }
        let walker = TreeWalker(root: root, excludes: excludes, cancellation: cancellation)
        let links = LinkMap()
        let walked = try walker.walk { rel, st, place in
            try add(rel: rel, st: st, place: place, buffer: buffer, links: links, result: &result)
        }
        result.warnings = walked.warnings + result.warnings
        result.excluded = walked.excluded
        return result
    }

    private func add(rel: String, st: stat, place: TreeWalker.Place, buffer: UnsafeMutableRawBufferPointer, links: LinkMap,
                     result: inout Result) throws {
        let entryPath = rel.isEmpty ? "files" : "files/" + rel
        let mode = UInt32(st.st_mode) & 0o7777
        // Headers carry whole seconds (format 4): a nanosecond part makes libarchive write a pax
        // header before every entry (a header and a data block, 1 KiB per file: 40 % of a small-file
        // tree's tar stream, compressed and read back by verify and restore). The nanoseconds are in
        // the index, and `sitesnap restore` applies them; stock tar restores whole seconds.
        let mtime = Int64(st.st_mtim.tv_sec), mtimeNs = Int64(st.st_mtim.tv_nsec)
        var record = FileRecord(type: .file, path: rel, mode: mode, mtime: mtime, mtimeNs: mtimeNs,
                                uid: Int64(st.st_uid), gid: Int64(st.st_gid))
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            record.type = .dir
            try writer.writeHeader(ArchiveEntry(path: entryPath, kind: .directory, mode: mode, mtimeSeconds: mtime,
                                                mtimeNanoseconds: 0, uid: Int64(st.st_uid), gid: Int64(st.st_gid)))
            result.directories += 1
        case S_IFLNK:
            // Into the file buffer (1 MiB, far more than PATH_MAX): no allocation per link.
            let n = readlinkat(place.folder, place.name, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int(PATH_MAX))
            guard n >= 0 else {
                result.warnings.append(SnapshotWarning(kind: "unreadable", subject: RawName.display(rel), message: "symlink not read: \(FileSystemErrors.errno(errno))"))
                return
            }
            let t = RawName.string(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            record.type = .symlink
            record.target = t
            try writer.writeHeader(ArchiveEntry(path: entryPath, kind: .symlink(target: t), mode: mode, mtimeSeconds: mtime,
                                                mtimeNanoseconds: 0, uid: Int64(st.st_uid), gid: Int64(st.st_gid)))
            result.symlinks += 1
        case S_IFREG where st.st_nlink > 1 && links.first[UInt64(st.st_dev)]?[UInt64(st.st_ino)] != nil:
            let first = links.first[UInt64(st.st_dev)]![UInt64(st.st_ino)]!
            record.type = .hardlink
            record.target = first
            try writer.writeHeader(ArchiveEntry(path: entryPath, kind: .hardlink(target: "files/" + first), mode: mode,
                                                mtimeSeconds: mtime, mtimeNanoseconds: 0, uid: Int64(st.st_uid), gid: Int64(st.st_gid)))
            result.hardlinks += 1
            prefetcher?.consume(Int64(st.st_size))  // the read-ahead counted this name's size too
        case S_IFREG:
            guard let (size, sha, fst) = try addFile(rel: rel, entryPath: entryPath, place: place, buffer: buffer, result: &result) else { return }
            record.size = size
            record.sha256 = sha
            // As the header has them (from the open file, which may differ from the walk's lstat).
            record.mode = UInt32(fst.st_mode) & 0o7777
            record.mtime = Int64(fst.st_mtim.tv_sec)
            record.mtimeNs = Int64(fst.st_mtim.tv_nsec)
            record.uid = Int64(fst.st_uid)
            record.gid = Int64(fst.st_gid)
            result.files += 1
            result.bytes += size
            if st.st_nlink > 1 { links.first[UInt64(st.st_dev), default: [:]][UInt64(st.st_ino)] = rel }
            prefetcher?.consume(size)
            progress(.files(count: result.files, bytes: result.bytes, current: rel))
        default:
            result.warnings.append(SnapshotWarning(kind: "special-file", subject: RawName.display(rel),
                                                   message: "not a regular file, folder or symlink (device, FIFO or socket): skipped"))
            return
        }
        do { try index.append(record) } catch { throw SitesnapError.archiveWriteFailed(path: error.path, reason: error.reason) }
    }

    /// Streams one regular file. Returns nil (and a warning) when it cannot be opened.
    private func addFile(rel: String, entryPath: String, place: TreeWalker.Place, buffer: UnsafeMutableRawBufferPointer,
                         result: inout Result) throws -> (Int64, String, stat)? {
        let fd = openat(place.folder, place.name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else {
            result.warnings.append(SnapshotWarning(kind: "unreadable", subject: RawName.display(rel), message: "file not read: \(FileSystemErrors.errno(errno))"))
            return nil
        }
        defer { close(fd) }
        var fst = stat()
        guard fstat(fd, &fst) == 0, (fst.st_mode & S_IFMT) == S_IFREG else {
            result.warnings.append(SnapshotWarning(kind: "changed-while-reading", subject: RawName.display(rel), message: "replaced while being read: skipped"))
            return nil
        }
        // The tar header carries the size before the data: exactly this many bytes follow it.
        let size = Int64(fst.st_size)
        try writer.writeHeader(ArchiveEntry(path: entryPath, kind: .regular(size: size), mode: UInt32(fst.st_mode) & 0o7777,
                                            mtimeSeconds: Int64(fst.st_mtim.tv_sec), mtimeNanoseconds: 0,
                                            uid: Int64(fst.st_uid), gid: Int64(fst.st_gid)))
        var hasher = StreamingSHA256()
        var done: Int64 = 0
        var readError: Int32 = 0
        // Each read asks for one byte more than the file has left, where the buffer allows: a short
        // read is the end of the file, a full one means it grew. So a small file takes one read, not
        // a read and a probe for growth.
        var grew = false, atEnd = false
        while done < size {
            let want = Int(min(Int64(buffer.count), size - done + 1))
            var n: Int
            do { n = try Syscall.retrying("read", path: rel) { read(fd, buffer.baseAddress, want) } }
            catch { readError = error.code; break }
            if n == 0 { break }
            if Int64(n) > size - done { n = Int(size - done); grew = true }
            atEnd = n < want
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            hasher.update(chunk)
            try writer.writeData(chunk, path: entryPath)
            done += Int64(n)
            try cancellation?.check()  // a lock and a flag read per MiB: negligible
        }
        if done < size {
            // The file shrank (or a read failed) after its size went into the header: pad with zeros
            // so the archive stays well-formed, and say so.
            let message = readError != 0 ? "read failed after \(done) bytes (\(FileSystemErrors.errno(readError))); padded with zeros"
                : "shrank from \(size) to \(done) bytes while being read; padded with zeros"
            result.warnings.append(SnapshotWarning(kind: "changed-while-reading", subject: RawName.display(rel), message: message))
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            while done < size {
                let n = Int(min(Int64(buffer.count), size - done))
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                hasher.update(chunk)
                try writer.writeData(chunk, path: entryPath)
                done += Int64(n)
            }
        } else if grew || (!atEnd && read(fd, buffer.baseAddress, 1) > 0) {
            result.warnings.append(SnapshotWarning(kind: "changed-while-reading", subject: RawName.display(rel),
                                                   message: "grew while being read; the first \(size) bytes were saved"))
        }
        return (size, hasher.finalizeHex(), fst)
    }
}
