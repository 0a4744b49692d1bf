import Foundation
import SitesnapCore

/// Text rendering of a `changes` report for people: grouped and short; `--json` has every detail.
enum ChangesText {
    static func print(_ r: ChangesReport, listAll: Bool) {
        func side(_ s: ChangesReport.Side) -> String { "\(s.id) (\(s.cms) \(s.cmsVersion ?? "?"), \(s.createdAt ?? ""))" }
        Swift.print("before: \(side(r.before))")
        Swift.print("after:  \(side(r.after))")
        guard r.hasChanges else {
            let counts = (r.filesSkipped == nil ? ["\(Output.count(r.files.compared)) entries compared"] : [])
                + (r.database.map { ["\(Output.plural($0.tablesUnchanged, "table")) unchanged"] } ?? [])
            Swift.print("no changes" + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"))
            if let why = r.filesSkipped { Swift.print("files not compared: \(why)") }
            if let why = r.databaseSkipped { Swift.print("database not compared: \(why)") }
            return
        }
        extensions(r)
        files(r, listAll: listAll)
        directives(r)
        database(r)
    }

    private static func extensions(_ r: ChangesReport) {
        guard r.core != nil || !r.extensions.isEmpty else { return }
        Swift.print("\nCMS and extensions")
        if let c = r.core { Swift.print("  core \(r.after.cms): \(c.before ?? "?") → \(c.after ?? "?")") }
        let sign: [ChangesReport.ExtensionChangeKind: String] = [.added: "+", .removed: "-", .upgraded: "↑", .downgraded: "↓", .changed: "~"]
        for e in r.extensions {
            let slug = (e.group.map { $0 + "/" } ?? "") + e.slug + (e.client.map { " (\($0))" } ?? "")
            let version: String
            switch e.change {
            case .added: version = e.after ?? ""
            case .removed: version = e.before ?? ""
            default: version = "\(e.before ?? "?") → \(e.after ?? "?")"
            }
            Swift.print("  \(sign[e.change]!) \(e.change.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(e.kind) \(slug) \"\(e.name)\" \(version)")
        }
    }

    private static func files(_ r: ChangesReport, listAll: Bool) {
        if let why = r.filesSkipped { Swift.print("\nFiles: not compared (\(why))") }
        let groups = r.files.groups
        guard !groups.isEmpty else { return }
        let added = groups.reduce(0) { $0 + $1.added }, removed = groups.reduce(0) { $0 + $1.removed }
        let modified = groups.reduce(0) { $0 + $1.modified }
        let counts = [(added, "added"), (removed, "removed"), (modified, "modified")].filter { $0.0 > 0 }
        Swift.print("\nFiles: " + counts.map { "\(Output.count($0.0)) \($0.1)" }.joined(separator: ", "))
        let width = min(40, groups.map(\.owner.count).max() ?? 0)
        for g in groups {
            var parts: [String] = []
            if g.added > 0 { parts.append("+\(Output.count(g.added)) (\(Output.bytes(g.addedBytes)))") }
            if g.removed > 0 { parts.append("-\(Output.count(g.removed)) (\(Output.bytes(g.removedBytes)))") }
            if g.modified > 0 { parts.append("~\(Output.count(g.modified))") }
            Swift.print("  \(g.owner.padding(toLength: width, withPad: " ", startingAt: 0))  \(parts.joined(separator: "  "))")
            guard listAll, let paths = g.paths else { continue }
            for p in paths { Swift.print("      \(line(p))") }
        }
        if !r.files.modifiedCore.isEmpty {
            Swift.print(r.files.coreVersionUnchanged
                ? "  modified core files, with no core version change (a hand edit or a hack?):"
                : "  modified core files (the core version changed too):")
            for p in r.files.modifiedCore.prefix(listAll ? Int.max : 20) { Swift.print("    \(line(p))") }
            if !listAll && r.files.modifiedCore.count > 20 { Swift.print("    … \(r.files.modifiedCore.count - 20) more (--files)") }
        }
        if !listAll { Swift.print("  (--files lists every path)") }
    }

    private static func line(_ p: ChangesReport.FileChange) -> String {
        let sign = p.change == .added ? "+" : p.change == .removed ? "-" : "~"
        return "\(sign) \(p.path)" + (p.what.isEmpty ? "" : " (\(p.what.joined(separator: ", ")))")
    }

    private static func directives(_ r: ChangesReport) {
        guard !r.directives.isEmpty else { return }
        Swift.print("\nWeb server and PHP directives")
        for f in r.directives {
            let called = f.directives.filter { $0.callout != nil }.count
            Swift.print("  \(f.path) (\(f.syntax), \(f.change.rawValue)): \(f.directives.filter { $0.change == .added }.count) added, "
                + "\(f.directives.filter { $0.change == .removed }.count) removed" + (called > 0 ? ", \(called) called out" : ""))
            for d in f.directives {
                let mark = d.callout.map { "  ! \($0): \(d.reason ?? "")" } ?? ""
                let within = d.section.isEmpty ? "" : " [in \(d.section.joined(separator: " > "))]"
                Swift.print("    \(d.change == .added ? "+" : "-") line \(d.line): \(d.text)\(within)\(mark)")
            }
        }
    }

    private static func database(_ r: ChangesReport) {
        if let why = r.databaseSkipped { Swift.print("\nDatabase: not compared (\(why))"); return }
        guard let d = r.database else { return }
        Swift.print("\nDatabase: \(Output.plural(d.tables.count, "table")) changed, \(d.tablesUnchanged) unchanged"
            + (d.leftovers > 0 ? ", \(d.leftovers) leftovers of removed extensions" : ""))
        for t in d.tables {
            let what = t.change == "modified" ? "+\(t.rowsAdded) -\(t.rowsRemoved) ~\(t.rowsChanged) rows" + (t.schemaChanges > 0 ? ", \(t.schemaChanges) schema changes" : "")
                : "table \(t.change)"
            Swift.print("  \(t.table): \(what)")
        }
        Swift.print("  rows and leftovers: \(d.command)")
    }
}
