import SitesnapSystem
/// Splits a dump into statements as the `mariadb` client does for sitesnap's dumps: a statement ends at
/// the delimiter (`;`, or what a `DELIMITER` line sets) outside quotes; `-- ` comment lines between
/// statements are skipped. Streams: memory is one statement (at most the dump's statement size).
package final class SQLStatementReader {
    private let input: ByteReader
    private var delimiter: [UInt8] = [UInt8(ascii: ";")]
    /// 1-based number of the last statement returned.
    package private(set) var number = 0
    /// Largest statement accepted, bytes (sitesnap writes ≤ 1 MiB, or one row; MariaDB's
    /// max_allowed_packet is at most 1 GiB): a larger one is refused before it fills memory.
    package static let maxStatement = 256 << 20

    /// `firstNumber`: the number of the statement before the first one read (for a part of a dump).
    /// `hashing`: keep a SHA-256 of what is read (`finishHash()`); off when the bytes were checked.
    package init(source: ByteSource, firstNumber: Int = 0, hashing: Bool = true) {
        input = ByteReader(source, hashing: hashing)
        number = firstNumber
    }

    /// Bytes consumed so far: after `next()`, the offset just past the statement's delimiter.
    package var position: Int64 { input.position }

    /// Reads the rest of the source; returns the SHA-256 (hex) of everything read.
    package func finishHash() throws -> String { try input.drainAndHash() }

    /// The next statement's bytes (without the delimiter), or nil at the end.
    /// - Throws: `SitesnapError.snapshotUnreadable` for an unterminated quote or an oversized statement.
    package func next() throws -> [UInt8]? {
        let dash = UInt8(ascii: "-"), backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`")
        let single = UInt8(ascii: "'"), double = UInt8(ascii: "\"")
        // Whitespace and `-- ` comment lines before the statement.
        var s: [UInt8] = []
        while let b = try input.peek() {
            if b == 10 || b == 13 || b == 32 || b == 9 { _ = try input.next(); continue }
            guard b == dash else { break }
            _ = try input.next()
            guard try input.peek() == dash else { s.append(dash); break }
            while let c = try input.next(), c != 10 {}
        }
        if try s.isEmpty && input.peek() == nil { return nil }
        // A client command, not SQL: `DELIMITER ;;` sets what ends the next statements.
        if try startsWithDelimiterCommand(&s) {
            try input.take(into: &s, limit: Self.maxStatement) { $0 == 10 }
            _ = try input.next()
            let value = String(decoding: s.dropFirst(Self.command.count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty { delimiter = Array(value.utf8) }
            return try next()
        }
        let last = delimiter[delimiter.count - 1]
        var quote: UInt8 = 0
        while true {
            // Runs of ordinary bytes are copied in bulk; only quotes, escapes and the delimiter's last
            // byte are looked at one by one.
            if quote == 0 {
                try input.take(into: &s, limit: Self.maxStatement + 1) { $0 == last || $0 == single || $0 == double || $0 == backtick }
            } else {
                let q = quote
                try input.take(into: &s, limit: Self.maxStatement + 1) { $0 == q || ($0 == backslash && q != backtick) }
            }
            if s.count > Self.maxStatement {
                throw SitesnapError.snapshotUnreadable(path: "dump", reason: "statement \(number + 1) is larger than \(Self.maxStatement >> 20) MiB: not a sitesnap dump")
            }
            guard let b = try input.next() else { break }
            s.append(b)
            if quote != 0 {
                if b == backslash && quote != backtick {
                    if let n = try input.next() { s.append(n) }
                } else if b == quote {
                    quote = 0
                }
            } else if b == single || b == double || b == backtick {
                quote = b
            } else if s.count >= delimiter.count && s.suffix(delimiter.count).elementsEqual(delimiter) {
                number += 1
                s.removeLast(delimiter.count)
                return s
            }
        }
        if quote != 0 { throw SitesnapError.snapshotUnreadable(path: "dump", reason: "unterminated quote in statement \(number + 1)") }
        if s.isEmpty { return nil }
        number += 1
        return s
    }

    private static let command = Array("DELIMITER ".utf8)

    /// Reads (into `s`) as many bytes as `DELIMITER ` has, or fewer at the end, and tells whether they
    /// are that command (any letter case).
    private func startsWithDelimiterCommand(_ s: inout [UInt8]) throws -> Bool {
        while s.count < Self.command.count, let b = try input.peek(), b != 10 {
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`") || b == delimiter[0] { break }
            s.append(b)
            _ = try input.next()
        }
        return s.count == Self.command.count && zip(s, Self.command).allSatisfy { ($0 >= 97 && $0 <= 122 ? $0 - 32 : $0) == $1 }
    }
}
