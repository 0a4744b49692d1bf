import XCTest
@testable import SitesnapSystem

final class ChunkPoolTests: XCTestCase {
    func testRecycledBuffersAreReusedAndHoldTheCopiedBytes() {
        let pool = ChunkPool(keep: 1)
        let a = ([1, 2, 3] as [UInt8]).withUnsafeBytes { pool.copy($0) }
        XCTAssertEqual(a, [1, 2, 3])
        let capacity = a.capacity
        pool.recycle(a)
        let b = [9, 8] as [UInt8]
        let c = b.withUnsafeBytes { pool.copy($0) }
        XCTAssertEqual(c, [9, 8])
        XCTAssertEqual(c.capacity, capacity)
        XCTAssertEqual(pool.buffer(size: 16).count, 16)
    }
}
