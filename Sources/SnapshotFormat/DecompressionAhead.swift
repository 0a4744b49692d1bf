import ArchiveKit
import SitesnapSystem

/// An archive decompressed on a thread of its own, a few MiB ahead of the `ArchiveReader` on the
/// caller's thread, which parses the tar stream: what `tar --zstd` gains from running zstd as a
/// process of its own. `verify` was one thread doing both, and decompressing was a third of it.
/// Memory: `depth` chunks of 1 MiB.
package final class DecompressionAhead {
    private enum Item: Sendable {
        case bytes([UInt8])
        case failed(any Error)
    }

    private let queue: BoundedQueue<Item>
    private let thread: WorkerPool
    private var chunk: [UInt8] = []
    private var offset = 0

    private init(path: String, depth: Int) {
        let queue = BoundedQueue<Item>(capacity: depth)
        self.queue = queue
        thread = WorkerPool(name: "sitesnap-decompress") {
            do {
                let d = try ArchiveDecompressor(path: path)
                while true {
                    let c = try d.next()
                    if c.isEmpty { break }
                    guard queue.push(.bytes(c)) else { return }  // the reader was closed
                }
            } catch {
                queue.push(.failed(error))
            }
            queue.close()
        }
    }

    deinit {
        queue.cancel()
        thread.join()
    }

    /// A reader of the archive at `path` whose decompression runs on a second thread.
    /// - Throws: `ArchiveError` when the file cannot be opened or is not a tar archive.
    package static func reader(path: String, depth: Int = 4) throws -> ArchiveReader {
        let ahead = DecompressionAhead(path: path, depth: depth)
        return try ArchiveReader(path: path) { try ahead.fill($0) }
    }

    /// Copies the next bytes of the tar stream into `buffer`; 0 at its end.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if offset == chunk.count {
            guard let item = queue.pop() else { return 0 }
            switch item {
            case .bytes(let c):
                chunk = c
                offset = 0
            case .failed(let e):
                throw e
            }
        }
        let n = min(buffer.count, chunk.count - offset)
        chunk.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}
