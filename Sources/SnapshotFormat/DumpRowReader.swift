import Foundation
import SitesnapSystem

/// One value of a dumped row, as bytes: a text value unescaped, a hex literal decoded, a number as
/// its text. `isNull` marks SQL NULL.
package struct DumpValue: Hashable {
    package enum Kind: UInt8 { case null, number, text, binary }
    package var kind: Kind
    package var bytes: [UInt8]

    package static let null = DumpValue(kind: .null, bytes: [])

    /// The value for display and JSON: text as UTF-8 (invalid bytes replaced), binary as `0x...`.
    package var display: String? {
        switch kind {
        case .null: return nil
        case .number, .text: return String(decoding: bytes, as: UTF8.self)
        case .binary: return "0x" + Hex.string(bytes)
        }
    }

    /// The value as an SQL literal (for cleanup scripts).
    var sqlLiteral: String {
        switch kind {
        case .null: return "NULL"
        case .number: return String(decoding: bytes, as: UTF8.self)
        case .binary: return bytes.isEmpty ? "''" : "0x" + Hex.string(bytes)
        case .text: return SQLLiteral.quote(String(decoding: bytes, as: UTF8.self))
        }
    }
}

/// Reads a table dump written by `TableDumper` (see docs/snapshot-format.md): the CREATE TABLE
/// statement, the column list, then row after row, streaming, with `DumpLexer`'s tokens. Understands
/// the dump's grammar: comments, `SET`/`DROP` statements, one `CREATE TABLE`, multi-row
/// `INSERT ... VALUES` with NULL, numbers, hex literals and quoted strings with backslash escapes.
///
/// Memory is one row at a time.
package final class DumpRowReader {
    private let input: ByteReader
    // Unchecked: every token goes through this property, and a dynamic exclusivity check per access
    // cost a third of diff-db's time (perf); the reader is used by one thread, never re-entrantly.
    @exclusivity(unchecked) private var lexer: DumpLexer
    /// What is read from: named in errors.
    package let name: String
    /// The `CREATE TABLE` statement (without the final `;`), once `open()` returned.
    package private(set) var createStatement = ""
    /// Column names of the INSERTs (empty for a table without rows until the first INSERT).
    package private(set) var columns: [String] = []
    private var inValues = false
    private var done = false

    package init(source: ByteSource, name: String) {
        input = ByteReader(source)
        lexer = DumpLexer(input)
        self.name = name
    }

    private func fail(_ message: String) -> SitesnapError {
        .snapshotUnreadable(path: name, reason: "not a sitesnap table dump (\(message)): damaged? run `sitesnap verify`")
    }

    /// Reads up to the first row (or the end): the CREATE TABLE statement and the column list.
    /// - Throws: `SitesnapError.snapshotUnreadable` on anything that is not a sitesnap dump.
    package func open() throws {
        while !inValues && !done {
            guard let statement = try readStatementHead() else { done = true; break }
            if statement.hasPrefix("CREATE TABLE") {
                createStatement = statement
            }
        }
    }

    /// Reads one statement up to `;`; for an INSERT, stops after `VALUES` and sets `columns`. Returns
    /// its text (from its first token; comments and whitespace before it are skipped), nil at the end.
    private func readStatementHead() throws -> String? {
        lexer.collecting = true
        lexer.decoding = true
        lexer.collected = []
        var token = try lexer.next()
        while token == .space || token == .comment {
            lexer.collected.removeAll(keepingCapacity: true)
            token = try lexer.next()
        }
        guard var t = token else { return nil }
        let insert = t == .word && lexer.value == Self.insertWord
        var names: [String] = []
        var depth = 0
        while true {
            switch t {
            case .end:
                lexer.collected.removeLast()
                return String(decoding: lexer.collected, as: UTF8.self)
            case .string, .identifier, .comment:
                if lexer.unterminated { throw fail("unterminated quote") }
                if t == .identifier && depth == 1 { names.append(String(decoding: lexer.value, as: UTF8.self)) }
            case .punctuation(UInt8(ascii: "(")): depth += 1
            case .punctuation(UInt8(ascii: ")")): depth -= 1
            case .word where insert && lexer.value == Self.valuesWord:
                guard !names.isEmpty else { throw fail("INSERT without a column list") }
                columns = names
                inValues = true
                return String(decoding: lexer.collected, as: UTF8.self)
            default: break
            }
            guard let n = try lexer.next() else { throw fail("statement without a final ';'") }
            t = n
        }
    }

    private static let insertWord = Array("INSERT".utf8), valuesWord = Array("VALUES".utf8)

    /// Splits "`a`,`b``c`" into ["a", "b`c"] (the backquoted names; anything else is ignored).
    package static func identifiers(_ list: String) -> [String] {
        var lexer = DumpLexer(bytes: Array(list.utf8))
        lexer.decoding = true
        var out: [String] = []
        while let t = try? lexer.next() {
            if t == .identifier && !lexer.unterminated { out.append(String(decoding: lexer.value, as: UTF8.self)) }
        }
        return out
    }

    /// The next token that is not whitespace.
    private func token() throws -> DumpLexer.Token? {
        while let t = try lexer.next() {
            if t != .space { return t }
        }
        return nil
    }

    /// The next row's values, or nil after the last row (then `finish()` gives the checksum).
    /// - Throws: `SitesnapError.snapshotUnreadable` on malformed data.
    package func nextRow(into row: inout [DumpValue]) throws -> Bool {
        while true {
            if done { return false }
            if !inValues {
                try open()
                continue
            }
            lexer.collecting = false
            lexer.decoding = true
            guard let open = try token() else { throw fail("truncated in VALUES") }
            guard open == .punctuation(UInt8(ascii: "(")) else { throw fail("expected '(' in VALUES, found \(open)") }
            row.removeAll(keepingCapacity: true)
            while true {
                row.append(try readValue())
                guard let sep = try token() else { throw fail("truncated row") }
                if sep == .punctuation(UInt8(ascii: ",")) { continue }
                if sep == .punctuation(UInt8(ascii: ")")) { break }
                throw fail("unexpected \(sep) between values")
            }
            if row.count != columns.count { throw fail("a row has \(row.count) values for \(columns.count) columns") }
            // After a row: "," (more rows) or ";" (end of statement).
            guard let after = try token() else { throw fail("truncated after a row") }
            if after == .end { inValues = false }
            else if after != .punctuation(UInt8(ascii: ",")) { throw fail("unexpected \(after) after a row") }
            return true
        }
    }

    private func readValue() throws -> DumpValue {
        guard let t = try token() else { throw fail("truncated value") }
        switch t {
        case .string:
            if lexer.unterminated { throw fail("unterminated string") }
            return DumpValue(kind: .text, bytes: lexer.value)
        case .null: return .null
        case .number: return DumpValue(kind: .number, bytes: lexer.value)
        case .hex:
            if lexer.malformed { throw SitesnapError.snapshotUnreadable(path: "dump", reason: "bad hex literal") }
            return DumpValue(kind: .binary, bytes: lexer.value)
        default: throw fail("unexpected \(t) as a value")
        }
    }

    /// Reads what is left and returns the SHA-256 of the whole entry.
    package func finish() throws -> String { try input.drainAndHash() }
}
