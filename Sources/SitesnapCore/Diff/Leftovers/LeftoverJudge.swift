import SiteKnowledge
import SnapshotFormat

/// Grades the evidence that an object belongs to one extension (issue 12's rules):
/// - core-owned objects are never an extension's;
/// - strong: the row names the extension (owner rules), the extension's code creates or writes it,
///   a prefix unique to the extension, or it appeared between the snapshot without the extension and
///   the one with it (when no other extension came in between);
/// - weak: the code only reads it, or it appeared together with other extensions.
/// An object another installed extension's name claims is left to that extension, unless the removed
/// extension's own code creates it or the row names it.
struct LeftoverJudge {
    let target: LeftoverTarget
    let core: CoreOwnership
    let code: [CodeName]
    let prefixes: [String]
    /// Name prefixes of the extensions still installed in AFTER (slug + `_` / `.`).
    let othersPrefixes: [(slug: String, prefix: String)]

    /// What is known about one object.
    struct Candidate {
        var kind: String
        var codeKinds: [String]
        var name: String
        var coreName: String
        var existed: Bool
        var appeared: Bool
        var owner: String?
        var table = false
        var ignoreCase = false
        /// The row is an extension's identity (Joomla's `#__extensions` row, with its group and
        /// client columns): only its owner rule may tie it to an extension, never its name alone.
        var identity = false
    }

    func judge(_ c: Candidate) -> (DiffReport.Leftover.Evidence, [String])? {
        if c.table ? core.ownsTable(c.coreName) : core.owns(kind: c.kind, name: c.coreName) { return nil }
        var strong: [String] = [], weak: [String] = []
        var sure = false
        if let o = c.owner { strong.append(o); sure = true }
        for n in code where c.codeKinds.contains(n.kind) && n.matches(c.name, ignoringCase: c.ignoreCase) {
            let text = n.describe
            if strong.contains(text) || weak.contains(text) { continue }
            switch n.use {
            case .reads: weak.append(text)
            case .creates: strong.append(text); sure = sure || !n.isPrefix
            case .writes where c.existed: weak.append(text + " (it existed before the extension)")
            case .writes: strong.append(text)
            }
        }
        let slugName = target.ext.slug.replacingOccurrences(of: "-", with: "_")
        // Another installed extension with the same slug (Joomla's plg_system_x beside a removed
        // plg_content_x) makes the name and its prefixes nobody's in particular.
        let namesAreMine = !c.identity && !othersPrefixes.contains { $0.slug == target.ext.slug }
        if namesAreMine && (c.name == slugName || c.name == target.ext.slug) {
            strong.append("name: '\(c.name)' is the extension's own name")
        } else if namesAreMine, let p = prefixes.first(where: { c.name.hasPrefix($0) }) {
            strong.append("prefix: '\(c.name)' starts with '\(p)', which only \(target.ext.slug)'s names use")
        }
        if c.appeared, let without = target.without, let with = target.with {
            let text = "appeared: not in snapshot \(without.manifest.id), present in \(with.manifest.id) with the extension"
            if target.addedAlongside.isEmpty { strong.append(text) } else {
                weak.append(text + ", which also added \(target.addedAlongside.map(\.slug).joined(separator: ", "))")
            }
        }
        if !sure && claimedByAnother(c.name) { return nil }
        guard !strong.isEmpty || !weak.isEmpty else { return nil }
        if c.existed, let without = target.without {
            let note = "already in snapshot \(without.manifest.id), taken without the extension: left by an earlier install?"
            if strong.isEmpty { weak.append(note) } else { strong.append(note) }
        }
        return strong.isEmpty ? (.weak, weak) : (.strong, strong + weak)
    }

    /// True when the name is more an installed extension's than this one's: it is that extension's slug,
    /// or starts with that slug's prefix, longer than any prefix of this one it starts with
    /// (flag_application's table is flag_application's, not flag's, although both start with `flag_`).
    private func claimedByAnother(_ name: String) -> Bool {
        let slugName = target.ext.slug.replacingOccurrences(of: "-", with: "_")
        if name == slugName || name == target.ext.slug { return false }
        let own = ([slugName + "_"] + prefixes).filter { name.hasPrefix($0) }.map(\.count).max() ?? 0
        return othersPrefixes.contains { o in
            o.slug != target.ext.slug && (name == o.slug || (name.hasPrefix(o.prefix) && o.prefix.count > own))
        }
    }

    /// Prefixes unique to `ext`: its slug (`acme-forms` → `acme_forms_`, `acme-forms_`) and prefixes (up to
    /// an `_`) that two or more of its code's names share — never one that begins a core name, is the
    /// table prefix, or begins the name of another installed extension.
    static func uniquePrefixes(_ ext: ExtensionInfo, code: [CodeName], core: CoreOwnership,
                               others: [(slug: String, prefix: String)]) -> [String] {
        var candidates = Set([ext.slug.replacingOccurrences(of: "-", with: "_") + "_", ext.slug + "_"])
        var counts: [String: Int] = [:]
        for n in Set(code.filter { $0.use != .reads }.map(\.name)) {
            var i = n.startIndex
            var depth = 0
            while depth < 2, let u = n[n.index(after: i)...].firstIndex(of: "_") {
                counts[String(n[...u]), default: 0] += 1
                i = u
                depth += 1
            }
        }
        candidates.formUnion(counts.filter { $0.value >= 2 }.map(\.key))
        return candidates.filter { p in
            p.count >= 3 && !core.isTooGeneral(p)
                && !others.contains { $0.slug != ext.slug && $0.prefix.hasPrefix(p) }
        }.sorted()
    }
}
