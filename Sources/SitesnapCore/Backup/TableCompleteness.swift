import Foundation
import MariaDBKit
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The tables a snapshot must hold besides those it finds by prefix, and the rules that make a
/// missing one an error.
struct TableExpectations: Sendable {
    /// CMS name for messages ("WordPress").
    var cmsName = ""
    /// The profile's core tables, full names (prefix applied, per-table prefixes included).
    var core: [String] = []
    /// Tables a per-table prefix array names (`shared_users`): dumped although outside the prefix.
    var named: [String] = []
    /// Tables of the previous snapshot of the same site (its manifest copy) and that snapshot's id.
    var previous: [String] = []
    var previousID: String?
    /// `--allow-missing-table` names: missing on purpose.
    var allowMissing: Set<String> = []
}

extension TableExpectations {
    /// What a backup of `site` expects: the profile's core tables, the tables of the config's prefix
    /// array, and the tables of the newest snapshot of the same site root in `repository` that has a
    /// database part (from its manifest copy).
    static func of(site: DetectedSite, target: DatabaseTarget, repository: Repository, allowMissing: [String]) -> TableExpectations {
        var e = TableExpectations()
        e.cmsName = site.profile.name
        e.core = (site.profile.database?.coreTables ?? []).map(target.tableName)
        e.named = target.tablePrefixes.map { $0.value + $0.key }.sorted()
        if let m = previousSnapshot(of: site.root, in: repository), let tables = m.database?.tables {
            e.previous = tables.map(\.name)
            e.previousID = m.id
        }
        e.allowMissing = Set(allowMissing)
        return e
    }

    /// The manifest copy of the newest snapshot of `siteRoot` in `repository` that has a database part
    /// and an archive. Ids start with the site folder's name and then the UTC time, so only the copies
    /// named like this site's are read, newest first, until one matches: unlike `Repository.list()`,
    /// which decodes every manifest (each lists every file of its site), this reads one or two.
    static func previousSnapshot(of siteRoot: String, in repository: Repository) -> Manifest? {
        let stem = Repository.sanitize(URL(fileURLWithPath: siteRoot).lastPathComponent) + "-"
        let suffix = ".manifest.json"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: repository.path)) ?? [])
            .filter { $0.hasPrefix(stem) && $0.hasSuffix(suffix) }
        // Grouped by the id's time (to the second), newest first; within a second (ids -2, -3, labels)
        // the manifests' created_at (milliseconds) decide.
        let bySecond = Dictionary(grouping: names) { String($0.dropFirst(stem.count).prefix(16)) }
        for second in bySecond.keys.sorted(by: >) {
            let found = bySecond[second]!.compactMap { name -> Manifest? in
                let id = String(name.dropLast(suffix.count))
                guard Repository.archiveExtensions.contains(where: { FileManager.default.fileExists(atPath: repository.path + "/" + id + $0) }),
                      let data = FileManager.default.contents(atPath: repository.path + "/" + name),
                      let m = try? Manifest.decode(data), m.site.root == siteRoot, m.database != nil else { return nil }
                return m
            }
            if let newest = found.max(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) { return newest }
        }
        return nil
    }
}

/// Checks, inside the dump's transaction and before any table is dumped, that every expected table is
/// visible to the database user.
///
/// MariaDB hides the tables a user has no privilege on from SHOW TABLES and information_schema, so a
/// table missing from the list may exist. Each missing table is probed with `SELECT 1 FROM t LIMIT 0`:
/// error 1146 (no such table) means it does not exist — the server only says so to a user who may see
/// every table of the database; error 1142 (command denied) means the user may not read it, whether
/// or not it exists. Measured on MariaDB 10.11: a user with table-level grants gets 1142 for a hidden
/// table and for a table that does not exist alike.
enum TableCompleteness {
    struct Result {
        /// Core tables that do not exist (an older CMS version, a table created on demand): noted.
        var absentCore: [String] = []
        /// Tables a prefix array names that do not exist: warned about.
        var absentNamed: [String] = []
        /// Missing tables accepted with --allow-missing-table.
        var allowed: [String] = []
        /// Tables of the previous snapshot that certainly no longer exist (dropped since, e.g. by an
        /// extension's uninstall): noted. Only a user who may see every table of the database is told
        /// "no such table" (error 1146), so this is never a hidden table.
        var dropped: [String] = []
    }

    /// - Parameter selected: whether a table name belongs to this site's dump (prefix, --all-tables).
    /// - Throws: `SitesnapError.tablesNotVisible` (a table the user cannot read, or cannot tell whether
    ///   it exists), `.databaseFailed` for other errors.
    static func check(_ c: MariaDBConnection, visible: Set<String>, expected: TableExpectations,
                      selected: (String) -> Bool, database: String) throws -> Result {
        var result = Result()
        var hidden: [(String, String)] = []
        var reasons: [String: String] = [:]
        for t in expected.core { reasons[t] = "\(expected.cmsName) core" }
        for t in expected.named where reasons[t] == nil { reasons[t] = "named in the config's prefix array" }
        for t in expected.previous where reasons[t] == nil && selected(t) { reasons[t] = "in the previous snapshot \(expected.previousID ?? "")" }
        for table in reasons.keys.sorted() where !visible.contains(table) {
            if expected.allowMissing.contains(table) { result.allowed.append(table); continue }
            switch try probe(c, table) {
            case .exists:
                continue  // created since the table list was read: not in this snapshot's point in time
            case .absent:
                if expected.core.contains(table) || expected.named.contains(table) {
                    if expected.core.contains(table) { result.absentCore.append(table) }
                    if expected.named.contains(table) { result.absentNamed.append(table) }
                } else {
                    result.dropped.append(table)
                }
            case .denied:
                hidden.append((table, reasons[table] ?? ""))
            }
        }
        if !hidden.isEmpty {
            throw SitesnapError.tablesNotVisible(database: database, user: try account(c),
                                                 tables: hidden.map(\.0), reasons: hidden.map(\.1))
        }
        return result
    }

