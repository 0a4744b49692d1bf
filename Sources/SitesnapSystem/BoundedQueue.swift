/// A first-in first-out queue between threads that holds at most `capacity` elements: `push` waits
/// while it is full, `pop` while it is empty. Closing lets the consumer drain what is queued;
/// cancelling drops it. So a producer can never run more than `capacity` elements ahead (memory stays
/// bounded) and neither side spins.
///
/// Home-made because Dispatch and Foundation have no blocking bounded queue, and an `AsyncStream`
/// (unbounded unless it drops elements) is for async code, not for these synchronous threads.
package final class BoundedQueue<Element: Sendable>: Sendable {
    private struct State {
        /// Taken elements are set to nil, so the queue keeps no reference to them (a recycled buffer
        /// must be uniquely referenced, or its next use copies it).
        var items: [Element?] = []
        var head = 0
        var closed = false
        var count: Int { items.count - head }
    }

    private let state = Locked(State())
    package let capacity: Int

    package init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Appends `element`, waiting while the queue is full.
    /// - Returns: false (and drops `element`) once the queue is closed or cancelled.
    @discardableResult
    package func push(_ element: Element) -> Bool {
        let capacity = self.capacity
        return state.withLock(when: { $0.closed || $0.count < capacity }) { s in
            if s.closed { return false }
            s.items.append(element)
            return true
        }
    }

    /// Takes the oldest element, waiting while the queue is empty and open.
    /// - Returns: nil once the queue is closed (or cancelled) and empty.
    package func pop() -> Element? {
        state.withLock(when: { $0.closed || $0.count > 0 }) { s in
            guard s.count > 0 else { return nil }
            let e = s.items[s.head].take()
            s.head += 1
            // Compact now and then, so the array does not grow with everything ever pushed.
            if s.head == s.items.count { s.items.removeAll(keepingCapacity: true); s.head = 0 }
            else if s.head >= 64 { s.items.removeFirst(s.head); s.head = 0 }
            return e
        }
    }

    /// No more pushes; `pop` returns what is queued, then nil.
    package func close() { state.withLock { $0.closed = true } }

    /// Closes and drops what is queued. - Returns: the dropped elements.
    @discardableResult
    package func cancel() -> [Element] {
        state.withLock { s in
            let dropped = s.items[s.head...].compactMap { $0 }
            s.items.removeAll()
            s.head = 0
            s.closed = true
            return dropped
        }
    }
}
