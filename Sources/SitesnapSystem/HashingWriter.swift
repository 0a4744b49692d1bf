import Foundation

/// Buffers bytes into a file descriptor while computing their SHA-256 and count.
///
/// The buffer (1 MiB) is the only memory it holds, whatever is written through it.
package final class HashingWriter {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private var hasher = StreamingSHA256()
    private let capacity: Int
    /// Bytes written so far (including those still buffered).
    package private(set) var count: Int64 = 0

    package init(fd: Int32, path: String, capacity: Int = 1 << 20) {
        self.fd = fd
        self.path = path
        self.capacity = capacity
        buffer.reserveCapacity(capacity + 4096)
    }

    @inline(__always) package func append(_ byte: UInt8) {
        buffer.append(byte)
        count += 1
    }

    @inline(__always) package func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        count += Int64(bytes.count)
    }

    @inline(__always) package func appendNull() {
        buffer.append(78); buffer.append(85); buffer.append(76); buffer.append(76)  // NULL
        count += 4
    }

    package func append(_ text: String) {
        var t = text
        t.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Writes the buffer out when it is over capacity.
    /// - Throws: `SitesnapError.archiveWriteFailed` on a write error (e.g. disk full).
    @inline(__always) package func flushIfFull() throws {
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { raw in
            hasher.update(raw)
            return Result { () throws(SystemError) in try writeAll(fd, raw, path: path) }
        }
        if case .failure(let e) = written { throw SitesnapError.archiveWriteFailed(path: path, reason: e.reason) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and returns the SHA-256 (lowercase hex) of everything written.
    package func finish() throws -> String {
        try flush()
        return hasher.finalizeHex()
    }
}

/// Lowercase hexadecimal of byte sequences.
package enum Hex {
    package static let digits: [UInt8] = Array("0123456789abcdef".utf8)
    package static func string<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digits of `bytes` written straight into the string's storage (verify and backup make one
    /// per file: the general path's array and appends were 3 % of verify).
    package static func string(raw bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for i in 0..<bytes.count {
                let b = bytes[i]
                out[2 * i] = digits[Int(b >> 4)]
                out[2 * i + 1] = digits[Int(b & 0x0f)]
            }
            return bytes.count * 2
        }
    }
}
