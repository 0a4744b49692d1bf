import Foundation
import MariaDBKit
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat

/// Replaces the old site URL (and `--replace` pairs) with the new one in every text and binary column
/// of the restored tables (see `URLReplacer`), row by row through the primary key, and reports what it
/// changed per table and column.
///
/// Values are read and written as the bytes the column stores (`CAST(c AS BINARY)`, written back as a
/// hex literal), never through the connection's character set: a latin1 table holding UTF-8 bytes (an
/// old WordPress with `DB_CHARSET` latin1) keeps its bytes, and PHP-serialized lengths, which PHP
/// counted in those bytes, stay right. A binary column (BLOB, VARBINARY: plugins keep serialized data
/// in LONGBLOB, Drupal its config and caches) is rewritten when its value is PHP-serialized or valid
/// UTF-8 text; any other value (an image, gzip) is left alone and counted. A table without a primary
/// key is updated through a unique key of NOT NULL columns; one without either is not updated, and
/// listed with the reason and the rows that hold an old URL (wp-cli's search-replace skips such
/// tables with "No primary keys for table").
struct SiteURLRewriter {
    let connection: MariaDBConnection
    /// A second connection for the UPDATEs while the first streams rows.
    let writer: MariaDBConnection
    let replacer: URLReplacer
    /// `--skip-column` globs, matched against `column`, `table.column` and the unprefixed `table.column`.
    var skipColumns: [String] = []
    var tablePrefix = ""
    var progress: (@Sendable (String) -> Void)? = nil
    var cancellation: Cancellation? = nil

    static let textTypes: Set<String> = ["char", "varchar", "tinytext", "text", "mediumtext", "longtext", "json"]
    static let binaryTypes: Set<String> = ["binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"]

    struct Outcome {
        var replacements: [RestoreResult.URLReplacement] = []
        var notUpdated: [RestoreResult.URLTableNotUpdated] = []
    }

    func run(tables: [String]) throws -> Outcome {
        var out = Outcome()
        for table in tables {
            let lit = SQLLiteral.quote(table)
            let columns = try connection.query("SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(lit) AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION")
            // (column, binary, character set): a text value is written back in its column's own set.
            let candidates = columns.compactMap { r -> (String, Bool, String?)? in
                guard let name = r[0], let type = r[1]?.lowercased(), !skipped(table, name) else { return nil }
                return Self.textTypes.contains(type) ? (name, false, r[3]) : Self.binaryTypes.contains(type) ? (name, true, nil) : nil
            }
            guard !candidates.isEmpty else { continue }
            guard let key = try rowKey(table, nullable: Set(columns.compactMap { $0[2] == "YES" ? $0[0] : nil })) else {
                let rows = try connection.query("SELECT COUNT(*) FROM \(MariaDBConnection.quoteIdentifier(table)) WHERE \(candidates.map { filter($0.0) }.joined(separator: " OR "))").first?[0].flatMap { Int($0) } ?? 0
                if rows > 0 { out.notUpdated.append(.init(table: table, rows: rows, reason: Self.noKeyReason)) }
                continue
            }
            for (column, binary, charset) in candidates {
                let report = try rewrite(table, column, binary: binary, charset: charset, key: key)
                if report.rows > 0 || report.skippedUnparseable > 0 || report.skippedBinary > 0 { out.replacements.append(report) }
            }
        }
        return out
    }

    /// The columns that identify a row: the primary key, else the first unique key whose columns are
    /// all NOT NULL (a unique key admits several NULLs); nil when the table has neither.
    /// - Parameter nullable: the table's columns that admit NULL.
    func rowKey(_ table: String, nullable: Set<String>) throws -> [String]? {
        let rows = try connection.query("SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(SQLLiteral.quote(table)) AND NON_UNIQUE = 0 ORDER BY INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX")
        var order: [String] = []
        var keys: [String: [String]] = [:]
        for r in rows {
            guard let index = r[0], let column = r[1] else { continue }
            if keys[index] == nil { order.append(index) }
            keys[index, default: []].append(column)
        }
        return order.first { keys[$0]?.allSatisfy { !nullable.contains($0) } == true }.flatMap { keys[$0] }
    }

    func skipped(_ table: String, _ column: String) -> Bool {
        ColumnFilter(skipColumns: skipColumns, tablePrefix: tablePrefix).skipped(table, column)
    }

