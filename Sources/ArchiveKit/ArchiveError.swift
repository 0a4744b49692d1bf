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
}
