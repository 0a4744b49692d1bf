/// One consumer thread fed through a bounded queue: the caller's thread produces operations (reading,
/// hashing, decompressing) while this thread performs them (compressing, writing), a two-stage
/// pipeline on a 2-core machine.
///
/// The queue holds at most `capacity` operations, so memory stays bounded (callers enqueue chunks of
/// at most 1 MiB). The first error of `perform` is kept: the queue is cancelled (later operations are
/// dropped), and the next `enqueue` or `finish` throws it.
package final class BackgroundQueue<Op: Sendable>: Sendable {
    private let queue: BoundedQueue<Op>
    private let failure = Locked<(any Error)?>(nil)
    private let thread: WorkerPool

    /// Starts the thread; `perform` runs on it, one operation at a time, in order.
    package init(name: String, capacity: Int = 8, perform: sending @escaping (Op) throws -> Void) {
        let queue = BoundedQueue<Op>(capacity: capacity)
        let failure = self.failure
        self.queue = queue
        thread = WorkerPool(name: name) {
            while let op = queue.pop() {
                do {
                    try perform(op)
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    queue.cancel()
                }
            }
        }
    }

    /// Queues `op`, waiting while the queue is full.
    /// - Throws: the consumer's first error.
    package func enqueue(_ op: Op) throws {
        if let f = failure.withLock({ $0 }) { throw f }
        if !queue.push(op) { throw failure.withLock({ $0 }) ?? CancellationError() }
    }

    /// Waits until everything queued is performed and the thread has ended.
    /// - Throws: the consumer's first error.
    package func finish() throws {
        queue.close()
        thread.join()
        if let f = failure.withLock({ $0 }) { throw f }
    }

    /// Drops what is queued and waits for the thread to end (on failure or interruption).
    package func abandon() {
        failure.withLock { if $0 == nil { $0 = CancellationError() } }
        queue.cancel()
        thread.join()
    }
}
