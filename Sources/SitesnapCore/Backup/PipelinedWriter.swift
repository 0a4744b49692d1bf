import ArchiveKit
import Foundation

/// Runs an `ArchiveWriter` on a thread of its own, so that compression (inside libarchive) overlaps
/// with reading, hashing and dumping on the caller's thread: a two-stage pipeline on a 2-core machine.
///
/// Calls are queued in order; the queue holds at most `capacity` operations (each at most one 1 MiB
/// chunk, copied), so memory stays bounded. The first error of the writer thread is thrown by the next
/// call, and by `close()`.
final class PipelinedWriter: @unchecked Sendable {
    private enum Op {
        case header(ArchiveEntry)
        case data([UInt8], String)
        case close
    }

    private let writer: ArchiveWriter
    private let condition = NSCondition()
    private var queue: [Op] = []
    private let capacity: Int
    private var failure: Error?
    private var finished = false
    private var thread: Thread?

    init(_ writer: ArchiveWriter, capacity: Int = 8) {
        self.writer = writer
        self.capacity = capacity
        let t = Thread { [unowned self] in self.loop() }
        t.name = "sitesnap-archive-writer"
        thread = t
        t.start()
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            let op = queue.removeFirst()
            let failed = failure != nil
            condition.broadcast()
            condition.unlock()
            if failed {
                if case .close = op { signalFinished(); return }
                continue
            }
            do {
                switch op {
                case .header(let e): try writer.writeHeader(e)
                case .data(let bytes, let path): try bytes.withUnsafeBytes { try writer.writeData($0, path: path) }
                case .close:
                    try writer.close()
                    signalFinished()
                    return
                }
            } catch {
                condition.lock()
                failure = error
                condition.broadcast()
                condition.unlock()
                if case .close = op { signalFinished(); return }
            }
        }
    }

    private func signalFinished() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func enqueue(_ op: Op) throws {
        condition.lock()
        defer { condition.unlock() }
        if let f = failure { throw f }
        while queue.count >= capacity && failure == nil { condition.wait() }
        if let f = failure { throw f }
        queue.append(op)
        condition.broadcast()
    }

    func writeHeader(_ entry: ArchiveEntry) throws { try enqueue(.header(entry)) }

    func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard bytes.count > 0 else { return }
        try enqueue(.data(Array(bytes), path))
    }

    /// Waits until everything queued is written and the archive is closed.
    /// - Throws: the writer thread's first error.
    func close() throws {
        try enqueue(.close)
        condition.lock()
        while !finished { condition.wait() }
        let f = failure
        condition.unlock()
        if let f { throw f }
    }

    /// Stops without closing (on failure): waits for the thread to drop what is queued.
    func abandon() {
        condition.lock()
        if failure == nil { failure = CancellationError() }
        queue.removeAll()
        queue.append(.close)
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
