@testable import SitesnapCore
import SnapshotFormat
import XCTest

/// Extension inventories compared: added, removed, upgraded, downgraded in that order, versions
/// ordered as PHP's version_compare() orders them.
final class ExtensionChangesTests: XCTestCase {
    func testVersionOrder() {
        let ascending = [("1.0", "1.1"), ("1.9", "1.10"), ("5.4.4-dev", "5.4.4"), ("1.0-beta", "1.0-RC1"), ("1.0-rc1", "1.0"),
                         ("8.x-1.12", "8.x-1.13"), ("8.x-3.0-rc9", "8.x-3.0"), ("1.0", "1.0.1"), ("1.0", "1.0-pl1")]
        for (a, b) in ascending {
            XCTAssertEqual(VersionOrder.compare(a, b), .orderedAscending, "\(a) < \(b)")
            XCTAssertEqual(VersionOrder.compare(b, a), .orderedDescending, "\(b) > \(a)")
        }
        XCTAssertEqual(VersionOrder.compare("2.0", "2.0"), .orderedSame)
    }

    func testChangesInOrder() {
        func e(_ kind: String, _ slug: String, _ v: String?, group: String? = nil) -> ExtensionInfo {
            ExtensionInfo(kind: kind, slug: slug, name: slug, version: v, file: "x", group: group)
        }
        let before = [e("plugin", "a", "1.0"), e("plugin", "b", "2.0"), e("plugin", "c", "3.0"), e("plugin", "same", "1"),
                      e("plugin", "g", "1", group: "content")]
        let after = [e("plugin", "a", "1.1"), e("plugin", "c", "2.9"), e("theme", "t", "1"), e("plugin", "same", "1"),
                     e("plugin", "g", "1", group: "system")]
        XCTAssertEqual(ExtensionChanges.compare(before: before, after: after).map { "\($0.change) \($0.kind) \($0.group ?? "")\($0.slug)" },
                       ["added plugin systemg", "added theme t", "removed plugin b", "removed plugin contentg", "upgraded plugin a", "downgraded plugin c"])
    }
}