    /// The tables of `tables` on which the user lacks the TRIGGER privilege: information_schema.TRIGGERS
    /// hides their triggers (measured on MariaDB 10.11), so the dump cannot see any they have. Read
    /// from the privilege views for the current account and role (global, database — a wildcard
    /// database grant matched with LIKE, as the server does — and table).
    static func tablesWithoutTriggerPrivilege(_ c: MariaDBConnection, tables: [String]) throws -> [String] {
        guard !tables.isEmpty else { return [] }
        var grantees = [try account(c)]
        if let role = try c.query("SELECT CURRENT_ROLE()").first?[0] ?? nil { grantees.append("'" + role.replacingOccurrences(of: "'", with: "''") + "'") }
        let list = grantees.map(SQLLiteral.quote).joined(separator: ", ")
        let wide = try c.query("""
            SELECT 1 FROM information_schema.USER_PRIVILEGES WHERE GRANTEE IN (\(list)) AND PRIVILEGE_TYPE = 'TRIGGER'
            UNION ALL SELECT 1 FROM information_schema.SCHEMA_PRIVILEGES
              WHERE GRANTEE IN (\(list)) AND PRIVILEGE_TYPE = 'TRIGGER' AND DATABASE() LIKE TABLE_SCHEMA
            """)
        if !wide.isEmpty { return [] }
        var granted = Set(try c.query("""
            SELECT TABLE_NAME FROM information_schema.TABLE_PRIVILEGES
            WHERE GRANTEE IN (\(list)) AND TABLE_SCHEMA = DATABASE() AND PRIVILEGE_TYPE = 'TRIGGER'
            """).compactMap { $0[0] ?? nil })
        if grantees.count > 1 {
            guard let fromRoles = try roleTriggerGrants(c) else { return [] }
            granted.formUnion(fromRoles)
        }
        return tables.filter { !granted.contains($0) }
    }

    /// The tables of the current database on which the enabled roles grant TRIGGER, or nil when they
    /// grant it on the whole database (or globally). information_schema's privilege views list only
    /// the account's own grants, never its roles' (measured on MariaDB 10.11), so these are read from
    /// SHOW GRANTS, which lists the current role's grants and those of the roles granted to it:
    /// `GRANT SELECT, TRIGGER ON `db`.* TO `role``, `... ON `db`.`table` TO ...`, `... ON *.* TO ...`.
    static func roleTriggerGrants(_ c: MariaDBConnection) throws -> Set<String>? {
        var tables = Set<String>()
        for row in try c.query("SHOW GRANTS") {
            guard let line = row.first ?? nil, line.hasPrefix("GRANT "), let on = line.range(of: " ON "),
                  let to = line.range(of: " TO ", range: on.upperBound..<line.endIndex) else { continue }
            let privileges = line[line.index(line.startIndex, offsetBy: 6)..<on.lowerBound]
            guard privileges.contains("ALL PRIVILEGES") || privileges.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("TRIGGER") }) else { continue }
            let object = String(line[on.upperBound..<to.lowerBound])
            if object == "*.*" { return nil }
            guard let dot = object.range(of: "`.", options: .backwards) ?? object.range(of: ".") else { continue }
            let schema = unquote(String(object[..<dot.lowerBound]) + (object[dot].hasPrefix("`") ? "`" : ""))
            let table = String(object[dot.upperBound...])
            // A database grant may name a LIKE pattern (`blo\_%`.*): the server matches it.
            guard try c.query("SELECT DATABASE() LIKE \(SQLLiteral.quote(schema))").first?[0] == "1" else { continue }
            if table == "*" { return nil }
            tables.insert(unquote(table))
        }
        return tables
    }

    /// `name` from SHOW GRANTS' `` `na``me` `` form.
    private static func unquote(_ s: String) -> String {
        guard s.count >= 2, s.hasPrefix("`"), s.hasSuffix("`") else { return s }
        return String(s.dropFirst().dropLast()).replacingOccurrences(of: "``", with: "`")
    }

    enum Probe { case exists, absent, denied }

    static func probe(_ c: MariaDBConnection, _ table: String) throws -> Probe {
        do {
            _ = try c.query("SELECT 1 FROM \(MariaDBConnection.quoteIdentifier(table)) LIMIT 0")
            return .exists
        } catch MariaDBErrorCode.ER_NO_SUCH_TABLE {
            return .absent
        } catch MariaDBErrorCode.ER_TABLEACCESS_DENIED_ERROR, MariaDBErrorCode.ER_COLUMNACCESS_DENIED_ERROR {
            return .denied
        }
    }

    /// The account the server matched (`CURRENT_USER()`), quoted as GRANT takes it: `'user'@'host'`.
    static func account(_ c: MariaDBConnection) throws -> String {
        let current = try c.query("SELECT CURRENT_USER()").first?[0] ?? nil
        guard let current, let at = current.lastIndex(of: "@") else { return "'?'" }
        let quote = { (s: Substring) in "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        return quote(current[..<at]) + "@" + quote(current[current.index(after: at)...])
    }
}
