import CMariaDB

/// The data of `LOAD DATA LOCAL INFILE`, from a Swift closure instead of a file.
///
/// MariaDB Connector/C asks for local data through four callbacks (`mysql_set_local_infile_handler`,
/// MariaDB Connector/C API "mysql_set_local_infile_handler"). They are installed when the connection
/// is made and stay for its life: whatever file name the server asks for, the data only ever comes
/// from the closure of a `loadLocalData` call in progress, and at any other time the request fails.
/// So a server cannot make the client send one of its files.
final class LocalDataFeed {
    /// Fills the buffer and returns the bytes written (0 at the end of the data). Set during a load.
    var read: ((UnsafeMutableRawBufferPointer) throws -> Int)?
    /// The error the closure threw (the load then fails; `loadLocalData` rethrows this one).
    var error: Error?

    init(_ h: UnsafeMutablePointer<MYSQL>) {
        var on: UInt32 = 1
        mysql_options(h, MYSQL_OPT_LOCAL_INFILE, &on)
        mysql_set_local_infile_handler(h, { context, _, userdata in
            // Hand the feed to the other callbacks as their context; refuse when no load is running.
            context?.pointee = userdata
            guard let userdata else { return 1 }
            return Unmanaged<LocalDataFeed>.fromOpaque(userdata).takeUnretainedValue().read == nil ? 1 : 0
        }, { context, buffer, length in
            guard let context, let buffer else { return -1 }
            let feed = Unmanaged<LocalDataFeed>.fromOpaque(context).takeUnretainedValue()
            guard let read = feed.read else { return -1 }
            do {
                return Int32(try read(UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
            } catch {
                feed.error = error
                return -1
            }
        }, { _ in }, { _, message, length in
            // The message for a request outside a load, or for a failed read.
            let text = Array("local data refused by sitesnap".utf8.prefix(Int(length) - 1)) + [0]
            if let message {
                for (i, b) in text.enumerated() { message[i] = CChar(bitPattern: b) }
            }
            return Int32(MariaDBErrorCode.CR_UNKNOWN_ERROR.rawValue)
        }, Unmanaged.passUnretained(self).toOpaque())
    }
}

extension MariaDBConnection {
    /// Runs `sql`, a `LOAD DATA LOCAL INFILE` statement, with its data from `read`: called repeatedly
    /// with a buffer to fill, it returns the bytes it wrote and 0 at the end of the data (MariaDB
    /// manual, "LOAD DATA INFILE"). The data streams: memory stays at one buffer.
    /// - Throws: the error `read` threw, else `MariaDBError` (e.g. `.ER_NOT_ALLOWED_COMMAND` or
    ///   `.ER_LOAD_INFILE_CAPABILITY_DISABLED` when the server does not allow local data: check
    ///   `@@local_infile` first); `context` says what was being done.
    public func loadLocalData(_ sql: String, context: @autoclosure () -> String,
                              read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        guard let feed = localData else {
            throw MariaDBError(code: .CR_UNKNOWN_ERROR, message: "connection made without ConnectOptions.localInfile", context: context())
        }
        let h = try ready()
        feed.read = read
        feed.error = nil
        defer { feed.read = nil }
        if mysql_real_query(h, sql, UInt(sql.utf8.count)) != 0 {
            if let e = feed.error { throw e }
            throw Self.error(h, context())
        }
    }
}
