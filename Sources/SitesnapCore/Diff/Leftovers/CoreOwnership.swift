import Foundation
import SiteKnowledge

/// What the CMS itself owns (the profile's `leftovers.core`), with the site's table prefix filled in:
/// a core-owned table, option, role, capability or hook is never an extension's leftover.
struct CoreOwnership {
    private let tables: [String]
    private let names: [String: [String]]
    /// Name prefixes that are core's, and the literal beginnings of every core name and glob: a prefix
    /// that begins one of these is too general to be an extension's own.
    private let beginnings: [String]

    init(_ core: LeftoverSpec.CoreObjects?, tablePrefix: String) {
        func fill(_ s: String) -> String { s.replacingOccurrences(of: "{prefix}", with: tablePrefix) }
        tables = core?.tables.map(fill) ?? []
        names = (core?.names ?? [:]).mapValues { $0.map(fill) }
        var b = (core?.prefixes ?? []).map(fill)
        if !tablePrefix.isEmpty { b.append(tablePrefix) }
        for n in names.values.joined() + tables {
            let literal = String(n.prefix { !"*?[".contains($0) })
            if !literal.isEmpty { b.append(literal) }
        }
        beginnings = b
    }

    /// True when core creates table `bare` (the name without the table prefix).
    func ownsTable(_ bare: String) -> Bool { tables.contains { Self.matches($0, bare) } }

    /// True when core creates the object `name` of `kind`.
    func owns(kind: String, name: String) -> Bool {
        names[kind]?.contains { Self.matches($0, name) } ?? false
    }

    /// True when `prefix` begins a core name or a core prefix (`wp_` begins `wp_version_check`): it
    /// cannot tell an extension's objects from core's. A longer prefix (`wp_statistics_`) can.
    func isTooGeneral(_ prefix: String) -> Bool { beginnings.contains { $0.hasPrefix(prefix) } }

    static func matches(_ pattern: String, _ name: String) -> Bool {
        pattern.contains(where: { "*?[".contains($0) }) ? fnmatch(pattern, name, 0) == 0 : pattern == name
    }
}
