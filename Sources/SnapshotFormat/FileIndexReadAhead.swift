import SitesnapSystem

/// A file index read and parsed on a thread of its own, a batch of records ahead of its consumer:
/// `verify` reads the archive (decompressing, hashing) on its thread while this one parses the index
/// it is merged with, which on the same thread took a quarter of the time. Memory: at most `depth`
/// batches of `batchSize` records.
package final class FileIndexReadAhead: FileRecordSource {
    private enum Batch: Sendable {
        case records([FileRecord])
        case end(sha256: String)
    }

    private let batches: ReadAhead<Batch>
    private var batch: [FileRecord] = []
    private var position = 0
    private var sha: String?
    package private(set) var count: Int64 = 0

    /// Starts reading the index `open` opens (on the new thread).
    package init(opening open: @escaping @Sendable () throws -> FileIndexReader, batchSize: Int = 1024, depth: Int = 4) {
        batches = ReadAhead(name: "sitesnap-index", depth: depth) { push in
            var out: [FileRecord] = []
            do {
                let reader = try open()
                out.reserveCapacity(batchSize)
                while let r = try reader.next() {
                    out.append(r)
                    if out.count == batchSize {
                        guard push(.records(out)) else { return }  // the consumer stopped
                        out = []
                        out.reserveCapacity(batchSize)
                    }
                }
                if !out.isEmpty, !push(.records(out)) { return }
                _ = push(.end(sha256: reader.sha256()))
            } catch {
                // The records before the failure first, as the reader would have returned them.
                if !out.isEmpty, !push(.records(out)) { return }
                throw error
            }
        }
    }

    /// The next record, or nil at the end; the reader's error where it failed.
    package func next() throws -> FileRecord? {
        while position == batch.count {
            guard sha == nil, let b = try batches.next() else { return nil }
            switch b {
            case .records(let r):
                batch = r
            case .end(let s):
                sha = s
                batch = []
            }
            position = 0
        }
        defer { position += 1 }
        count += 1
        return batch[position]
    }

    package func sha256() -> String { sha ?? "" }
}
