import Foundation
import XCTest
@testable import SitesnapSystem

final class BackgroundQueueTests: XCTestCase {
    func testPerformsInOrderOnItsThread() throws {
        let seen = Locked<[Int]>([])
        let q = BackgroundQueue<Int>(name: "bq", capacity: 2) { i in seen.withLock { $0.append(i) } }
        for i in 0..<100 { try q.enqueue(i) }
        try q.finish()
        XCTAssertEqual(seen.withLock { $0 }, Array(0..<100))
    }

    /// The first error is kept: later operations are dropped and the next enqueue or finish throws it.
    func testTheFirstErrorStopsTheQueueAndIsThrown() throws {
        struct Boom: Error {}
        let seen = Locked<[Int]>([])
        let q = BackgroundQueue<Int>(name: "bq", capacity: 2) { i in
            if i == 3 { throw Boom() }
            seen.withLock { $0.append(i) }
        }
        var thrown = false
        for i in 0..<1000 {
            do { try q.enqueue(i) } catch { XCTAssertTrue(error is Boom); thrown = true; break }
        }
        XCTAssertTrue(thrown)
        XCTAssertThrowsError(try q.finish()) { XCTAssertTrue($0 is Boom) }
        XCTAssertEqual(seen.withLock { $0 }, [0, 1, 2])
    }

    func testAbandonDropsQueuedWorkAndJoins() {
        let started = Latch()
        let release = Latch()
        let count = Locked(0)
        let q = BackgroundQueue<Int>(name: "bq", capacity: 8) { _ in started.countDown(); release.wait(); count.withLock { $0 += 1 } }
        for i in 0..<5 { try? q.enqueue(i) }
        started.wait()
        let abandoning = WorkerPool(name: "abandon") { q.abandon() }
        usleep(10_000)
        release.countDown()
        abandoning.join()
        XCTAssertEqual(count.withLock { $0 }, 1)
        XCTAssertThrowsError(try q.enqueue(9))
    }
}
