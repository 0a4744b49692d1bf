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
    /// Connect over TLS (nil: the client library's default, no TLS required).
    public var tls: TLSOptions?

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

/// TLS for a connection, as the CMS configures it (Connector/C `mysql_ssl_set` and
/// MYSQL_OPT_SSL_ENFORCE / MYSQL_OPT_SSL_VERIFY_SERVER_CERT): TLS is then required, never a fallback
/// to plain text. Paths are files on this machine.
public struct TLSOptions: Equatable, Sendable {
    public var ca: String?
    public var caPath: String?
    public var cert: String?
    public var key: String?
    public var cipher: String?
    /// Check the server's certificate and host name against the CA.
    public var verifyServerCert: Bool

    public init(ca: String? = nil, caPath: String? = nil, cert: String? = nil, key: String? = nil, cipher: String? = nil,
                verifyServerCert: Bool = false) {
        self.ca = ca
        self.caPath = caPath
        self.cert = cert
        self.key = key
        self.cipher = cipher
        self.verifyServerCert = verifyServerCert
    }
}
