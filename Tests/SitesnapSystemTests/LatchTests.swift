import Foundation
import XCTest
@testable import SitesnapSystem

final class LatchTests: XCTestCase {
    func testOpensAfterCountDownsAndStaysOpen() {
        let latch = Latch(count: 2)
        XCTAssertFalse(latch.isOpen)
        let released = Locked(false)
        let waiter = WorkerPool(name: "waiter") { latch.wait(); released.withLock { $0 = true } }
        latch.countDown()
        usleep(10_000)
        XCTAssertFalse(released.withLock { $0 })
        latch.countDown()
        waiter.join()
        XCTAssertTrue(released.withLock { $0 })
        XCTAssertTrue(latch.isOpen)
        latch.countDown()
        latch.wait()  // open: returns at once, as often as asked
        latch.wait()
    }

    func testAZeroLatchIsOpen() {
        Latch(count: 0).wait()
    }
}
