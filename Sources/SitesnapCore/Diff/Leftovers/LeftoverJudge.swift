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
    /// Prefixes two or more of the extension's code names share (`af_`): strong for what came with it.
    let prefixes: [String]
    /// Prefixes from its own slug (`wp_statistics_`): strong also for what an earlier install left.
    let slugPrefixes: [String]
    /// Name prefixes of the extensions still installed in AFTER (slug + `_` / `.`).
    let othersPrefixes: [(slug: String, prefix: String)]
    /// The names the code of the extensions still installed creates or writes: an object one of them
    /// also names is not the removed one's to clean up (a cron hook or an option two plugins share).
    var othersCode: [(slug: String, names: [CodeName])] = []

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
        /// An entry inside a serialized value, not a row or table.
        var entry = false
    }

    func judge(_ c: Candidate) -> (DiffReport.Leftover.Evidence, [String])? {
        if c.table ? core.ownsTable(c.coreName) : core.owns(kind: c.kind, name: c.coreName) { return nil }
        // certain: strong even for an object that existed before the extension (an earlier install
        // left it); plain: strong only for an object that came with it; weak: never in a cleanup.
        var certain: [String] = [], plain: [String] = [], weak: [String] = []
        if let o = c.owner { certain.append(o) }
        for n in code where c.codeKinds.contains(n.kind) && n.matches(c.name, ignoringCase: c.ignoreCase) {
            // A run-time prefix as short or as general as core's names (`'post' . $s`) tells nothing.
            if n.isPrefix && (n.name.count < 4 || core.isTooGeneral(n.name)) { continue }
            let text = n.describe
            if (certain + plain + weak).contains(text) { continue }
            switch n.use {
            case .reads: weak.append(text)
            // A table name built from a long literal (`'statistics_' . $name`) is as telling as a whole one.
            case .creates where !n.isPrefix || n.name.count >= 6: certain.append(text)
            case .creates, .writes: plain.append(text)
            }
        }
        let slugName = target.ext.slug.replacingOccurrences(of: "-", with: "_")
        // Another installed extension with the same slug (Joomla's plg_system_x beside a removed
        // plg_content_x) makes the name and its prefixes nobody's in particular.
        let namesAreMine = !c.identity && !othersPrefixes.contains { $0.slug == target.ext.slug }
        if namesAreMine && (c.name == slugName || c.name == target.ext.slug) {
            certain.append("name: '\(c.name)' is the extension's own name")
        } else if namesAreMine, let p = slugPrefixes.first(where: { c.name.hasPrefix($0) }) {
            certain.append("prefix: '\(c.name)' starts with '\(p)', the extension's own name")
        } else if namesAreMine, let p = prefixes.first(where: { c.name.hasPrefix($0) }) {
            plain.append("prefix: '\(c.name)' starts with '\(p)', which only \(target.ext.slug)'s names use")
        }
        // What appeared with the extension supports other evidence; alone it is weak: a user, the
        // theme or an active plugin may have made it in the same window.
        if c.appeared, let without = target.without, let with = target.with {
            let also = target.addedAlongside.isEmpty ? "" : ", which also added \(target.addedAlongside.map(\.slug).joined(separator: ", "))"
            let text = "appeared: not in snapshot \(without.manifest.id), present in \(with.manifest.id) with the extension" + also
            // An entry inside a core value (a role, a capability, a cron hook) that came alone with an
            // extension whose code creates such entries from run-time names (Members' roles) is its.
            let dynamic = code.contains { $0.name == CodeName.dynamic && $0.use != .reads && c.codeKinds.contains($0.kind) }
            if c.entry && dynamic && target.addedAlongside.isEmpty { plain.append(text + "; its code creates \(c.kind) entries") } else { weak.append(text) }
        }
        if certain.isEmpty && claimedByAnother(c.name) { return nil }
        if c.owner == nil, let other = othersCode.first(where: { o in
            o.names.contains { $0.use != .reads && c.codeKinds.contains($0.kind) && !$0.isPrefix && $0.matches(c.name, ignoringCase: c.ignoreCase) }
        }) {
            weak = certain + plain + weak + ["shared: the code of \(other.slug), still installed, also names it"]
            certain = []
            plain = []
        }
        if c.existed, let without = target.without {
            weak += plain.map { $0 + " (but it was already in snapshot \(without.manifest.id), taken without the extension)" }
            plain = []
            if !certain.isEmpty { certain.append("already in snapshot \(without.manifest.id), taken without the extension: left by an earlier install") }
        }
        let strong = certain + plain
        guard !strong.isEmpty || !weak.isEmpty else { return nil }
        return strong.isEmpty ? (.weak, weak) : (.strong, strong + weak)
    }

    /// True when the name is more an installed extension's than this one's: it is that extension's slug,
    /// or starts with that slug's prefix, longer than any prefix of this one it starts with
    /// (flag_application's table is flag_application's, not flag's, although both start with `flag_`).
    private func claimedByAnother(_ name: String) -> Bool {
        let slugName = target.ext.slug.replacingOccurrences(of: "-", with: "_")
        if name == slugName || name == target.ext.slug { return false }
        let own = ([slugName + "_"] + prefixes + slugPrefixes).filter { name.hasPrefix($0) }.map(\.count).max() ?? 0
        return othersPrefixes.contains { o in
            o.slug != target.ext.slug && (name == o.slug || (name.hasPrefix(o.prefix) && o.prefix.count > own))
        }
    }

    /// Prefixes unique to `ext`: its slug (`acme-forms` → `acme_forms_`, `acme-forms_`) and prefixes (up to
    /// an `_`) that two or more of its code's names share — never one that begins a core name, is the
    /// table prefix, or begins the name of another installed extension.
    static func uniquePrefixes(_ ext: ExtensionInfo, code: [CodeName], core: CoreOwnership,
                               others: [(slug: String, prefix: String)]) -> (slug: [String], code: [String]) {
        let fromSlug = Set([ext.slug.replacingOccurrences(of: "-", with: "_") + "_", ext.slug + "_"])
        var candidates = Set<String>()
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
        func unique(_ p: String) -> Bool {
            !core.isTooGeneral(p) && !others.contains { $0.slug != ext.slug && $0.prefix.hasPrefix(p) }
        }
        // A shared code prefix shorter than 4 characters (`ab_`) is too likely someone else's too.
        return (fromSlug.filter { $0.count >= 3 && unique($0) }.sorted(),
                candidates.subtracting(fromSlug).filter { $0.count >= 4 && unique($0) }.sorted())
    }
}
