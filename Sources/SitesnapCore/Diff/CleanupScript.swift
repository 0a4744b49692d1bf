import Foundation

/// Writes the `--sql` cleanup script: statements that remove exactly the strong leftovers of the
/// removed extensions (`DiffReport.strongLeftovers`), each annotated with the leftover and its evidence,
/// for a person to review. sitesnap never runs it.
///
/// - table leftovers: `DROP TABLE`;
/// - row leftovers: `DELETE` by the row's primary key and identifier (`Leftover.key`);
/// - entry leftovers: one `UPDATE` per `DiffReport.valueEdits` row, setting the value without the
///   entries (`ValueEdit.cleaned`) only while the column still holds AFTER's value byte for byte
///   (`ValueEdit.current`); an entry without such an edit is listed for removal by hand.
///
/// Nothing else: no row change of `report.tables` becomes a statement (those are the site's own
/// changes, user content among them), and weak leftovers are comments only. Each `DELETE`/`UPDATE` is
/// followed by a check that it changed exactly one row; one that did not stops the script with an
/// error naming the leftover (`ScriptSQL.checkProcedure`). The row statements run in one transaction,
/// so a stop leaves them all undone (InnoDB; MyISAM tables cannot roll back); tables are dropped after
/// the commit.
public enum CleanupScript {
    /// The script text for `report`.
    public static func make(_ report: DiffReport) -> String {
        let strong = report.strongLeftovers
        let dropped = Set(strong.filter { $0.kind == .table }.map(\.table))
        var out = header(report)
        out += "SET NAMES utf8mb4;\n"
        out += "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';\n\n"
        out += ScriptSQL.checkProcedure
        out += "START TRANSACTION;\n"
        out += rows(strong.filter { $0.kind == .row && !dropped.contains($0.table) }, after: report.after.id)
        let entries = strong.filter { $0.kind == .entry && !dropped.contains($0.table) }
        let plan = ValueEditPlan(entries: entries, edits: report.valueEdits)
        out += plan.statements(after: report.after.id)
        out += "COMMIT;\n"
        out += tables(strong.filter { $0.kind == .table })
        out += "\nDROP PROCEDURE \(ScriptSQL.check);\n"
        out += plan.byHand()
        let weak = report.leftovers.filter { $0.evidence == .weak }
        if !weak.isEmpty {
            out += "\n-- Possibly related (not removed): only read by the extension's code, which is not enough.\n"
            for l in weak { out += describe(l) }
        }
        return out
    }

    private static func header(_ report: DiffReport) -> String {
        func side(_ s: DiffReport.Side) -> String {
            [s.id, s.createdAt.map { "created \($0)" }, s.archive, s.database.map { "database \($0)" }].compactMap { $0 }.joined(separator: ", ")
        }
        var out = ScriptSQL.comment("sitesnap diff-db cleanup script: removes what removed extensions left behind in \(report.after.id).")
        out += ScriptSQL.comment("BEFORE: \(side(report.before))")
        out += ScriptSQL.comment("AFTER:  \(side(report.after))")
        for e in report.extensions {
            let code = e.codeSnapshot.map { "its code read from snapshot \($0)" } ?? "no snapshot held its code"
            let without = e.withoutSnapshot.map { "; before it: snapshot \($0)" } ?? ""
            out += ScriptSQL.comment("extension \(e.slug) (\(e.kind) \(e.name)\(e.version.map { " \($0)" } ?? ""), \(e.state.rawValue)): \(code)\(without)")
        }
        let s = report.strongLeftovers
        func count(_ k: DiffReport.Leftover.Kind, _ one: String, _ many: String) -> String {
            let n = s.filter { $0.kind == k }.count
            return "\(n) \(n == 1 ? one : many)"
        }
        out += ScriptSQL.comment("Removes only the strong leftovers: \(count(.table, "table", "tables")), \(count(.row, "row", "rows")), "
            + "\(count(.entry, "entry", "entries")) inside values. Nothing else of the diff is touched: no user content, no core object.")
        out += """
            -- REVIEW EVERY STATEMENT, and run it on a staging copy first (sitesnap restore), then on the
            -- database of \(report.after.id):  mariadb DATABASE < cleanup.sql
            -- It stops at the first statement that does not find its row exactly as \(report.after.id) had it
            -- (ERROR 1644 (45000) ... sitesnap cleanup stopped: <the leftover>): the row statements before it
            -- are rolled back and nothing after it runs. Compare again and write a new script; meanwhile
            -- remove its helper: DROP PROCEDURE IF EXISTS \(ScriptSQL.check);

            """
        return out
    }

    /// A leftover's comment lines: what it is, then every reason.
    static func describe(_ l: DiffReport.Leftover) -> String {
        var what = "\(l.extensionSlug): \(l.object) '\(l.name)'"
        if l.kind != .table || l.name != l.table {
            what += " (\(l.kind.rawValue) in \(l.table)"
            if let key = l.key { what += " " + ScriptSQL.condition(key) }
            if let column = l.column { what += ", column \(column)" }
            if let path = l.path { what += ", at " + path.joined(separator: " › ") }
            what += ")"
        }
        var out = ScriptSQL.comment(what)
        for r in l.reasons { out += ScriptSQL.comment("\(l.evidence.rawValue): \(r)", indent: "  ") }
        return out
    }

    private static func rows(_ leftovers: [DiffReport.Leftover], after: String) -> String {
        var out = ""
        var done: [String] = []
        for l in leftovers {
            guard let key = l.key, !key.isEmpty else {
                out += "\n" + describe(l) + "-- by hand: the report gives no key for this row.\n"
                continue
            }
            let condition = ScriptSQL.condition(key)
            let id = l.table + "\u{0}" + condition
            if done.contains(id) { continue }
            done.append(id)
            let same = leftovers.filter { $0.table == l.table && $0.key.map(ScriptSQL.condition) == condition }
            out += "\n" + same.map(describe).joined()
            out += "DELETE FROM \(ScriptSQL.name(l.table)) WHERE \(condition);\n"
            out += ScriptSQL.expect(1, "sitesnap cleanup stopped: \(l.object) '\(l.name)' in \(l.table) is not as in \(after)")
        }
        return out
    }

    private static func tables(_ leftovers: [DiffReport.Leftover]) -> String {
        var out = ""
        var done = Set<String>()
        for l in leftovers where done.insert(l.table).inserted {
            // No IF EXISTS: a table gone meanwhile stops the script (Unknown table), naming it.
            out += "\n" + leftovers.filter { $0.table == l.table }.map(describe).joined() + "DROP TABLE \(ScriptSQL.name(l.table));\n"
        }
        return out
    }
}
