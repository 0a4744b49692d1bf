import Foundation
import MariaDBKit
import SnapshotFormat

/// Loads the rows of a dump's INSERT statements with `LOAD DATA LOCAL INFILE` instead of running them:
/// the server then reads values without parsing SQL, which loaded 2,000,000 `wp_postmeta` rows in
/// 8.7-10.6 s against 16.6-18.8 s as INSERTs (one connection, bench machine). The dump (the snapshot
/// format) stays INSERT statements; only the way they reach the server changes.
///
/// The values part of an INSERT as sitesnap writes it, `(v,v),\n(v,v)`, is already in a form LOAD
/// DATA reads (MariaDB manual, "LOAD DATA INFILE"): fields terminated by `,`, strings enclosed by `'`
/// with backslash escapes (`\0 \n \r \Z \\ \' \"`, the same meaning in both), lines starting by `(`
/// and terminated by `),\n` (a raw newline never occurs inside a string: it is written `\n`), unquoted
/// `NULL` read as NULL, numbers as their text. So the bytes are sent as they are, with `,\n` after the
/// last row. A statement is loaded this way only when it has exactly that shape and no hex literal
/// (binary values are not strings to LOAD DATA); any other runs as the INSERT it is. Tables with
/// FLOAT/DOUBLE columns always run as INSERTs, so their numbers are converted exactly as before.
enum LoadDataRows {
    /// The statement's column list (`(`a`,`b`)`, bytes of the statement), the number of columns and the
    /// rows (the bytes after `VALUES\n`), when every row of `statement` (already allowed by `DumpKind`)
    /// has the shape above; else nil. Read with `DumpLexer`'s tokens.
    static func columns(of statement: [UInt8], head: [UInt8]) -> (list: ArraySlice<UInt8>, count: Int, rows: ArraySlice<UInt8>)? {
        guard statement.starts(with: head) else { return nil }
        var lexer = DumpLexer(bytes: statement)
        func token() -> DumpLexer.Token? { (try? lexer.next()) ?? nil }
        while lexer.position < head.count { _ = token() }
        // The column list: backquoted names, up to ") VALUES\n".
        var columns = 0
        while true {
            guard token() == .identifier else { return nil }
            columns += 1
            let after = token()
            if after == .punctuation(UInt8(ascii: ",")) { continue }
            guard after == .punctuation(UInt8(ascii: ")")) else { return nil }
            break
        }
        let i = Int(lexer.tokenStart)
        let marker = DumpKind.valuesMarker
        guard statement.count > i + marker.count, statement[i..<(i + marker.count)].elementsEqual(marker) else { return nil }
        while lexer.position < i + marker.count { _ = token() }
        guard lexer.position == i + marker.count else { return nil }
        let list = statement[(head.count - 1)...i]
        return rowsHaveShape(&lexer, in: statement, columns: columns) ? (list, columns, statement[(i + marker.count)...]) : nil
    }

    /// Rows `(f,...,f)` joined by `,\n` up to the end, each of `columns` fields: NULL, a number, or a
    /// single-quoted string with backslash escapes (no raw newline, no doubled quote).
    private static func rowsHaveShape(_ lexer: inout DumpLexer, in b: [UInt8], columns: Int) -> Bool {
        func token() -> DumpLexer.Token? { (try? lexer.next()) ?? nil }
        let open = DumpLexer.Token.punctuation(UInt8(ascii: "(")), close = DumpLexer.Token.punctuation(UInt8(ascii: ")"))
        let comma = DumpLexer.Token.punctuation(UInt8(ascii: ","))
        while true {
            guard token() == open else { return false }
            var fields = 0
            while true {
                switch token() {
                case .string:
                    guard b[Int(lexer.tokenStart)] == UInt8(ascii: "'"), !lexer.unterminated, !lexer.rawNewline, !lexer.doubledQuote else { return false }
                case .null, .number: break
                default: return false
                }
                fields += 1
                let sep = token()
                if sep == comma { continue }
                guard sep == close else { return false }
                break
            }
            if fields != columns { return false }
            guard let after = token() else { return true }
            guard after == comma, token() == .space, lexer.position - lexer.tokenStart == 1, b[Int(lexer.tokenStart)] == 10 else { return false }
        }
    }

    /// The LOAD DATA statement for rows of `table` in `columnList` (`(`a`,`b`)`).
    static func statement(table: String, columnList: ArraySlice<UInt8>) -> String {
        "LOAD DATA LOCAL INFILE 'sitesnap-rows' INTO TABLE \(MariaDBConnection.quoteIdentifier(table)) CHARACTER SET utf8mb4 "
            + "FIELDS TERMINATED BY ',' ENCLOSED BY '\\'' ESCAPED BY '\\\\' LINES STARTING BY '(' TERMINATED BY '),\\n' "
            + String(decoding: columnList, as: UTF8.self)
    }

    /// Whether `table` may be loaded this way: no FLOAT/DOUBLE column (see the type's comment).
    static func tableAllows(_ table: String, database: String, on c: MariaDBConnection) throws -> Bool {
        try c.query("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = \(SQLLiteral.quote(database)) AND TABLE_NAME = \(SQLLiteral.quote(table)) AND DATA_TYPE IN ('float', 'double', 'real')").first?.first == "0"
    }
}

/// The bytes of a run of INSERT statements' rows, for `MariaDBConnection.loadLocalData`: each
/// statement's values followed by `,\n`; `next` gives the following statement's values, or nil to end
/// the load. Once `next` has said nil it is never called again (the client library reads until it
/// gets 0, and may ask more than once: a second call would take a statement the caller runs itself).
final class LoadDataFeed {
    private var current: ArraySlice<UInt8>
    private let next: () throws -> ArraySlice<UInt8>?
    private static let rowEnd: [UInt8] = Array(",\n".utf8)
    private var pendingEnd = 0
    private var ended = false

    init(first: ArraySlice<UInt8>, next: @escaping () throws -> ArraySlice<UInt8>?) {
        current = first
        self.next = next
    }

    /// Fills `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count {
            if current.isEmpty && pendingEnd == 0 {
                guard !ended, let values = try next() else { ended = true; break }
                current = values
            }
            if !current.isEmpty {
                let n = min(current.count, buffer.count - written)
                current.prefix(n).withUnsafeBytes { buffer.baseAddress!.advanced(by: written).copyMemory(from: $0.baseAddress!, byteCount: n) }
                current = current.dropFirst(n)
                written += n
                if current.isEmpty { pendingEnd = Self.rowEnd.count }
                continue
            }
            // The ",\n" after the statement's last row (it may straddle two buffers).
            let n = min(pendingEnd, buffer.count - written)
            for k in 0..<n { buffer[written + k] = Self.rowEnd[Self.rowEnd.count - pendingEnd + k] }
            pendingEnd -= n
            written += n
        }
        return written
    }
}
