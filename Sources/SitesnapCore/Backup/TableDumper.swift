import Foundation
import MariaDBKit
import SitesnapSystem
import SnapshotFormat

/// Dumps one table as SQL: `DROP TABLE IF EXISTS`, `SHOW CREATE TABLE`, then the rows ordered by key in
/// multi-row INSERTs under `maxStatementBytes`. The output is deterministic: same data, same bytes.
struct TableDumper {
    let connection: MariaDBConnection
    /// Upper bound of one INSERT statement in bytes (a single larger row gets a statement of its own).
    let maxStatementBytes: Int
    let cancellation: Cancellation?

    /// Session settings each dump file starts with, so each file can be imported alone or all of them
    /// concatenated (like mysqldump's header: client/mysqldump.c): utf8mb4, UTC for TIMESTAMP columns,
    /// NO_AUTO_VALUE_ON_ZERO (a row whose auto-increment key is 0 keeps 0) and no strict mode (zero dates
    /// load), no foreign-key or unique checks during the load.
    static let sessionHeader = """
        SET NAMES utf8mb4;
        SET SESSION time_zone = '+00:00';
        SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';
        SET SESSION foreign_key_checks = 0;
        SET SESSION unique_checks = 0;

        """

    struct Metadata {
        var createStatement: String
        var columns: [String]
        var orderKey: [String]
        var orderKind: String
        var orderKeyNumeric: [Bool]
        var orderKeyBinary: [Bool] = []
    }

    /// Reads what the dump needs before streaming rows (the connection is busy while rows stream).
    func metadata(table: String) throws -> Metadata {
        let q = MariaDBConnection.quoteIdentifier(table)
        guard let create = try connection.query("SHOW CREATE TABLE \(q)").first?[1] else {
            throw SitesnapError.databaseFailed(context: "reading the definition of table \(table)", message: "no CREATE TABLE returned", code: 0)
        }
        // information_schema.COLUMNS lists only the columns the user holds a privilege on: a user granted
        // SELECT on some columns (plus any table privilege, which lets SHOW CREATE TABLE through) would
        // get a dump without the others. SELECT * needs every column: MariaDB 10.11 refuses it with
        // error 1142 (command denied for the table; 1143 names a column).
        do {
            _ = try connection.query("SELECT * FROM \(q) LIMIT 0")
        } catch let e as MariaDBError where e.code == .ER_TABLEACCESS_DENIED_ERROR || e.code == .ER_COLUMNACCESS_DENIED_ERROR {
            throw SitesnapError.databaseFailed(context: "checking that every column of table \(table) can be read",
                                               message: "the database user may read only some of its columns, so the snapshot would miss the others (\(e.message)). Let it read the whole table (as an administrator: GRANT SELECT ON \(MariaDBConnection.quoteIdentifier(table)) to it, in its database). No snapshot was written",
                                               code: e.code.rawValue)
        }
        let lit = SQLLiteral.quote(table)
        let cols = try connection.query("""
            SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, EXTRA FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(lit) ORDER BY ORDINAL_POSITION
            """)
        var types: [String: String] = [:]
        var notNull = Set<String>()
        var columns: [String] = []
        for c in cols {
            guard let name = c[0] else { continue }
            types[name] = (c[1] ?? "").lowercased()
            if c[2] == "NO" { notNull.insert(name) }
            // Generated columns cannot take values on INSERT (MariaDB manual, "Generated Columns").
            let extra = (c[3] ?? "").uppercased()
            if extra.contains("GENERATED") || extra.contains("VIRTUAL") || extra.contains("PERSISTENT") || extra.contains("STORED") { continue }
            columns.append(name)
        }
        let keys = try connection.query("""
            SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(lit) AND NON_UNIQUE = 0
            ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX
            """)
        var indexes: [(String, [String])] = []
        for k in keys {
            guard let index = k[0], let col = k[1] else { continue }
            if let last = indexes.last, last.0 == index { indexes[indexes.count - 1].1.append(col) }
            else { indexes.append((index, [col])) }
        }
        var orderKey: [String] = []
        var kind = "none"
        if let (index, colsOfIndex) = indexes.first(where: { $0.0 == "PRIMARY" || $0.1.allSatisfy(notNull.contains) }) {
            orderKey = colsOfIndex
            kind = index == "PRIMARY" ? "primary" : "unique:\(index)"
        }
        let numericTypes: Set<String> = ["tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal",
                                         "numeric", "float", "double", "real", "year", "bit"]
        let numeric = orderKey.map { numericTypes.contains(types[$0] ?? "") }
        let binaryTypes: Set<String> = ["binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"]
        let binary = orderKey.map { binaryTypes.contains(types[$0] ?? "") }
        return Metadata(createStatement: create, columns: columns, orderKey: orderKey, orderKind: kind, orderKeyNumeric: numeric,
                        orderKeyBinary: binary)
    }

