import Foundation
import MariaDBKit
@testable import SitesnapCore
@testable import SitesnapSystem
@testable import SnapshotFormat

/// One table of a test database dumped as `backup` dumps it (same session settings, same bytes), into
/// a file of its own, for tests that read dumps directly.
struct RealDump {
    let path: String
    let orderKey: [String]
    let orderKeyNumeric: [Bool]
    let sha256: String
    let rows: Int64

    /// Dumps `table` of `database` (root over the test socket) inside a consistent snapshot of its own.
    static func of(_ table: String, in database: String) throws -> RealDump {
        let c = try TestDatabase.admin(database: database)
        defer { c.close() }
        let maxStatement = try DatabaseDumper.beginSnapshot(c)
        let dumper = TableDumper(connection: c, maxStatementBytes: maxStatement, cancellation: nil)
        let meta = try dumper.metadata(table: table)
        let path = TestEnvironment.makeTempDir("dump") + "/\(table).sql"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "cannot create \(path)")
        defer { close(fd) }
        let out = HashingWriter(fd: fd, path: path)
        let rows = try dumper.dump(table: table, metadata: meta, into: out) { _ in }
        let sha = try out.finish()
        try c.execute("COMMIT")
        return RealDump(path: path, orderKey: meta.orderKey, orderKeyNumeric: meta.orderKeyNumeric, sha256: sha, rows: rows)
    }

    /// The dump as the manifest records it.
    var tableDump: TableDump {
        TableDump(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, entry: path, rows: rows, bytes: 0,
                  sha256: sha256, orderKey: orderKey, orderKind: orderKey.isEmpty ? "none" : "primary", orderKeyNumeric: orderKeyNumeric)
    }

    /// A reader of the dump, opened (columns and CREATE TABLE read).
    func reader() throws -> DumpRowReader {
        let r = DumpRowReader(source: try FileByteSource(path: path), name: path)
        try r.open()
        return r
    }
}
