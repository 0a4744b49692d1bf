/// Reusable byte buffers for the chunks (≤ 1 MiB each) one thread hands to another through a
/// `BackgroundQueue`. A fresh array per chunk, allocated on one thread and freed on another, made
/// glibc's heap grow with the amount of data streamed (a restore of a 2.4 GB site peaked at 119 MB
/// RSS); recycling a few buffers keeps memory flat.
package final class ChunkPool: Sendable {
    private let free = Locked<[[UInt8]]>([])
    private let keep: Int

    /// `keep`: how many idle buffers to hold (the queue's capacity, plus the ones in use).
    package init(keep: Int = 12) { self.keep = keep }

    /// A buffer holding a copy of `bytes`.
    package func copy(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var b = free.withLock { $0.popLast() } ?? []
        b.removeAll(keepingCapacity: true)
        b.append(contentsOf: bytes)
        return b
    }

    /// A buffer of `size` bytes (contents unspecified) to fill in place.
    package func buffer(size: Int) -> [UInt8] {
        var b = free.withLock { $0.popLast() } ?? []
        if b.count != size { b = [UInt8](repeating: 0, count: size) }
        return b
    }

    /// Gives a buffer back once its bytes are used.
    package func recycle(_ b: consuming [UInt8]) {
        let keep = self.keep
        let b = b
        free.withLock { if $0.count < keep { $0.append(b) } }
    }
}
