import Foundation
import MariaDBKit
import SitesnapSystem
import SnapshotFormat

/// Replaces the old site URL with the new one in every text column of the restored tables (see
/// `URLReplacer`), row by row through the primary key, and reports what it changed per table and column.
struct SiteURLRewriter {
    let connection: MariaDBConnection
    /// A second connection for the UPDATEs while the first streams rows.
    let writer: MariaDBConnection
    let replacer: URLReplacer
    var progress: (@Sendable (String) -> Void)? = nil
    var cancellation: Cancellation? = nil

    func run(tables: [String]) throws -> [RestoreResult.URLReplacement] {
        var out: [RestoreResult.URLReplacement] = []
        let textTypes: Set<String> = ["char", "varchar", "tinytext", "text", "mediumtext", "longtext", "json"]
        for table in tables {
            let lit = SQLLiteral.quote(table)
            let columns = try connection.query("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(lit) AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION")
            let texts = columns.compactMap { r -> String? in (r[1].map { textTypes.contains($0.lowercased()) } ?? false) ? r[0] ?? nil : nil }
            let pk = try connection.query("SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(lit) AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX").compactMap { $0[0] ?? nil }
            guard !texts.isEmpty, !pk.isEmpty else { continue }
            let qt = MariaDBConnection.quoteIdentifier(table)
            let like = "%" + String(decoding: replacer.needle, as: UTF8.self).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            for column in texts {
                progress?("replacing the URL: \(table).\(column)")
                let qc = MariaDBConnection.quoteIdentifier(column)
                let cursor = try connection.stream("SELECT \(pk.map(MariaDBConnection.quoteIdentifier).joined(separator: ",")), \(qc) FROM \(qt) WHERE \(qc) LIKE \(SQLLiteral.quote(like))")
                var updates: [(String, [UInt8])] = []
                var report = RestoreResult.URLReplacement(table: table, column: column, rows: 0, replacements: 0, skippedUnparseable: 0)
                while let row = try cursor.next() {
                    try cancellation?.check()
                    let value = Array(row.bytes(pk.count))
                    switch replacer.replace(value) {
                    case .unchanged: continue
                    case .unparseable: report.skippedUnparseable += 1
                    case .replaced(let new, let n):
                        let cond = pk.indices.map { "\(MariaDBConnection.quoteIdentifier(pk[$0])) = \(SQLLiteral.quote(row.string($0) ?? ""))" }.joined(separator: " AND ")
                        updates.append((cond, new))
                        report.rows += 1
                        report.replacements += n
                    }
                    // Apply in batches so memory stays bounded.
                    if updates.count >= 500 { try apply(&updates, qt, qc) }
                }
                try apply(&updates, qt, qc)
                if report.rows > 0 || report.skippedUnparseable > 0 { out.append(report) }
            }
        }
        return out
    }

    private func apply(_ updates: inout [(String, [UInt8])], _ qt: String, _ qc: String) throws {
        for (cond, value) in updates {
            try writer.execute("UPDATE \(qt) SET \(qc) = \(SQLLiteral.quote(String(decoding: value, as: UTF8.self))) WHERE \(cond)")
        }
        updates.removeAll()
    }
}
