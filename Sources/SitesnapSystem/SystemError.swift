import Foundation

/// A failed system call: what was attempted, on which file, and the `errno` it left. Callers turn it
/// into the `SitesnapError` of their layer (e.g. `archiveWriteFailed(path:reason:)` with `reason`).
package struct SystemError: Error, Equatable, CustomStringConvertible {
    /// The call, e.g. "write", "open", "rename".
    package var operation: String
    /// The file or folder it was about.
    package var path: String
    /// `errno` after the call.
    package var code: Int32

    package init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// The C library's message for `code`, e.g. "No space left on device".
    package var reason: String { FileSystemErrors.errno(code) }

    package var description: String { "\(operation) \(path): \(reason)" }
}

/// The one retrying system-call wrapper (like swift-nio's `syscall(blocking:where:_:)`, which is not
/// a dependency here): Foundation's FileHandle neither retries EINTR on every path nor reports errno
/// as a typed value, and Glibc's calls return -1 with `errno` set.
package enum Syscall {
    /// Calls `body` until it returns something other than -1 with `errno == EINTR`.
    /// - Returns: the call's result (never -1).
    /// - Throws: `SystemError` with `errno` when the call fails otherwise.
    @discardableResult
    @inline(__always)
    package static func retrying<T: FixedWidthInteger>(_ operation: String, path: String,
                                                       _ body: () -> T) throws(SystemError) -> T {
        while true {
            let r = body()
            if r != -1 { return r }
            let e = errno
            if e != EINTR { throw SystemError(operation: operation, path: path, code: e) }
        }
    }
}
