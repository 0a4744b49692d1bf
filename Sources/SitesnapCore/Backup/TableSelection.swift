/// Which tables and routines of the database belong to a site's snapshot: those with the site's
/// table prefix, the tables a per-table prefix array names, or everything with `--all-tables` (or
/// when the site has no prefix).
struct TableSelection: Sendable {
    let prefix: String
    let allTables: Bool
    let named: Set<String>

    init(target: DatabaseTarget, allTables: Bool, expectations: TableExpectations) {
        prefix = target.tablePrefix
        self.allTables = allTables
        named = Set(expectations.named)
    }

    /// Whether table `name` is dumped.
    func contains(_ name: String) -> Bool {
        allTables || prefix.isEmpty || name.hasPrefix(prefix) || named.contains(name)
    }

    /// Whether routine `name` is dumped (its name carries the prefix; a prefix array names no routine).
    func coversRoutine(_ name: String) -> Bool {
        allTables || prefix.isEmpty || name.hasPrefix(prefix)
    }
}
