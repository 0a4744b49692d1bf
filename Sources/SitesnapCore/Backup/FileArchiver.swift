import ArchiveKit
import Foundation

/// Walks the site tree (`TreeWalker`) and writes it under `files/` into the archive, hashing each file
/// as it streams. Symlinks are stored as links and never followed. Unreadable files and special files
/// become warnings.
struct FileArchiver {
    let root: String
    let excludes: [String]
    let writer: PipelinedWriter
    /// Told how many bytes each file had, so it reads ahead by a bounded window.
    var prefetcher: FilePrefetcher? = nil
    let cancellation: Cancellation?
    let progress: (BackupProgress) -> Void
    static let chunk = 1 << 20

    struct Result {
        var records: [FileRecord] = []
        var warnings: [SnapshotWarning] = []
        var files: Int64 = 0
        var directories: Int64 = 0
        var symlinks: Int64 = 0
        var bytes: Int64 = 0
    }

    /// Archives the whole tree.
    /// - Throws: `ArchiveError` from the writer (disk full), `SitesnapError.interrupted`.
    func run() throws -> Result {
        var result = Result()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunk, alignment: 16)
        defer { buffer.deallocate() }
        let walker = TreeWalker(root: root, excludes: excludes, cancellation: cancellation)
        let walkWarnings = try walker.walk { rel, st in
            try add(rel: rel, st: st, buffer: buffer, result: &result)
        }
        result.warnings = walkWarnings + result.warnings
        return result
    }

    private func add(rel: String, st: stat, buffer: UnsafeMutableRawBufferPointer, result: inout Result) throws {
        let entryPath = rel.isEmpty ? "files" : "files/" + rel
        let mode = UInt32(st.st_mode) & 0o7777
        let mtime = Int64(st.st_mtim.tv_sec), mtimeNs = Int64(st.st_mtim.tv_nsec)
        var record = FileRecord(type: "file", path: rel, mode: mode, mtime: mtime, mtimeNs: mtimeNs,
                                uid: Int64(st.st_uid), gid: Int64(st.st_gid))
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            record.type = "dir"
            try writer.writeHeader(ArchiveEntry(path: entryPath, kind: .directory, mode: mode, mtimeSeconds: mtime,
                                                mtimeNanoseconds: mtimeNs, uid: Int64(st.st_uid), gid: Int64(st.st_gid)))
            result.directories += 1
        case S_IFLNK:
            var target = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(root + "/" + rel, &target, target.count - 1)
            guard n >= 0 else {
                result.warnings.append(SnapshotWarning(kind: "unreadable", subject: rel, message: "symlink not read: \(FileSystemErrors.errno(errno))"))
                return
            }
            let t = String(decoding: target[0..<n], as: UTF8.self)
            record.type = "symlink"
            record.target = t
            try writer.writeHeader(ArchiveEntry(path: entryPath, kind: .symlink(target: t), mode: mode, mtimeSeconds: mtime,
                                                mtimeNanoseconds: mtimeNs, uid: Int64(st.st_uid), gid: Int64(st.st_gid)))
            result.symlinks += 1
        case S_IFREG:
            guard let (size, sha, fst) = try addFile(rel: rel, entryPath: entryPath, st: st, buffer: buffer, result: &result) else { return }
            record.size = size
            record.sha256 = sha
            // As the header has them (from the open file, which may differ from the walk's lstat).
            record.mode = UInt32(fst.st_mode) & 0o7777
            record.uid = Int64(fst.st_uid)
            record.gid = Int64(fst.st_gid)
            result.files += 1
            result.bytes += size
            prefetcher?.consume(size)
            progress(.files(count: result.files, bytes: result.bytes, current: rel))
        default:
            result.warnings.append(SnapshotWarning(kind: "special-file", subject: rel,
                                                   message: "not a regular file, folder or symlink (device, FIFO or socket): skipped"))
            return
        }
        result.records.append(record)
    }

    /// Streams one regular file. Returns nil (and a warning) when it cannot be opened.
    private func addFile(rel: String, entryPath: String, st: stat, buffer: UnsafeMutableRawBufferPointer,
                         result: inout Result) throws -> (Int64, String, stat)? {
        let path = root + "/" + rel
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else {
            result.warnings.append(SnapshotWarning(kind: "unreadable", subject: rel, message: "file not read: \(FileSystemErrors.errno(errno))"))
            return nil
        }
        defer { close(fd) }
        var fst = stat()
        guard fstat(fd, &fst) == 0, (fst.st_mode & S_IFMT) == S_IFREG else {
            result.warnings.append(SnapshotWarning(kind: "changed-while-reading", subject: rel, message: "replaced while being read: skipped"))
            return nil
        }
        // The tar header carries the size before the data: exactly this many bytes follow it.
        let size = Int64(fst.st_size)
        try writer.writeHeader(ArchiveEntry(path: entryPath, kind: .regular(size: size), mode: UInt32(fst.st_mode) & 0o7777,
                                            mtimeSeconds: Int64(fst.st_mtim.tv_sec), mtimeNanoseconds: Int64(fst.st_mtim.tv_nsec),
                                            uid: Int64(fst.st_uid), gid: Int64(fst.st_gid)))
        var hasher = StreamingSHA256()
        var done: Int64 = 0
        var readError: Int32 = 0
        while done < size {
            let want = Int(min(Int64(buffer.count), size - done))
            let n = read(fd, buffer.baseAddress, want)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                readError = n < 0 ? errno : 0
                break
            }
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
            result.warnings.append(SnapshotWarning(kind: "changed-while-reading", subject: rel, message: message))
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            while done < size {
                let n = Int(min(Int64(buffer.count), size - done))
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                hasher.update(chunk)
                try writer.writeData(chunk, path: entryPath)
                done += Int64(n)
            }
        } else if read(fd, buffer.baseAddress, 1) > 0 {
            result.warnings.append(SnapshotWarning(kind: "changed-while-reading", subject: rel,
                                                   message: "grew while being read; the first \(size) bytes were saved"))
        }
        return (size, hasher.finalizeHex(), fst)
    }
}
