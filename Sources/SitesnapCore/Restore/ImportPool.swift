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
final class ImportPool: Sendable {
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

    /// A task taken by a worker, with what it needs of its table.
    private struct Job: Sendable {
        var task: Task
        var name: String
        var kind: DumpKind
        var spool: String
        var loadRows: Bool
        /// An earlier task failed: count the task done without running it.
        var skip: Bool
    }

    private struct State {
        var tables: [Table] = []
        var queue: [Task] = []
        var running = 0
        var failure: (any Error)?
        var closed = false

        /// The first task a worker may run now: a table's first part, or a later part of a created table.
        func runnable() -> Int? { queue.firstIndex { $0.first || tables[$0.table].created } }
    }

    /// Called on the worker that loaded a table's last part, with its connection (the restore checks
    /// the table there, while other tables are still loading). Its error stops the pool.
    typealias TableLoaded = @Sendable (StagingDatabase, String) throws -> Void

    private let state = Locked(State())
    private let workers: WorkerPool
    let cancellation: Cancellation?

    /// Starts `workers` threads, each with its own connection from `connect`.
    /// - Throws: the connection error of the first worker that cannot connect.
    init(workers: Int, cancellation: Cancellation?, connect: () throws -> StagingDatabase,
         tableLoaded: TableLoaded? = nil) throws {
        self.cancellation = cancellation
        var databases: [StagingDatabase] = []
        for _ in 0..<max(1, workers) { databases.append(try connect()) }
        let state = self.state
        self.workers = WorkerPool(name: "sitesnap-import", jobs: databases.map { db in
            { Self.work(db, state: state, cancellation: cancellation, tableLoaded: tableLoaded) }
        })
    }

    /// One worker: takes runnable tasks until the pool is closed and empty, then closes its connection.
    private static func work(_ db: StagingDatabase, state: Locked<State>, cancellation: Cancellation?, tableLoaded: TableLoaded?) {
        defer { db.connection.close() }
        while let job = state.withLock(when: { $0.runnable() != nil || ($0.closed && $0.queue.isEmpty) }, { s -> Job? in
            guard let i = s.runnable() else { return nil }
            let task = s.queue.remove(at: i)
            let t = s.tables[task.table]
            s.running += 1
            return Job(task: task, name: t.name, kind: t.kind, spool: t.spool, loadRows: t.loadRows, skip: s.failure != nil)
        }) {
            var error: (any Error)?
            if !job.skip {
                do {
                    let source = try FileRangeSource(path: job.spool, offset: job.task.part.offset, length: job.task.part.length)
                    try db.importDump(source, table: job.name, kind: job.kind, statementsBefore: job.task.part.statementsBefore,
                                      loadRows: job.loadRows, cancellation: cancellation)
                } catch let e { error = e }
            }
            let failedBefore = error != nil
            let last = state.withLock { s -> Bool in
                if job.task.first { s.tables[job.task.table].created = true }
                s.tables[job.task.table].remaining -= 1
                let last = s.tables[job.task.table].remaining == 0
                if last { unlink(job.spool) }
                return last && !failedBefore && s.failure == nil
            }
            if last, let tableLoaded {
                do { try tableLoaded(db, job.name) } catch let e { error = e }
            }
            let failure = error
            state.withLock { s in
                s.running -= 1
                if let failure, s.failure == nil { s.failure = failure }
            }
        }
    }

    /// Queues a spooled dump of `table` cut into `parts` (the first runs before the others); with
    /// `loadRows`, its INSERTs' rows are loaded with LOAD DATA. Throws an earlier worker's error.
    func submit(table: String, kind: DumpKind, spool: String, parts: [DumpSplitter.Part], loadRows: Bool = false) throws {
        try state.withLock { s in
            if let f = s.failure { unlink(spool); throw f }
            s.tables.append(Table(name: table, kind: kind, spool: spool, remaining: parts.count, loadRows: loadRows))
            for (i, p) in parts.enumerated() { s.queue.append(Task(table: s.tables.count - 1, part: p, first: i == 0)) }
        }
    }

    /// Waits until every queued dump is imported (a barrier: views and routines come after tables).
    func drain() throws {
        try state.withLock(when: { ($0.queue.isEmpty && $0.running == 0) || $0.failure != nil }) { s in
            if let f = s.failure { throw f }
        }
    }

    /// Drains, then stops the workers. Throws the first error.
    func finish() throws {
        defer { stop() }
        try drain()
    }

    /// Stops the workers (dropping queued parts and their spool files).
    func stop() {
        state.withLock { s in
            s.queue.removeAll()
            s.closed = true
        }
        workers.join()
        state.withLock { s in for t in s.tables where t.remaining > 0 { unlink(t.spool) } }
    }
}
