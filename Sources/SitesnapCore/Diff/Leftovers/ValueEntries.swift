import Foundation
import SiteKnowledge

/// Entries inside a PHP-serialized or JSON column value, found by a profile path: `*` any key, a
/// literal key, and a last segment `{key}` (the key is the identifier: a cron hook, a role, a
/// capability) or `{value}` (the leaf is the identifier: a widget id in `sidebars_widgets`).
enum ValueEntries {
    /// A decoded value as keyed containers and text leaves.
    indirect enum Node {
        case leaf(String)
        case container([(key: String, value: Node)])
    }

    static func decode(_ bytes: [UInt8]) -> Node? {
        if let s = PHPSerialized.parse(bytes) { return node(s) }
        if let f = bytes.first(where: { $0 > 32 }), f == UInt8(ascii: "{") || f == UInt8(ascii: "["),
           let j = try? JSONSerialization.jsonObject(with: Data(bytes)) {
            return node(json: j)
        }
        return nil
    }

    /// The entries at `path`: the concrete keys leading to each, and its identifier.
    static func entries(_ root: Node, path: [String]) -> [(path: [String], identifier: String)] {
        var out: [(path: [String], identifier: String)] = []
        walk(root, path[...], at: [], &out)
        return out
    }

    /// The leaves of the containers at `path` (Drupal's `dependencies.module` list).
    static func leaves(_ root: Node, path: [String]) -> [String] {
        var node = root
        for segment in path {
            guard case .container(let m) = node, let next = m.first(where: { $0.key == segment }) else { return [] }
            node = next.value
        }
        guard case .container(let m) = node else { return [] }
        return m.compactMap { if case .leaf(let t) = $0.value { return t } else { return nil } }
    }

    private static func walk(_ node: Node, _ path: ArraySlice<String>, at keys: [String], _ out: inout [(path: [String], identifier: String)]) {
        guard let segment = path.first, case .container(let m) = node else { return }
        let rest = path.dropFirst()
        if rest.isEmpty && segment == "{key}" {
            for e in m { out.append((keys + [e.key], e.key)) }
            return
        }
        if rest.isEmpty && segment == "{value}" {
            for e in m { if case .leaf(let t) = e.value { out.append((keys + [e.key], t)) } }
            return
        }
        for e in m where segment == "*" || segment == e.key { walk(e.value, rest, at: keys + [e.key], &out) }
    }

    private static func node(_ s: PHPSerialized) -> Node {
        switch s {
        case .array(let m), .object(_, let m): return .container(m.map { ($0.key.keyText, node($0.value)) })
        default: return .leaf(s.leafText)
        }
    }

    private static func node(json: Any) -> Node {
        switch json {
        case let d as [String: Any]: return .container(d.keys.sorted().map { ($0, node(json: d[$0]!)) })
        case let a as [Any]: return .container(a.enumerated().map { (String($0.offset), node(json: $0.element)) })
        case let s as String: return .leaf(s)
        default: return .leaf("\(json)")
        }
    }
}
