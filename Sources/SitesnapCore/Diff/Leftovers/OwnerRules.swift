import SiteKnowledge
import SnapshotFormat

/// The profile's owner rules: a row that names the extension owning it.
enum OwnerRules {
    /// Why the row is `ext`'s by its own content, or nil.
    static func reason(_ loc: LeftoverSpec.ObjectLocation, _ obj: FoundObject, _ ext: ExtensionInfo, _ attributed: Attributed) -> String? {
        guard let o = loc.owner else { return nil }
        let where_ = "\(loc.table).\(loc.column ?? loc.valueColumn ?? "")"
        if let match = o.name, names(obj.identifier, ext.slug, match, o.separators ?? ["."]), agrees(o, obj, ext) {
            return "owner: \(where_) '\(obj.identifier)' names \(ext.slug)"
        }
        if let c = o.column, (obj.columns[c] ?? nil) == ext.slug {
            return "owner: its \(c) is '\(ext.slug)'"
        }
        if o.dependenciesAll == true {
            let mine = { (d: String) in d == ext.slug || attributed.names.values.contains { $0.contains(d) } }
            return !obj.dependencies.isEmpty && obj.dependencies.allSatisfy(mine)
                ? "owner: \(loc.kind) '\(obj.identifier)' lists only \(ext.slug)'s \(obj.dependencies.joined(separator: ", "))" : nil
        }
        if o.dependencies != nil, obj.dependencies.contains(ext.slug) {
            return "owner: \(loc.kind) '\(obj.identifier)' depends on \(ext.slug)"
        }
        // Also through what the row lists of another attributed object (Drupal's
        // `config.entity.key_store.*` rows list the config entities they index).
        if o.dependencies != nil, let d = obj.dependencies.first(where: { d in attributed.names.values.contains { $0.contains(d) } }) {
            return "owner: \(loc.kind) '\(obj.identifier)' depends on \(d), which is \(ext.slug)'s"
        }
        if let r = o.refers, let v = obj.columns[r.via] ?? nil, attributed.rows[r.kind]?.contains(where: { ($0[r.column] ?? nil) == v }) == true {
            return "owner: its \(r.via) \(v) is the \(r.column) of \(ext.slug)'s \(r.kind) row"
        }
        return nil
    }

    private static func names(_ id: String, _ slug: String, _ match: LeftoverSpec.OwnerRule.NameMatch, _ separators: [String]) -> Bool {
        let exact = id == slug
        let prefixed = separators.contains { id.hasPrefix(slug + $0) }
        switch match {
        case .exact: return exact
        case .prefixed: return prefixed
        case .either: return exact || prefixed
        }
    }

    /// The row's group (Joomla plugin folder) and client agree with the extension's, when known.
    /// Joomla's `client_id` is 0 for the site, 1 for the administrator and 3 for the API
    /// (libraries/src/Application/ApplicationHelper.php getClientInfo(), 5.3).
    private static func agrees(_ o: LeftoverSpec.OwnerRule, _ obj: FoundObject, _ ext: ExtensionInfo) -> Bool {
        if let gc = o.groupColumn, ((obj.columns[gc] ?? nil) ?? "") != (ext.group ?? "") { return false }
        if let cc = o.clientColumn, let client = ext.client, let v = obj.columns[cc] ?? nil {
            return v == (["administrator": "1", "installation": "2", "api": "3"][client] ?? "0")
        }
        return true
    }
}
