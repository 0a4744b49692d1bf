import Foundation
import SitesnapSystem

/// Reads a snapshot's per-file index record by record, in archive order: format 3's `index.jsonl`
/// from any `ByteSource` (the copy beside the archive, or the archive's own entry) in 1 MiB chunks,
/// hashing what it reads; or, for formats 1 and 2, the list their manifest holds. Memory: one chunk
/// and one record, whatever the number of files.
package final class FileIndexReader {
    private let source: ByteSource?
    private let name: String
    private var records: [FileRecord]
    private var position = 0
    private var chunk = [UInt8]()
    private var start = 0
    private var atEnd = false
    private var hasher = StreamingSHA256()
    /// Records read so far.
    package private(set) var count: Int64 = 0
    /// Bytes read so far.
    package private(set) var bytes: Int64 = 0

    /// The index in `source`; `name` (a path, or "archive (index.jsonl)") is named in errors.
    package init(source: ByteSource, name: String) {
        self.source = source
        self.name = name
        records = []
    }

    /// A format 1 or 2 manifest's list.
    package init(records: [FileRecord]) {
        source = nil
        name = "manifest"
        self.records = records
    }

    /// The next record, or nil at the end.
    /// - Throws: `SitesnapError.snapshotUnreadable` naming the index and the line that does not parse,
    ///   and whatever the source throws.
    package func next() throws -> FileRecord? {
        guard let source else {
            guard position < records.count else { return nil }
            defer { position += 1 }
            count += 1
            return records[position]
        }
        while true {
            if let nl = newline() {
                let lineStart = start
                start = nl + 1
                count += 1
                return try chunk.withUnsafeBytes { p in
                    do { return try FileRecordLineParser.parse(UnsafeRawBufferPointer(rebasing: p[lineStart..<nl])) }
                    catch let f as FileRecordLineParser.Failure {
                        throw SitesnapError.snapshotUnreadable(path: name, reason: "line \(count) of its file index does not parse (\(f.reason)): damaged")
                    }
                }
            }
            if atEnd {
                guard start == chunk.count else {
                    throw SitesnapError.snapshotUnreadable(path: name, reason: "its file index ends inside a line: cut short")
                }
                return nil
            }
            try refill(source)
        }
    }

    /// Keeps the unread part of the chunk and appends up to 1 MiB more.
    private func refill(_ source: ByteSource) throws {
        chunk.removeSubrange(0..<start)
        start = 0
        let have = chunk.count
        chunk.append(contentsOf: Self.zeros)
        let n = try chunk.withUnsafeMutableBytes { p in
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: p[have...]))
        }
        chunk.removeSubrange((have + n)...)
        if n == 0 { atEnd = true; return }
        chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[have...])) }
        bytes += Int64(n)
    }

    /// The index of the next newline in the chunk from `start` (memchr: a byte-by-byte search and
    /// appending `repeatElement` ran element by element in debug builds, slowing the tests tenfold).
    private func newline() -> Int? {
        guard start < chunk.count else { return nil }
        return chunk.withUnsafeBytes { p in
            memchr(p.baseAddress! + start, 0x0A, p.count - start).map { UnsafeRawPointer($0) - p.baseAddress! }
        }
    }

    private static let zeros = [UInt8](repeating: 0, count: 1 << 20)

    /// The archive entries (`files/<target>`) the index's hard links name, reading it to its end
    /// (what `EntryValidator` and `verify` remember of the files).
    /// - Throws: as `next()`.
    package func hardLinkTargets() throws -> Set<String> {
        var out = Set<String>()
        while let r = try next() {
            if r.type == .hardlink, let t = r.target { out.insert("files/" + t) }
        }
        return out
    }

    /// SHA-256 (hex) of the bytes read; the index's once `next()` returned nil.
    package func sha256() -> String { hasher.finalizeHex() }
}
