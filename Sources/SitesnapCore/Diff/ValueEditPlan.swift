/// Which strong entry leftovers the cleanup removes with which `DiffReport.ValueEdit` (one guarded
/// `UPDATE` per edited row), and which it leaves for removal by hand, with the reason.
///
/// An edit is used only when every entry it takes out is a strong leftover of that row: an edit that
/// would also take out something else (a weak leftover, an entry of the CMS) is refused, and so is a
/// row with two different edits (the second one's guard could never match after the first).
struct ValueEditPlan {
    typealias Leftover = DiffReport.Leftover
    typealias ValueEdit = DiffReport.ValueEdit

    private(set) var updates: [(edit: ValueEdit, leftovers: [Leftover])] = []
    private(set) var byHandEntries: [(leftover: Leftover, why: String)] = []

    init(entries: [Leftover], edits: [ValueEdit]) {
        var used = Array(repeating: false, count: entries.count)
        var rowsSeen: [ValueEdit] = []
        for edit in edits {
            let matched = entries.indices.filter { Self.matches(entries[$0], edit) }
            guard !matched.isEmpty else { continue }
            matched.forEach { used[$0] = true }
            let mine = matched.map { entries[$0] }
            if rowsSeen.contains(edit) { continue }
            if rowsSeen.contains(where: { $0.table == edit.table && $0.column == edit.column && $0.key == edit.key }) {
                mine.forEach { byHandEntries.append(($0, "the report holds two different edits of this value")) }
                continue
            }
            rowsSeen.append(edit)
            let others = edit.removed.filter { p in !mine.contains { $0.path == p } }
            if !others.isEmpty {
                let list = others.map { $0.joined(separator: " › ") }.joined(separator: "; ")
                mine.forEach { byHandEntries.append(($0, "the edit of this value would also remove entries that are not strong leftovers: \(list)")) }
            } else if edit.cleaned == edit.current {
                mine.forEach { byHandEntries.append(($0, "the edit of this value changes nothing")) }
            } else {
                updates.append((edit, mine))
            }
        }
        for i in entries.indices where !used[i] {
            let why = entries[i].key == nil || entries[i].column == nil || entries[i].path == nil
                ? "the report does not say which row, column and path hold it"
                : "no safe edit of the value: it does not parse, holds PHP references, or the entry was not found in it"
            byHandEntries.append((entries[i], why))
        }
    }

    /// The leftover is an entry of the row and column `edit` changes, at one of the paths it removes.
    static func matches(_ l: Leftover, _ edit: ValueEdit) -> Bool {
        guard l.table == edit.table, l.column == edit.column, let path = l.path, edit.removed.contains(path),
              let key = l.key else { return false }
        let shared = Set(key.keys).intersection(edit.key.keys)
        return !shared.isEmpty && shared.allSatisfy { key[$0]! == edit.key[$0]! }
    }

    /// The guarded UPDATEs, each with its check.
    func statements(after: String) -> String {
        var out = ""
        for (edit, leftovers) in updates {
            let q = ScriptSQL.name
            func lit(_ v: String) -> String { ScriptSQL.literal(v) }
            out += "\n" + leftovers.map(CleanupScript.describe).joined()
            out += ScriptSQL.comment("\(edit.format) value of \(edit.column), without: "
                + edit.removed.map { $0.joined(separator: " › ") }.joined(separator: "; ")
                + " (only while it still holds \(after)'s value byte for byte)")
            out += "UPDATE \(q(edit.table)) SET \(q(edit.column)) = \(lit(edit.cleaned))\n"
            out += "  WHERE \(ScriptSQL.condition(edit.key)) AND CAST(\(q(edit.column)) AS BINARY) = CAST(\(lit(edit.current)) AS BINARY);\n"
            let first = leftovers[0]
            let more = leftovers.count > 1 ? " (+\(leftovers.count - 1) more)" : ""
            out += ScriptSQL.expect(1, "sitesnap cleanup stopped: \(first.object) '\(first.name)'\(more) in \(edit.table).\(edit.column) is not as in \(after)")
        }
        return out
    }

    /// Comments for the entries left for removal by hand.
    func byHand() -> String {
        guard !byHandEntries.isEmpty else { return "" }
        var out = "\n-- Not removed by this script: remove these entries by hand (e.g. in the CMS's admin), after review.\n"
        for (l, why) in byHandEntries { out += CleanupScript.describe(l) + ScriptSQL.comment("by hand: \(why)", indent: "  ") }
        return out
    }
}
