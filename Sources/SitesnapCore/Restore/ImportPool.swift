import Foundation
import MariaDBKit
import SitesnapSystem
import SnapshotFormat

/// Imports table dumps on several connections at once, while the caller goes on reading the archive
/// (extracting files): each dump is first copied to a spool file (cut into parts by `DumpSplitter`),
/// then workers import it. A table's first part (up to its `CREATE TABLE`) runs first; its other parts
/// run after it on any free worker, so a large table is loaded by several connections.
///
/// On a 2-core machine two workers let the server load rows while the files are written. The first
/// error stops further imports and is thrown by `drain()` (or the next `submit`). Memory stays flat:
/// dumps wait on disk, not in memory.
final class ImportPool: @unchecked Sendable {
    private struct Table {
        var name: String
        var kind: DumpKind
        var spool: String
        var remaining: Int
        var created = false
        /// Rows loaded with LOAD DATA (see `submit`).
        var loadRows: Bool
    }

    private struct Task {
        var table: Int
        var part: DumpSplitter.Part
        var first: Bool
    }

    private let condition = NSCondition()
    /// Called on the worker that loaded a table's last part, with its connection (the restore checks
    /// the table there, while other tables are still loading). Its error stops the pool.
    private let tableLoaded: ((StagingDatabase, String) throws -> Void)?
    private var tables: [Table] = []
    private var queue: [Task] = []
    private var running = 0
    private var failure: Error?
    private var closed = false
    private var threads: [Thread] = []
    private var finishedThreads = 0
    let cancellation: Cancellation?

    /// Starts `workers` threads, each with its own connection from `connect`.
    /// - Throws: the connection error of the first worker that cannot connect.
    init(workers: Int, cancellation: Cancellation?, connect: () throws -> StagingDatabase,
         tableLoaded: ((StagingDatabase, String) throws -> Void)? = nil) throws {
        self.cancellation = cancellation
        self.tableLoaded = tableLoaded
        var databases: [StagingDatabase] = []
        for _ in 0..<max(1, workers) { databases.append(try connect()) }
        for db in databases {
            let t = Thread { [unowned self] in self.work(db) }
            t.name = "sitesnap-import"
            threads.append(t)
            t.start()
        }
    }

    /// The first task a worker may run now: a table's first part, or a later part of a created table.
    private func takeRunnable() -> Task? {
        guard let i = queue.firstIndex(where: { $0.first || tables[$0.table].created }) else { return nil }
        return queue.remove(at: i)
    }

    private func work(_ db: StagingDatabase) {
        while true {
            condition.lock()
            var task = takeRunnable()
            while task == nil && !(closed && queue.isEmpty) {
                condition.wait()
                task = takeRunnable()
            }
            guard let task else {
                finishedThreads += 1
                condition.broadcast()
                condition.unlock()
                db.connection.close()
                return
            }
            let table = tables[task.table]
            let skip = failure != nil
            running += 1
            condition.unlock()
            var error: Error?
            if !skip {
                do {
                    let source = try FileRangeSource(path: table.spool, offset: task.part.offset, length: task.part.length)
                    try db.importDump(source, table: table.name, kind: table.kind, statementsBefore: task.part.statementsBefore,
                                      loadRows: table.loadRows, cancellation: cancellation)
                } catch let e { error = e }
            }
            condition.lock()
            if task.first { tables[task.table].created = true }
            tables[task.table].remaining -= 1
            let last = tables[task.table].remaining == 0
            if last { unlink(table.spool) }
            let check = last && error == nil && failure == nil ? tableLoaded : nil
            condition.broadcast()
            condition.unlock()
            if let check {
                do { try check(db, table.name) } catch let e { error = e }
            }
            condition.lock()
            running -= 1
            if let error, failure == nil { failure = error }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Queues a spooled dump of `table` cut into `parts` (the first runs before the others); with
    /// `loadRows`, its INSERTs' rows are loaded with LOAD DATA. Throws an earlier worker's error.
    func submit(table: String, kind: DumpKind, spool: String, parts: [DumpSplitter.Part], loadRows: Bool = false) throws {
        condition.lock()
        defer { condition.unlock() }
        if let f = failure { unlink(spool); throw f }
        tables.append(Table(name: table, kind: kind, spool: spool, remaining: parts.count, loadRows: loadRows))
        for (i, p) in parts.enumerated() { queue.append(Task(table: tables.count - 1, part: p, first: i == 0)) }
        condition.broadcast()
    }

    /// Waits until every queued dump is imported (a barrier: views and routines come after tables).
    func drain() throws {
        condition.lock()
        defer { condition.unlock() }
        while (!queue.isEmpty || running > 0) && failure == nil { condition.wait() }
        if let f = failure { throw f }
    }

    /// Drains, then stops the workers. Throws the first error.
    func finish() throws {
        defer { stop() }
        try drain()
    }

    /// Stops the workers (dropping queued parts and their spool files).
    func stop() {
        condition.lock()
        queue.removeAll()
        closed = true
        condition.broadcast()
        while finishedThreads < threads.count { condition.wait() }
        for t in tables where t.remaining > 0 { unlink(t.spool) }
        condition.unlock()
    }
}
