import SitesnapSystem

/// A file index read and parsed on a thread of its own, a batch of records ahead of its consumer:
/// `verify` reads the archive (decompressing, hashing) on its thread while this one parses the index
/// it is merged with, which on the same thread took a quarter of the time. Memory: at most `depth`
/// batches of `batchSize` records.
package final class FileIndexReadAhead: FileRecordSource {
    private enum Item: Sendable {
        case records([FileRecord])
        case end(count: Int64, sha256: String)
        case failed(any Error)
    }

    private let queue: BoundedQueue<Item>
    private let thread: WorkerPool
    private var batch: [FileRecord] = []
    private var position = 0
    private var sha: String?
    package private(set) var count: Int64 = 0

    /// Starts reading the index `open` opens (on the new thread).
    package init(opening open: @escaping @Sendable () throws -> FileIndexReader, batchSize: Int = 1024, depth: Int = 4) {
        let queue = BoundedQueue<Item>(capacity: depth)
        self.queue = queue
        thread = WorkerPool(name: "sitesnap-index") {
            var out: [FileRecord] = []
            do {
                let reader = try open()
                out.reserveCapacity(batchSize)
                while let r = try reader.next() {
                    out.append(r)
                    if out.count == batchSize {
                        guard queue.push(.records(out)) else { return }  // the consumer stopped
                        out = []
                        out.reserveCapacity(batchSize)
                    }
                }
                if !out.isEmpty, !queue.push(.records(out)) { return }
                queue.push(.end(count: reader.count, sha256: reader.sha256()))
            } catch {
                // The records before the failure first, as the reader would have returned them.
                if !out.isEmpty, !queue.push(.records(out)) { return }
                queue.push(.failed(error))
            }
            queue.close()
        }
    }

    deinit {
        queue.cancel()
        thread.join()
    }

    /// The next record, or nil at the end; the reader's error where it failed.
    package func next() throws -> FileRecord? {
        while position == batch.count {
            guard sha == nil, let item = queue.pop() else { return nil }
            switch item {
            case .records(let r):
                batch = r
                position = 0
            case .end(_, let s):
                sha = s
                batch = []
                position = 0
            case .failed(let e):
                throw e
            }
        }
        defer { position += 1 }
        count += 1
        return batch[position]
    }

    package func sha256() -> String { sha ?? "" }
}
