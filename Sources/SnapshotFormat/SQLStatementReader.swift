import SitesnapSystem
/// Splits a dump into statements as the `mariadb` client does for sitesnap's dumps (the rules are
/// `DumpLexer.statement()`'s): a statement ends at the delimiter (`;`, or what a `DELIMITER` line sets)
/// outside quotes; `-- ` comment lines between statements are skipped. Streams: memory is one
/// statement (at most the dump's statement size).
package final class SQLStatementReader {
    // Unchecked: every token goes through this property, and a dynamic exclusivity check per access
    // cost a third of diff-db's time (perf); the reader is used by one thread, never re-entrantly.
    @exclusivity(unchecked) private var lexer: DumpLexer
    private let input: ByteReader
    /// 1-based number of the last statement returned.
    package private(set) var number = 0
    /// Largest statement accepted, bytes (sitesnap writes ≤ 1 MiB, or one row; MariaDB's
    /// max_allowed_packet is at most 1 GiB): a larger one is refused before it fills memory.
    package static let maxStatement = 256 << 20

    /// `firstNumber`: the number of the statement before the first one read (for a part of a dump).
    /// `hashing`: keep a SHA-256 of what is read (`finishHash()`); off when the bytes were checked.
    package init(source: ByteSource, firstNumber: Int = 0, hashing: Bool = true) {
        input = ByteReader(source, hashing: hashing)
        lexer = DumpLexer(input)
        lexer.limit = Self.maxStatement
        number = firstNumber
    }

    /// Bytes consumed so far: after `next()`, the offset just past the statement's delimiter.
    package var position: Int64 { lexer.position }

    /// Reads the rest of the source; returns the SHA-256 (hex) of everything read.
    package func finishHash() throws -> String { try input.drainAndHash() }

    /// The next statement's bytes (without the delimiter), or nil at the end.
    /// - Throws: `SitesnapError.snapshotUnreadable` for an unterminated quote or an oversized statement.
    package func next() throws -> [UInt8]? {
        lexer.statementNumber = number + 1
        guard try lexer.statement() else { return nil }
        number += 1
        return lexer.collected
    }
}