    /// Streams `table` into `out`; returns the number of rows.
    /// - Throws: `SitesnapError.databaseFailed` (e.g. connection lost), `.archiveWriteFailed`, `.interrupted`.
    func dump(table: String, metadata m: Metadata, into out: HashingWriter, onRows: (Int64) -> Void) throws -> Int64 {
        let q = MariaDBConnection.quoteIdentifier(table)
        out.append("-- sitesnap dump of table \(q)\n")
        out.append(Self.sessionHeader)
        out.append("DROP TABLE IF EXISTS \(q);\n")
        out.append(m.createStatement)
        out.append(";\n")
        guard !m.columns.isEmpty else { return 0 }
        let columnList = m.columns.map(MariaDBConnection.quoteIdentifier).joined(separator: ",")
        // Byte-wise order for non-numeric keys so the order does not depend on the collation.
        // Text keys in code point order whatever their charset (latin1 bytes would not be UTF-8 order):
        // the order of the UTF-8 bytes the dump holds. Binary keys in byte order; numbers numerically.
        let order = m.orderKey.indices.map { i -> String in
            let q = MariaDBConnection.quoteIdentifier(m.orderKey[i])
            if m.orderKeyNumeric[i] { return q }
            if i < m.orderKeyBinary.count && m.orderKeyBinary[i] { return "BINARY " + q }
            return "CONVERT(\(q) USING utf8mb4) COLLATE utf8mb4_nopad_bin"
        }.joined(separator: ",")
        let sql = "SELECT \(columnList) FROM \(q)" + (order.isEmpty ? "" : " ORDER BY \(order)")
        let cursor = try connection.stream(sql)
        defer { cursor.finish() }
        let categories = cursor.columns.map(\.category)
        let insertHead = "INSERT INTO \(q) (\(columnList)) VALUES\n"
        var rows: Int64 = 0
        var statementStart: Int64 = -1
        while let row = try cursor.next() {
            // Upper bound of this row's literal: hex doubles bytes, escapes at most double them.
            var estimate = 4
            for i in 0..<row.count { estimate += row.bytes(i).count * 2 + 5 }
            if statementStart >= 0 && out.count - statementStart + Int64(estimate) > Int64(maxStatementBytes) {
                out.append(";\n")
                statementStart = -1
            }
            if statementStart < 0 {
                statementStart = out.count
                out.append(insertHead)
            } else {
                out.append(",\n")
            }
            out.append(UInt8(ascii: "("))
            for i in 0..<row.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if row.isNull(i) {
                    out.appendNull()
                    continue
                }
                switch categories[i] {
                case .numeric: out.append(row.bytes(i))
                case .binary, .bit: SQLLiteral.appendHex(row.bytes(i), to: out)
                case .text: SQLLiteral.appendQuoted(row.bytes(i), to: out)
                }
            }
            out.append(UInt8(ascii: ")"))
            rows += 1
            try out.flushIfFull()
            if rows & 0x3ff == 0 {
                try cancellation?.check()
                onRows(rows)
            }
        }
        if statementStart >= 0 { out.append(";\n") }
        onRows(rows)
        return rows
    }
}
