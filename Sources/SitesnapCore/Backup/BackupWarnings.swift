import SnapshotFormat

/// The warnings a database dump leads to, in the order the manifest lists them (before the files').
enum BackupWarnings {
    /// Objects the user may not see, no table with the prefix, hidden triggers, tables a prefix array
    /// names that are elsewhere or absent, tables missing on purpose or dropped since the previous
    /// snapshot, tables outside the consistent snapshot.
    static func database(_ database: DatabaseDumpInfo, target: DatabaseTarget) -> [SnapshotWarning] {
        var out: [SnapshotWarning] = []
        for o in database.skippedObjects ?? [] {
            out.append(SnapshotWarning(kind: "unreadable", subject: o,
                                       message: "its definition is hidden from this database user (another definer, or no SHOW VIEW privilege for a view): not in the snapshot"))
        }
        if database.tables.isEmpty {
            out.append(SnapshotWarning(kind: "no-tables", subject: target.options.database ?? "",
                                       message: "no table starts with the table prefix '\(target.tablePrefix)': the snapshot holds no table data (check --table-prefix, or use --all-tables)"))
        }
        if let hidden = database.triggersHiddenTables {
            out.append(SnapshotWarning(kind: "triggers-hidden", subject: hidden.joined(separator: ", "),
                                       message: "the database user lacks the TRIGGER privilege on \(hidden.count == 1 ? "this table" : "these \(hidden.count) tables"): the server hides their triggers from it, so any they have are not in the snapshot (GRANT TRIGGER on them to include them)"))
        }
        for t in database.absentPrefixedTables ?? [] {
            // A prefix with a dot names another database (Drupal 7 sites/default/default.settings.php:
            // "'users' => 'shared.'", "a reference to a schema/database as a prefix"): the table
            // may well exist there, and this snapshot of one database does not hold it.
            if let dot = t.lastIndex(of: ".") {
                out.append(SnapshotWarning(kind: "other-database-table", subject: t,
                                           message: "the config's prefix array puts this table in database \(t[..<dot]), and a snapshot holds one database: not in the snapshot (back that database up too)"))
                continue
            }
            out.append(SnapshotWarning(kind: "missing-prefixed-table", subject: t,
                                       message: "the config's prefix array names this table, but the database has none: check the prefix array"))
        }
        for t in database.allowedMissingTables ?? [] {
            out.append(SnapshotWarning(kind: "allowed-missing-table", subject: t,
                                       message: "not in the snapshot: left out on purpose with --allow-missing-table"))
        }
        for t in database.droppedTables ?? [] {
            out.append(SnapshotWarning(kind: "dropped-since-previous", subject: t,
                                       message: "the previous snapshot of this site had this table; it no longer exists (dropped since, e.g. by an extension's uninstall)"))
        }
        for t in database.nonTransactionalTables {
            out.append(SnapshotWarning(kind: "non-transactional", subject: t,
                                       message: "engine without transactions: not covered by the consistent snapshot"))
        }
        return out
    }
}
