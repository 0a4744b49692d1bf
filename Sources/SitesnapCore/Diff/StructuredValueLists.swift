extension StructuredValue {
    /// True for a PHP array that is a list: keys 0, 1, ..., n-1 in that order (PHP 8.1's
    /// `array_is_list()`), as `serialize()` writes a list (`a:2:{i:0;...;i:1;...;}`).
    static func isPHPList(_ entries: [(key: String, value: StructuredValue)]) -> Bool {
        entries.enumerated().allSatisfy { $0.element.key == String($0.offset) }
    }

    /// A list of scalars compared by value: the values removed (at their index in BEFORE) and added
    /// (at their index in AFTER), by the shortest edit script (Swift's `difference(from:)`, Myers'
    /// algorithm) — when that takes fewer changes than comparing index by index. Nil otherwise (the
    /// caller compares by index).
    ///
    /// Why not a multiset: PHP compares arrays key by key (`[1, 2] == [2, 1]` is false), and a list's
    /// order can be what matters (module weights, a menu's item order), so a reorder must stay a change;
    /// a multiset would call it none. Why by value at all: a value taken out of a list shifts every later
    /// index, so by index two masks removed from Drupal 7's `menu_masks` (a sorted list of ints, written
    /// by `_menu_router_build()` in includes/menu.inc) read as 31 changes; by value they are 2 removed
    /// values. Index by index stays when it is as short (one value changed in place, a swap), and for
    /// lists holding arrays, whose items are compared inside.
    static func listChanges(_ a: [StructuredValue], _ b: [StructuredValue], path: [String]) -> [PathChange]? {
        guard (a + b).allSatisfy(\.isScalar) else { return nil }
        let byIndex = zip(a, b).filter { $0 != $1 }.count + abs(a.count - b.count)
        let edits = b.difference(from: a)
        guard edits.count < byIndex else { return nil }
        // Removed values first, then added ones, each in index order.
        return (edits.removals + edits.insertions).map { edit in
            switch edit {
            case let .remove(offset, element, _):
                return PathChange(path: path + [String(offset)], change: .removed, before: element, after: nil)
            case let .insert(offset, element, _):
                return PathChange(path: path + [String(offset)], change: .added, before: nil, after: element)
            }
        }
    }

    /// A string, a PHP scalar or a JSON literal: no entries of its own.
    var isScalar: Bool { entries == nil }
}
