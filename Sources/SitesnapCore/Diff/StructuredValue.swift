import Foundation
import SiteKnowledge

/// A decoded PHP-serialized or JSON value, as a tree of keyed containers and text leaves, so that two
/// versions can be compared path by path (`cron › 1735689600 › demo_cron`).
indirect enum StructuredValue: Equatable {
    case leaf(String)
    case container([(key: String, value: StructuredValue)])

    static func == (a: StructuredValue, b: StructuredValue) -> Bool {
        switch (a, b) {
        case let (.leaf(x), .leaf(y)): return x == y
        case let (.container(x), .container(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// Which encoding a value was decoded from.
    enum Format: String, Codable { case phpSerialized = "php-serialized", json }

    /// Decodes `bytes` as PHP-serialized data (strings inside that are serialized themselves are decoded
    /// too, as WordPress double-serializes) or as a JSON object/array. Nil when it is neither.
    static func decode(_ bytes: [UInt8]) -> (StructuredValue, Format)? {
        if let s = PHPSerialized.parse(bytes) { return (from(s, depth: 0), .phpSerialized) }
        if let f = bytes.first(where: { $0 != 32 && $0 != 10 && $0 != 9 && $0 != 13 }), f == UInt8(ascii: "{") || f == UInt8(ascii: "["),
           let j = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) {
            return (from(json: j), .json)
        }
        return nil
    }

    private static func from(_ s: PHPSerialized, depth: Int) -> StructuredValue {
        switch s {
        case .array(let m), .object(_, let m):
            return .container(m.map { ($0.key.keyText, from($0.value, depth: depth + 1)) })
        case .string(let b) where depth < 4:
            if let inner = PHPSerialized.parse(b), case .array = inner { return from(inner, depth: depth + 1) }
            return .leaf(s.leafText)
        default:
            return .leaf(s.leafText)
        }
    }

    private static func from(json: Any) -> StructuredValue {
        switch json {
        case let d as [String: Any]: return .container(d.keys.sorted().map { ($0, from(json: d[$0]!)) })
        case let a as [Any]: return .container(a.enumerated().map { (String($0.offset), from(json: $0.element)) })
        case is NSNull: return .leaf("null")
        case let b as Bool where type(of: json) == Bool.self: return .leaf(b ? "true" : "false")
        case let n as NSNumber: return .leaf(n.stringValue)
        default: return .leaf("\(json)")
        }
    }

    /// A leaf's text, or a container written compactly as JSON-like text (`{"hook":{"args":[]}}`), so
    /// an added subtree shows what it holds.
    var text: String {
        switch self {
        case .leaf(let t): return t
        case .container(let m):
            func esc(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            return "{" + m.map { e -> String in
                let v: String
                if case .leaf(let t) = e.value { v = esc(t) } else { v = e.value.text }
                return esc(e.key) + ":" + v
            }.joined(separator: ",") + "}"
        }
    }
}

/// One difference inside a structured value.
public struct PathChange: Codable, Equatable, Sendable {
    /// Keys from the top, e.g. ["1735689600", "demo_cron"].
    public var path: [String]
    /// What happened at `path`; the raw value is the JSON's `change`.
    public enum Kind: String, Codable, Sendable {
        case added, removed, changed
    }
    public var change: Kind
    public var before: String?
    public var after: String?

    /// The path joined for display: `a › b › c`.
    public var display: String { path.joined(separator: " › ") }

    public init(path: [String], change: Kind, before: String?, after: String?) {
        self.path = path
        self.change = change
        self.before = before
        self.after = after
    }

    /// `before` and `after` are always written, `null` when absent.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(change, forKey: .change)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
    }
}

extension StructuredValue {
    /// Differences from `self` (before) to `other` (after), depth first, keys in before's order then
    /// after's new keys.
    func changes(to other: StructuredValue, path: [String] = []) -> [PathChange] {
        switch (self, other) {
        case let (.container(a), .container(b)):
            var out: [PathChange] = []
            let bKeys = Dictionary(b.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            let aKeys = Set(a.map(\.key))
            for (k, v) in a {
                if let w = bKeys[k] { out += v.changes(to: w, path: path + [k]) }
                else { out.append(PathChange(path: path + [k], change: .removed, before: v.text, after: nil)) }
            }
            for (k, w) in b where !aKeys.contains(k) {
                out.append(PathChange(path: path + [k], change: .added, before: nil, after: w.text))
            }
            return out
        default:
            return self == other ? [] : [PathChange(path: path, change: .changed, before: text, after: other.text)]
        }
    }

    /// Every leaf key path (for finding names such as cron hooks at a given depth).
    func keys(atDepth depth: Int) -> [String] {
        guard case .container(let m) = self else { return [] }
        if depth == 0 { return m.map(\.key) }
        return m.flatMap { $0.value.keys(atDepth: depth - 1) }
    }
}
