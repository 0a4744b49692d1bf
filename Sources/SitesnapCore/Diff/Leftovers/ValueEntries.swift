/// Entries inside a PHP-serialized or JSON column value (decoded as the diff decodes values:
/// `StructuredValue`, serialized strings inside entered as `ValueEditor` enters them), found by a
/// profile path: `*` any key, a literal key, and a last segment `{key}` (the key is the identifier: a
/// cron hook, a role, a capability) or `{value}` (the leaf is the identifier: a widget id in
/// `sidebars_widgets`).
enum ValueEntries {
    static func decode(_ bytes: [UInt8]) -> StructuredValue? { StructuredValue.decode(bytes)?.0 }

    /// The entries at `path`: the concrete keys leading to each, and its identifier.
    static func entries(_ root: StructuredValue, path: [String]) -> [(path: [String], identifier: String)] {
        var out: [(path: [String], identifier: String)] = []
        walk(root, path[...], at: [], &out)
        return out
    }

    /// The leaves of the container at `path` (Drupal's `dependencies.module` list).
    static func leaves(_ root: StructuredValue, path: [String]) -> [String] {
        var node = root
        for segment in path {
            guard let next = node.entries?.first(where: { $0.key == segment }) else { return [] }
            node = next.value
        }
        return node.entries?.compactMap { leaf($0.value) } ?? []
    }

    private static func leaf(_ v: StructuredValue) -> String? {
        switch v {
        case .leaf(let t), .literal(let t): return t
        default: return nil
        }
    }

    private static func walk(_ node: StructuredValue, _ path: ArraySlice<String>, at keys: [String],
                             _ out: inout [(path: [String], identifier: String)]) {
        guard let segment = path.first, let m = node.entries else { return }
        let rest = path.dropFirst()
        if rest.isEmpty && segment == "{key}" {
            for e in m { out.append((keys + [e.key], e.key)) }
            return
        }
        if rest.isEmpty && segment == "{value}" {
            for e in m { if let t = leaf(e.value) { out.append((keys + [e.key], t)) } }
            return
        }
        for e in m where segment == "*" || segment == e.key { walk(e.value, rest, at: keys + [e.key], &out) }
    }
}
