import Foundation
import SiteKnowledge

/// A decoded PHP-serialized or JSON value, as a tree, so that two versions can be compared path by
/// path (`cron › 1735689600 › demo_cron`).
///
/// PHP values keep PHP's shape: arrays and objects are keyed `container`s, scalars `leaf`s in PHP's
/// rendering. JSON values keep JSON's types: objects, lists, strings, and numbers/true/false/null as
/// `literal`s, so `[1,2]` stays a list and `null` is not the string "null".
indirect enum StructuredValue: Equatable, Sendable {
    /// A string (its text), or a PHP scalar in PHP's rendering (`5`, `0.5`, `true`, `null`).
    case leaf(String)
    /// A JSON number, `true`, `false` or `null`, as its JSON text.
    case literal(String)
    /// A PHP array or object: keyed entries in their order.
    case container([(key: String, value: StructuredValue)])
    /// A JSON object: keyed entries, keys sorted.
    case object([(key: String, value: StructuredValue)])
    /// A JSON array.
    case list([StructuredValue])

    static func == (a: StructuredValue, b: StructuredValue) -> Bool {
        switch (a, b) {
        case let (.leaf(x), .leaf(y)), let (.literal(x), .literal(y)): return x == y
        case let (.container(x), .container(y)), let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.list(x), .list(y)): return x == y
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
           let j = try? JSONDecoder().decode(StructuredValue.self, from: Data(bytes)) {
            return (j, .json)
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

    /// The keyed entries of a container, object or list (a list's keys are its indexes: 0, 1, ...).
    var entries: [(key: String, value: StructuredValue)]? {
        switch self {
        case .container(let m), .object(let m): return m
        case .list(let l): return l.enumerated().map { (String($0.offset), $0.element) }
        case .leaf, .literal: return nil
        }
    }

    /// True for the JSON values that are not strings (written as their JSON type, not as text).
    var isTypedJSON: Bool {
        switch self {
        case .literal, .object, .list: return true
        case .leaf, .container: return false
        }
    }

    /// A string's own text; anything else written compactly: JSON as JSON (`[1,2]`, `{"a":null}`), a
    /// PHP array as `{"hook":{"args":{}}}` with its scalars as strings, so an added subtree shows what
    /// it holds.
    var text: String {
        switch self {
        case .leaf(let t), .literal(let t): return t
        case .list(let l): return "[" + l.map(\.quotedText).joined(separator: ",") + "]"
        case .container(let m), .object(let m):
            return "{" + m.map { Self.quoted($0.key) + ":" + $0.value.quotedText }.joined(separator: ",") + "}"
        }
    }

    /// `text`, with a string quoted as a JSON string (its form inside a container).
    private var quotedText: String {
        if case .leaf(let t) = self { return Self.quoted(t) }
        return text
    }

    /// `s` as a JSON string literal (RFC 8259, section 7), as Foundation's encoder writes it.
    static func quoted(_ s: String) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return (try? e.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}

/// A JSON value read or written with Foundation's coders: objects, lists, strings and literals.
extension StructuredValue: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: Key.self) {
            self = .object(try keyed.allKeys.map(\.stringValue).sorted().map { ($0, try keyed.decode(StructuredValue.self, forKey: Key(stringValue: $0))) })
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [StructuredValue] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(StructuredValue.self)) }
            self = .list(items)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .literal("null") }
        else if let b = try? c.decode(Bool.self) { self = .literal(b ? "true" : "false") }
        else if let s = try? c.decode(String.self) { self = .leaf(s) }
        else if let i = try? c.decode(Int64.self) { self = .literal(String(i)) }
        else { self = .literal(Self.numberText(try c.decode(Decimal.self))) }
    }

    /// A non-integer JSON number's text: Decimal keeps its digits (a Double would round 0.1).
    private static func numberText(_ d: Decimal) -> String { d.description }

    func encode(to encoder: Encoder) throws {
        switch self {
        case .leaf(let t):
            var c = encoder.singleValueContainer()
            try c.encode(t)
        case .container:
            var c = encoder.singleValueContainer()
            try c.encode(text)
        case .literal(let t):
            var c = encoder.singleValueContainer()
            if t == "null" { try c.encodeNil() }
            else if t == "true" || t == "false" { try c.encode(t == "true") }
            else if let i = Int64(t) { try c.encode(i) }
            else if let d = Decimal(string: t) { try c.encode(d) }
            else { try c.encode(t) }
        case .object(let m):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in m { try c.encode(v, forKey: Key(stringValue: k)) }
        case .list(let l):
            var c = encoder.unkeyedContainer()
            for v in l { try c.encode(v) }
        }
    }
}

extension StructuredValue {
    /// Differences from `self` (before) to `other` (after), depth first: keyed entries by key (before's
    /// order, then after's new keys), list items by index, or lists of scalars by value where that says
    /// it in fewer changes (`listChanges`).
    func changes(to other: StructuredValue, path: [String] = []) -> [PathChange] {
        switch (self, other) {
        case let (.container(a), .container(b)), let (.object(a), .object(b)):
            if case .container = self, Self.isPHPList(a), Self.isPHPList(b),
               let byValue = Self.listChanges(a.map(\.value), b.map(\.value), path: path) { return byValue }
            var out: [PathChange] = []
            let bKeys = Dictionary(b.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            let aKeys = Set(a.map(\.key))
            for (k, v) in a {
                if let w = bKeys[k] { out += v.changes(to: w, path: path + [k]) }
                else { out.append(PathChange(path: path + [k], change: .removed, before: v, after: nil)) }
            }
            for (k, w) in b where !aKeys.contains(k) {
                out.append(PathChange(path: path + [k], change: .added, before: nil, after: w))
            }
            return out
        case let (.list(a), .list(b)):
            if let byValue = Self.listChanges(a, b, path: path) { return byValue }
            var out: [PathChange] = []
            for i in 0..<max(a.count, b.count) {
                let p = path + [String(i)]
                if i >= b.count { out.append(PathChange(path: p, change: .removed, before: a[i], after: nil)) }
                else if i >= a.count { out.append(PathChange(path: p, change: .added, before: nil, after: b[i])) }
                else { out += a[i].changes(to: b[i], path: p) }
            }
            return out
        default:
            return self == other ? [] : [PathChange(path: path, change: .changed, before: self, after: other)]
        }
    }

    /// The keys at `depth` below the top (for finding names such as cron hooks at a given depth); a
    /// list's keys are its indexes.
    func keys(atDepth depth: Int) -> [String] {
        guard let m = entries else { return [] }
        if depth == 0 { return m.map(\.key) }
        return m.flatMap { $0.value.keys(atDepth: depth - 1) }
    }
}
