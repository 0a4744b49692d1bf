import Foundation
import XCTest
@testable import SitesnapSystem

final class LockedTests: XCTestCase {
    func testIncrementsFromManyThreadsAreNotLost() {
        let counter = Locked(0)
        let pool = WorkerPool(name: "count", jobs: (0..<4).map { _ in { for _ in 0..<10_000 { counter.withLock { $0 += 1 } } } })
        pool.join()
        XCTAssertEqual(counter.withLock { $0 }, 40_000)
    }

    func testWaitsUntilTheConditionHoldsThenRunsTheBodyUnderTheSameLock() {
        let value = Locked(0)
        let seen = Locked<Int?>(nil)
        let waiter = WorkerPool(name: "wait") {
            let v = value.withLock(when: { $0 >= 3 }) { v -> Int in v += 100; return v }
            seen.withLock { $0 = v }
        }
        for _ in 0..<3 {
            usleep(2000)
            XCTAssertNil(seen.withLock { $0 })
            value.withLock { $0 += 1 }
        }
        waiter.join()
        XCTAssertEqual(seen.withLock { $0 }, 103)
        XCTAssertEqual(value.withLock { $0 }, 103)
    }

    func testRethrowsTheBodysTypedError() {
        struct Failed: Error, Equatable {}
        let value = Locked(1)
        XCTAssertThrowsError(try value.withLock { (_: inout Int) throws(Failed) in throw Failed() }) { XCTAssertEqual($0 as? Failed, Failed()) }
        XCTAssertThrowsError(try value.withLock(when: { $0 == 1 }) { (_: inout Int) throws(Failed) in throw Failed() })
    }
}
