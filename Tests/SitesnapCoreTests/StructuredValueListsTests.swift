@testable import SiteKnowledge
@testable import SitesnapCore
import XCTest

/// Lists of scalars compared by value when that is shorter than index by index: Drupal 7's
/// `menu_masks`, values taken out of or put into a list, and what stays by index.
final class StructuredValueListsTests: XCTestCase {
    /// `values` as PHP's own `serialize()` writes it (php-cli), decoded.
    private func serialized(_ values: [Int]) throws -> StructuredValue {
        let r = try ProcessRunner.run("/usr/bin/php", ["-r", "echo serialize(array(\(values.map(String.init).joined(separator: ","))));"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let (v, f) = try XCTUnwrap(StructuredValue.decode(Array(r.stdout.utf8)), r.stdout)
        XCTAssertEqual(f, .phpSerialized)
        return v
    }

    /// Drupal 7's `menu_masks` variable: `_menu_router_build()` (includes/menu.inc, Drupal 7 / pressflow 7)
    /// stores the distinct "fit" of every router path, `rsort()`ed, as a serialized list of ints. These
    /// are the masks of the `$items['...']` paths in the hook_menu() of Drupal 7 core's modules; without
    /// the image module's routes (admin/config/media/image-styles/edit/%image_style/effects/%/delete and
    /// its siblings) 511 and 255 go. Index by index that was 20 changes (every later mask moves up two).
    func testMenuMasksShowTheRemovedMasksOnly() throws {
        let core = [511, 255, 127, 125, 121, 63, 62, 60, 31, 29, 28, 24, 15, 14, 12, 7, 5, 3, 2, 1]
        let before = try serialized(core)
        let after = try serialized(Array(core.dropFirst(2)))
        let changes = before.changes(to: after)
        XCTAssertEqual(changes, [PathChange(path: ["0"], change: .removed, before: "511", after: nil),
                                 PathChange(path: ["1"], change: .removed, before: "255", after: nil)])
        // Two masks out of the middle and one new one: each by value, at its index before (removed)
        // or after (added).
        let other = try serialized([511, 255, 127, 125, 121, 63, 62, 60, 31, 29, 28, 24, 15, 14, 13, 12, 7, 3, 2, 1].filter { $0 != 121 && $0 != 62 })
        XCTAssertEqual(before.changes(to: other).map { "\($0.change.rawValue) \($0.display) \($0.before ?? $0.after ?? "")" },
                       ["removed 4 121", "removed 6 62", "removed 16 5", "added 12 13"])
    }

    func testWhatStaysIndexByIndex() throws {
        // One value changed in place: one change, not a removal and an insertion.
        XCTAssertEqual(try serialized([1, 2, 3]).changes(to: try serialized([1, 5, 3])),
                       [PathChange(path: ["1"], change: .changed, before: "2", after: "5")])
        // A reorder is a change (PHP's == compares arrays key by key): listed, never called equal.
        XCTAssertEqual(try serialized([1, 2]).changes(to: try serialized([2, 1])).map(\.display), ["0", "1"])
        XCTAssertEqual(try serialized([1, 2]).changes(to: try serialized([1, 2])), [])
        // A keyed array is no list: compared by key.
        let (keyed, _) = try XCTUnwrap(StructuredValue.decode(Array(#"a:2:{i:1;i:7;i:2;i:8;}"#.utf8)))
        let (keyed2, _) = try XCTUnwrap(StructuredValue.decode(Array(#"a:1:{i:2;i:8;}"#.utf8)))
        XCTAssertEqual(keyed.changes(to: keyed2), [PathChange(path: ["1"], change: .removed, before: "7", after: nil)])
        XCTAssertFalse(StructuredValue.isPHPList([("1", .leaf("7")), ("2", .leaf("8"))]))
        // A list holding arrays: items compared inside, by index.
        let (nested, _) = try XCTUnwrap(StructuredValue.decode(Array(#"a:2:{i:0;a:1:{s:1:"k";i:1;}i:1;a:1:{s:1:"k";i:2;}}"#.utf8)))
        let (nested2, _) = try XCTUnwrap(StructuredValue.decode(Array(#"a:1:{i:0;a:1:{s:1:"k";i:2;}}"#.utf8)))
        XCTAssertEqual(nested.changes(to: nested2).map(\.display), ["0 › k", "1"])
    }
}
