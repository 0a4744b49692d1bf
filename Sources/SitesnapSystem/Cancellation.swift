/// A flag set from a signal handler (or a test) and polled by long-running work, which then stops with
/// `SitesnapError.interrupted` and cleans up. Thread-safe.
public final class Cancellation: Sendable {
    private let reason = Locked<String?>(nil)
    /// Polled by `check()` and `isCancelled`: returns a reason once something outside (a signal
    /// handler's flag) asks the work to stop.
    private let probe: (@Sendable () -> String?)?

    public init(probe: (@Sendable () -> String?)? = nil) {
        self.probe = probe
    }

    /// Asks the work to stop; `reason` is shown to the user (e.g. "SIGINT").
    public func cancel(reason: String) {
        self.reason.withLock { if $0 == nil { $0 = reason } }
    }

    /// Why the work was asked to stop (e.g. "SIGINT"), or nil.
    public var stopReason: String? {
        if let r = probe?() { cancel(reason: r) }
        return reason.withLock { $0 }
    }

    public var isCancelled: Bool { stopReason != nil }

    /// - Throws: `SitesnapError.interrupted` once `cancel` was called.
    public func check() throws {
        if let r = stopReason { throw SitesnapError.interrupted(signal: r) }
    }
}
