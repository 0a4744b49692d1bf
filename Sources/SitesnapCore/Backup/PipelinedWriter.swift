import ArchiveKit
import Foundation
import SitesnapSystem

/// Runs an `EntryWriter` (a `TarPartWriter`, or the files part of a snapshot) on a thread of its own (`BackgroundQueue`), so that compression (inside
/// libarchive) overlaps with reading, hashing and dumping on the caller's thread.
///
/// Calls are queued in order; each data chunk is copied (at most 1 MiB, at most 8 queued). The first
/// error of the writer thread is thrown by the next call, and by `close()`.
final class PipelinedWriter: Sendable {
    private enum Op: Sendable {
        case header(ArchiveEntry)
        case data([UInt8], String)
        case close
    }

    private let queue: BackgroundQueue<Op>
    private let chunks = ChunkPool()

    init(_ writer: sending EntryWriter) {
        let chunks = self.chunks
        queue = BackgroundQueue(name: "sitesnap-archive-writer") { op in
            switch op {
            case .header(let e): try writer.writeHeader(e)
            case .data(let bytes, let path):
                defer { chunks.recycle(bytes) }
                try bytes.withUnsafeBytes { try writer.writeData($0, path: path) }
            case .close: try writer.close()
            }
        }
    }

    func writeHeader(_ entry: ArchiveEntry) throws { try queue.enqueue(.header(entry)) }

    func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard bytes.count > 0 else { return }
        try queue.enqueue(.data(chunks.copy(bytes), path))
    }

    /// Waits until everything queued is written and the archive is closed.
    /// - Throws: the writer thread's first error.
    func close() throws {
        try queue.enqueue(.close)
        try queue.finish()
    }

    /// Stops without closing (on failure): waits for the thread to drop what is queued.
    func abandon() { queue.abandon() }
}
