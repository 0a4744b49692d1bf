import Foundation
import SnapshotFormat
import SnapshotStore

/// What `restore --url --dry-run` reports: the replacements the URL step would make, per table and
/// column, counted with the same replacer on the snapshot's table dumps (read in archive order, one
/// forward pass; nothing is imported or written).
///
/// The dump is all there is without a database, so two things are told from it: a table whose
/// CREATE TABLE has neither a PRIMARY nor a UNIQUE key is listed as not updated (a unique key on a
/// NULL-able column counts here, the run itself then lists the table). A dump's text is the utf8mb4
/// the backup read: a latin1 column's values are turned back into the bytes the column stores (what
/// the run reads), so a latin1 table holding UTF-8 bytes counts as the run replaces.
enum SiteURLDryRun {
    static func counts(_ plan: RestorePlan) throws -> SiteURLRewriter.Outcome {
        guard let url = plan.request.url, let old = plan.result.oldURL, let tables = plan.manifest.database?.tables else { return .init() }
        let replacer = URLReplacer(old: old, new: url, more: plan.request.replacements.map { ($0.old, $0.new) })
        let skip = SiteURLRewriter.ColumnFilter(skipColumns: plan.request.skipColumns, tablePrefix: plan.staging.tablePrefix)
        var out = SiteURLRewriter.Outcome()
        for t in tables {
            plan.request.progress?("counting URL replacements: \(t.name)")
            let reader = DumpRowReader(source: try plan.snapshot.open(entry: t.entry), name: t.entry)
            try reader.open()
            var reports = reader.columns.map { RestoreResult.URLReplacement(table: t.name, column: $0, rows: 0, replacements: 0, skippedUnparseable: 0) }
            let counted = reader.columns.indices.filter { !skip.skipped(t.name, reader.columns[$0]) }
            let latin1 = Set(reader.columns.indices.filter { charset(of: reader.columns[$0], in: reader.createStatement) == "latin1" })
            var values: [DumpValue] = []
            while try reader.nextRow(into: &values) {
                try plan.cancellation?.check()
                for i in counted where values[i].kind == .text || values[i].kind == .binary {
                    if values[i].kind == .binary && !SiteURLRewriter.isTextOrSerialized(values[i].bytes) {
                        if replacer.needles.contains(where: { values[i].bytes.firstRange(of: $0) != nil }) { reports[i].skippedBinary += 1 }
                        continue
                    }
                    let stored = latin1.contains(i) ? latin1Bytes(values[i].bytes) ?? values[i].bytes : values[i].bytes
                    switch replacer.replace(stored) {
                    case .unchanged: break
                    case .unparseable: reports[i].skippedUnparseable += 1
                    case .replaced(_, let n): reports[i].rows += 1; reports[i].replacements += n
                    }
                }
            }
            let found = reports.filter { $0.rows > 0 || $0.skippedUnparseable > 0 || $0.skippedBinary > 0 }
            let create = reader.createStatement
            if !found.isEmpty && !create.contains("PRIMARY KEY") && !create.contains("UNIQUE KEY") {
                out.notUpdated.append(.init(table: t.name, rows: found.map(\.rows).max() ?? 0, reason: SiteURLRewriter.noKeyReason))
            } else {
                out.replacements += found
            }
        }
        return out
    }

    /// A column's character set in a `SHOW CREATE TABLE` statement: its own `CHARACTER SET x`, else
    /// the table's `DEFAULT CHARSET=x`.
    static func charset(of column: String, in create: String) -> String? {
        func word(after marker: String, in text: Substring) -> String? {
            guard let r = text.range(of: marker) else { return nil }
            return String(text[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        }
        let quoted = "`" + column.replacingOccurrences(of: "`", with: "``") + "` "
        if let line = create.split(separator: "\n").first(where: { $0.drop { $0 == " " }.hasPrefix(quoted) }),
           let own = word(after: " CHARACTER SET ", in: line) { return own }
        return word(after: "DEFAULT CHARSET=", in: create[...])
    }

    /// MariaDB's latin1 is Windows-1252 (MariaDB manual, "Supported Character Sets and Collations"):
    /// the bytes a latin1 column stores for this UTF-8 text; nil when a character has none.
    static func latin1Bytes(_ utf8: [UInt8]) -> [UInt8]? {
        String(decoding: utf8, as: UTF8.self).data(using: .windowsCP1252).map { Array($0) }
    }
}
