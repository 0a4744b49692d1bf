import Foundation
import SitesnapSystem
@testable import SnapshotFormat
import XCTest

/// The one lexer of the dump grammar: each token kind, the values SQLLiteral writes, and tokens that
/// cross the reader's buffer ends.
final class DumpLexerTests: XCTestCase {
    /// The tokens of `text` with their raw bytes and (decoded) values, read in chunks of `chunk` bytes.
    private func lex(_ text: [UInt8], chunk: Int = 3) throws -> [(token: DumpLexer.Token, raw: String, value: [UInt8])] {
        var lexer = DumpLexer(ByteReader(ChunkedSource(text, chunk: chunk), capacity: 5, hashing: false))
        lexer.collecting = true
        lexer.decoding = true
        var out: [(DumpLexer.Token, String, [UInt8])] = []
        while let t = try lexer.next() {
            out.append((t, String(decoding: lexer.collected, as: UTF8.self), lexer.value))
            lexer.collected = []
        }
        return out
    }

    private func kinds(_ text: String) throws -> [DumpLexer.Token] { try lex(Array(text.utf8)).map(\.token) }

    func testTokenKinds() throws {
        let sql = "INSERT INTO `a``b` VALUES (-1,2.5e-3,.5,0x00fF,X'0a',0b101,b'11',NULL,'x',\"y\",null);"
        let tokens = try lex(Array(sql.utf8))
        XCTAssertEqual(tokens.map(\.raw).joined(), sql, "every byte belongs to one token")
        let solid = tokens.filter { $0.token != .space }
        XCTAssertEqual(solid.map(\.token), [.word, .word, .identifier, .word, .punctuation(40), .number, .punctuation(44), .number,
                                            .punctuation(44), .number, .punctuation(44), .hex, .punctuation(44), .hex, .punctuation(44),
                                            .bits, .punctuation(44), .bits, .punctuation(44), .null, .punctuation(44), .string,
                                            .punctuation(44), .string, .punctuation(44), .word, .punctuation(41), .end])
        XCTAssertEqual(solid[2].value, Array("a`b".utf8), "a doubled backquote is one")
        XCTAssertEqual(solid.map(\.raw)[5...9].filter { $0 != "," }, ["-1", "2.5e-3", ".5"])
        XCTAssertEqual(solid[11].value, [0x00, 0xff])
        XCTAssertEqual(solid[13].value, [0x0a])
        XCTAssertEqual(solid[15].value, [5])
        XCTAssertEqual(solid[17].value, [3])
        XCTAssertEqual(solid[21].value, Array("x".utf8))
        XCTAssertEqual(solid[23].value, Array("y".utf8))
    }

    func testCommentsOfEveryKind() throws {
        XCTAssertEqual(try kinds("a -- x; y\nb"), [.word, .space, .comment, .word])
        XCTAssertEqual(try kinds("a --x\nb"), [.word, .space, .comment, .word], "`--` is refused with or without a space")
        XCTAssertEqual(try kinds("a # x ' y\nb"), [.word, .space, .comment, .word])
        XCTAssertEqual(try kinds("a /* ; ' */ b"), [.word, .space, .comment, .space, .word], "quotes and ; inside a comment")
        XCTAssertEqual(try kinds("a */ b"), [.word, .space, .comment, .space, .word], "a stray end of comment")
        var lexer = DumpLexer(bytes: Array("/*!40101 SET NAMES utf8mb4 */;".utf8))
        XCTAssertEqual(try lexer.next(), .comment)
        XCTAssertTrue(lexer.executableComment)
        XCTAssertEqual(lexer.position, 29)
        XCTAssertEqual(try lexer.next(), .end)
        var open = DumpLexer(bytes: Array("/* never closed".utf8))
        XCTAssertEqual(try open.next(), .comment)
        XCTAssertTrue(open.unterminated)
    }

    func testSemicolonAndCommentEndInsideStrings() throws {
        let tokens = try lex(Array("'a;b*/c' `x;*/y` \"/*;\";".utf8))
        XCTAssertEqual(tokens.map(\.token), [.string, .space, .identifier, .space, .string, .end])
        XCTAssertEqual(tokens[0].value, Array("a;b*/c".utf8))
        XCTAssertEqual(tokens[2].value, Array("x;*/y".utf8))
        XCTAssertEqual(tokens[4].value, Array("/*;".utf8))
    }

