/// A MariaDB/MySQL client or server error: the error number (see the MariaDB manual, "MariaDB Error Codes"),
/// its SQLSTATE, the server's message and what sitesnap was doing. Never contains a password.
public struct MariaDBError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `mysql_errno()`: e.g. 1045 access denied, 2002/2003 cannot connect, 2013 connection lost.
    public var code: UInt32
    public var sqlState: String
    public var message: String
    public var context: String

    public init(code: UInt32, sqlState: String = "HY000", message: String, context: String) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.context = context
    }

    /// True for "cannot reach the server" errors (CR_CONNECTION_ERROR 2002, CR_CONN_HOST_ERROR 2003,
    /// CR_UNKNOWN_HOST 2005, CR_SERVER_GONE_ERROR 2006, CR_SERVER_LOST 2013).
    public var isConnectionProblem: Bool { [2002, 2003, 2005, 2006, 2013].contains(code) }
    /// True for ER_ACCESS_DENIED_ERROR (1045) and ER_DBACCESS_DENIED_ERROR (1044).
    public var isAccessDenied: Bool { code == 1045 || code == 1044 }

    public var description: String { "\(context): \(message) (error \(code))" }
}
