/// A producer on a thread of its own, at most `depth` elements ahead of its consumer (verify's
/// decompression and index parse). The producer's error reaches the consumer after the elements
/// pushed before it; dropping the consumer cancels the queue, so the producer's next `push` returns
/// false and it stops, and joins the thread.
package final class ReadAhead<Element: Sendable> {
    private enum Item: Sendable {
        case element(Element)
        case failed(any Error)
    }

    private let queue: BoundedQueue<Item>
    private let thread: WorkerPool

    /// Starts `produce` on a thread named `name`; it hands each element to `push`, which returns false
    /// once the consumer is gone.
    package init(name: String, depth: Int, produce: @escaping @Sendable (_ push: (Element) -> Bool) throws -> Void) {
        let queue = BoundedQueue<Item>(capacity: depth)
        self.queue = queue
        thread = WorkerPool(name: name) {
            do {
                try produce { queue.push(.element($0)) }
            } catch {
                queue.push(.failed(error))
            }
            queue.close()
        }
    }

    deinit {
        queue.cancel()
        thread.join()
    }

    /// The next element, or nil at the end; the producer's error where it failed.
    package func next() throws -> Element? {
        switch queue.pop() {
        case .element(let e)?: return e
        case .failed(let e)?: throw e
        case nil: return nil
        }
    }
}
