import SnapshotFormat

/// What a shown value holds, for every row change alike (added, removed and changed rows): a binary
/// column's bytes as text when they are text, and a PHP-serialized or JSON value decoded by
/// `StructuredValue`, as a changed row's values are compared. `before` and `after` stay the raw values
/// (binary as `0x...`): the revert script writes them back as they were.
enum ColumnDecoding {
    /// `c` with `before_text`/`after_text` set for a binary column's sides that are text, and, for an
    /// added or removed row, `format` and `paths` when its value decodes: each top-level entry of the
    /// value added (or removed), or the value itself at the empty path when it is a scalar or empty.
    static func decorate(_ c: inout DiffReport.ColumnChange, before: DumpValue?, after: DumpValue?) {
        if let v = before, v.kind == .binary { c.beforeText = text(v.bytes) }
        if let v = after, v.kind == .binary { c.afterText = text(v.bytes) }
        guard (before == nil) != (after == nil), let v = before ?? after, v.kind == .text || v.kind == .binary,
              let (value, format) = StructuredValue.decode(v.bytes) else { return }
        let kind: PathChange.Kind = after != nil ? .added : .removed
        let entries = value.entries ?? []
        let whole = entries.isEmpty ? [(key: [String](), value: value)] : entries.map { (key: [$0.key], value: $0.value) }
        c.format = format.rawValue
        c.paths = whole.map { PathChange(path: $0.key, change: kind, before: kind == .removed ? $0.value : nil, after: kind == .added ? $0.value : nil) }
    }

    /// `bytes` as text when they are valid UTF-8 without NUL bytes (a BLOB holding a serialized PHP
    /// array, a JSON document or plain text), else nil (an image, a hash: shown as hex only).
    static func text(_ bytes: [UInt8]) -> String? {
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
