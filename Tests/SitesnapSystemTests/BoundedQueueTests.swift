import Foundation
import XCTest
@testable import SitesnapSystem

final class BoundedQueueTests: XCTestCase {
    func testDeliversInOrderAndNeverHoldsMoreThanItsCapacity() {
        let q = BoundedQueue<Int>(capacity: 3)
        let pushed = Locked(0)
        let producer = WorkerPool(name: "producer") {
            for i in 0..<1000 { q.push(i); pushed.withLock { $0 += 1 } }
            q.close()
        }
        usleep(20_000)
        // The consumer has taken nothing: the producer waits with `capacity` queued (+1 being pushed).
        XCTAssertLessThanOrEqual(pushed.withLock { $0 }, 3)
        var got: [Int] = []
        while let i = q.pop() { got.append(i) }
        producer.join()
        XCTAssertEqual(got, Array(0..<1000))
    }

    func testCloseLetsTheConsumerDrainAndRefusesNewElements() {
        let q = BoundedQueue<String>(capacity: 4)
        XCTAssertTrue(q.push("a"))
        XCTAssertTrue(q.push("b"))
        q.close()
        XCTAssertFalse(q.push("c"))
        XCTAssertEqual(q.pop(), "a")
        XCTAssertEqual(q.pop(), "b")
        XCTAssertNil(q.pop())
    }

    func testCancelDropsWhatIsQueuedAndWakesAWaitingProducer() {
        let q = BoundedQueue<Int>(capacity: 1)
        q.push(1)
        let result = Locked<Bool?>(nil)
        let producer = WorkerPool(name: "producer") { let ok = q.push(2); result.withLock { $0 = ok } }
        usleep(10_000)
        XCTAssertNil(result.withLock { $0 })
        XCTAssertEqual(q.cancel(), [1])
        producer.join()
        XCTAssertEqual(result.withLock { $0 }, false)
        XCTAssertNil(q.pop())
    }
}

extension BoundedQueueTests {
    /// A popped element is no longer referenced by the queue: a recycled buffer stays uniquely
    /// referenced (else ChunkPool's next use of it copies it, and memory grows with the data streamed).
    func testKeepsNoReferenceToAPoppedElement() {
        final class Token: Sendable {}
        let q = BoundedQueue<Token>(capacity: 4)
        weak var weakToken: Token?
        do {
            let t = Token()
            weakToken = t
            q.push(t)
            q.push(Token())
        }
        do { _ = q.pop() }
        XCTAssertNil(weakToken)
    }
}
