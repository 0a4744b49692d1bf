import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// Writes the archive's `files/` entries into the hidden folder (the current folder, paths relative
/// to it, for libarchive's SECURE_NOABSOLUTEPATHS) on a thread of its own ("sitesnap-extract")
/// while the archive's thread decompresses: each regular file is hashed as it is written and its
/// SHA-256 compared with the one the `ArchiveAudit` admitted the entry with (before it came here).
final class FileExtraction {
    /// What the extraction thread does, in order.
    private enum DiskOp {
        case header(ArchiveEntry)
        case data([UInt8], Int, String)
        case finish(rel: String, archivePath: String, sha256: String?)
        case close
    }

    private let queue: BackgroundQueue<DiskOp>
    private let chunks: ChunkPool
    private var running = true

    /// Starts the thread. `temp`: the folder named in write errors; `archive`: the archive named when a
    /// file's SHA-256 is not the manifest's.
    init(temp: String, archive: String) throws {
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
            case .finish(let rel, let archivePath, let want):
                if let want {
                    let sha = hasher.finalizeHex()
                    guard sha == want else {
                        throw SitesnapError.archiveEntryRefused(archive: archive, entry: RawName.display(archivePath),
                                                                reason: "SHA-256 \(sha) does not match the manifest's \(want)")
                    }
                }
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

    /// Queues the entry `e` (`files` or `files/...`) and, for a regular file, its data from `reader`,
    /// whose SHA-256 must be `sha256` (the manifest's, which the audit admitted it with).
    /// `ownersUnknown`: the manifest has no owners, so the files are this user's.
    /// - Throws: the extraction thread's first error, the reader's errors.
    func extract(_ e: ArchiveEntry, from reader: ArchiveReader, sha256: String?, ownersUnknown: Bool) throws {
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
        var want: String?
        if case .regular = e.kind {
            want = sha256
            while true {
                // Decompressed straight into a pooled buffer, which the writer thread returns.
                var chunk = chunks.buffer(size: 1 << 20)
                let n = try chunk.withUnsafeMutableBytes { try reader.readData(into: $0) }
                if n == 0 { chunks.recycle(chunk); break }
                try queue.enqueue(.data(chunk, n, rel))
            }
        }
        try queue.enqueue(.finish(rel: rel, archivePath: e.path, sha256: want))
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
