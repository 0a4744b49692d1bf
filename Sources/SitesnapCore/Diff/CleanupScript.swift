import Foundation
import SnapshotFormat

/// Writes the `--sql` cleanup script: statements that turn AFTER's listed differences back into BEFORE,
/// each with a comment, for a person to review. sitesnap never runs it.
public enum CleanupScript {
    /// The script text for `report`. Rows whose changes were truncated are noted, not guessed.
    public static func make(_ report: DiffReport) -> String {
        var out = """
            -- sitesnap diff-db cleanup script: turns \(report.after.id) back into \(report.before.id).
            -- REVIEW EVERY STATEMENT before running it, on a copy first. sitesnap never runs it.
            SET NAMES utf8mb4;
            SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';

            """
        func q(_ name: String) -> String { "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }
        func lit(_ v: String?, binary: Bool? = nil) -> String {
            guard let v else { return "NULL" }
            if binary == true, v.hasPrefix("0x"), v.dropFirst(2).allSatisfy(\.isHexDigit), v.count > 2 { return v }
            return SQLLiteral.quote(v)
        }
        func whereClause(_ key: [String: String?]) -> String {
            key.keys.sorted().map { k in key[k]!.map { "\(q(k)) = \(lit($0))" } ?? "\(q(k)) IS NULL" }.joined(separator: " AND ")
        }
        for t in report.tables {
            switch t.change {
            case .added:
                out += "\n-- table \(t.table) was added (\(t.rowsAdded) rows)\nDROP TABLE \(q(t.table));\n"
            case .removed:
                out += "\n-- table \(t.table) was removed (\(t.rowsRemoved) rows): restore it from the snapshot, e.g.\n"
                out += "--   tar -xOf \(report.before.archive ?? "BEFORE") --wildcards 'database/1-*-\(t.table).sql' | mariadb DATABASE\n"
            case .modified:
                for s in t.schema {
                    out += "-- \(t.table): \(s.kind.rawValue) \(s.name) \(s.change.rawValue)\(s.before.map { ": was \($0)" } ?? "")\(s.after.map { "; now \($0)" } ?? "")\n"
                    if s.kind == .column && s.change == .added { out += "ALTER TABLE \(q(t.table)) DROP COLUMN \(q(s.name));\n" }
                    if s.kind == .index && s.change == .added && s.name != "PRIMARY" { out += "ALTER TABLE \(q(t.table)) DROP INDEX \(q(s.name));\n" }
                }
                for r in t.rows {
                    switch r.change {
                    case .added:
                        out += "-- \(t.table): row added\nDELETE FROM \(q(t.table)) WHERE \(whereClause(r.key)) LIMIT 1;\n"
                    case .removed:
                        let cols = r.columns.keys.sorted()
                        out += "-- \(t.table): row removed\nINSERT INTO \(q(t.table)) (\(cols.map(q).joined(separator: ","))) VALUES (\(cols.map { lit(r.columns[$0]!.before, binary: r.columns[$0]!.binary) }.joined(separator: ",")));\n"
                    case .changed:
                        let sets = r.columns.keys.sorted().map { "\(q($0)) = \(lit(r.columns[$0]!.before, binary: r.columns[$0]!.binary))" }.joined(separator: ", ")
                        // Only if the row still holds AFTER's values (NULL-safe): nothing changed meanwhile.
                        let guardClause = r.columns.keys.sorted().filter { r.key[$0] == nil }.map { "\(q($0)) <=> \(lit(r.columns[$0]!.after, binary: r.columns[$0]!.binary))" }
                        let cond = ([whereClause(r.key)] + guardClause).joined(separator: " AND ")
                        out += "-- \(t.table): row changed\(r.matchedBy.map { " (matched by \($0))" } ?? "")\nUPDATE \(q(t.table)) SET \(sets) WHERE \(cond) LIMIT 1;\n"
                    }
                }
                if t.rowsTruncated { out += "-- \(t.table): more changes than listed; compare again with --table \(t.table)\n" }
            }
        }
        if !report.leftovers.isEmpty {
            out += "\n-- Leftovers of removed extensions (not part of BEFORE either if they appeared with the extension):\n"
            for l in report.leftovers {
                out += "-- \(l.extensionSlug): \(l.kind.rawValue) in \(l.table)\(l.key.map { " " + whereClause($0) } ?? ""): \(l.reason)\n"
            }
        }
        return out
    }
}
