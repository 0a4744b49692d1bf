import Foundation
import XCTest
@testable import SitesnapSystem

final class WorkerPoolTests: XCTestCase {
    /// Each job runs once, on a thread of its own; join waits for all.
    func testRunsEveryJobOnItsOwnThreadAndJoins() {
        let threads = Locked<Set<UInt>>([])
        let ran = Locked(0)
        let pool = WorkerPool(name: "sitesnap-test", jobs: (0..<3).map { _ in {
            let me = UInt(pthread_self())
            threads.withLock { _ = $0.insert(me) }
            usleep(20_000)  // all three are alive at once: three distinct threads
            ran.withLock { $0 += 1 }
        } })
        XCTAssertEqual(pool.count, 3)
        pool.join()
        XCTAssertTrue(pool.isFinished)
        XCTAssertEqual(ran.withLock { $0 }, 3)
        XCTAssertEqual(threads.withLock { $0 }.count, 3)
        XCTAssertFalse(threads.withLock { $0 }.contains(UInt(pthread_self())))
    }

    /// A job may own a non-Sendable value (a connection): it is handed over with `sending`.
    func testHandsANonSendableValueToItsThread() {
        final class Connection { var uses = 0 }
        let result = Locked(0)
        let c = Connection()
        let pool = WorkerPool(name: "owner") { c.uses += 1; let n = c.uses; result.withLock { $0 = n } }
        pool.join()
        XCTAssertEqual(result.withLock { $0 }, 1)
    }
}
