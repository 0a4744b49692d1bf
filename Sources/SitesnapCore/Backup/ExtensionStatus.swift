import Foundation
import MariaDBKit
import SiteKnowledge
import SnapshotFormat

/// Each extension's state from the CMS's own record (profile `database.extension_status`): Drupal's
/// `core.extension` config (serialized `module` and `theme` maps), Drupal 7's `system` rows.
///
/// Read from the live database right after the dump (one short query per record), not from the
/// dump itself: the dump spools are gone by the time the manifest is built. A site whose extensions
/// change between the two reads is the rare case; the dump stays the record of the data.
enum ExtensionStatus {
    /// `extensions` with `status` set, or unchanged when the profile has no records or the database
    /// cannot be read now (the state is then not known, never guessed).
    static func apply(_ spec: DatabaseSpec?, to extensions: [ExtensionInfo], target: DatabaseTarget) -> [ExtensionInfo] {
        guard let records = spec?.extensionStatus, !records.isEmpty, let connection = try? target.connect() else { return extensions }
        defer { connection.close() }
        var found: [String: String] = [:]
        for r in records {
            guard let status = r.status, let names = try? names(r, connection, target) else { continue }
            for kind in r.kinds {
                for n in names where found[kind + "\u{0}" + n] == nil { found[kind + "\u{0}" + n] = status }
            }
        }
        return extensions.map { e in
            var e = e
            e.status = found[e.kind + "\u{0}" + e.slug] ?? spec?.extensionStatusOtherwise
            return e
        }
    }

    /// The names `r` lists: its `column` of the rows meeting `where`, or the names inside the
    /// serialized value of the row whose `key_column` is `key_value`.
    private static func names(_ r: LeftoverSpec.InstalledRecord, _ c: MariaDBConnection, _ target: DatabaseTarget) throws -> [String] {
        func q(_ s: String) -> String { MariaDBConnection.quoteIdentifier(s) }
        var conditions = (r.whereEquals ?? [:]).sorted { $0.key < $1.key }.map { "\(q($0.key)) = \(SQLLiteral.quote($0.value))" }
        let table = q(target.tableName(r.table))
        if let column = r.column {
            let sql = "SELECT \(q(column)) FROM \(table)" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            return try c.query(sql).compactMap { $0[0] ?? nil }
        }
        guard let kc = r.keyColumn, let key = r.keyValue, let vc = r.valueColumn, let path = r.path else { return [] }
        conditions.append("\(q(kc)) = \(SQLLiteral.quote(key.replacingOccurrences(of: "{prefix}", with: target.tablePrefix)))")
        let sql = "SELECT \(q(vc)) FROM \(table) WHERE " + conditions.joined(separator: " AND ")
        return try c.query(sql).flatMap { row in
            InstalledRecords.entries(Array((row[0] ?? "").utf8), path: path).map(\.identifier)
        }
    }
}
