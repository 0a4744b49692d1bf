import ArchiveKit
import SitesnapSystem

/// An archive decompressed on a thread of its own, a few MiB ahead of the `ArchiveReader` on the
/// caller's thread, which parses the tar stream: what `tar --zstd` gains from running zstd as a
/// process of its own. `verify` was one thread doing both, and decompressing was a third of it.
/// Memory: `depth` chunks of 1 MiB.
package final class DecompressionAhead {
    private let chunks: ReadAhead<[UInt8]>
    private var chunk: [UInt8] = []
    private var offset = 0

    private init(path: String, depth: Int) {
        chunks = ReadAhead(name: "sitesnap-decompress", depth: depth) { push in
            let d = try ArchiveDecompressor(path: path)
            while true {
                let c = try d.next()
                if c.isEmpty || !push(c) { return }  // the end, or the reader was closed
            }
        }
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
            guard let c = try chunks.next() else { return 0 }
            chunk = c
            offset = 0
        }
        let n = min(buffer.count, chunk.count - offset)
        chunk.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}
