import Foundation
import MariaDBKit
import SitesnapSystem
import SnapshotFormat

/// Progress of a backup, reported to the caller (the CLI draws it on a terminal).
public enum BackupProgress: Sendable {
    case table(name: String, index: Int, count: Int, rows: Int64)
    case files(count: Int64, bytes: Int64, current: String)
}

/// Dumps the site's tables from one consistent snapshot, each into its own spool file, and hands each
/// finished file to `emit` (which writes it into the archive) before dumping the next.
struct DatabaseDumper: Sendable {
    let target: DatabaseTarget
    let allTables: Bool
    let spoolDirectory: String
    let cancellation: Cancellation?
    let progress: @Sendable (BackupProgress) -> Void
    /// Tables that must be there besides the prefix's (checked before anything is dumped).
    var expectations = TableExpectations()

    /// Engines whose tables `START TRANSACTION WITH CONSISTENT SNAPSHOT` covers.
    static let transactionalEngines: Set<String> = ["innodb", "xtradb", "rocksdb", "tokudb"]

    /// Runs the dump. `emit(entryName, spoolPath, size)` must copy the spool file into the archive.
    /// - Throws: `SitesnapError` for database, write and interruption failures.
    func run(emit: Emit) throws -> DatabaseDumpInfo {
        let connection = try target.connect()
        defer { connection.close() }
        do {
            return try dump(connection, emit: emit)
        } catch let e as MariaDBError {
            throw DatabaseErrors.map(e, target: target)
        }
    }

    typealias Emit = (String, String, Int64) throws -> Void

    private func dump(_ c: MariaDBConnection, emit: Emit) throws -> DatabaseDumpInfo {
        let maxStatement = try Self.beginSnapshot(c)
        let dbName = try c.query("SELECT DATABASE()").first?[0].flatMap { $0 } ?? (target.options.database ?? "")

        let status = try c.query("""
            SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME
            """)
        let selection = TableSelection(target: target, allTables: allTables, expectations: expectations)
        let selected = status.filter { row in
            guard let name = row[0] else { return false }
            return selection.contains(name)
        }
        // Nothing is dumped unless every table the snapshot must hold is visible to this user.
        let completeness = try TableCompleteness.check(c, visible: Set(status.compactMap { $0[0] }), expected: expectations,
                                                       selected: selection.contains, database: dbName)
        let baseTables = selected.filter { $0[1] == "BASE TABLE" || $0[1] == "SYSTEM VERSIONED" }
        let views = selected.filter { $0[1] == "VIEW" }.compactMap { $0[0] }

        let (tables, nonTransactional) = try dumpTables(baseTables, c, maxStatement: maxStatement, emit: emit)
        var objects: [DatabaseObjectDump] = []
        var skippedObjects: [String] = []
        if let o = try dumpViews(views, c, skipped: &skippedObjects, emit: emit) { objects.append(o) }
        // Triggers of the dumped tables, and routines (whose names carry the prefix, or all with --all-tables).
        let tableNames = Set(baseTables.compactMap { $0[0] })
        let triggersHidden = try TableCompleteness.tablesWithoutTriggerPrivilege(c, tables: tableNames.sorted())
        if let o = try dumpRoutinesAndTriggers(of: tableNames, c, selection: selection, skipped: &skippedObjects, emit: emit) {
            objects.append(o)
        }
        try c.execute("COMMIT")
        return DatabaseDumpInfo(name: dbName, serverVersion: c.serverVersion, charset: "utf8mb4",
                                configCharset: target.configCharset, tablePrefix: target.tablePrefix, allTables: allTables,
                                consistency: "consistent-snapshot", nonTransactionalTables: nonTransactional,
                                tables: tables, objects: objects, skippedObjects: skippedObjects,
                                tablePrefixes: target.tablePrefixes.isEmpty ? nil : target.tablePrefixes,
                                absentCoreTables: completeness.absentCore.isEmpty ? nil : completeness.absentCore,
                                absentPrefixedTables: completeness.absentNamed.isEmpty ? nil : completeness.absentNamed,
                                allowedMissingTables: completeness.allowed.isEmpty ? nil : completeness.allowed,
                                droppedTables: completeness.dropped.isEmpty ? nil : completeness.dropped,
                                triggersHiddenTables: triggersHidden.isEmpty ? nil : triggersHidden)
    }

