import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// Writes the archive's `files/` entries into the hidden folder (the current folder, paths relative
/// to it, for libarchive's SECURE_NOABSOLUTEPATHS) on a thread of its own ("sitesnap-extract")
/// while the archive's thread decompresses: each regular file is hashed as it is written and its
/// SHA-256 compared with the one the `ArchiveAudit` admitted the entry with (before it came here).
///
/// Entries are handed over in batches (256 operations or 256 KiB of data, decompressed straight into
/// the batch): one hand-over per header, chunk and end of entry (a lock, a wake-up and a switch of
/// thread each) cost more than writing a small file.
final class FileExtraction {
    /// What the extraction thread does, in order.
    private enum DiskOp: Sendable {
        case header(ArchiveEntry)
        case data(Range<Int>, String)
        case finish(rel: String, archivePath: String, sha256: String?)
        case close
    }

    /// Operations, and the bytes their `data` ranges point into.
    private struct Batch: Sendable {
        var ops: [DiskOp] = []
        var bytes: [UInt8] = []
    }

    private static let batchBytes = 256 << 10, batchOps = 256, chunk = 1 << 20
    private static let zeros = [UInt8](repeating: 0, count: chunk)
    private let queue: BackgroundQueue<Batch>
    private var open = Batch()
    /// Emptied batches back from the thread, their storage kept (see `ChunkPool`).
    private let spare: Locked<[Batch]>
    private var running = true

    /// Starts the thread. `temp`: the folder named in write errors; `archive`: the archive named when a
    /// file's SHA-256 is not the manifest's.
    init(temp: String, archive: String) throws {
        let disk = try DiskWriter()
        let spare = Locked<[Batch]>([])
        self.spare = spare
        var hasher = StreamingSHA256()
        func perform(_ op: DiskOp, _ bytes: [UInt8]) throws {
            switch op {
            case .header(let e):
                hasher = StreamingSHA256()
                try disk.writeHeader(e)
            case .data(let range, let rel):
                try bytes.withUnsafeBytes { all in
                    let raw = UnsafeRawBufferPointer(rebasing: all[range])
                    hasher.update(raw)
                    try disk.writeData(raw, path: rel)
                }
            case .finish(let rel, let archivePath, let want):
                if want != nil { try ArchiveAudit.confirm(archivePath, sha: hasher.finalizeHex(), want: want, archive: archive) }
                try disk.finishEntry(path: rel)
            case .close:
                try disk.close()
            }
        }
        queue = BackgroundQueue<Batch>(name: "sitesnap-extract") { batch in
            var b = batch
            do {
                for op in b.ops { try perform(op, b.bytes) }
            } catch let e as ArchiveError {
                // The disk writer's errors (the reader's are the archive's, in the caller).
                throw SitesnapError.restoreWriteFailed(path: temp, reason: "\(e.message) (\(e.context))")
            }
            b.ops.removeAll(keepingCapacity: true)
            b.bytes.removeAll(keepingCapacity: true)
            let emptied = b
            spare.withLock { if $0.count < 4 { $0.append(emptied) } }
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
        try add(.header(entry))
        var want: String?
        if case .regular(let size) = e.kind {
            want = sha256
            try readData(from: reader, size: size, rel: rel)
        }
        try add(.finish(rel: rel, archivePath: e.path, sha256: want))
    }

    /// Decompresses the entry's data straight into the open batch, at most a chunk at a time, until
    /// the reader says the data ended (the header's size only sizes the reads: past it, one byte is
    /// asked for to see the end).
    private func readData(from reader: ArchiveReader, size: Int64, rel: String) throws {
        var left = size
        while true {
            let want = left > 0 ? Int(min(Int64(Self.chunk), left)) : 1
            let start = open.bytes.count
            // From a block of zeros (one copy): appending `repeatElement` ran element by element in
            // debug builds, which made the test suite's restores take minutes.
            open.bytes.append(contentsOf: Self.zeros[0..<want])
            let n = try open.bytes.withUnsafeMutableBytes { try reader.readData(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            open.bytes.removeLast(want - n)
            if n == 0 { return }
            left -= Int64(n)
            try add(.data(start..<(start + n), rel))
        }
    }

    /// Adds to the open batch; hands it over once full.
    private func add(_ op: DiskOp) throws {
        open.ops.append(op)
        if open.bytes.count >= Self.batchBytes || open.ops.count >= Self.batchOps { try handOver() }
    }

    private func handOver() throws {
        let full = open
        open = spare.withLock { $0.popLast() } ?? Batch()
        if !full.ops.isEmpty { try queue.enqueue(full) }
    }

    /// Closes the disk writer and waits for the thread.
    /// - Throws: the thread's first error.
    func finish() throws {
        open.ops.append(.close)
        try handOver()
        running = false
        try queue.finish()
    }

    /// Stops the thread, dropping what is queued (on failure; nothing when it has finished).
    func abandon() {
        if running { queue.abandon() }
        running = false
    }
}