    /// Every byte value, escaped by the dump writer, reads back as itself, whatever the chunk size.
    func testEveryByteInAStringReadsBack() throws {
        let all = [UInt8]((0...255).map { UInt8($0) })
        let literal = try Self.written(all + Array("\\".utf8))
        for chunk in [1, 2, 3, 7, 64, 1 << 16] {
            let tokens = try lex(literal, chunk: chunk)
            XCTAssertEqual(tokens.map(\.token), [.string], "chunk \(chunk)")
            XCTAssertEqual(tokens.first?.value, all + [UInt8(ascii: "\\")], "chunk \(chunk)")
            XCTAssertEqual(Array(tokens.first!.raw.utf8).count, String(decoding: literal, as: UTF8.self).utf8.count)
        }
    }

    func testBackslashAtTheEndOfAString() throws {
        let tokens = try lex(Array(#"'a\\','\\\\',"\\""#.utf8))
        XCTAssertEqual(tokens.map(\.token), [.string, .punctuation(44), .string, .punctuation(44), .string])
        XCTAssertEqual(tokens.map(\.value)[0], Array("a\\".utf8))
        XCTAssertEqual(tokens.map(\.value)[2], Array("\\\\".utf8))
        XCTAssertEqual(tokens.map(\.value)[4], Array("\\".utf8))
        var open = DumpLexer(bytes: Array(#"'a\'"#.utf8))
        XCTAssertEqual(try open.next(), .string)
        XCTAssertTrue(open.unterminated, "an escaped quote does not close the string")
    }

    func testStringFlags() throws {
        var lexer = DumpLexer(bytes: Array("'it''s' 'a\nb' 'c'".utf8))
        lexer.decoding = true
        XCTAssertEqual(try lexer.next(), .string)
        XCTAssertEqual(lexer.value, Array("it's".utf8))
        XCTAssertTrue(lexer.doubledQuote)
        _ = try lexer.next()
        XCTAssertEqual(try lexer.next(), .string)
        XCTAssertTrue(lexer.rawNewline)
        XCTAssertFalse(lexer.doubledQuote)
        _ = try lexer.next()
        XCTAssertEqual(try lexer.next(), .string)
        XCTAssertFalse(lexer.rawNewline)
    }

    func testHexAndBitLiterals() throws {
        func value(_ s: String) throws -> (DumpLexer.Token?, [UInt8], Bool) {
            var lexer = DumpLexer(bytes: Array(s.utf8))
            lexer.decoding = true
            let t = try lexer.next()
            return (t, lexer.value, lexer.malformed)
        }
        XCTAssertEqual(try value("0x").1, [])
        XCTAssertEqual(try value("0xABCDEF0123456789").1, [0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89])
        XCTAssertTrue(try value("0xABC").2, "odd digits")
        XCTAssertTrue(try value("X'AB").2, "not closed")
        XCTAssertEqual(try value("b'1010101010'").1, [0b10, 0b10101010])
        XCTAssertEqual(try value("0b1").1, [1])
        XCTAssertEqual(try value("xyz").0, .word)
        XCTAssertEqual(try value("0.5").0, .number)
    }

    func testNumbersAndMinus() throws {
        XCTAssertEqual(try kinds("-1.5e-10"), [.number])
        XCTAssertEqual(try kinds("1e308"), [.number])
        XCTAssertEqual(try kinds("a-b"), [.word, .punctuation(45), .word])
        XCTAssertEqual(try kinds("1--1"), [.number, .comment], "`--` is always a comment here (refused, never read as minus minus)")
    }

    func testAVeryLongStringCrossesEveryBuffer() throws {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20) + Array("\\'\\n".utf8)
        let text = [UInt8(ascii: "'")] + body + [UInt8(ascii: "'"), UInt8(ascii: ";")]
        var lexer = DumpLexer(ByteReader(ChunkedSource(text, chunk: 100_000), hashing: false))
        lexer.decoding = true
        XCTAssertEqual(try lexer.next(), .string)
        XCTAssertEqual(lexer.value.count, 3 << 20 + 2)
        XCTAssertEqual(lexer.value.suffix(2), [UInt8(ascii: "'"), 10])
        XCTAssertEqual(try lexer.next(), .end)
        XCTAssertNil(try lexer.next())
    }

    func testAStatementLongerThanTheLimitIsRefused() throws {
        let text = Array("SELECT '".utf8) + [UInt8](repeating: 97, count: 5000) + Array("';".utf8)
        var lexer = DumpLexer(ByteReader(ChunkedSource(text, chunk: 512), hashing: false))
        lexer.limit = 1000
        XCTAssertThrowsError(try lexer.statement())
    }

    /// `SQLLiteral.appendQuoted(bytes)` as the dump writer writes it.
    static func written(_ bytes: [UInt8]) throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "/sitesnap-lexer-\(getpid())-\(UUID().uuidString)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { unlink(path) }
        let out = HashingWriter(fd: fd, path: path)
        bytes.withUnsafeBytes { SQLLiteral.appendQuoted($0, to: out) }
        _ = try out.finish()
        close(fd)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
