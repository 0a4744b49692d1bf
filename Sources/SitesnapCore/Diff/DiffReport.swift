/// The result of `sitesnap diff-db`, printed as text or as the JSON documented in docs/diff-db.md.
public struct DiffReport: Codable, Sendable {
    /// One side of the comparison.
    public struct Side: Codable, Sendable {
        /// Snapshot id, or "live" for the site's current database.
        public var id: String
        public var archive: String?
        public var createdAt: String?
        public var site: String
        public var cms: String
        public var cmsVersion: String?
        public var database: String?

        enum CodingKeys: String, CodingKey {
            case id, archive, site, cms, database
            case createdAt = "created_at"
            case cmsVersion = "cms_version"
        }
    }

    /// One column of a row change: values as text (binary as `0x...`, with its text beside it when it
    /// is text), nil for SQL NULL; for a PHP-serialized or JSON value, the changes inside it by path
    /// (an added or removed row's value: its top-level entries added or removed).
    public struct ColumnChange: Codable, Equatable, Sendable {
        public var before: String?
        public var after: String?
        /// "php-serialized" or "json" when the value was decoded.
        public var format: String?
        public var paths: [PathChange]?
        /// True for binary columns (BLOB, VARBINARY, BIT): values are then `0x...` hex, not text.
        public var binary: Bool?
        /// For binary columns: the side's bytes as text, when they are valid UTF-8 without NUL bytes
        /// (`ColumnDecoding`); nil otherwise.
        public var beforeText: String?
        public var afterText: String?
        /// Which of before/after this change has (added rows: after; removed: before; changed: both),
        /// so that SQL NULL is written as `null` rather than left out.
        var sides: Int = 3

        init(before: String?, after: String?, format: String? = nil, paths: [PathChange]? = nil) {
            self.before = before
            self.after = after
            self.format = format
            self.paths = paths
        }

        static func added(_ v: String?) -> ColumnChange { var c = ColumnChange(before: nil, after: v); c.sides = 2; return c }
        static func removed(_ v: String?) -> ColumnChange { var c = ColumnChange(before: v, after: nil); c.sides = 1; return c }

        enum CodingKeys: String, CodingKey {
            case before, after, format, paths, binary
            case beforeText = "before_text"
            case afterText = "after_text"
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            before = try c.decodeIfPresent(String.self, forKey: .before)
            after = try c.decodeIfPresent(String.self, forKey: .after)
            format = try c.decodeIfPresent(String.self, forKey: .format)
            paths = try c.decodeIfPresent([PathChange].self, forKey: .paths)
            binary = try c.decodeIfPresent(Bool.self, forKey: .binary)
            beforeText = try c.decodeIfPresent(String.self, forKey: .beforeText)
            afterText = try c.decodeIfPresent(String.self, forKey: .afterText)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if sides & 1 != 0 { try c.encode(before, forKey: .before) }
            if sides & 2 != 0 { try c.encode(after, forKey: .after) }
            try c.encodeIfPresent(format, forKey: .format)
            try c.encodeIfPresent(paths, forKey: .paths)
            try c.encodeIfPresent(binary, forKey: .binary)
            try c.encodeIfPresent(beforeText, forKey: .beforeText)
            try c.encodeIfPresent(afterText, forKey: .afterText)
        }

        public static func == (a: ColumnChange, b: ColumnChange) -> Bool {
            a.before == b.before && a.after == b.after && a.format == b.format && a.paths == b.paths
                && a.beforeText == b.beforeText && a.afterText == b.afterText
        }
    }

    public struct RowChange: Codable, Equatable, Sendable {
        /// What happened to the row; the raw value is the JSON's `change`.
        public enum Kind: String, Codable, Sendable {
            case added, removed, changed
        }
        /// The matching key: primary key columns, or the natural key the profile names.
        public var key: [String: String?]
        public var change: Kind
        /// Added rows: every column's `after`; removed rows: `before`; changed rows: the changed columns.
        public var columns: [String: ColumnChange]
        /// Why two rows with different primary keys were matched (natural key), if they were.
        public var matchedBy: String?

        enum CodingKeys: String, CodingKey {
            case key, change, columns
            case matchedBy = "matched_by"
        }
    }

    public struct TableChange: Codable, Sendable {
        /// What happened to the table; the raw value is the JSON's `change`.
        public enum Kind: String, Codable, Sendable {
            /// Only in AFTER.
            case added
            /// Only in BEFORE.
            case removed
            /// In both, with schema or row changes.
            case modified
        }
        public var table: String
        public var change: Kind
        /// True when the profile calls this table's changes noise (hidden unless --include-noise).
        public var noise: Bool
        public var schema: [SchemaChange]
        public var rowsAdded: Int64
        public var rowsRemoved: Int64
        public var rowsChanged: Int64
        /// How rows were matched: "primary key (id)", "natural key (option_name)", "multiset (no key)".
        public var match: String?
        public var rows: [RowChange]
        /// True when more row changes exist than were kept (the counts are complete).
        public var rowsTruncated: Bool

        enum CodingKeys: String, CodingKey {
            case table, change, noise, schema, match, rows
            case rowsAdded = "rows_added"
            case rowsRemoved = "rows_removed"
            case rowsChanged = "rows_changed"
            case rowsTruncated = "rows_truncated"
        }
    }

    public var before: Side
    public var after: Side
    /// Only changed tables are listed.
    public var tables: [TableChange]
    /// What removed extensions left behind: strong evidence (`evidence: strong`, in the cleanup
    /// script) and possibly related objects (`evidence: weak`, never in the script).
    public var leftovers: [Leftover]
    /// Extensions present in BEFORE and gone in AFTER (or named with --extension), by slug.
    public var removedExtensions: [String]
    /// The same extensions with what was used to find their leftovers.
    public var extensions: [RemovedExtension] = []
    /// For leftovers inside a serialized/JSON value: the row's value in AFTER and the value without them.
    public var valueEdits: [ValueEdit] = []
    /// Tables and rows left out as noise (without --include-noise), counted.
    public var noiseHidden: Int
    /// Manifests' table checksums let these tables be skipped without reading rows.
    public var tablesUnchanged: Int

    enum CodingKeys: String, CodingKey {
        case before, after, tables, leftovers
        case removedExtensions = "removed_extensions"
        case valueEdits = "value_edits"
        case extensions
        case noiseHidden = "noise_hidden"
        case tablesUnchanged = "tables_unchanged"
    }

    /// True when there is any difference (exit status 1).
    public var hasDifferences: Bool { !tables.isEmpty || !leftovers.isEmpty }

    /// The leftovers a cleanup may remove.
    public var strongLeftovers: [Leftover] { leftovers.filter { $0.evidence == .strong } }
}
