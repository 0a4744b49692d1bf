import SnapshotFormat
/// A table definition read from `SHOW CREATE TABLE` text (MariaDB manual, "SHOW CREATE TABLE"): column
/// definitions, index definitions and table options, each as the server printed it.
struct TableSchema: Equatable {
    /// Column name -> definition after the name (e.g. "bigint(20) unsigned NOT NULL AUTO_INCREMENT").
    var columns: [(name: String, definition: String)] = []
    /// Index name ("PRIMARY" for the primary key) -> its full line.
    var indexes: [(name: String, definition: String)] = []
    /// Options after the closing parenthesis, AUTO_INCREMENT removed (it moves with every insert).
    var options: [String: String] = [:]

    static func == (a: TableSchema, b: TableSchema) -> Bool {
        a.columns.map { "\($0.name) \($0.definition)" } == b.columns.map { "\($0.name) \($0.definition)" }
            && a.indexes.map(\.definition) == b.indexes.map(\.definition) && a.options == b.options
    }

    /// Parses the server's CREATE TABLE output (one column or index per line).
    init(createStatement: String) {
        let lines = createStatement.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for line in lines.dropFirst() {
            var l = line
            if l.hasSuffix(",") { l.removeLast() }
            if l.hasPrefix("`") {
                let ids = DumpRowReader.identifiers(String(l.prefix { $0 != " " }))
                guard let name = ids.first else { continue }
                let def = l.dropFirst(l.prefix { $0 != " " }.count).trimmingCharacters(in: .whitespaces)
                columns.append((name, def))
            } else if l.hasPrefix("PRIMARY KEY") {
                indexes.append(("PRIMARY", l))
            } else if l.contains("KEY `") || l.hasPrefix("CONSTRAINT") || l.hasPrefix("CHECK") {
                let name = l.split(separator: "`").dropFirst().first.map(String.init) ?? l
                indexes.append((name, l))
            } else if l.hasPrefix(")") {
                for part in l.dropFirst().split(separator: " ") {
                    let kv = part.split(separator: "=", maxSplits: 1)
                    if kv.count == 2, kv[0] != "AUTO_INCREMENT" { options[String(kv[0])] = String(kv[1]) }
                }
            }
        }
    }

    /// Changes from `self` (before) to `after`, for the report.
    func changes(to after: TableSchema) -> [SchemaChange] {
        var out: [SchemaChange] = []
        let beforeCols = Dictionary(columns.map { ($0.name, $0.definition) }, uniquingKeysWith: { a, _ in a })
        let afterCols = Dictionary(after.columns.map { ($0.name, $0.definition) }, uniquingKeysWith: { a, _ in a })
        for (name, def) in columns {
            if let a = afterCols[name] {
                if a != def { out.append(SchemaChange(kind: .column, name: name, change: .changed, before: def, after: a)) }
            } else {
                out.append(SchemaChange(kind: .column, name: name, change: .dropped, before: def, after: nil))
            }
        }
        for (name, def) in after.columns where beforeCols[name] == nil {
            out.append(SchemaChange(kind: .column, name: name, change: .added, before: nil, after: def))
        }
        let beforeIdx = Dictionary(indexes.map { ($0.name, $0.definition) }, uniquingKeysWith: { a, _ in a })
        let afterIdx = Dictionary(after.indexes.map { ($0.name, $0.definition) }, uniquingKeysWith: { a, _ in a })
        for (name, def) in indexes {
            if let a = afterIdx[name] {
                if a != def { out.append(SchemaChange(kind: .index, name: name, change: .changed, before: def, after: a)) }
            } else {
                out.append(SchemaChange(kind: .index, name: name, change: .dropped, before: def, after: nil))
            }
        }
        for (name, def) in after.indexes where beforeIdx[name] == nil {
            out.append(SchemaChange(kind: .index, name: name, change: .added, before: nil, after: def))
        }
        for key in Set(options.keys).union(after.options.keys).sorted() where options[key] != after.options[key] {
            out.append(SchemaChange(kind: .option, name: key, change: .changed, before: options[key], after: after.options[key]))
        }
        return out
    }
}

/// One schema difference of a table.
public struct SchemaChange: Codable, Equatable, Sendable {
    /// What part of the definition; the raw value is the JSON's `kind`.
    public enum Kind: String, Codable, Sendable {
        case column, index
        /// A table option (ENGINE, DEFAULT CHARSET, COLLATE, ...).
        case option
    }
    /// What happened to it; the raw value is the JSON's `change`.
    public enum Change: String, Codable, Sendable {
        case added, dropped, changed
    }
    public var kind: Kind
    public var name: String
    public var change: Change
    /// Definitions as the server prints them (type, NULL, DEFAULT, COLLATE...).
    public var before: String?
    public var after: String?
}
