import CArchive

/// A libarchive failure, with the C error number, libarchive's message and what sitesnap was doing.
public struct ArchiveError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `archive_errno()` (an errno value such as ENOSPC), or 0 when libarchive set none.
    public var code: Int32
    /// `archive_error_string()`, or a sitesnap message when libarchive had none.
    public var message: String
    /// What was being done, e.g. "writing entry files/wp-config.php".
    public var context: String

    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    public var description: String { "\(context): \(message)" }

    /// The error libarchive recorded on handle `a` (`archive_errno`, `archive_error_string`), or
    /// `fallback` as the message when it recorded none.
    static func last(on a: OpaquePointer?, _ context: String, fallback: String = "unknown libarchive error") -> ArchiveError {
        let code = a.map { archive_errno($0) } ?? 0
        let message = a.flatMap { archive_error_string($0) }.map { String(cString: $0) } ?? fallback
        return ArchiveError(code: code, message: message, context: context)
    }

    /// The one check of a libarchive status: ARCHIVE_OK and ARCHIVE_WARN pass (a warning is, e.g., a
    /// name stored with `hdrcharset=BINARY`), anything below throws the handle's error.
    /// - Throws: `ArchiveError` naming `context`.
    static func check(_ status: Int32, on a: OpaquePointer?, _ context: @autoclosure () -> String,
                      fallback: String = "unknown libarchive error") throws {
        if status < ARCHIVE_WARN { throw last(on: a, context(), fallback: fallback) }
    }
}
