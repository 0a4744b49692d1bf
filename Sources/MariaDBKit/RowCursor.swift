import CMariaDB

/// Describes one result column, from `MYSQL_FIELD` (MariaDB C API, "mysql_fetch_fields").
public struct ColumnInfo: Equatable, Sendable {
    public enum Category: Equatable, Sendable {
        /// Integer, decimal, float, double, year: the text form is a valid SQL literal as-is.
        case numeric
        /// BIT(n): written as a hex literal.
        case bit
        /// A string, blob or geometry column with the binary character set (63): written as hex.
        case binary
        /// Everything else (text, dates, times, enums, sets, JSON): written as a quoted string.
        case text
    }
    public var name: String
    public var category: Category
}

/// One row of a streamed result. Valid only until the cursor's next `next()` call.
public struct Row {
    let values: MYSQL_ROW
    let lengths: UnsafeMutablePointer<UInt>
    public let count: Int

    /// True when column `i` is SQL NULL.
    @inline(__always) public func isNull(_ i: Int) -> Bool { values[i] == nil }

    /// The raw bytes of column `i` (empty for NULL): binary-safe, from `mysql_fetch_lengths`.
    @inline(__always) public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: values[i], count: Int(lengths[i]))
    }

    /// Column `i` as a UTF-8 string, nil for SQL NULL.
    public func string(_ i: Int) -> String? {
        isNull(i) ? nil : String(decoding: bytes(i), as: UTF8.self)
    }
}

/// A single-pass cursor over an unbuffered (`mysql_use_result`) result. Frees the result in `deinit`,
/// after draining any unread rows so the connection can be used again.
public final class RowCursor {
    private weak var connection: MariaDBConnection?
    private let handle: UnsafeMutablePointer<MYSQL>
    private var result: UnsafeMutablePointer<MYSQL_RES>?
    private let context: String
    public let columns: [ColumnInfo]

    init(connection: MariaDBConnection, handle: UnsafeMutablePointer<MYSQL>,
         result: UnsafeMutablePointer<MYSQL_RES>, context: String) {
        self.connection = connection
        self.handle = handle
        self.result = result
        self.context = context
        let n = Int(mysql_num_fields(result))
        var cols: [ColumnInfo] = []
        if let fields = mysql_fetch_fields(result) {
            for i in 0..<n {
                let f = fields[i]
                cols.append(ColumnInfo(name: String(cString: f.name), category: Self.category(f)))
            }
        }
        columns = cols
    }

    deinit { finish() }

    /// The next row, or nil when all rows were read.
    /// - Throws: `MariaDBError` when the connection fails mid-result (e.g. `.CR_SERVER_LOST`).
    public func next() throws -> Row? {
        guard let res = result else { return nil }
        guard let row = mysql_fetch_row(res) else {
            let code = mysql_errno(handle)
            if code != 0 {
                let err = MariaDBConnection.error(handle, context)
                finish()
                throw err
            }
            finish()
            return nil
        }
        return Row(values: row, lengths: mysql_fetch_lengths(res)!, count: columns.count)
    }

    /// Frees the result (reading and discarding any rows left). Safe to call twice.
    public func finish() {
        if let res = result {
            mysql_free_result(res)
            result = nil
        }
        connection?.busy = false
    }

    private static func category(_ f: MYSQL_FIELD) -> ColumnInfo.Category {
        switch f.type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_INT24,
             MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL, MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE, MYSQL_TYPE_YEAR:
            return .numeric
        case MYSQL_TYPE_BIT:
            return .bit
        case MYSQL_TYPE_STRING, MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_VARCHAR, MYSQL_TYPE_BLOB,
             MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_GEOMETRY:
            // 63 is the `binary` character set: BINARY, VARBINARY, BLOB and geometry values.
            return f.charsetnr == 63 ? .binary : .text
        default:
            return .text
        }
    }
}
