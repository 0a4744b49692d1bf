import Dispatch
import Synchronization

/// A value behind a `Synchronization.Mutex`, shareable between threads, with a way to wait until the
/// value satisfies a condition (what NSCondition state machines did, with the state's type checked).
///
/// Home-made because `Mutex` is a `~Copyable` struct (it cannot be shared by reference or captured by
/// several threads) and has no condition variable; Foundation's NSCondition/NSLock guard no value, so
/// the compiler cannot see what they protect, and are not usable from Swift 6 code without
/// `@unchecked Sendable`. Waiting is built from one `DispatchSemaphore` per waiting thread: every
/// `withLock` wakes the waiters, which re-check their condition (like `NSCondition.broadcast()` after
/// each change, which is what the replaced code did).
package final class Locked<Value>: Sendable {
    private struct State {
        var value: Value
        var waiters: [DispatchSemaphore] = []
    }

    private let mutex: Mutex<State>

    package init(_ value: sending Value) {
        mutex = Mutex(State(value: value))
    }

    /// Runs `body` with the value, alone; then wakes the threads waiting in `withLock(when:_:)`.
    package func withLock<R: Sendable, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        let (result, woken) = mutex.withLock { state -> (Result<R, E>, [DispatchSemaphore]) in
            let r: Result<R, E>
            do throws(E) { r = .success(try body(&state.value)) } catch { r = .failure(error) }
            defer { state.waiters.removeAll(keepingCapacity: true) }
            return (r, state.waiters)
        }
        for w in woken { w.signal() }
        return try result.get()
    }

    /// Waits until `ready` holds for the value, then runs `body` with it as `withLock` does (the check
    /// and `body` under one lock: nothing can change the value between them).
    package func withLock<R: Sendable, E: Error>(when ready: (Value) -> Bool,
                                                 _ body: (inout Value) throws(E) -> R) throws(E) -> R {
        while true {
            let step = mutex.withLock { state -> Step<R, E> in
                guard ready(state.value) else {
                    let sleeper = DispatchSemaphore(value: 0)
                    state.waiters.append(sleeper)
                    return .wait(sleeper)
                }
                let r: Result<R, E>
                do throws(E) { r = .success(try body(&state.value)) } catch { r = .failure(error) }
                defer { state.waiters.removeAll(keepingCapacity: true) }
                return .done(r, state.waiters)
            }
            switch step {
            case .wait(let sleeper):
                sleeper.wait()
            case .done(let result, let woken):
                for w in woken { w.signal() }
                return try result.get()
            }
        }
    }
}

private enum Step<R: Sendable, E: Error>: Sendable {
    case wait(DispatchSemaphore)
    case done(Result<R, E>, [DispatchSemaphore])
}
