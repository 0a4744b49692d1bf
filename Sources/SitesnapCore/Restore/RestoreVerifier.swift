import ArchiveKit
import Foundation
import MariaDBKit
import SitesnapSystem
import SnapshotFormat

/// Checks a restore after it was written: every restored file, link and folder against the manifest
/// (type, size, mode, mtime, link target; with `readBack`, each file is also read back and hashed
/// with SHA-256), and every table is dumped again exactly as `backup` dumps it and compared with the
/// manifest's checksum (dumps are deterministic, so equal checksums mean equal rows, bytes and schema).
///
/// Without `readBack` a file's content is checked once, as it is written: the extraction hashes the
/// very bytes it writes and refuses a file whose SHA-256 differs from the manifest's. Reading the file
/// back right after would read the kernel's page cache, not the disk, so it finds no more than that
/// and costs a second SHA-256 and copy of every byte (~0.4 CPU-s for 430 MB on the bench machine).
enum RestoreVerifier {
    /// The file half of the verification, on a thread of its own: started as soon as the files are
    /// written, so it overlaps the end of the database import.
    /// Two threads, each over half of the bytes: the check runs when the import is (nearly) done, so
    /// both cores are free for it (0.33 s -> 0.2 s for 444 MB on the bench machine).
    final class FilesCheck: Sendable {
        /// One result per thread, in manifest order.
        private let halves = Locked([RestoreResult.Verification?](repeating: nil, count: 2))
        private let threads: WorkerPool

        /// Starts checking every file, link and folder of the snapshot under `target` (the files in
        /// `rewritten`, rewritten on purpose, are skipped). Each thread streams the index itself
        /// (`index` opens one): the first takes the records up to half of the bytes, the second the rest.
        init(index: @escaping @Sendable () throws -> FileIndexReader, totalBytes: Int64, target: String, rewritten: Set<String>, readBack: Bool) {
            let halves = self.halves
            threads = WorkerPool(name: "sitesnap-verify", jobs: (0..<2).map { i in
                {
                    var v: RestoreResult.Verification
                    do {
                        let reader = try index()
                        var bytes: Int64 = 0
                        // A record belongs to the first half while the bytes before it are under half.
                        let next: () throws -> FileRecord? = {
                            while let r = try reader.next() {
                                let first = bytes < totalBytes / 2 || totalBytes == 0
                                bytes += r.size ?? 0
                                if first == (i == 0) { return r }
                                if i == 0 { return nil }
                            }
                            return nil
                        }
                        v = try RestoreVerifier.verifyFiles(next, target: target, rewritten: rewritten, readBack: readBack)
                    } catch {
                        v = .nothingChecked(filesReadBack: readBack)
                        v.filesDiffering.append("(the file index: \((error as? SitesnapError)?.errorDescription ?? "\(error)"))")
                    }
                    halves.withLock { $0[i] = v }
                }
            })
        }

        /// Waits for the result (files, bytes and differences in manifest order).
        func wait() -> RestoreResult.Verification {
            threads.join()
            let h = halves.withLock { $0 }
            var v = h[0]!
            v.filesReadBack = h[0]!.filesReadBack || h[1]!.filesReadBack
            v.filesChecked += h[1]!.filesChecked
            v.bytesChecked += h[1]!.bytesChecked
            v.filesDiffering += h[1]!.filesDiffering
            return v
        }
    }

    /// Dumps every table again on this thread, and adds the files' result `f` (`FilesCheck.wait()`,
    /// which the caller takes before it rewrites anything in the tree).
    static func verify(manifest m: Manifest, files f: RestoreResult.Verification, db: StagingDatabase, rewritten: Set<String>,
                       alreadyChecked: [String: TableCheck] = [:]) throws -> RestoreResult.Verification {
        var v = RestoreResult.Verification.nothingChecked(filesReadBack: false)
        v.tablesRewritten = rewritten.sorted()
        let tablesError: Error?
        do { try verifyTables(manifest: m, db: db, rewritten: rewritten, alreadyChecked: alreadyChecked, into: &v); tablesError = nil } catch { tablesError = error }
        if let tablesError { throw tablesError }
        v.filesChecked = f.filesChecked
        v.bytesChecked = f.bytesChecked
        v.filesReadBack = f.filesReadBack
        v.filesDiffering = f.filesDiffering
        v.ok = v.filesDiffering.isEmpty && v.tablesDiffering.isEmpty
        return v
    }

    /// Checks `entries` under `target`; with `readBack` each regular file's content is read and hashed.
    /// Returns files and bytes checked and the paths that differ (with the reason in brackets).
    static func verifyFiles(_ entries: ArraySlice<FileRecord>, target: String, rewritten: Set<String>,
                            readBack: Bool) -> RestoreResult.Verification {
        var it = entries.makeIterator()
        return (try? verifyFiles({ it.next() }, target: target, rewritten: rewritten, readBack: readBack)) ?? .nothingChecked(filesReadBack: readBack)
    }

