/// A count-down latch: threads `wait()` until `countDown()` was called `count` times, after which
/// the latch stays open. Used to join threads and to hand one result from one thread to another.
///
/// Home-made because `DispatchGroup`/`DispatchSemaphore` say nothing about what was finished and cannot
/// be asked whether they are open without consuming a signal (the restore's verifier used a semaphore
/// it had to signal back twice); Swift has no synchronous latch.
package final class Latch: Sendable {
    private let remaining: Locked<Int>

    package init(count: Int = 1) {
        precondition(count >= 0)
        remaining = Locked(count)
    }

    /// Counts down once (extra calls once open are ignored).
    package func countDown() { remaining.withLock { $0 = max(0, $0 - 1) } }

    /// True once the count reached zero.
    package var isOpen: Bool { remaining.withLock { $0 == 0 } }

    /// Waits until the count reaches zero.
    package func wait() { remaining.withLock(when: { $0 == 0 }) { _ in } }
}
