import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// Writes the archive's `files/` entries into the hidden folder (the current folder, paths relative
/// to it, for libarchive's SECURE_NOABSOLUTEPATHS) on a thread of its own ("sitesnap-extract")
/// while the archive's thread decompresses: each regular file is hashed as it is written and its
/// SHA-256 confirmed with the `ArchiveAudit` (the audit admitted the entry before it came here).
final class FileExtraction {
    /// What the extraction thread does, in order.
    private enum DiskOp {
        case header(ArchiveEntry)
        case data([UInt8], Int, String)
        case finish(rel: String, archivePath: String, regular: Bool)
        case close
    }

    private let queue: BackgroundQueue<DiskOp>
    private let chunks: ChunkPool
    private var running = true

    /// Starts the thread. `audit`: its checksums (entries are admitted on the caller's thread);
    /// `temp`: the folder named in write errors.
    init(temp: String, audit checker: ArchiveAudit) throws {
        let disk = try DiskWriter()
        let chunks = ChunkPool()
        self.chunks = chunks
        var hasher = StreamingSHA256()
        func perform(_ op: DiskOp) throws {
            switch op {
            case .header(let e):
                hasher = StreamingSHA256()
                try disk.writeHeader(e)
            case .data(let bytes, let count, let rel):
                defer { chunks.recycle(bytes) }
                try bytes.withUnsafeBytes { all in
                    let raw = UnsafeRawBufferPointer(rebasing: all[0..<count])
                    hasher.update(raw)
                    try disk.writeData(raw, path: rel)
                }
            case .finish(let rel, let archivePath, let regular):
                if regular { try checker.confirm(archivePath, sha: hasher.finalizeHex()) }
                try disk.finishEntry(path: rel)
            case .close:
                try disk.close()
            }
        }
        queue = BackgroundQueue<DiskOp>(name: "sitesnap-extract") { op in
            do {
                try perform(op)
            } catch let e as ArchiveError {
                // The disk writer's errors (the reader's are the archive's, in the caller).
                throw SitesnapError.restoreWriteFailed(path: temp, reason: "\(e.message) (\(e.context))")
            }
        }
    }

    /// Queues the entry `e` (`files` or `files/...`) and, for a regular file, its data from `reader`.
    /// `ownersUnknown`: the manifest has no owners, so the files are this user's.
    /// - Throws: the extraction thread's first error, the reader's errors.
    func extract(_ e: ArchiveEntry, from reader: ArchiveReader, ownersUnknown: Bool) throws {
        let rel = e.path == "files" ? "" : String(e.path.dropFirst("files/".count))
        var entry = e
        entry.path = rel.isEmpty ? "." : rel
        if case .hardlink(let t) = e.kind {
            // Admitted only to a regular file written earlier under files/ (EntryValidator):
            // link(2) joins two names inside the staging tree.
            entry.kind = .hardlink(target: String(t.dropFirst("files/".count)))
        }
        if ownersUnknown {
            // A snapshot without owners in its manifest: the archive's header alone does not
            // choose who owns the files (it matters only when restoring as root).
            entry.uid = Int64(getuid())
            entry.gid = Int64(getgid())
        }
        try queue.enqueue(.header(entry))
        var regular = false
        if case .regular = e.kind {
            regular = true
            while true {
                // Decompressed straight into a pooled buffer, which the writer thread returns.
                var chunk = chunks.buffer(size: 1 << 20)
                let n = try chunk.withUnsafeMutableBytes { try reader.readData(into: $0) }
                if n == 0 { chunks.recycle(chunk); break }
                try queue.enqueue(.data(chunk, n, rel))
            }
        }
        try queue.enqueue(.finish(rel: rel, archivePath: e.path, regular: regular))
    }

    /// Closes the disk writer and waits for the thread.
    /// - Throws: the thread's first error.
    func finish() throws {
        try queue.enqueue(.close)
        running = false
        try queue.finish()
    }

    /// Stops the thread, dropping what is queued (on failure; nothing when it has finished).
    func abandon() {
        if running { queue.abandon() }
        running = false
    }
}
