import Foundation

/// A flag set from a signal handler (or a test) and polled by long-running work, which then stops with
/// `SitesnapError.interrupted` and cleans up. Thread-safe.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?
    /// Polled by `check()` and `isCancelled`: returns a reason once something outside (a signal
    /// handler's flag) asks the work to stop.
    private let probe: (@Sendable () -> String?)?

    public init(probe: (@Sendable () -> String?)? = nil) {
        self.probe = probe
    }

    /// Asks the work to stop; `reason` is shown to the user (e.g. "SIGINT").
    public func cancel(reason: String) {
        lock.lock()
        if self.reason == nil { self.reason = reason }
        lock.unlock()
    }

    /// Why the work was asked to stop (e.g. "SIGINT"), or nil.
    public var stopReason: String? {
        _ = isCancelled
        lock.lock()
        defer { lock.unlock() }
        return reason
    }

    public var isCancelled: Bool {
        if let r = probe?() { cancel(reason: r) }
        lock.lock()
        defer { lock.unlock() }
        return reason != nil
    }

    /// - Throws: `SitesnapError.interrupted` once `cancel` was called.
    public func check() throws {
        if let r = probe?() { cancel(reason: r) }
        lock.lock()
        let r = reason
        lock.unlock()
        if let r { throw SitesnapError.interrupted(signal: r) }
    }
}
