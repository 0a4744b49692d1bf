import Foundation
import SnapshotFormat
import SnapshotStore

/// What `restore --url --dry-run` reports: the replacements the URL step would make, per table and
/// column, counted with the same replacer on the snapshot's table dumps (read in archive order, one
/// forward pass; nothing is imported or written).
///
/// The dump is all there is without a database, so two things are told from it: a table whose
/// CREATE TABLE has neither a PRIMARY nor a UNIQUE key is listed as not updated (a unique key on a
/// NULL-able column counts here, the run itself then lists the table), and a dump's text is the
/// utf8mb4 the backup read, so a latin1 table holding UTF-8 bytes counts its serialized values as
/// unparseable here although the run, which reads the stored bytes, replaces them.
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
            var values: [DumpValue] = []
            while try reader.nextRow(into: &values) {
                try plan.cancellation?.check()
                for i in counted where values[i].kind == .text || values[i].kind == .binary {
                    if values[i].kind == .binary && !SiteURLRewriter.isTextOrSerialized(values[i].bytes) {
                        if replacer.needles.contains(where: { values[i].bytes.firstRange(of: $0) != nil }) { reports[i].skippedBinary += 1 }
                        continue
                    }
                    switch replacer.replace(values[i].bytes) {
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
}
