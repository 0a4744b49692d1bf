/// One difference inside a structured value.
public struct PathChange: Codable, Equatable, Sendable {
    /// Keys from the top, e.g. ["1735689600", "demo_cron"] (a JSON list's items by index).
    public var path: [String]
    /// What happened at `path`; the raw value is the JSON's `change`.
    public enum Kind: String, Codable, Sendable {
        case added, removed, changed
    }
    public var change: Kind
    /// The value before and after as text (`StructuredValue.text`): a string's own text; a JSON
    /// number, true/false, null, list or object as JSON (`null`, `[1,2]`); a PHP array as
    /// `{"key":"value"}`. Nil when absent (added: no `before`; removed: no `after`).
    public var before: String?
    public var after: String?
    /// The value itself when it is JSON but not a string: `--json` writes it as that JSON type (a
    /// JSON `null` as null, `[1,2]` as a list), not as text.
    var beforeJSON: StructuredValue?
    var afterJSON: StructuredValue?

    /// The display form of the path: `a › b › c`.
    public var display: String { path.joined(separator: " › ") }

    public init(path: [String], change: Kind, before: String?, after: String?) {
        self.path = path
        self.change = change
        self.before = before
        self.after = after
    }

    /// A change between two decoded values (their text, and the value itself when it is typed JSON).
    init(path: [String], change: Kind, before: StructuredValue?, after: StructuredValue?) {
        self.init(path: path, change: change, before: before?.text, after: after?.text)
        beforeJSON = before.flatMap { $0.isTypedJSON ? $0 : nil }
        afterJSON = after.flatMap { $0.isTypedJSON ? $0 : nil }
    }

    enum CodingKeys: String, CodingKey { case path, change, before, after }

    /// `before` and `after` are always written, `null` when absent (a JSON `null` value is `null`
    /// too: `change` tells which, as an added entry has no before and a removed one no after).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(change, forKey: .change)
        if let beforeJSON { try c.encode(beforeJSON, forKey: .before) } else { try c.encode(before, forKey: .before) }
        if let afterJSON { try c.encode(afterJSON, forKey: .after) } else { try c.encode(after, forKey: .after) }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode([String].self, forKey: .path)
        change = try c.decode(Kind.self, forKey: .change)
        (before, beforeJSON) = try Self.side(c, .before, changed: change == .changed)
        (after, afterJSON) = try Self.side(c, .after, changed: change == .changed)
    }

    /// A side as written by `encode`: text, or a typed JSON value (kept, with its text). A changed
    /// entry has both sides, so a `null` there is JSON's null.
    private static func side(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, changed: Bool) throws -> (String?, StructuredValue?) {
        guard c.contains(key), try !c.decodeNil(forKey: key) else {
            return changed ? ("null", .literal("null")) : (nil, nil)
        }
        let v = try c.decode(StructuredValue.self, forKey: key)
        return (v.text, v.isTypedJSON ? v : nil)
    }
}
