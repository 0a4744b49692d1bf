/// A MariaDB/MySQL client or server error: the error number (see the MariaDB manual, "MariaDB Error Codes"),
/// its SQLSTATE, the server's message and what sitesnap was doing. Never contains a password.
public struct MariaDBError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `mysql_errno()`: e.g. `.ER_ACCESS_DENIED_ERROR`, `.CR_CONNECTION_ERROR`, `.CR_SERVER_LOST`.
    public var code: MariaDBErrorCode
    public var sqlState: String
    public var message: String
    public var context: String

    public init(code: MariaDBErrorCode, sqlState: String = "HY000", message: String, context: String) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.context = context
    }

    /// True for "cannot reach the server" errors.
    public var isConnectionProblem: Bool {
        switch code {
        case .CR_CONNECTION_ERROR, .CR_CONN_HOST_ERROR, .CR_UNKNOWN_HOST, .CR_SERVER_GONE_ERROR, .CR_SERVER_LOST: return true
        default: return false
        }
    }

    /// True for wrong credentials and for a database the user may not use.
    public var isAccessDenied: Bool { code == .ER_ACCESS_DENIED_ERROR || code == .ER_DBACCESS_DENIED_ERROR }

    public var description: String { "\(context): \(message) (error \(code))" }
}
