import Foundation
import MariaDBKit
import SitesnapSystem
import SnapshotFormat

/// The site's current database as the AFTER side of a diff: each table is dumped exactly as `backup`
/// would (same bytes for the same data) into a temporary spool file, inside one consistent snapshot.
final class LiveDatabase {
    private let connection: MariaDBConnection
    private let dumper: TableDumper
    private let spoolDirectory: String
    let target: DatabaseTarget
    /// Base table names (with the site's prefix, or all with `allTables`), sorted.
    let tableNames: [String]
    let databaseName: String

    /// Connects and starts the snapshot.
    /// - Throws: `SitesnapError` database errors.
    init(target: DatabaseTarget, allTables: Bool) throws {
        self.target = target
        connection = try target.connect()
        do {
            let maxStatement = try DatabaseDumper.beginSnapshot(connection)
            dumper = TableDumper(connection: connection, maxStatementBytes: maxStatement, cancellation: nil)
            let rows = try connection.query("""
                SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
                AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME
                """)
            tableNames = rows.compactMap { $0[0] ?? nil }.filter { allTables || target.tablePrefix.isEmpty || $0.hasPrefix(target.tablePrefix) }
            databaseName = try connection.query("SELECT DATABASE()").first?[0].flatMap { $0 } ?? ""
        } catch let e as MariaDBError {
            throw DatabaseErrors.map(e, target: target)
        }
        spoolDirectory = NSTemporaryDirectory() + "/sitesnap-live-\(getpid())-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: spoolDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SitesnapError.diffSpoolWriteFailed(path: spoolDirectory, reason: FileSystemErrors.reason(error))
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: spoolDirectory)
        connection.close()
    }

    /// Dumps `table` to a spool file; returns its manifest-style description and the file's path
    /// (removed by `discard(_:)` or when this object goes away).
    func dump(_ table: String) throws -> (TableDump, String) {
        let path = spoolDirectory + "/\(UUID().uuidString).sql"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SitesnapError.diffSpoolWriteFailed(path: path, reason: FileSystemErrors.errno(errno)) }
        defer { close(fd) }
        do {
            let meta = try dumper.metadata(table: table)
            let out = HashingWriter(fd: fd, path: path)
            let rows = try dumper.dump(table: table, metadata: meta, into: out) { _ in }
            let sha = try out.finish()
            return (TableDump(name: table, entry: path, engine: nil, collation: nil, rows: rows, bytes: out.count, sha256: sha,
                              orderKey: meta.orderKey, orderKind: meta.orderKind, orderKeyNumeric: meta.orderKeyNumeric), path)
        } catch let e as MariaDBError {
            throw DatabaseErrors.map(e, target: target)
        } catch SitesnapError.archiveWriteFailed(_, let reason) {
            throw SitesnapError.diffSpoolWriteFailed(path: path, reason: reason)  // HashingWriter's write error
        }
    }

    func discard(_ path: String) { unlink(path) }
}