    /// Checks each record `next` gives (until nil) under `target`, as above.
    /// - Throws: what `next` throws.
    static func verifyFiles(_ next: () throws -> FileRecord?, target: String, rewritten: Set<String>,
                            readBack: Bool) throws -> RestoreResult.Verification {
        var v = RestoreResult.Verification.nothingChecked(filesReadBack: readBack)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while let f = try next() {
            // Paths are RawName strings: they reach the kernel as their exact bytes.
            let path = f.path.isEmpty ? target : target + "/" + f.path
            let shown = RawName.display(f.path)
            var st = stat()
            guard RawName.withCString(path, { lstat($0, &st) }) == 0 else { v.filesDiffering.append(shown + " (missing)"); continue }
            switch f.type {
            case .file:
                if rewritten.contains(f.path) { continue }
                guard readBack else {
                    // Content was hashed as it was written (see the type's comment): type and size here.
                    if (st.st_mode & S_IFMT) != S_IFREG { v.filesDiffering.append(shown + " (not a file)") }
                    else if Int64(st.st_size) != f.size { v.filesDiffering.append(shown + " (size)") }
                    v.filesChecked += 1
                    v.bytesChecked += Int64(st.st_size)
                    break
                }
                // Through FileDescriptor: a read interrupted by a signal is retried, not taken for the end
                // of a short file (which reported a good file as differing).
                guard let fd = try? RawName.withCString(path, { try FileDescriptor(opening: $0, path: path, flags: O_RDONLY) }) else {
                    v.filesDiffering.append(shown + " (unreadable)"); continue
                }
                var h = StreamingSHA256()
                var size: Int64 = 0
                while let n = try? fd.read(into: buffer), n > 0 {
                    h.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                    size += Int64(n)
                }
                v.filesChecked += 1
                v.bytesChecked += size
                if h.finalizeHex() != f.sha256 || size != f.size { v.filesDiffering.append(shown) }
            case .symlink:
                var t = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
                let n = RawName.withCString(path) { readlink($0, &t, t.count - 1) }
                if n < 0 || RawName.string(t[0..<n]) != f.target { v.filesDiffering.append(shown + " (link target)") }
            case .hardlink:
                // The same inode as the file it is another name of.
                var first = stat()
                let ok = RawName.withCString(target + "/" + (f.target ?? "")) { lstat($0, &first) } == 0
                if (st.st_mode & S_IFMT) != S_IFREG || !ok || first.st_ino != st.st_ino || first.st_dev != st.st_dev {
                    v.filesDiffering.append(shown + " (not a hard link of \(RawName.display(f.target ?? "")))")
                }
            default:
                if (st.st_mode & S_IFMT) != S_IFDIR { v.filesDiffering.append(shown + " (not a folder)") }
            }
            if f.type != .symlink && UInt32(st.st_mode) & 0o7777 != f.mode && !rewritten.contains(f.path) {
                v.filesDiffering.append(shown + " (mode)")
            }
            // Whole seconds: a staging folder on a file system with coarser times is not a difference.
            if !rewritten.contains(f.path) && Int64(st.st_mtim.tv_sec) != f.mtime {
                v.filesDiffering.append(shown + " (mtime)")
            }
        }
        return v
    }

    /// Tables in `alreadyChecked` (checked by the import workers right after loading, before any
    /// rewrite) are taken from it; the others are dumped again now, except those changed on purpose.
    static func verifyTables(manifest m: Manifest, db: StagingDatabase, rewritten: Set<String>,
                             alreadyChecked: [String: TableCheck], into v: inout RestoreResult.Verification) throws {
        for t in m.database?.tables ?? [] {
            let checked: TableCheck
            if let done = alreadyChecked[t.name] {
                checked = done
            } else if rewritten.contains(t.name) {
                continue
            } else {
                checked = try check(table: t, on: db)
            }
            v.tablesChecked += 1
            v.rowsChecked += checked.rows
            if !checked.same { v.tablesDiffering.append(t.name) }
        }
    }

    /// Table checks made by the import workers (thread-safe).
    final class TableChecks: Sendable {
        private let results = Locked<[String: TableCheck]>([:])

        func record(_ table: String, _ check: TableCheck) { results.withLock { $0[table] = check } }

        var all: [String: TableCheck] { results.withLock { $0 } }
    }

    /// A table's check: rows dumped again, and whether they hash to the manifest's SHA-256.
    struct TableCheck: Sendable {
        var rows: Int64
        var same: Bool
    }

    /// Dumps `t` again as `backup` does (one consistent read) and compares with the manifest.
    /// - Throws: `SitesnapError` for database errors.
    static func check(table t: TableDump, on db: StagingDatabase) throws -> TableCheck {
        let sink = try? FileDescriptor(opening: "/dev/null", flags: O_WRONLY)
        return try db.run {
            let dumper = TableDumper(connection: db.connection, maxStatementBytes: try DatabaseDumper.beginSnapshot(db.connection), cancellation: nil)
            defer { _ = try? db.connection.execute("COMMIT") }
            let out = HashingWriter(fd: sink?.raw ?? -1, path: "/dev/null")
            let rows = try dumper.dump(table: t.name, metadata: try dumper.metadata(table: t.name), into: out) { _ in }
            return TableCheck(rows: rows, same: try out.finish() == t.sha256 && rows == t.rows)
        }
    }
}
