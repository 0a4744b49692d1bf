import XCTest
@testable import SitesnapCore

/// The order a diff merges rows in: numeric keys compared as numbers, exactly.
final class RowOrderTests: XCTestCase {
    func testDecimalKeysCompareExactly() {
        XCTAssertEqual(RowOrder.compareNumbers(Array("12345678901234567.1".utf8), Array("12345678901234567.2".utf8)), -1)
        XCTAssertEqual(RowOrder.compareNumbers(Array("-0.50".utf8), Array("-0.5".utf8)), 0)
        XCTAssertEqual(RowOrder.compareNumbers(Array("-1.5".utf8), Array("-1.25".utf8)), -1)
        XCTAssertEqual(RowOrder.compareNumbers(Array("10.0".utf8), Array("9.99".utf8)), 1)
    }
}
