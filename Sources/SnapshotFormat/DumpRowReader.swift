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
/// statement, the column list, then row after row, streaming. Understands exactly the dump's
/// grammar: comments, `SET`/`DROP` statements, one `CREATE TABLE`, multi-row `INSERT ... VALUES`
/// with NULL, numbers, `0x` hex and single-quoted strings with backslash escapes.
///
/// Written here because no library parses SQL dumps as a stream; memory is one row at a time.
package final class DumpRowReader {
    private let input: ByteReader
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

    /// Reads one statement up to `;` (quotes aware); for an INSERT, stops after `VALUES` and sets
    /// `columns`. Returns nil at the end.
    private func readStatementHead() throws -> String? {
        var text: [UInt8] = []
        while let b = try input.next() {
            if text.isEmpty && (b == 10 || b == 32) { continue }
            if text.isEmpty && b == UInt8(ascii: "-"), try input.peek() == UInt8(ascii: "-") {
                while let c = try input.next(), c != 10 {}
                continue
            }
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "`") {
                text.append(b)
                try copyQuoted(b, into: &text)
                continue
            }
            if b == UInt8(ascii: ";") { return String(decoding: text, as: UTF8.self) }
            text.append(b)
            if text.count >= 6 && text.starts(with: Array("INSERT".utf8)) && text.suffix(7).elementsEqual(" VALUES".utf8) {
                let head = String(decoding: text, as: UTF8.self)
                guard let open = head.firstIndex(of: "("), let close = head.lastIndex(of: ")") else { throw fail("INSERT without a column list") }
                columns = Self.identifiers(String(head[head.index(after: open)..<close]))
                inValues = true
                return head
            }
        }
        if !text.isEmpty && text.contains(where: { $0 != 10 && $0 != 32 }) { throw fail("statement without a final ';'") }
        return nil
    }

    private func copyQuoted(_ quote: UInt8, into text: inout [UInt8]) throws {
        while let c = try input.next() {
            text.append(c)
            if quote == UInt8(ascii: "'") && c == UInt8(ascii: "\\") {
                if let d = try input.next() { text.append(d) }
                continue
            }
            if c == quote {
                if try input.peek() == quote { text.append(try input.next()!); continue }
                return
            }
        }
        throw fail("unterminated quote")
    }

    /// Splits "`a`,`b``c`" into ["a", "b`c"].
    package static func identifiers(_ list: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inside = false
        var chars = Array(list)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "`" {
                if inside && i + 1 < chars.count && chars[i + 1] == "`" { current.append("`"); i += 2; continue }
                inside.toggle()
                if !inside { out.append(current); current = "" }
            } else if inside {
                current.append(c)
            }
            i += 1
        }
        chars.removeAll()
        return out
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
            // Expect "(" (possibly after a newline).
            guard var b = try input.next() else { throw fail("truncated in VALUES") }
            while b == 10 || b == 32 { b = try input.next() ?? 0 }
            guard b == UInt8(ascii: "(") else { throw fail("expected '(' in VALUES, found byte \(b)") }
            row.removeAll(keepingCapacity: true)
            while true {
                row.append(try readValue())
                guard let sep = try input.next() else { throw fail("truncated row") }
                if sep == UInt8(ascii: ",") { continue }
                if sep == UInt8(ascii: ")") { break }
                throw fail("unexpected byte \(sep) between values")
            }
            if row.count != columns.count { throw fail("a row has \(row.count) values for \(columns.count) columns") }
            // After a row: "," (more rows) or ";" (end of statement).
            guard let after = try input.next() else { throw fail("truncated after a row") }
            if after == UInt8(ascii: ";") { inValues = false }
            else if after != UInt8(ascii: ",") { throw fail("unexpected byte \(after) after a row") }
            return true
        }
    }

    private func readValue() throws -> DumpValue {
        guard let b = try input.peek() else { throw fail("truncated value") }
        switch b {
        case UInt8(ascii: "'"):
            _ = try input.next()
            var bytes: [UInt8] = []
            while true {
                try input.take(into: &bytes) { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\\") }
                guard let c = try input.next() else { throw fail("unterminated string") }
                if c == UInt8(ascii: "'") { return DumpValue(kind: .text, bytes: bytes) }
                guard let e = try input.next() else { throw fail("unterminated escape") }
                switch e {
                case UInt8(ascii: "0"): bytes.append(0)
                case UInt8(ascii: "n"): bytes.append(10)
                case UInt8(ascii: "r"): bytes.append(13)
                case UInt8(ascii: "Z"): bytes.append(26)
                default: bytes.append(e)
                }
            }
        case UInt8(ascii: "N"):
            for expected in "NULL".utf8 {
                guard try input.next() == expected else { throw fail("bad NULL") }
            }
            return .null
        case UInt8(ascii: "0") where true:
            var text: [UInt8] = []
            try input.take(into: &text) { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ")") }
            if text.count >= 2 && text[1] == UInt8(ascii: "x") {
                return DumpValue(kind: .binary, bytes: try Self.unhex(text.dropFirst(2)))
            }
            return DumpValue(kind: .number, bytes: text)
        default:
            var text: [UInt8] = []
            try input.take(into: &text) { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ")") }
            guard !text.isEmpty else { throw fail("empty value") }
            return DumpValue(kind: .number, bytes: text)
        }
    }

    private static func unhex(_ digits: ArraySlice<UInt8>) throws -> [UInt8] {
        func v(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = digits.startIndex
        while i + 1 < digits.endIndex + 1 && i < digits.endIndex {
            guard i + 1 < digits.endIndex, let h = v(digits[i]), let l = v(digits[i + 1]) else {
                throw SitesnapError.snapshotUnreadable(path: "dump", reason: "bad hex literal")
            }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }

    /// Reads what is left and returns the SHA-256 of the whole entry.
    package func finish() throws -> String { try input.drainAndHash() }
}
