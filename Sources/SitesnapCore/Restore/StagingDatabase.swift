import Foundation
import MariaDBKit
import SitesnapSystem
import SnapshotFormat

/// The staging database a snapshot is imported into.
final class StagingDatabase {
    let target: DatabaseTarget
    let connection: MariaDBConnection
    let name: String

    /// Whether this connection may load rows with LOAD DATA LOCAL INFILE (`LoadDataRows`).
    let loadsData: Bool

    /// Connects to the staging server; without selecting the database (it may not exist yet) unless
    /// `selectDatabase`. `loadData`: allow LOAD DATA LOCAL INFILE on this connection (ask
    /// `serverAllowsLocalData()` first).
    init(target: DatabaseTarget, selectDatabase: Bool = false, loadData: Bool = false) throws {
        self.target = target
        name = target.options.database ?? ""
        var options = target.options
        if !selectDatabase { options.database = nil }
        options.localInfile = loadData
        do {
            connection = try MariaDBConnection(options)
        } catch let e as MariaDBError {
            throw DatabaseErrors.map(e, target: target)
        }
        loadsData = loadData
    }

    /// Whether the server takes LOAD DATA LOCAL INFILE (`local_infile`, on by default in MariaDB).
    func serverAllowsLocalData() throws -> Bool {
        try run { try connection.query("SELECT @@local_infile").first?.first == "1" }
    }

    /// Which server this is: hostname, port, socket, datadir (to tell "the same server" apart).
    static func identity(_ c: MariaDBConnection) throws -> String {
        (try c.query("SELECT @@hostname, @@port, @@socket, @@datadir").first ?? []).map { $0 ?? "" }.joined(separator: "|")
    }

    /// The table that says "restore not finished" until the restore is verified.
    static let marker = "sitesnap_restore_incomplete"

    /// Which tables a restore owns in a staging database that other sites may share (by table prefix):
    /// names starting with the snapshot's prefix (every name when it is empty), the snapshot's own
    /// table names (a per-table prefix may differ), and sitesnap's marker table. Names of a longer
    /// prefix under which another whole site lives (`wp_shop_` beside `wp_`: `otherSitePrefixes`) are
    /// not this site's, though they start with its prefix.
    struct Ownership {
        var prefix: String
        var names: Set<String>
        var otherPrefixes: [String] = []

        func owns(_ table: String) -> Bool {
            if names.contains(table) || table == StagingDatabase.marker { return true }
            return table.hasPrefix(prefix) && !otherPrefixes.contains { table.hasPrefix($0) }
        }
    }

    /// The longer prefixes (starting with `prefix`) under which the database holds another whole site:
    /// every table of one of `signatures` (sets of unprefixed core table names) exists under that
    /// prefix. The caller passes, for the snapshot's own CMS, the core tables the snapshot holds, and
    /// every other profile's core tables (so a WordPress `wp_` site beside an unprefixed Drupal counts).
    /// A WordPress multisite's sub-site tables (`wp_2_posts`) are not another site: they share the
    /// network's `wp_users`, which has no `wp_2_users`.
    func otherSitePrefixes(prefix: String, signatures: [[String]]) throws -> [String] {
        let all = Set(try tables(Ownership(prefix: prefix, names: [])).map(\.name))
        var found = Set<String>()
        for core in signatures where !core.isEmpty {
            var candidates = Set<String>()
            for t in all where t.count > prefix.count {
                for c in core where t.hasSuffix(c) && t.count > prefix.count + c.count { candidates.insert(String(t.dropLast(c.count))) }
            }
            found.formUnion(candidates.filter { p in core.allSatisfy { all.contains(p + $0) } })
        }
        return found.sorted()
    }

    /// Base tables and views of the staging database that `ownership` owns, by name; tables of other
    /// prefixes (other sites sharing the database) are not listed. Empty when the database does not
    /// exist.
    func existingTables(_ ownership: Ownership) throws -> [String] {
        try tables(ownership).map(\.name)
    }

    private func tables(_ ownership: Ownership) throws -> [(name: String, view: Bool)] {
        try run {
            try connection.query("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = \(SQLLiteral.quote(name)) ORDER BY TABLE_NAME")
                .compactMap { row -> (String, Bool)? in
                    guard let t = row[0] ?? nil, ownership.owns(t) else { return nil }
                    return (t, row[1] == "VIEW")
                }
        }
    }