    /// `--skip-column`: globs matched against `column`, `table.column` and the unprefixed `table.column`.
    struct ColumnFilter {
        let skipColumns: [String]
        let tablePrefix: String

        func skipped(_ table: String, _ column: String) -> Bool {
            let bare = table.hasPrefix(tablePrefix) ? String(table.dropFirst(tablePrefix.count)) : table
            let names: [String] = [column, table + "." + column, bare + "." + column]
            for glob in skipColumns where names.contains(where: { fnmatch(glob, $0, 0) == 0 }) { return true }
            return false
        }
    }

    static let noKeyReason = "no primary key and no unique key of NOT NULL columns to update its rows by"

    /// `c LIKE '%host%' OR ...`: the rows that may hold an old URL (a superset: LIKE may ignore case).
    private func filter(_ column: String) -> String {
        let qc = MariaDBConnection.quoteIdentifier(column)
        return "(" + replacer.needles.map { n in
            let like = "%" + String(decoding: n, as: UTF8.self).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            return "\(qc) LIKE \(SQLLiteral.quote(like))"
        }.joined(separator: " OR ") + ")"
    }

    private func rewrite(_ table: String, _ column: String, binary: Bool, charset: String?, key: [String]) throws -> RestoreResult.URLReplacement {
        progress?("replacing the URL: \(table).\(column)")
        let qt = MariaDBConnection.quoteIdentifier(table), qc = MariaDBConnection.quoteIdentifier(column)
        let cursor = try connection.stream("SELECT \(key.map(MariaDBConnection.quoteIdentifier).joined(separator: ",")), CAST(\(qc) AS BINARY) FROM \(qt) WHERE \(filter(column))")
        var updates: [(String, [UInt8])] = []
        var report = RestoreResult.URLReplacement(table: table, column: column, rows: 0, replacements: 0, skippedUnparseable: 0)
        while let row = try cursor.next() {
            try cancellation?.check()
            let value = Array(row.bytes(key.count))
            if binary && !Self.isTextOrSerialized(value) {
                report.skippedBinary += 1
                continue
            }
            switch replacer.replace(value) {
            case .unchanged: continue
            case .unparseable: report.skippedUnparseable += 1
            case .replaced(let new, let n):
                let cond = key.indices.map { "\(MariaDBConnection.quoteIdentifier(key[$0])) = \(SQLLiteral.quote(row.string($0) ?? ""))" }.joined(separator: " AND ")
                updates.append((cond, new))
                report.rows += 1
                report.replacements += n
            }
            // Apply in batches so memory stays bounded.
            if updates.count >= 500 { try apply(&updates, qt, qc, charset) }
        }
        try apply(&updates, qt, qc, charset)
        return report
    }

    /// A binary value is rewritten as text only when it is PHP-serialized data or valid UTF-8.
    static func isTextOrSerialized(_ v: [UInt8]) -> Bool {
        String(validating: v, as: UTF8.self) != nil || PHPSerialized.parse(v) != nil
    }

    /// - Parameter charset: the text column's character set: the bytes are declared in it
    ///   (`CONVERT(X'..' USING latin1)`: no conversion, and MySQL's JSON type takes no binary string).
    private func apply(_ updates: inout [(String, [UInt8])], _ qt: String, _ qc: String, _ charset: String?) throws {
        let set = charset.flatMap { c in c.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? c : nil }
        for (cond, value) in updates {
            let literal = set.map { "CONVERT(\(Self.hexLiteral(value)) USING \($0))" } ?? Self.hexLiteral(value)
            try writer.execute("UPDATE \(qt) SET \(qc) = \(literal) WHERE \(cond)")
        }
        updates.removeAll()
    }

    /// `X'...'` (or `''`): the bytes as they are, which the column takes in its own character set.
    static func hexLiteral(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "''" }
        let digits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8](repeating: 0, count: bytes.count * 2 + 3)
        out[0] = UInt8(ascii: "X"); out[1] = UInt8(ascii: "'"); out[out.count - 1] = UInt8(ascii: "'")
        for (i, b) in bytes.enumerated() {
            out[2 + 2 * i] = digits[Int(b >> 4)]
            out[3 + 2 * i] = digits[Int(b & 15)]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
