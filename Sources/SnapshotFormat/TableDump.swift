/// What a dumped table looked like: recorded in the manifest (see docs/snapshot-format.md).
public struct TableDump: Codable, Equatable, Sendable {
    public var name: String
    /// Archive entry holding the dump, e.g. `database/1-0003-wp_options.sql`.
    public var entry: String
    public var engine: String?
    public var collation: String?
    /// Exact number of rows dumped.
    public var rows: Int64
    /// Size of the dump entry in bytes.
    public var bytes: Int64
    /// SHA-256 (hex) of the dump entry's bytes.
    public var sha256: String
    /// Columns the rows are ordered by: the primary key, else a unique key on NOT NULL columns, else [].
    public var orderKey: [String]
    /// Where the order key comes from: "primary", "unique:<index name>", or "none" (no key: rows in
    /// the server's scan order).
    public var orderKind: String
    /// Per order-key column: true when compared as a number, false when compared byte-wise (the dump
    /// orders string keys by `BINARY col`, so the order is byte order).
    public var orderKeyNumeric: [Bool]

    package init(name: String, entry: String, engine: String? = nil, collation: String? = nil, rows: Int64, bytes: Int64, sha256: String, orderKey: [String], orderKind: String, orderKeyNumeric: [Bool]) {
        self.name = name
        self.entry = entry
        self.engine = engine
        self.collation = collation
        self.rows = rows
        self.bytes = bytes
        self.sha256 = sha256
        self.orderKey = orderKey
        self.orderKind = orderKind
        self.orderKeyNumeric = orderKeyNumeric
    }

    enum CodingKeys: String, CodingKey {
        case name, entry, engine, collation, rows, bytes, sha256
        case orderKey = "order_key"
        case orderKind = "order_kind"
        case orderKeyNumeric = "order_key_numeric"
    }
}
