import Foundation
import MariaDBKit

/// Imports table dumps on several connections at once, while the caller goes on reading the archive
/// (extracting files): each dump is first copied to a spool file, then a worker imports it.
///
/// On a 2-core machine two workers let the server load one table while another is parsed and the
/// files are written. The first error stops further imports and is thrown by `wait()` (or the next
/// `submit`). Memory stays flat: dumps wait on disk, not in memory.
final class ImportPool: @unchecked Sendable {
    struct Job {
        var spool: String
        var table: String
        var kind: DumpKind
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var running = 0
    private var failure: Error?
    private var closed = false
    private var threads: [Thread] = []
    private var finishedThreads = 0
    let cancellation: Cancellation?

    /// Starts `workers` threads, each with its own connection from `connect`.
    /// - Throws: the connection error of the first worker that cannot connect.
    init(workers: Int, cancellation: Cancellation?, connect: () throws -> StagingDatabase) throws {
        self.cancellation = cancellation
        var databases: [StagingDatabase] = []
        for _ in 0..<max(1, workers) { databases.append(try connect()) }
        for db in databases {
            let t = Thread { [unowned self] in self.work(db) }
            t.name = "sitesnap-import"
            threads.append(t)
            t.start()
        }
    }

    private func work(_ db: StagingDatabase) {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                finishedThreads += 1
                condition.broadcast()
                condition.unlock()
                db.connection.close()
                return
            }
            let job = queue.removeFirst()
            let skip = failure != nil
            running += 1
            condition.unlock()
            var error: Error?
            if !skip {
                do {
                    try db.importDump(try FileByteSource(path: job.spool), table: job.table, kind: job.kind, cancellation: cancellation)
                } catch let e { error = e }
            }
            unlink(job.spool)
            condition.lock()
            running -= 1
            if let error, failure == nil { failure = error }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Queues a spooled dump. Throws an earlier worker's error.
    func submit(_ job: Job) throws {
        condition.lock()
        defer { condition.unlock() }
        if let f = failure { unlink(job.spool); throw f }
        queue.append(job)
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

    /// Stops the workers (dropping queued jobs).
    func stop() {
        condition.lock()
        for j in queue { unlink(j.spool) }
        queue.removeAll()
        closed = true
        condition.broadcast()
        while finishedThreads < threads.count { condition.wait() }
        condition.unlock()
    }
}
