/// A MariaDB/MySQL error number (`mysql_errno()`), with named constants for the numbers sitesnap acts
/// on, as GRDB's `ResultCode` names SQLite's: match them in a `switch` or a `catch`
/// (`catch MariaDBErrorCode.ER_NO_SUCH_TABLE`), never a bare number. Names and numbers are those of
/// Connector/C's `errmsg.h` (client errors, 2000-2999) and `mysqld_error.h` (server errors); the
/// MariaDB manual lists them under "MariaDB Error Codes".
public struct MariaDBErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public var description: String { String(rawValue) }

    // Server errors (mysqld_error.h).
    /// 1044: the user may not use this database.
    public static let ER_DBACCESS_DENIED_ERROR = Self(rawValue: 1044)
    /// 1045: wrong user or password.
    public static let ER_ACCESS_DENIED_ERROR = Self(rawValue: 1045)
    /// 1049: no such database.
    public static let ER_BAD_DB_ERROR = Self(rawValue: 1049)
    /// 1142: the user may not run this command on the table (or may not see it at all).
    public static let ER_TABLEACCESS_DENIED_ERROR = Self(rawValue: 1142)
    /// 1143: the user may not use a column of the table.
    public static let ER_COLUMNACCESS_DENIED_ERROR = Self(rawValue: 1143)
    /// 1146: no such table.
    public static let ER_NO_SUCH_TABLE = Self(rawValue: 1146)
    /// 1148: the server does not allow this command (LOAD DATA LOCAL with `local_infile` off).
    public static let ER_NOT_ALLOWED_COMMAND = Self(rawValue: 1148)
    /// 1153: a packet larger than the server's `max_allowed_packet`.
    public static let ER_NET_PACKET_TOO_LARGE = Self(rawValue: 1153)
    /// 4166: LOAD DATA LOCAL is disabled (MariaDB 10.5+ wording of 1148).
    public static let ER_LOAD_INFILE_CAPABILITY_DISABLED = Self(rawValue: 4166)

    // Client errors (errmsg.h).
    /// 2000: an error the client library has no number for.
    public static let CR_UNKNOWN_ERROR = Self(rawValue: 2000)
    /// 2002: cannot connect through the socket.
    public static let CR_CONNECTION_ERROR = Self(rawValue: 2002)
    /// 2003: cannot connect to the TCP host.
    public static let CR_CONN_HOST_ERROR = Self(rawValue: 2003)
    /// 2005: unknown host name.
    public static let CR_UNKNOWN_HOST = Self(rawValue: 2005)
    /// 2006: the server went away (or the connection is closed).
    public static let CR_SERVER_GONE_ERROR = Self(rawValue: 2006)
    /// 2008: the client ran out of memory.
    public static let CR_OUT_OF_MEMORY = Self(rawValue: 2008)
    /// 2013: the connection was lost during a query.
    public static let CR_SERVER_LOST = Self(rawValue: 2013)
    /// 2014: commands out of sync (a streamed result is still open).
    public static let CR_COMMANDS_OUT_OF_SYNC = Self(rawValue: 2014)

    /// True when `error` is a `MariaDBError` with this code: `catch MariaDBErrorCode.ER_NO_SUCH_TABLE`.
    public static func ~= (pattern: MariaDBErrorCode, error: any Error) -> Bool {
        (error as? MariaDBError)?.code == pattern
    }
}
