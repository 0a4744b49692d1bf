import SitesnapCore

/// The leftovers part of `diff-db`'s text output: per extension, what it left (strong evidence, what
/// `--sql` removes) and what is possibly related (weak evidence, never in the script), each with why.
enum LeftoverText {
    static func print(_ r: DiffReport, paint: (String, String) -> String) {
        guard !r.leftovers.isEmpty else { return }
        Swift.print("\n" + paint("Leftovers of removed extensions (\(r.removedExtensions.joined(separator: ", "))):", "1"))
        for slug in r.removedExtensions {
            let mine = r.leftovers.filter { $0.extensionSlug == slug }
            guard !mine.isEmpty else { continue }
            if let e = r.extensions.first(where: { $0.slug == slug }) { Swift.print("  " + header(e)) }
            let strong = mine.filter { $0.evidence == .strong }, weak = mine.filter { $0.evidence == .weak }
            if !strong.isEmpty { Swift.print("    " + paint("left behind (strong evidence; what --sql removes): \(strong.count)", "1")) }
            for l in strong { line(l) }
            if !weak.isEmpty {
                Swift.print("    " + paint("possibly related (weak evidence; not in the --sql cleanup): \(weak.count)", "2"))
                for l in weak.prefix(20) { line(l) }
                if weak.count > 20 { Swift.print("    … \(weak.count - 20) more possibly related (--json lists them all)") }
            }
        }
    }

    private static func header(_ e: DiffReport.RemovedExtension) -> String {
        let state = switch e.state {
        case .removed: "removed"
        case .uninstalled: "uninstalled, its files still there"
        case .deactivated: "deactivated, its files and data kept for reactivation: nothing of it goes into --sql"
        case .requested: "named with --extension"
        case .stillInstalled: "named with --extension, still installed: nothing of it goes into --sql"
        }
        let kind = [e.client, e.group].compactMap { $0 }.joined(separator: " ") + (e.group == nil && e.client == nil ? "" : " ") + e.kind
        var s = "\(e.slug) (\(kind)\(e.version.map { " " + $0 } ?? ""), \(state))"
        if let c = e.codeSnapshot { s += "; its code read from snapshot \(c)" } else { s += "; no snapshot holds its code" }
        if let w = e.withoutSnapshot { s += "; before it: \(w)" }
        return s
    }

    private static func line(_ l: DiffReport.Leftover) {
        let key = l.key.map { k in " " + k.keys.sorted().map { "\($0)=\(DiffText.short(k[$0]!))" }.joined(separator: " ") } ?? ""
        let what: String
        switch l.kind {
        case .table: what = "table \(l.table)"
        case .row: what = "\(l.object) \(l.name) in \(l.table)\(key)"
        case .entry: what = "\(l.object) \(l.name) inside \(l.table)\(key) \(l.column ?? "") › \((l.path ?? []).joined(separator: " › "))"
        }
        Swift.print("    " + ScriptSQL.printable(what))
        for reason in l.reasons { Swift.print("        why: " + ScriptSQL.printable(reason)) }
    }
}
