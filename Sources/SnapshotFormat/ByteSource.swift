import ArchiveKit
import Foundation
import SitesnapSystem

/// Something that yields bytes in chunks: an archive entry being read, or a file.
package protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Reads to the end in 1 MiB chunks, passing each to `body`; returns the bytes read.
    /// - Throws: the source's errors and what `body` throws.
    @discardableResult
    package func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let n = try read(into: buffer)
            if n == 0 { return total }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += Int64(n)
        }
    }
}

extension ArchiveReader: ByteSource {
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try readData(into: buffer) }

    /// The rest of the current entry's data (for small entries: the manifest).
    package func readRest() throws -> Data {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var data = Data()
        while true {
            let n = try readData(into: buffer)
            if n == 0 { return data }
            data.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }
}

/// A file opened for reading, closed in `deinit`.
package final class FileByteSource: ByteSource {
    private let file: FileDescriptor
    package let path: String

    /// - Throws: `SitesnapError.snapshotUnreadable`.
    package init(path: String) throws {
        self.path = path
        do { file = try FileDescriptor(opening: path, flags: O_RDONLY) }
        catch { throw SitesnapError.snapshotUnreadable(path: path, reason: error.reason) }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do { return try file.read(into: buffer) }
        catch { throw SitesnapError.snapshotUnreadable(path: path, reason: error.reason) }
    }
}

/// Bytes `offset..<offset+length` of a file, read with pread (several readers may share one file).
package final class FileRangeSource: ByteSource {
    private let file: FileDescriptor
    package let path: String
    private var offset: Int64
    private var remaining: Int64

    /// - Throws: `SitesnapError.snapshotUnreadable`.
    package init(path: String, offset: Int64, length: Int64) throws {
        self.path = path
        self.offset = offset
        remaining = length
        do { file = try FileDescriptor(opening: path, flags: O_RDONLY) }
        catch { throw SitesnapError.snapshotUnreadable(path: path, reason: error.reason) }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard remaining > 0 else { return 0 }
        let want = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<Int(min(Int64(buffer.count), remaining))])
        let n: Int
        do { n = try file.read(into: want, at: offset) }
        catch { throw SitesnapError.snapshotUnreadable(path: path, reason: error.reason) }
        offset += Int64(n)
        remaining -= Int64(n)
        return n
    }
}

/// Buffered byte-at-a-time access over a `ByteSource`, hashing everything it reads (SHA-256), so a
/// reader can check the entry against the manifest while parsing it.
package final class ByteReader {
    private let source: ByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var hasher = StreamingSHA256()
    /// False when the caller has checked the bytes already (a restore's spooled dump part).
    private let hashing: Bool
    private var total: Int64 = 0
    private(set) var atEnd = false

    /// Bytes consumed so far (offset of the next byte in the source).
    package var position: Int64 { total - Int64(end - start) }

    package init(_ source: ByteSource, capacity: Int = 1 << 20, hashing: Bool = true) {
        self.source = source
        self.hashing = hashing
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    }

    /// A reader over bytes already in memory (one statement, for the checks that lex it): they are
    /// copied once; `position` counts from their start.
    package init(bytes: [UInt8]) {
        source = EmptySource()
        hashing = false
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        end = bytes.count
        total = Int64(end)
        atEnd = true
    }

    deinit { buffer.deallocate() }

    /// The next byte, or nil at the end.
    @inline(__always) package func next() throws -> UInt8? {
        if start == end {
            guard try refill() else { return nil }
        }
        let b = buffer[start]
        start += 1
        return b
    }

    /// The next byte without consuming it.
    @inline(__always) package func peek() throws -> UInt8? {
        if start == end {
            guard try refill() else { return nil }
        }
        return buffer[start]
    }

    /// Appends bytes up to (not including) the first byte for which `stop` is true, consuming them;
    /// stops early once `out` holds `limit` bytes or more.
    @inline(__always) package func take(into out: inout [UInt8], limit: Int = .max, until stop: (UInt8) -> Bool) throws {
        while out.count < limit {
            if start == end { guard try refill() else { return } }
            var i = start
            let room = limit - out.count
            let stopAt = room >= end - start ? end : start + room
            while i < stopAt && !stop(buffer[i]) { i += 1 }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<i]))
            start = i
            if i < stopAt { return }
        }
    }

    /// What `scan` stopped at.
    package enum ScanStop: Equatable {
        /// The byte for which `stop` was true (not consumed).
        case byte(UInt8)
        /// The buffered bytes ran out; call again for more.
        case chunk
        case end
    }

    /// The unread buffered bytes, refilled first when none are left; nil at the end. They count as
    /// consumed: the caller (`DumpLexer`) keeps its own cursor in them, valid until the next call.
    package func takeChunk() throws -> UnsafeRawBufferPointer? {
        if start == end { guard try refill() else { return nil } }
        let chunk = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
        start = end
        return chunk
    }

    /// Bytes read from the source so far (buffered ones included).
    package var totalRead: Int64 { total }

    private func refill() throws -> Bool {
        if atEnd { return false }
        let n = try source.read(into: buffer)
        if n == 0 { atEnd = true; return false }
        total += Int64(n)
        if hashing { hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
        start = 0
        end = n
        return true
    }

    /// Reads to the end and returns the SHA-256 of everything read.
    func drainAndHash() throws -> String {
        start = end
        while try refill() { start = end }
        return hasher.finalizeHex()
    }
}

/// The source of a `ByteReader` over bytes in memory: nothing more to read.
private final class EmptySource: ByteSource {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { 0 }
}
