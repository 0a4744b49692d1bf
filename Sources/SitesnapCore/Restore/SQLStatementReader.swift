/// Splits a dump into statements as the `mariadb` client does for sitesnap's dumps: a statement ends at
/// the delimiter (`;`, or what a `DELIMITER` line sets) outside quotes; `-- ` comment lines between
/// statements are skipped. Streams: memory is one statement (at most the dump's statement size).
final class SQLStatementReader {
    private let input: ByteReader
    private var delimiter: [UInt8] = [UInt8(ascii: ";")]
    /// 1-based number of the last statement returned.
    private(set) var number = 0
    /// Largest statement accepted, bytes (sitesnap writes ≤ 1 MiB, or one row; MariaDB's
    /// max_allowed_packet is at most 1 GiB): a larger one is refused before it fills memory.
    static let maxStatement = 256 << 20

    init(source: ByteSource) { input = ByteReader(source) }

    /// The next statement's bytes (without the delimiter), or nil at the end.
    /// - Throws: `SitesnapError.snapshotUnreadable` for an unterminated quote.
    func next() throws -> [UInt8]? {
        var s: [UInt8] = []
        var quote: UInt8 = 0
        let command = Array("DELIMITER ".utf8)
        func isDelimiterCommand() -> Bool {
            s.count >= command.count && zip(s.prefix(command.count), command).allSatisfy { ($0 >= 97 && $0 <= 122 ? $0 - 32 : $0) == $1 }
        }
        while let b = try input.next() {
            if quote == 0 && s.isEmpty {
                if b == 10 || b == 13 || b == 32 || b == 9 { continue }
                if b == UInt8(ascii: "-"), try input.peek() == UInt8(ascii: "-") {
                    while let c = try input.next(), c != 10 {}
                    continue
                }
            }
            s.append(b)
            if s.count > Self.maxStatement {
                throw SitesnapError.snapshotUnreadable(path: "dump", reason: "statement \(number + 1) is larger than \(Self.maxStatement >> 20) MiB: not a sitesnap dump")
            }
            if quote != 0 {
                if b == UInt8(ascii: "\\") && quote != UInt8(ascii: "`") {
                    if let n = try input.next() { s.append(n) }
                } else if b == quote {
                    quote = 0
                }
                continue
            }
            if isDelimiterCommand() {
                // A client command, not SQL: `DELIMITER ;;` sets what ends the next statements.
                if b == 10 {
                    delimiter = Array(String(decoding: s.dropFirst(command.count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
                    s.removeAll()
                }
                continue
            }
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`") { quote = b; continue }
            if s.count >= delimiter.count && s.suffix(delimiter.count).elementsEqual(delimiter) {
                number += 1
                return Array(s.dropLast(delimiter.count))
            }
        }
        if quote != 0 { throw SitesnapError.snapshotUnreadable(path: "dump", reason: "unterminated quote in statement \(number + 1)") }
        if s.isEmpty || isDelimiterCommand() { return nil }
        number += 1
        return s
    }
}

import Foundation
