import XCTest
@testable import SitesnapSystem

final class CancellationTests: XCTestCase {
    func testTheFirstReasonWinsAndCheckThrowsInterrupted() {
        let c = Cancellation()
        XCTAssertNoThrow(try c.check())
        XCTAssertFalse(c.isCancelled)
        c.cancel(reason: "SIGINT")
        c.cancel(reason: "SIGTERM")
        XCTAssertEqual(c.stopReason, "SIGINT")
        XCTAssertThrowsError(try c.check()) { XCTAssertEqual(($0 as? SitesnapError).map { "\($0)" }, "\(SitesnapError.interrupted(signal: "SIGINT"))") }
    }

    func testTheProbeIsPolled() {
        let flag = Locked<String?>(nil)
        let c = Cancellation(probe: { flag.withLock { $0 } })
        XCTAssertFalse(c.isCancelled)
        flag.withLock { $0 = "SIGHUP" }
        XCTAssertTrue(c.isCancelled)
        XCTAssertEqual(c.stopReason, "SIGHUP")
    }
}