    /// Dumps each base table (rows of information_schema.TABLES: name, type, engine, collation) into
    /// its own entry. Returns the dumps and the tables whose engine the snapshot does not cover.
    private func dumpTables(_ baseTables: [[String?]], _ c: MariaDBConnection, maxStatement: Int,
                            emit: Emit) throws -> ([TableDump], [String]) {
        var tables: [TableDump] = []
        var nonTransactional: [String] = []
        let dumper = TableDumper(connection: c, maxStatementBytes: maxStatement, cancellation: cancellation)
        for (index, row) in baseTables.enumerated() {
            try cancellation?.check()
            guard let name = row[0] else { continue }
            let engine = row[2]
            if let e = engine, !Self.transactionalEngines.contains(e.lowercased()) { nonTransactional.append(name) }
            let entry = String(format: "database/1-%04d-%@.sql", index + 1, Self.safeFileName(name))
            let meta = try dumper.metadata(table: name)
            let (rows, bytes, sha) = try spool { out in
                try dumper.dump(table: name, metadata: meta, into: out) { rows in
                    progress(.table(name: name, index: index + 1, count: baseTables.count, rows: rows))
                }
            } emit: { path, size in try emit(entry, path, size) }
            tables.append(TableDump(name: name, entry: entry, engine: engine, collation: row[3], rows: rows, bytes: bytes,
                                    sha256: sha, orderKey: meta.orderKey, orderKind: meta.orderKind,
                                    orderKeyNumeric: meta.orderKeyNumeric))
        }
        return (tables, nonTransactional)
    }

    /// Dumps the views into one entry, in an order where a view comes after the views it names.
    /// Views whose definition the user may not see are added to `skipped`.
    private func dumpViews(_ views: [String], _ c: MariaDBConnection, skipped: inout [String],
                           emit: Emit) throws -> DatabaseObjectDump? {
        var definitions: [(String, String)] = []
        for v in views {
            let create: String?
            do {
                create = try c.query("SHOW CREATE VIEW \(MariaDBConnection.quoteIdentifier(v))").first?[1] ?? nil
            } catch MariaDBErrorCode.ER_TABLEACCESS_DENIED_ERROR {
                // Without SHOW VIEW the server refuses the definition (the rows stay readable): a
                // warning like a hidden routine, not a failed backup.
                skipped.append("view \(v)")
                continue
            }
            definitions.append((v, Self.stripDefiner(create ?? "")))
        }
        guard !definitions.isEmpty else { return nil }
        definitions = Self.dependencyOrder(definitions)
        let entry = "database/2-views.sql"
        let (_, bytes, sha) = try spool { out in
            out.append("-- sitesnap dump of views\n" + TableDumper.sessionHeader)
            for (name, create) in definitions {
                out.append("DROP VIEW IF EXISTS \(MariaDBConnection.quoteIdentifier(name));\n\(create);\n")
            }
            return 0
        } emit: { path, size in try emit(entry, path, size) }
        return DatabaseObjectDump(kind: "view", name: definitions.map(\.0).joined(separator: ","), entry: entry, bytes: bytes, sha256: sha)
    }

