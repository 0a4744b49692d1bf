import ArchiveKit
import Foundation
import SitesnapSystem
import Synchronization

/// Runs an `EntryWriter` (a `TarPartWriter`, or the files part of a snapshot) on a thread of its own (`BackgroundQueue`), so that compression (inside
/// libarchive) overlaps with reading, hashing and dumping on the caller's thread.
///
/// Calls are handed over in order, in batches: headers and copies of their data (at most 8 batches
/// queued, each closed at 256 KiB of data or 256 operations, so at most ~10 MiB held). One hand-over
/// per entry (a lock, a wake-up of the writer thread and a switch to it) cost more than archiving a
/// small file itself: 200,000 files of 100-600 bytes made 400,000 of them. The first error of the
/// writer thread is thrown by a later call, and by `close()`.
final class PipelinedWriter: Sendable {
    private enum Op: Sendable {
        case header(ArchiveEntry)
        case data(Range<Int>, String)
    }

    /// Operations, and the bytes their `data` ranges point into.
    private struct Batch: Sendable {
        var ops: [Op] = []
        var bytes: [UInt8] = []
        var isFull: Bool { bytes.count >= PipelinedWriter.batchBytes || ops.count >= PipelinedWriter.batchOps }
    }

    private enum Message: Sendable {
        case batch(Batch)
        case close
    }

    static let batchBytes = 256 << 10
    static let batchOps = 256
    private let queue: BackgroundQueue<Message>
    /// The batch being filled, on the caller's thread (a lock nobody else takes: an atomic operation).
    private let open = Mutex(Batch())
    /// Emptied batches back from the writer thread, their storage kept (as `ChunkPool` does: fresh
    /// arrays allocated on one thread and freed on another made glibc's heap grow).
    private let spare: Locked<[Batch]>

    init(_ writer: sending EntryWriter) {
        let spare = Locked<[Batch]>([])
        self.spare = spare
        queue = BackgroundQueue(name: "sitesnap-archive-writer") { message in
            switch message {
            case .batch(var b):
                for op in b.ops {
                    switch op {
                    case .header(let e): try writer.writeHeader(e)
                    case .data(let range, let path):
                        try b.bytes.withUnsafeBytes { try writer.writeData(UnsafeRawBufferPointer(rebasing: $0[range]), path: path) }
                    }
                }
                b.ops.removeAll(keepingCapacity: true)
                b.bytes.removeAll(keepingCapacity: true)
                let emptied = b
                spare.withLock { if $0.count < 10 { $0.append(emptied) } }
            case .close: try writer.close()
            }
        }
    }

    func writeHeader(_ entry: ArchiveEntry) throws {
        try add { $0.ops.append(.header(entry)) }
    }

    func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard bytes.count > 0 else { return }
        try add { b in
            let start = b.bytes.count
            b.bytes.append(contentsOf: bytes)
            b.ops.append(.data(start..<b.bytes.count, path))
        }
    }

    /// Adds to the open batch; hands it over once full.
    private func add(_ body: (inout Batch) -> Void) throws {
        let full: Batch? = open.withLock { b in
            body(&b)
            return b.isFull ? takeBatch(&b) : nil
        }
        if let full { try queue.enqueue(.batch(full)) }
    }

    /// The batch `b` held, replaced by a spare one.
    private func takeBatch(_ b: inout Batch) -> Batch {
        let next = spare.withLock { $0.popLast() } ?? Batch()
        let taken = b
        b = next
        return taken
    }

    /// Waits until everything queued is written and the archive is closed.
    /// - Throws: the writer thread's first error.
    func close() throws {
        let last: Batch = open.withLock { takeBatch(&$0) }
        if !last.ops.isEmpty { try queue.enqueue(.batch(last)) }
        try queue.enqueue(.close)
        try queue.finish()
    }

    /// Stops without closing (on failure): waits for the thread to drop what is queued.
    func abandon() {
        open.withLock { $0 = Batch() }
        queue.abandon()
    }
}
