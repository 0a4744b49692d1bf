/// Where and as whom to connect. A nil `host` or "localhost" means the Unix socket (`socket`, or the
/// client library's default), as in the MariaDB C API's `mysql_real_connect()`.
public struct ConnectOptions: Equatable, Sendable {
    public var host: String?
    /// TCP port; 0 means the default (3306).
    public var port: UInt32
    public var socket: String?
    public var user: String?
    /// Kept in memory only; never logged, printed or passed to another process's argv.
    public var password: String?
    public var database: String?
    /// Seconds to wait for the connection (MYSQL_OPT_CONNECT_TIMEOUT).
    public var connectTimeoutSeconds: UInt32
    /// Allow `LOAD DATA LOCAL INFILE` fed by `MariaDBConnection.loadLocalData` (MYSQL_OPT_LOCAL_INFILE).
    /// The data then always comes from the caller's closure, never from a file the server names.
    public var localInfile = false

    public init(host: String? = nil, port: UInt32 = 0, socket: String? = nil, user: String? = nil,
                password: String? = nil, database: String? = nil, connectTimeoutSeconds: UInt32 = 10) {
        self.host = host
        self.port = port
        self.socket = socket
        self.user = user
        self.password = password
        self.database = database
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }
}
