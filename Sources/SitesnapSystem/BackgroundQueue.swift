import Foundation

/// One consumer thread fed through a bounded queue: the caller's thread produces operations (reading,
/// hashing, decompressing) while this thread performs them (compressing, writing), a two-stage
/// pipeline on a 2-core machine.
///
/// The queue holds at most `capacity` operations, so memory stays bounded (callers enqueue chunks of
/// at most 1 MiB). The first error of `perform` is kept: later operations are dropped, and the next
/// `enqueue` or `finish` throws it.
package final class BackgroundQueue<Op>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Op] = []
    private let capacity: Int
    private var failure: Error?
    private var closing = false
    private var finished = false
    private let perform: (Op) throws -> Void

    package init(name: String, capacity: Int = 8, perform: @escaping (Op) throws -> Void) {
        self.capacity = capacity
        self.perform = perform
        let t = Thread { [unowned self] in self.loop() }
        t.name = name
        t.start()
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty && !closing { condition.wait() }
            if queue.isEmpty {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let op = queue.removeFirst()
            let failed = failure != nil
            condition.broadcast()
            condition.unlock()
            if failed { continue }
            do {
                try perform(op)
            } catch {
                condition.lock()
                if failure == nil { failure = error }
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// Queues `op`, waiting while the queue is full.
    /// - Throws: the consumer's first error.
    package func enqueue(_ op: Op) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && failure == nil { condition.wait() }
        if let f = failure { throw f }
        queue.append(op)
        condition.broadcast()
    }

    /// Waits until everything queued is performed and the thread has ended.
    /// - Throws: the consumer's first error.
    package func finish() throws {
        condition.lock()
        closing = true
        condition.broadcast()
        while !finished { condition.wait() }
        let f = failure
        condition.unlock()
        if let f { throw f }
    }

    /// Drops what is queued and waits for the thread to end (on failure or interruption).
    package func abandon() {
        condition.lock()
        if failure == nil { failure = CancellationError() }
        queue.removeAll()
        closing = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
