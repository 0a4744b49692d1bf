import Foundation
@testable import SitesnapSystem

/// Sends SIGUSR1 (with a handler installed without SA_RESTART, so blocking calls return EINTR) to
/// the calling thread from another thread, over and over, while `body` runs: provokes the EINTR and
/// short reads/writes that a retrying loop must survive.
enum SignalStorm {
    static func during<T>(_ body: () throws -> T) rethrows -> T {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0  // no SA_RESTART
        sigemptyset(&action.sa_mask)
        var old = sigaction()
        sigaction(SIGUSR1, &action, &old)
        defer { sigaction(SIGUSR1, &old, nil) }
        let target = pthread_self()
        let stop = Locked(false)
        let sender = WorkerPool(name: "signal-storm") {
            while !stop.withLock({ $0 }) {
                pthread_kill(target, SIGUSR1)
                usleep(20)
            }
        }
        defer { stop.withLock { $0 = true }; sender.join() }
        return try body()
    }
}