    /// Dumps the routines the selection covers and the triggers of `tables` into one entry, each
    /// statement ended by the `;;` delimiter. Objects whose body the user may not see go to `skipped`.
    private func dumpRoutinesAndTriggers(of tables: Set<String>, _ c: MariaDBConnection, selection: TableSelection,
                                         skipped: inout [String], emit: Emit) throws -> DatabaseObjectDump? {
        let triggers = try c.query("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME")
            .compactMap { r -> String? in
                guard let n = r[0], let t = r[1], tables.contains(t) else { return nil }
                return n
            }
        let routines = try c.query("SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_TYPE, ROUTINE_NAME")
            .compactMap { r -> (String, String)? in
                guard let type = r[0], let n = r[1], selection.coversRoutine(n) else { return nil }
                return (type, n)
            }
        var dumpedNames: [String] = []
        var statements: [String] = []
        // (SHOW CREATE type, name): the body is NULL when the user may not see it (another definer,
        // no SHOW ROUTINE grant); two statements each, one query each for any client.
        for (type, name) in routines + triggers.map({ ("TRIGGER", $0) }) {
            let q = MariaDBConnection.quoteIdentifier(name)
            let row = try c.query("SHOW CREATE \(type) \(q)").first
            guard let create = row?[2] ?? nil else { skipped.append("\(type.lowercased()) \(name)"); continue }
            statements.append("DROP \(type) IF EXISTS \(q)")
            statements.append(Self.stripDefiner(create))
            dumpedNames.append(name)
        }
        guard !dumpedNames.isEmpty else { return nil }
        let entry = "database/3-routines-triggers.sql"
        let (_, bytes, sha) = try spool { out in
            out.append("-- sitesnap dump of routines and triggers\n" + TableDumper.sessionHeader)
            out.append("DELIMITER ;;\n")
            for s in statements { out.append(s + ";;\n") }
            out.append("DELIMITER ;\n")
            return 0
        } emit: { path, size in try emit(entry, path, size) }
        return DatabaseObjectDump(kind: "routines-triggers", name: dumpedNames.joined(separator: ","),
                                  entry: entry, bytes: bytes, sha256: sha)
    }

    /// Sets up the session as mysqldump --single-transaction does (client/mysqldump.c) and starts one
    /// consistent-snapshot transaction. Returns the INSERT size limit in bytes: 1 MiB, or less than the
    /// server's max_allowed_packet, so a restoring server with a smaller limit can still load them.
    static func beginSnapshot(_ c: MariaDBConnection) throws -> Int {
        try c.execute("SET SESSION sql_mode = ''")
        try c.execute("SET SESSION time_zone = '+00:00'")
        try c.execute("SET SESSION net_write_timeout = 600")
        try c.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        try c.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT")
        let maxPacket = Int(try c.query("SELECT @@max_allowed_packet").first?[0].flatMap { $0 }.flatMap(Int.init) ?? 1 << 24)
        return max(16 << 10, min(1 << 20, maxPacket - 4096))
    }

    /// Writes through a spool file, hands it to `emit`, removes it. Returns (rows, bytes, sha256).
    private func spool(_ body: (HashingWriter) throws -> Int64, emit: (String, Int64) throws -> Void) throws -> (Int64, Int64, String) {
        let path = spoolDirectory + "/spool-\(UUID().uuidString).sql"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw SitesnapError.archiveWriteFailed(path: path, reason: FileSystemErrors.errno(errno))
        }
        defer { unlink(path) }
        let out = HashingWriter(fd: fd, path: path)
        let rows: Int64
        let sha: String
        do {
            rows = try body(out)
            sha = try out.finish()
            close(fd)
        } catch {
            close(fd)
            throw error
        }
        try emit(path, out.count)
        return (rows, out.count, sha)
    }

    /// A table name made safe as a file name (the real name is in the manifest and the SQL).
    static func safeFileName(_ name: String) -> String {
        String(name.unicodeScalars.map { s -> Character in
            (s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "_" || s == "-" || s == ".")) ? Character(s) : "_"
        })
    }

    /// Removes `DEFINER=user@host` so the objects load as the restoring user (who may lack SUPER).
    static func stripDefiner(_ sql: String) -> String {
        guard let r = sql.range(of: #"DEFINER=(`[^`]*`|[^ @]+)@(`[^`]*`|[^ ]+) "#, options: .regularExpression) else { return sql }
        var s = sql
        s.removeSubrange(r)
        return s
    }

    /// Orders view definitions so that each comes after the views its text names.
    static func dependencyOrder(_ views: [(String, String)]) -> [(String, String)] {
        var remaining = views
        var out: [(String, String)] = []
        while !remaining.isEmpty {
            let names = Set(remaining.map(\.0))
            let ready = remaining.firstIndex { v in
                !names.subtracting([v.0]).contains { v.1.contains(MariaDBConnection.quoteIdentifier($0)) }
            } ?? 0
            out.append(remaining.remove(at: ready))
        }
        return out
    }
}
