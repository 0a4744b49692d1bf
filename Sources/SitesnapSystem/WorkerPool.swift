import Foundation
import Synchronization

/// A fixed set of named threads, each running one job to its end, and a `join()` that waits for all.
/// The jobs are handed over with `sending`: they may hold non-Sendable values (a database connection)
/// as long as nothing else keeps them, which the compiler checks.
///
/// Home-made because these jobs block (file reads, MariaDB's C client) and must not run on Swift
/// concurrency's cooperative pool, which has one thread per core here; Dispatch's global queues do not
/// let one join a job or name its thread; `Thread` alone does not join.
package final class WorkerPool: Sendable {
    private let done: Latch
    package let count: Int

    /// Starts one thread named `name` per job.
    package init(name: String, jobs: sending [() -> Void]) {
        count = jobs.count
        let done = Latch(count: jobs.count)
        self.done = done
        // A Mutex is Sendable and takes its value `sending`: the jobs cross to their threads through
        // it, each thread taking out its own.
        let handover = Mutex<[(() -> Void)?]>(jobs.map { Optional($0) })
        for i in 0..<count {
            let t = Thread {
                let job = handover.withLock { $0[i].take() }
                job?()
                done.countDown()
            }
            t.name = name  // Foundation's name (for debuggers); Linux's own thread name is not set
            t.start()
        }
    }

    /// Starts one thread running `job`.
    package convenience init(name: String, job: sending @escaping () -> Void) {
        self.init(name: name, jobs: [job])
    }

    /// True once every job returned.
    package var isFinished: Bool { done.isOpen }

    /// Waits until every job returned.
    package func join() { done.wait() }
}
