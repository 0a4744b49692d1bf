import CMariaDB

/// `mysql_library_init` is a macro that does not import: `mysql_server_init` is the function behind it.
/// Swift runs a global's initializer once, thread-safely.
private let libraryInitialized: Bool = { mysql_server_init(0, nil, nil) == 0 }()

/// One connection to a MariaDB/MySQL server through MariaDB Connector/C (libmariadb).
///
/// Owns the `MYSQL *` handle and closes it in `deinit` (or `close()`). The character set is always
/// utf8mb4, whatever the site's config says, so bytes come back unchanged. Not thread-safe: use one
/// connection per thread.
public final class MariaDBConnection {
    private var handle: UnsafeMutablePointer<MYSQL>?
    /// Feeds `LOAD DATA LOCAL INFILE` (see `loadLocalData`); set when `ConnectOptions.localInfile`.
    let localData: LocalDataFeed?
    /// True while a `RowCursor` from `stream(_:)` has rows left: the connection can do nothing else.
    var busy = false

    /// Connects.
    /// - Throws: `MariaDBError` (`.ER_ACCESS_DENIED_ERROR`, `.CR_CONNECTION_ERROR`/`.CR_CONN_HOST_ERROR`
    ///   unreachable, `.ER_BAD_DB_ERROR` unknown database, ...).
    public init(_ options: ConnectOptions) throws {
        _ = libraryInitialized
        guard let h = mysql_init(nil) else {
            throw MariaDBError(code: .CR_OUT_OF_MEMORY, message: "out of memory", context: "initialising the client")
        }
        handle = h
        localData = options.localInfile ? LocalDataFeed(h) : nil
        mysql_options(h, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        var timeout = options.connectTimeoutSeconds
        mysql_options(h, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        // Reading from a server that stalls should fail rather than hang forever (seconds).
        var readTimeout: UInt32 = 3600
        mysql_options(h, MYSQL_OPT_READ_TIMEOUT, &readTimeout)
        if let tls = options.tls {
            mysql_ssl_set(h, tls.key, tls.cert, tls.ca, tls.caPath, tls.cipher)
            var enforce: my_bool = 1
            mysql_options(h, MYSQL_OPT_SSL_ENFORCE, &enforce)
            var verify: my_bool = tls.verifyServerCert ? 1 : 0
            mysql_options(h, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify)
        }
        let target: String
        if let s = options.socket, options.host == nil || options.host == "localhost" {
            target = "socket \(s)"
        } else {
            target = "\(options.host ?? "localhost")\(options.port > 0 ? ":\(options.port)" : "")"
        }
        if mysql_real_connect(h, options.host, options.user, options.password, options.database,
                              options.port, options.socket, 0) == nil {
            let err = Self.error(h, "connecting to \(target) as \(options.user ?? "(default user)")")
            mysql_close(h)
            handle = nil
            throw err
        }
    }

    deinit { close() }

    /// Closes the connection; further calls throw. Safe to call twice.
    public func close() {
        if let h = handle { mysql_close(h) }
        handle = nil
    }

    /// The server's version string, e.g. "10.11.6-MariaDB-0+deb12u1".
    public var serverVersion: String {
        guard let h = handle, let v = mysql_get_server_info(h) else { return "" }
        return String(cString: v)
    }

    /// The TLS cipher of the connection (e.g. "TLS_AES_256_GCM_SHA384"), nil when it is not encrypted.
    public var tlsCipher: String? {
        guard let h = handle, let c = mysql_get_ssl_cipher(h) else { return nil }
        return String(cString: c)
    }

    /// Runs a statement and discards any result.
    /// - Throws: `MariaDBError` naming `sql`'s first 200 characters.
    public func execute(_ sql: String) throws {
        let h = try ready()
        try Self.check(mysql_real_query(h, sql, UInt(sql.utf8.count)), h, Self.context(sql))
        try Self.discardResults(h, Self.context(sql))
    }

    /// Runs one statement given as bytes (no conversion), discarding any result.
    /// - Throws: `MariaDBError` with the server's message; `context` says what was being done.
    public func execute(bytes: [UInt8], context: @autoclosure () -> String) throws {
        let h = try ready()
        let rc = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { mysql_real_query(h, $0.baseAddress, UInt(b.count)) }
        }
        try Self.check(rc, h, context())
        try Self.discardResults(h, context())
    }

    /// Frees every result of the statement just run (a multi-statement or CALL has several).
    private static func discardResults(_ h: UnsafeMutablePointer<MYSQL>, _ context: @autoclosure () -> String) throws {
        repeat {
            if let res = mysql_store_result(h) { mysql_free_result(res) }
            else if mysql_field_count(h) != 0 { throw error(h, context()) }
        } while mysql_next_result(h) == 0
    }

    /// Runs a query whose result is small (metadata: SHOW ..., information_schema) and returns all rows,
    /// each a list of column values (nil for SQL NULL), decoded as UTF-8.
    /// - Throws: `MariaDBError`.
    public func query(_ sql: String) throws -> [[String?]] {
        let h = try ready()
        try Self.check(mysql_real_query(h, sql, UInt(sql.utf8.count)), h, Self.context(sql))
        guard let res = mysql_store_result(h) else {
            if mysql_field_count(h) == 0 { return [] }
            throw Self.error(h, Self.context(sql))
        }
        defer { mysql_free_result(res) }
        let n = Int(mysql_num_fields(res))
        var rows: [[String?]] = []
        while let row = mysql_fetch_row(res) {
            guard let lengths = mysql_fetch_lengths(res) else { break }
            var values: [String?] = []
            values.reserveCapacity(n)
            for i in 0..<n {
                if let p = row[i] {
                    let buf = UnsafeRawBufferPointer(start: p, count: Int(lengths[i]))
                    values.append(String(decoding: buf, as: UTF8.self))
                } else {
                    values.append(nil)
                }
            }
            rows.append(values)
        }
        return rows
    }

    /// Starts an unbuffered query (`mysql_use_result`): rows arrive one at a time and memory stays flat
    /// whatever the table size. The connection can run nothing else until the cursor is drained or freed.
    /// - Throws: `MariaDBError`.
    public func stream(_ sql: String) throws -> RowCursor {
        let h = try ready()
        try Self.check(mysql_real_query(h, sql, UInt(sql.utf8.count)), h, Self.context(sql))
        guard let res = mysql_use_result(h) else { throw Self.error(h, Self.context(sql)) }
        busy = true
        return RowCursor(connection: self, handle: h, result: res, context: Self.context(sql))
    }

    /// Quotes an identifier with backticks (doubling any backtick inside), per the MariaDB manual,
    /// "Identifier Names".
    public static func quoteIdentifier(_ name: String) -> String {
        "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`"
    }

    /// The handle, when the connection is open and not streaming a result.
    func ready() throws -> UnsafeMutablePointer<MYSQL> {
        guard let h = handle else {
            throw MariaDBError(code: .CR_SERVER_GONE_ERROR, message: "connection is closed", context: "using the connection")
        }
        if busy {
            throw MariaDBError(code: .CR_COMMANDS_OUT_OF_SYNC, message: "commands out of sync: a streamed result is still open",
                               context: "using the connection")
        }
        return h
    }

    static func context(_ sql: String) -> String {
        let s = sql.count > 200 ? String(sql.prefix(200)) + "…" : sql
        return "running `\(s)`"
    }

    /// The error Connector/C recorded on `h` (`mysql_errno`, `mysql_sqlstate`, `mysql_error`).
    static func error(_ h: UnsafeMutablePointer<MYSQL>, _ context: String) -> MariaDBError {
        MariaDBError(code: MariaDBErrorCode(rawValue: mysql_errno(h)), sqlState: String(cString: mysql_sqlstate(h)),
                     message: String(cString: mysql_error(h)), context: context)
    }

    /// The one check of a Connector/C status (`mysql_real_query` and the like): 0 passes, anything
    /// else throws the handle's error.
    /// - Throws: `MariaDBError` naming `context`.
    static func check(_ status: Int32, _ h: UnsafeMutablePointer<MYSQL>, _ context: @autoclosure () -> String) throws {
        if status != 0 { throw error(h, context()) }
    }
}
