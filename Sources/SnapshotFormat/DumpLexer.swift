import Foundation
import SitesnapSystem

/// The one lexer of the dump grammar (docs/snapshot-format.md; docs/design.md, "The dump lexer"):
/// `SQLStatementReader` (statements), `DumpRowReader` (rows), `DumpKind` (what a restore runs) and the
/// LOAD DATA shape check all read dumps through it, so each rule of the grammar is written here once.
///
/// Tokens, as MariaDB's own lexer reads them in sitesnap's session (backslash escapes on):
/// `'...'` and `"..."` strings with backslash escapes (`SQLLiteral`'s `\0 \n \r \Z \\ \' \"`; another
/// escaped byte stands for itself) and a doubled quote standing for one; `` `...` `` identifiers (a
/// doubled backquote is one); comments: `--` and `#` to the end of the line, `/* ... */` and
/// `/*! ... */` (a stray `*/` is lexed as a comment too, so checks refuse it like one); numbers
/// (`-1`, `2.5e-3`, `.5`); hex (`0xFF`, `X'FF'`) and bit (`0b101`, `b'101'`) literals; `NULL`; words;
/// whitespace runs; `;` (the end of a statement); any other byte is punctuation.
///
/// Streams over a `ByteReader`: memory is the token's bytes, and only when asked (`collecting`,
/// `decoding`). Written here because no Swift library lexes MariaDB's SQL, let alone as a stream.
package struct DumpLexer {
    package enum Token: Equatable {
        case string, identifier, comment, number, hex, bits, null, word, space, end
        case punctuation(UInt8)
    }

    let input: ByteReader
    /// Append the raw bytes of every token read to `collected` (the caller empties it).
    package var collecting = false
    package var collected: [UInt8] = []
    /// Fill `value` with each token's meaning: a string unescaped, an identifier's name, a hex or bit
    /// literal's bytes, a number's text. A word's text is always there.
    package var decoding = false
    package private(set) var value: [UInt8] = []
    /// Largest `collected` accepted (`SitesnapError.snapshotUnreadable` beyond).
    package var limit = Int.max
    /// Source offset where the last token started.
    package private(set) var tokenStart: Int64 = 0
    /// The last string held a raw newline / a doubled quote; the last string, identifier or comment
    /// ran to the end of the input without its closing quote or `*/`; the last hex or bit literal had
    /// a digit count that does not make whole bytes, or a digit of another base.
    package private(set) var rawNewline = false, doubledQuote = false, unterminated = false, malformed = false
    /// The last comment was `/*! ... */` (or `/*M! ... */`): code to MariaDB, a comment to other servers.
    package private(set) var executableComment = false
    /// The delimiter `statement()` ends statements at (`DELIMITER` changes it).
    package private(set) var delimiter: [UInt8] = [UInt8(ascii: ";")]

    package init(_ input: ByteReader) { self.input = input }

    /// A lexer over `bytes` in memory (one statement); `tokenStart` and `position` are offsets in it.
    package init(bytes: [UInt8]) { self.init(ByteReader(bytes: bytes)) }

    /// Bytes consumed so far (the offset just past the last token).
    package var position: Int64 { windowStart + Int64(cursor) }

    // MARK: the window
    // The lexer keeps its own cursor over the reader's buffer (a struct's fields, not a class's, so
    // the hot loops carry no exclusivity checks); the reader only refills.

    private var window = UnsafeRawBufferPointer(start: nil, count: 0)
    private var cursor = 0
    /// Source offset of `window`'s first byte.
    private var windowStart: Int64 = 0

    private mutating func refill() throws -> Bool {
        guard let chunk = try input.takeChunk() else { return false }
        window = chunk
        cursor = 0
        windowStart = input.totalRead - Int64(chunk.count)
        return true
    }

    @inline(__always) mutating func peekByte() throws -> UInt8? {
        if cursor == window.count { guard try refill() else { return nil } }
        return window[cursor]
    }

    @inline(__always) mutating func nextByte() throws -> UInt8? {
        if cursor == window.count { guard try refill() else { return nil } }
        cursor += 1
        return window[cursor - 1]
    }

    /// Consumes and keeps bytes up to (not including) the first for which `stop` is true, at most one
    /// buffer at a time.
    @inline(__always) mutating func scan(until stop: (UInt8) -> Bool) throws -> ByteReader.ScanStop {
        if cursor == window.count { guard try refill() else { return .end } }
        var i = cursor
        let n = window.count
        while i < n && !stop(window[i]) { i += 1 }
        if i > cursor { keep(UnsafeRawBufferPointer(rebasing: window[cursor..<i])) }
        cursor = i
        return i < n ? .byte(window[i]) : .chunk
    }

    // MARK: bytes

    enum Class: UInt8 { case other, space, digit, word, quote, backtick, dash, slash, hash, star, dot, semicolon }

    @inline(__always) static func kind(_ b: UInt8) -> Class {
        switch b {
        case 32, 9, 10, 13, 11, 12: return .space
        case 48...57: return .digit
        case 65...90, 97...122, UInt8(ascii: "_"), UInt8(ascii: "$"), 128...255: return .word
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return .quote
        case UInt8(ascii: "`"): return .backtick
        case UInt8(ascii: "-"): return .dash
        case UInt8(ascii: "/"): return .slash
        case UInt8(ascii: "#"): return .hash
        case UInt8(ascii: "*"): return .star
        case UInt8(ascii: "."): return .dot
        case UInt8(ascii: ";"): return .semicolon
        default: return .other
        }
    }

    /// What the byte after a backslash in a string stands for.
    @inline(__always) static func unescaped(_ b: UInt8) -> UInt8 {
        switch b {
        case UInt8(ascii: "0"): return 0
        case UInt8(ascii: "n"): return 10
        case UInt8(ascii: "r"): return 13
        case UInt8(ascii: "Z"): return 26
        default: return b
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }

    @inline(__always) mutating func keep(_ run: UnsafeRawBufferPointer) {
        if collecting { collected.append(contentsOf: run) }
        if decoding { value.append(contentsOf: run) }
    }

    @inline(__always) mutating func keepRaw(_ b: UInt8) { if collecting { collected.append(b) } }

    /// Consumes the next byte if it is `b`.
    @inline(__always) mutating func consume(_ b: UInt8) throws -> Bool {
        guard try peekByte() == b else { return false }
        _ = try nextByte()
        keepRaw(b)
        return true
    }

    /// The 1-based number of the statement being read, for messages.
    package var statementNumber = 1

    func checkLimit() throws {
        if collected.count > limit {
            throw SitesnapError.snapshotUnreadable(path: "dump", reason: "statement \(statementNumber) is larger than \(limit >> 20) MiB: not a sitesnap dump")
        }
    }

    // MARK: tokens

    /// The next token, or nil at the end of the input.
    package mutating func next() throws -> Token? {
        tokenStart = position
        guard let b = try nextByte() else { return nil }
        keepRaw(b)
        // A new array, not emptied in place: the caller may hold the last value (a row's).
        if decoding { value = [] }
        switch Self.kind(b) {
        case .space:
            try run { Self.kind($0) == .space }
            return .space
        case .quote:
            try quoted(b)
            return .string
        case .backtick:
            try quoted(b)
            return .identifier
        case .digit:
            return try number(first: b)
        case .word:
            return try word(first: b)
        case .dash:
            if try consume(UInt8(ascii: "-")) { try lineComment(); return .comment }
            if let c = try peekByte(), Self.isDigit(c) || c == UInt8(ascii: ".") { return try number(first: b) }
        case .hash:
            try lineComment()
            return .comment
        case .slash:
            if try consume(UInt8(ascii: "*")) { try blockComment(); return .comment }
        case .star:
            if try consume(UInt8(ascii: "/")) { executableComment = false; return .comment }
        case .dot:
            if let c = try peekByte(), Self.isDigit(c) { return try number(first: b) }
        case .semicolon:
            return .end
        case .other:
            break
        }
        return .punctuation(b)
    }

    /// Consumes bytes while `accept` holds (kept as the token's bytes).
    @inline(__always) mutating func run(while accept: (UInt8) -> Bool) throws {
        while case .chunk = try scan(until: { !accept($0) }) {}
    }

    /// A string's or identifier's body after its opening quote `q`, through the closing one.
    /// Backquotes have no escapes. Sets `rawNewline`, `doubledQuote`, `unterminated`.
    mutating func quoted(_ q: UInt8) throws {
        let backslash = UInt8(ascii: "\\")
        let escapes = q != UInt8(ascii: "`")
        rawNewline = false; doubledQuote = false; unterminated = false
        while true {
            let stop = try scan(until: { $0 == q || ($0 == backslash && escapes) || $0 == 10 })
            try checkLimit()
            guard case .byte(let b) = stop else {
                if stop == .end { unterminated = true; return }
                continue
            }
            _ = try nextByte()
            keepRaw(b)
            if b == 10 {
                rawNewline = true
                if decoding { value.append(b) }
            } else if b == backslash {
                guard let e = try nextByte() else { unterminated = true; return }
                keepRaw(e)
                if decoding { value.append(Self.unescaped(e)) }
            } else if try consume(q) {
                doubledQuote = true
                if decoding { value.append(q) }
            } else {
                return
            }
        }
    }

    /// `--` or `#` consumed: the rest of the line, with its newline.
    mutating func lineComment() throws {
        executableComment = false
        try run { $0 != 10 }
        _ = try consume(10)
    }

    /// `/*` consumed: through the closing `*/`.
    mutating func blockComment() throws {
        executableComment = try peekByte() == UInt8(ascii: "!") || peekByte() == UInt8(ascii: "M")
        unterminated = false
        let star = UInt8(ascii: "*")
        while true {
            let stop = try scan(until: { $0 == star })
            try checkLimit()
            if stop == .end { unterminated = true; return }
            guard stop == .byte(star) else { continue }
            _ = try nextByte()
            keepRaw(star)
            if try consume(UInt8(ascii: "/")) { return }
        }
    }

    /// A number whose first byte (a digit, `-` or `.`) was consumed; `0x`/`0b` start hex and bit literals.
    mutating func number(first: UInt8) throws -> Token {
        if first == UInt8(ascii: "0") {
            if try consume(UInt8(ascii: "x")) { try digits(bitsPerDigit: 4, until: nil); return .hex }
            if try consume(UInt8(ascii: "b")) { try digits(bitsPerDigit: 1, until: nil); return .bits }
        }
        if decoding { value.append(first) }
        var exponent = false
        while let c = try peekByte() {
            let sign = c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            guard Self.isDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || (sign && exponent) else { break }
            _ = try nextByte()
            keepRaw(c)
            if decoding { value.append(c) }
            exponent = c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
        }
        return .number
    }

    /// The digits of a hex (4 bits each) or bit (1) literal, decoded into `value` as bytes (a partial
    /// first byte is filled from the left with zeros); `until`: the closing quote of `X'..'`/`b'..'`.
    mutating func digits(bitsPerDigit: Int, until close: UInt8?) throws {
        malformed = false
        var bits: [UInt8] = []
        while let c = try peekByte(), let v = bitsPerDigit == 4 ? Self.hexValue(c) : (c == 48 || c == 49 ? c - 48 : nil) {
            _ = try nextByte()
            keepRaw(c)
            bits.append(v)
        }
        if let close, !(try consume(close)) { malformed = true }
        let perByte = 8 / bitsPerDigit
        if bitsPerDigit == 4 && bits.count % 2 != 0 { malformed = true }
        guard decoding else { return }
        let pad = (perByte - bits.count % perByte) % perByte
        var acc: UInt8 = 0, n = pad
        for v in bits {
            acc = acc << bitsPerDigit | v
            n += 1
            if n == perByte { value.append(acc); acc = 0; n = 0 }
        }
    }

    /// A word whose first byte was consumed: `NULL`, `X'..'`/`b'..'` literals, or any other word.
    mutating func word(first: UInt8) throws -> Token {
        let quote = UInt8(ascii: "'")
        if first | 0x20 == UInt8(ascii: "x"), try consume(quote) { try digits(bitsPerDigit: 4, until: quote); return .hex }
        if first | 0x20 == UInt8(ascii: "b"), try consume(quote) { try digits(bitsPerDigit: 1, until: quote); return .bits }
        if !decoding { value.removeAll(keepingCapacity: true) }
        value.append(first)
        let decodes = decoding
        decoding = true
        defer { decoding = decodes }
        while case .chunk = try scan(until: { let k = Self.kind($0); return k != .word && k != .digit }) {}
        return value.count == 4 && value[0] == 78 && value[1] == 85 && value[2] == 76 && value[3] == 76 ? .null : .word
    }


    // MARK: statements

    /// Reads the next statement into `collected` (a new array), without its delimiter, as the `mariadb`
    /// client splits sitesnap's dumps: it ends at the delimiter outside strings and identifiers (not
    /// comments: a table dump has none, and the checks refuse any); whitespace and `--` comment lines
    /// before it are skipped; a `DELIMITER x` line sets the delimiter of the statements after it.
    /// Returns false at the end. Runs of plain bytes are copied in bulk (the restore's hot loop).
    /// - Throws: `SitesnapError.snapshotUnreadable` for an unterminated quote or a statement over `limit`.
    package mutating func statement() throws -> Bool {
        decoding = false
        collecting = false
        collected = []
        let dash = UInt8(ascii: "-")
        while let b = try peekByte() {
            if Self.kind(b) == .space { _ = try nextByte(); continue }
            guard b == dash else { break }
            _ = try nextByte()
            guard try peekByte() == dash else { collected.append(dash); break }
            try lineComment()
        }
        collecting = true
        if try collected.isEmpty && peekByte() == nil { return false }
        if try delimiterCommand() { return try statement() }
        let last = delimiter[delimiter.count - 1]
        while true {
            let stop = try scan(until: { $0 == last || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "`") })
            try checkLimit()
            guard case .byte(let b) = stop else {
                if stop == .end { break }
                continue
            }
            _ = try nextByte()
            collected.append(b)
            if Self.kind(b) == .quote || Self.kind(b) == .backtick {
                try quoted(b)
                if unterminated { throw SitesnapError.snapshotUnreadable(path: "dump", reason: "unterminated quote in statement \(statementNumber)") }
            } else if collected.count >= delimiter.count, collected.suffix(delimiter.count).elementsEqual(delimiter) {
                collected.removeLast(delimiter.count)
                return true
            }
        }
        return !collected.isEmpty
    }

    private static let delimiterWord = Array("DELIMITER ".utf8)

    /// Whether the statement starting in `collected` is the client command `DELIMITER x` (any letter
    /// case), which is then read to the end of its line and applied.
    private mutating func delimiterCommand() throws -> Bool {
        let word = Self.delimiterWord
        while collected.count < word.count, let b = try peekByte(), b != 10 {
            if Self.kind(b) == .quote || Self.kind(b) == .backtick || b == delimiter[0] { break }
            collected.append(try nextByte()!)
        }
        guard collected.count == word.count, zip(collected, word).allSatisfy({ ($0 >= 97 && $0 <= 122 ? $0 - 32 : $0) == $1 }) else { return false }
        try run { $0 != 10 }
        _ = try nextByte()
        let text = String(decoding: collected.dropFirst(word.count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { delimiter = Array(text.utf8) }
        return true
    }
}
