import Foundation

/// Writes the `--revert-sql` script: statements that turn every listed difference of AFTER back into
/// BEFORE, each with a comment, for a person to review. Unlike the cleanup (`CleanupScript`) it is not
/// limited to an extension's leftovers: it re-creates what was removed since BEFORE (an uninstalled
/// extension's registration too) and deletes what was added since (user content too). sitesnap never
/// runs it. A guarded statement that finds nothing to change stops the script (`ScriptSQL.expect`).
public enum RevertScript {
    /// The script text for `report`. Rows whose changes were truncated are noted, not guessed.
    public static func make(_ report: DiffReport) -> String {
        let b = report.before.id, a = report.after.id
        var out = """
            -- sitesnap diff-db revert script: turns \(a) back into \(b).
            -- It undoes every difference listed below, not only an extension's leftovers: it re-adds rows
            -- removed since \(b) (e.g. a removed extension's registration: active_plugins, #__extensions,
            -- core.extension rows, which re-enables code that may be gone), restores changed rows, and
            -- deletes rows added since (which may be user content: comments, posts, orders, users).
            -- To remove only what a removed extension left behind, use `diff-db --sql` (the cleanup).
            -- REVIEW EVERY STATEMENT before running it, on a staging copy first. sitesnap never runs it.
            -- A DELETE or UPDATE that no longer finds the row as \(a) had it stops the script with an error
            -- (ERROR 1644 (45000) ... sitesnap revert stopped: ...); statements before it stay done. After
            -- such a stop: DROP PROCEDURE IF EXISTS \(ScriptSQL.check);
            SET NAMES utf8mb4;
            SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';

            """
        out += ScriptSQL.checkProcedure
        for t in report.tables { out += table(t, report) }
        if !report.leftovers.isEmpty {
            out += "\n-- Leftovers of removed extensions (not part of BEFORE either if they appeared with the extension):\n"
            for l in report.leftovers {
                out += ScriptSQL.comment("\(l.extensionSlug): \(l.kind.rawValue) in \(l.table)\(l.key.map { " " + ScriptSQL.condition($0) } ?? ""): \(l.reason)")
            }
        }
        out += "\nDROP PROCEDURE \(ScriptSQL.check);\n"
        return out
    }

    private static func table(_ t: DiffReport.TableChange, _ report: DiffReport) -> String {
        let q = ScriptSQL.name
        switch t.change {
        case .added:
            return "\n-- table \(t.table) was added (\(t.rowsAdded) rows)\nDROP TABLE \(q(t.table));\n"
        case .removed:
            return "\n-- table \(t.table) was removed (\(t.rowsRemoved) rows): restore it from the snapshot, e.g.\n"
                + "--   tar -xOf \(report.before.archive ?? "BEFORE") --wildcards 'database/1-*-\(t.table).sql' | mariadb DATABASE\n"
        case .modified:
            var out = ""
            for s in t.schema {
                out += ScriptSQL.comment("\(t.table): \(s.kind.rawValue) \(s.name) \(s.change.rawValue)\(s.before.map { ": was \($0)" } ?? "")\(s.after.map { "; now \($0)" } ?? "")")
                if s.kind == .column && s.change == .added { out += "ALTER TABLE \(q(t.table)) DROP COLUMN \(q(s.name));\n" }
                if s.kind == .index && s.change == .added && s.name != "PRIMARY" { out += "ALTER TABLE \(q(t.table)) DROP INDEX \(q(s.name));\n" }
            }
            for r in t.rows { out += row(r, in: t.table) }
            if t.rowsTruncated { out += "-- \(t.table): more changes than listed; compare again with --table \(t.table)\n" }
            return out
        }
    }

    private static func row(_ r: DiffReport.RowChange, in table: String) -> String {
        let q = ScriptSQL.name, lit = ScriptSQL.literal
        let stopped = "sitesnap revert stopped: a row of \(table) (\(ScriptSQL.condition(r.key))) is no longer as it was"
        switch r.change {
        case .added:
            return "-- \(table): row added\nDELETE FROM \(q(table)) WHERE \(ScriptSQL.condition(r.key)) LIMIT 1;\n" + ScriptSQL.expect(1, stopped)
        case .removed:
            let cols = r.columns.keys.sorted()
            return "-- \(table): row removed\nINSERT INTO \(q(table)) (\(cols.map(q).joined(separator: ","))) VALUES (\(cols.map { lit(r.columns[$0]!.before, r.columns[$0]!.binary) }.joined(separator: ",")));\n"
        case .changed:
            let sets = r.columns.keys.sorted().map { "\(q($0)) = \(lit(r.columns[$0]!.before, r.columns[$0]!.binary))" }.joined(separator: ", ")
            // Only if the row still holds AFTER's values (NULL-safe): nothing changed meanwhile.
            let guardClause = r.columns.keys.sorted().filter { r.key[$0] == nil }.map { "\(q($0)) <=> \(lit(r.columns[$0]!.after, r.columns[$0]!.binary))" }
            let cond = ([ScriptSQL.condition(r.key)] + guardClause).joined(separator: " AND ")
            return "-- \(table): row changed\(r.matchedBy.map { " (matched by \($0))" } ?? "")\nUPDATE \(q(table)) SET \(sets) WHERE \(cond) LIMIT 1;\n"
                + ScriptSQL.expect(1, stopped)
        }
    }
}
