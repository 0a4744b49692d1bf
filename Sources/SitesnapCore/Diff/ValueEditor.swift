import SiteKnowledge

/// Takes entries out of one column value (PHP-serialized or JSON) and leaves every other byte as it
/// was, for the cleanup script's guarded `UPDATE`: a cron hook out of `cron`, a capability out of a core
/// role in `<prefix>user_roles`, a widget id out of `sidebars_widgets`, a module out of Drupal's
/// `core.extension`.
///
/// Paths are keys as text from the top of the value (`["1735689600", "akismet_scheduled_delete"]`,
/// `["sidebar-1", "2"]`), as `StructuredValue` lists them in a diff; every path refers to the value as
/// given, so several entries of one list are removed by their original indexes. A PHP string whose
/// bytes are themselves a serialized array (WordPress double-serializes some values) is entered the
/// way `StructuredValue` enters it: it takes no path segment.
///
/// PHP: string and array lengths are recomputed (by `PHPSerialized.serialized`, which writes a parsed
/// value back byte for byte); an array whose keys were exactly 0..n-1 (a PHP list) is re-indexed, as
/// `array_values()` would. JSON: the members' bytes are cut out of the text, so key order, number
/// spelling and escapes of everything else stay as they were (`JSONValueEditor`).
///
/// An entry whose removal leaves its container empty keeps the empty container, unless `dropEmptied`
/// (the profile's `drop_empty` on the object's location): WordPress's `wp_unschedule_event()`
/// (wp-includes/cron.php, 6.1) unsets a timestamp whose hooks are all gone, while `WP_Role::remove_cap()`
/// leaves an empty `capabilities` array and `wp_set_sidebars_widgets()` keeps an empty sidebar. Which
/// rule applies is the CMS's, so it is data, not a guess from the shape of the value.
///
/// Nil, and never a guess, when the edit cannot be made safely: the value does not parse (or does not
/// write back to the same bytes), a path is empty, missing or ambiguous (a key twice), a path leads
/// through a leaf or into an object's property (a class's members are its own), or the value holds
/// PHP references (`r:`/`R:` count slots from the start of the value, so removing anything before or
/// inside their target would make them point elsewhere).
public enum ValueEditor {
    public static func removing(_ paths: [[String]], from bytes: [UInt8], dropEmptied: Bool = false) -> (cleaned: [UInt8], format: String)? {
        let unique = Array(Set(paths))
        guard !unique.isEmpty, unique.allSatisfy({ !$0.isEmpty }) else { return nil }
        if let value = PHPSerialized.parse(bytes) {
            guard value.serialized == bytes,
                  let edited = PHPEdit(dropEmptied: dropEmptied).remove(unique, from: value, depth: 0) else { return nil }
            return (edited.serialized, "php-serialized")
        }
        if let cleaned = JSONValueEditor.removing(unique, from: bytes, dropEmptied: dropEmptied) { return (cleaned, "json") }
        return nil
    }
}

/// The PHP-serialized half of `ValueEditor`.
private struct PHPEdit {
    let dropEmptied: Bool
    /// Nested serialized strings entered at most this deep (as `StructuredValue` decodes them).
    static let maxStringDepth = 4

    func remove(_ paths: [[String]], from value: PHPSerialized, depth: Int) -> PHPSerialized? {
        switch value {
        case .array(let members):
            guard !Self.holdsReference(value), let kept = edit(members, paths, depth: depth) else { return nil }
            return .array(Self.isList(members) ? Self.reindexed(kept) : kept)
        case .object(let name, let members):
            // Into an object's array-valued property, yes; a property itself is never removed.
            guard !Self.holdsReference(value), paths.allSatisfy({ $0.count > 1 }), let kept = edit(members, paths, depth: depth) else { return nil }
            return .object(className: name, members: kept)
        case .string(let bytes):
            guard depth < Self.maxStringDepth, let inner = PHPSerialized.parse(bytes), case .array = inner,
                  inner.serialized == bytes, let edited = remove(paths, from: inner, depth: depth + 1) else { return nil }
            return .string(edited.serialized)
        default:
            return nil
        }
    }

    /// `members` without the entries `paths` name (first segment: a member's key).
    private func edit(_ members: [(key: PHPSerialized, value: PHPSerialized)], _ paths: [[String]],
                      depth: Int) -> [(key: PHPSerialized, value: PHPSerialized)]? {
        var out = members
        var removed = Set<Int>()
        for (key, group) in Dictionary(grouping: paths, by: { $0[0] }) {
            let matches = members.indices.filter { members[$0].key.keyText == key }
            guard matches.count == 1, let i = matches.first else { return nil }
            let rests = group.map { Array($0.dropFirst()) }
            if rests.contains(where: \.isEmpty) {
                // The entry goes whole; any longer path under it must still name something real.
                guard rests.filter({ !$0.isEmpty }).allSatisfy({ Self.exists($0, in: members[i].value, depth: depth) }) else { return nil }
                removed.insert(i)
                continue
            }
            guard let edited = remove(rests, from: members[i].value, depth: depth) else { return nil }
            if dropEmptied, Self.isEmptyContainer(edited) { removed.insert(i) } else { out[i].value = edited }
        }
        return out.indices.filter { !removed.contains($0) }.map { out[$0] }
    }

    static func exists(_ path: [String], in value: PHPSerialized, depth: Int) -> Bool {
        guard let first = path.first else { return true }
        switch value {
        case .array(let m), .object(_, let m):
            let matches = m.filter { $0.key.keyText == first }
            return matches.count == 1 && exists(Array(path.dropFirst()), in: matches[0].value, depth: depth)
        case .string(let b):
            guard depth < maxStringDepth, let inner = PHPSerialized.parse(b), case .array = inner else { return false }
            return exists(path, in: inner, depth: depth + 1)
        default:
            return false
        }
    }

    static func isEmptyContainer(_ v: PHPSerialized) -> Bool {
        switch v {
        case .array(let m), .object(_, let m): return m.isEmpty
        case .string(let b): return PHPSerialized.parse(b).map(isEmptyContainer) ?? false
        default: return false
        }
    }

    /// Keys exactly 0, 1, ..., n-1 in order: what PHP writes for a list.
    static func isList(_ members: [(key: PHPSerialized, value: PHPSerialized)]) -> Bool {
        members.enumerated().allSatisfy { n, m in
            if case .int(let t) = m.key { return t == String(n) }
            return false
        }
    }

    static func reindexed(_ members: [(key: PHPSerialized, value: PHPSerialized)]) -> [(key: PHPSerialized, value: PHPSerialized)] {
        members.enumerated().map { (PHPSerialized.int(String($0.offset)), $0.element.value) }
    }

    /// A reference anywhere in this value (not inside nested serialized strings: those count their own
    /// slots, and are checked when entered).
    static func holdsReference(_ v: PHPSerialized) -> Bool {
        switch v {
        case .reference: return true
        case .array(let m), .object(_, let m): return m.contains { holdsReference($0.value) }
        default: return false
        }
    }
}
