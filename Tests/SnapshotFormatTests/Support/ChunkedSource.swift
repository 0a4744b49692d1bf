import SnapshotFormat

/// Bytes in memory handed out in chunks of at most `chunk` bytes, so that tokens and statements cross
/// the reader's buffer ends (a `ByteReader` refills when a read returns fewer bytes than it asked).
final class ChunkedSource: ByteSource {
    let data: [UInt8]
    let chunk: Int
    private var offset = 0

    init(_ bytes: [UInt8], chunk: Int = 3) {
        data = bytes
        self.chunk = chunk
    }

    convenience init(_ s: String, chunk: Int = 3) { self.init(Array(s.utf8), chunk: chunk) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(chunk, buffer.count, data.count - offset)
        for i in 0..<n { buffer[i] = data[offset + i] }
        offset += n
        return n
    }
}
