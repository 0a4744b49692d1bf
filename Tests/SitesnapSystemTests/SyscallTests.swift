import Foundation
import XCTest
@testable import SitesnapSystem

final class SyscallTests: XCTestCase {
    func testReturnsTheResultAndThrowsErrnoWithTheCallAndPath() throws {
        XCTAssertEqual(try Syscall.retrying("getpid", path: "-") { getpid() }, getpid())
        XCTAssertThrowsError(try Syscall.retrying("open", path: "/nonexistent/x") { open("/nonexistent/x", O_RDONLY) }) { e in
            XCTAssertEqual(e as? SystemError, SystemError(operation: "open", path: "/nonexistent/x", code: ENOENT))
            XCTAssertEqual((e as? SystemError)?.reason, "No such file or directory")
        }
    }

    /// EINTR is retried: a call interrupted twice succeeds on the third try.
    func testRetriesEINTR() throws {
        var calls = 0
        let r = try Syscall.retrying("fake", path: "-") { () -> Int32 in
            calls += 1
            if calls < 3 { errno = EINTR; return -1 }
            return 7
        }
        XCTAssertEqual(r, 7)
        XCTAssertEqual(calls, 3)
    }
}