    /// Whether the database exists on the server.
    func exists() throws -> Bool {
        try run { !(try connection.query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = \(SQLLiteral.quote(name))").isEmpty) }
    }

    /// The server's data directory (`@@datadir`).
    func dataDirectory() throws -> String {
        try run { (try connection.query("SELECT @@datadir").first?.first ?? nil) ?? "" }
    }

    /// Removes what a refused or interrupted restore wrote: the whole database when the restore
    /// created it, else the tables and views `ownership` owns (there were none before the
    /// restore began, or --force dropped them); other prefixes' tables stay.
    func discard(dropDatabase: Bool, _ ownership: Ownership) throws {
        try run {
            if dropDatabase {
                try connection.execute("DROP DATABASE IF EXISTS \(MariaDBConnection.quoteIdentifier(name))")
                return
            }
            try drop(ownership)
        }
    }

    /// Creates the database (utf8mb4) if needed, drops the tables `ownership` owns when `emptying` (only
    /// with --force), and selects it.
    func prepare(emptying: Bool, _ ownership: Ownership) throws {
        try run {
            let q = MariaDBConnection.quoteIdentifier(name)
            try connection.execute("CREATE DATABASE IF NOT EXISTS \(q) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            try connection.execute("USE \(q)")
            if emptying { try drop(ownership) }
        }
    }

    /// Drops the tables and views `ownership` owns.
    private func drop(_ ownership: Ownership) throws {
        try connection.execute("SET SESSION foreign_key_checks = 0")
        for t in try tables(ownership) {
            let q = MariaDBConnection.quoteIdentifier(name) + "." + MariaDBConnection.quoteIdentifier(t.name)
            try connection.execute("DROP \(t.view ? "VIEW" : "TABLE") IF EXISTS \(q)")
        }
    }

    /// Imports one dump entry statement by statement; the first failing statement stops the restore.
    /// - Throws: `SitesnapError.importFailed` with the table, statement number and server message.
    /// `statementsBefore`: for a part of a dump, how many statements came before it. `loadRows`: load
    /// the rows of its INSERTs with LOAD DATA (`LoadDataRows`) when this connection can.
    func importDump(_ source: ByteSource, table: String, kind: DumpKind, statementsBefore: Int = 0, loadRows: Bool = false,
                    cancellation: Cancellation?) throws {
        // sitesnap's own session settings (the dump header's, which are checked and skipped below).
        try run {
            for s in DumpKind.header.sorted() { try connection.execute(s) }
        }
        // The dump was checked against the manifest (SHA-256) when it was spooled: no second hash.
        let reader = SQLStatementReader(source: source, firstNumber: statementsBefore, hashing: false)
        // The next statement to run, checked: nil at the end.
        func nextAllowed() throws -> [UInt8]? {
            while let statement = try reader.next() {
                try cancellation?.check()
                switch kind.verdict(statement) {
                case .skip: continue
                case .refuse(let why): throw SitesnapError.statementRefused(table: table, statement: reader.number, reason: why)
                case .run: return statement
                }
            }
            return nil
        }
        var rowLoading: (head: [UInt8], allowed: Bool?)?
        if loadRows && loadsData, case .table = kind { rowLoading = (Array("INSERT INTO \(MariaDBConnection.quoteIdentifier(table)) (".utf8), nil) }
        var pending: [UInt8]?
        while let statement = try pending ?? nextAllowed() {
            pending = nil
            if let (head, allowed) = rowLoading, allowed != false, let columns = LoadDataRows.columns(of: statement, head: head) {
                if allowed == nil {
                    rowLoading?.allowed = try run { try LoadDataRows.tableAllows(table, database: name, on: connection) }
                }
                if rowLoading?.allowed == true {
                    pending = try loadInsertRows(columns: columns, head: head, table: table, reader: reader, next: nextAllowed)
                    continue
                }
            }
            do {
                try connection.execute(bytes: statement, context: "importing \(table)")
            } catch let e as MariaDBError {
                if e.isConnectionProblem { throw DatabaseErrors.map(e, target: target) }
                var message = e.message
                if e.code == .ER_NET_PACKET_TOO_LARGE || e.code == .CR_SERVER_GONE_ERROR && statement.count > 1 << 20 {
                    message += " (statement of \(statement.count) bytes: raise the server's max_allowed_packet)"
                }
                throw SitesnapError.importFailed(table: table, statement: reader.number, message: message)
            }
        }
    }

    /// Loads `first` and the statements after it with LOAD DATA, while they are INSERTs of the same
    /// columns in the shape `LoadDataRows` takes; returns the first statement that is not (or nil at the
    /// end), to be run as it is.
    /// - Throws: `SitesnapError.statementRefused` from `next`, `importFailed` naming the statements.
    private func loadInsertRows(columns: (list: ArraySlice<UInt8>, count: Int, rows: ArraySlice<UInt8>), head: [UInt8], table: String,
                                reader: SQLStatementReader, next: @escaping () throws -> [UInt8]?) throws -> [UInt8]? {
        let firstNumber = reader.number
        var stoppedAt: [UInt8]?
        let feed = LoadDataFeed(first: columns.rows) {
            guard let s = try next() else { return nil }
            guard let c = LoadDataRows.columns(of: s, head: head), c.list.elementsEqual(columns.list) else { stoppedAt = s; return nil }
            return c.rows
        }
        do {
            try connection.loadLocalData(LoadDataRows.statement(table: table, columnList: columns.list), context: "loading \(table)",
                                         read: feed.read(into:))
        } catch let e as MariaDBError {
            if e.isConnectionProblem { throw DatabaseErrors.map(e, target: target) }
            let last = reader.number - (stoppedAt == nil ? 0 : 1)
            throw SitesnapError.importFailed(table: table, statement: firstNumber,
                                             message: e.message + (last > firstNumber ? " (statements \(firstNumber)-\(last), loaded with LOAD DATA)" : ""))
        }
        return stoppedAt
    }

    func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as MariaDBError { throw DatabaseErrors.map(e, target: target) }
    }
}
