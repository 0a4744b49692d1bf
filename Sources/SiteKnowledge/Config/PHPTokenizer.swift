/// Splits PHP source into tokens, the way PHP's own lexer does for the subset config files use
/// (PHP manual, "Tokens", "Strings", "Comments"): tags, inline HTML, comments (dropped), single- and
/// double-quoted strings with their escapes, heredoc/nowdoc, numbers, variables, names and operators.
///
/// Written here because no Swift library tokenizes PHP; config files are small (kilobytes), so the
/// whole file is read at once.
package struct PHPTokenizer {
    private let src: [UInt8]
    private var i = 0
    private var line = 1
    private(set) var tokens: [PHPToken] = []

    /// Tokenizes `source`.
    /// - Throws: `PHPSyntaxError` for an unterminated string or comment.
    package static func tokenize(_ source: [UInt8]) throws -> [PHPToken] {
        var t = PHPTokenizer(src: source)
        try t.run()
        return t.tokens
    }

    private init(src: [UInt8]) { self.src = src }

    private func peek(_ k: Int = 0) -> UInt8? { i + k < src.count ? src[i + k] : nil }

    private func starts(with s: String, caseInsensitive: Bool = false) -> Bool {
        let b = Array(s.utf8)
        guard i + b.count <= src.count else { return false }
        for (k, c) in b.enumerated() {
            var x = src[i + k]
            if caseInsensitive, x >= 65, x <= 90 { x += 32 }
            if x != c { return false }
        }
        return true
    }

    private mutating func advance(_ n: Int = 1) {
        for _ in 0..<n where i < src.count {
            if src[i] == 10 { line += 1 }
            i += 1
        }
    }

    private mutating func emit(_ kind: PHPToken.Kind, from start: Int, line startLine: Int) {
        tokens.append(PHPToken(kind: kind, range: start..<i, line: startLine))
    }

    private mutating func run() throws {
        while i < src.count {
            // Outside PHP: inline HTML up to `<?php` or `<?=`.
            let start = i, startLine = line
            while i < src.count, !(starts(with: "<?php", caseInsensitive: true) || starts(with: "<?=")) { advance() }
            if i > start { emit(.inlineHTML, from: start, line: startLine) }
            if i >= src.count { return }
            let tagStart = i, tagLine = line
            advance(starts(with: "<?=") ? 3 : 5)
            emit(.openTag, from: tagStart, line: tagLine)
            try php()
        }
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 128
    }
    private static func isNameChar(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 48 && c <= 57) }

    /// Tokens until `?>` or the end of the file.
    private mutating func php() throws {
        while let c = peek() {
            let start = i, startLine = line
            switch c {
            case 32, 9, 10, 13:
                advance()
            case UInt8(ascii: "?") where peek(1) == UInt8(ascii: ">"):
                advance(2)
                if peek() == 10 { advance() }  // PHP eats one newline after ?>
                emit(.closeTag, from: start, line: startLine)
                return
            case UInt8(ascii: "#") where peek(1) != UInt8(ascii: "["):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                advance(2)
                while i < src.count, !starts(with: "*/") { advance() }
                guard i < src.count else { throw PHPSyntaxError(line: startLine, message: "unterminated /* comment") }
                advance(2)
            case UInt8(ascii: "'"):
                let s = try singleQuoted()
                emit(.string(s, interpolated: false), from: start, line: startLine)
            case UInt8(ascii: "\""):
                let (s, interp) = try doubleQuoted()
                emit(.string(s, interpolated: interp), from: start, line: startLine)
            case UInt8(ascii: "<") where starts(with: "<<<"):
                let (s, interp) = try heredoc()
                emit(.string(s, interpolated: interp), from: start, line: startLine)
            case UInt8(ascii: "$") where peek(1).map(Self.isNameStart) == true:
                advance()
                let nameStart = i
                while let d = peek(), Self.isNameChar(d) { advance() }
                emit(.variable(String(decoding: src[nameStart..<i], as: UTF8.self)), from: start, line: startLine)
            case 48...57:
                emit(number(), from: start, line: startLine)
            case UInt8(ascii: ".") where peek(1).map({ $0 >= 48 && $0 <= 57 }) == true:
                emit(number(), from: start, line: startLine)
            case _ where Self.isNameStart(c) || c == UInt8(ascii: "\\"):
                while let d = peek(), Self.isNameChar(d) || d == UInt8(ascii: "\\") { advance() }
                emit(.identifier(String(decoding: src[start..<i], as: UTF8.self)), from: start, line: startLine)
            default:
                for op in ["===", "!==", "??=", "<=>", "...", "**=", "=>", "::", "->", "==", "!=", "<=", ">=", "&&", "||",
                           "??", ".=", "+=", "-=", "*=", "/=", "<<", ">>", "++", "--", "**"] where starts(with: op) {
                    advance(op.utf8.count)
                    emit(.punct(op), from: start, line: startLine)
                    break
                }
                if i == start {
                    advance()
                    emit(.punct(String(UnicodeScalar(c))), from: start, line: startLine)
                }
            }
        }
    }

    /// A `//` or `#` comment ends at a newline — `\n`, or a bare `\r` as in PHP's lexer — or at `?>`.
    private mutating func skipLineComment() {
        while let c = peek(), c != 10, c != 13 {
            if starts(with: "?>") { return }
            advance()
        }
    }

    private mutating func singleQuoted() throws -> String {
        let startLine = line
        advance()
        var out: [UInt8] = []
        while let c = peek() {
            if c == UInt8(ascii: "\\"), let n = peek(1), n == UInt8(ascii: "'") || n == UInt8(ascii: "\\") {
                out.append(n)
                advance(2)
            } else if c == UInt8(ascii: "'") {
                advance()
                return String(decoding: out, as: UTF8.self)
            } else {
                out.append(c)
                advance()
            }
        }
        throw PHPSyntaxError(line: startLine, message: "unterminated single-quoted string")
    }

    private mutating func doubleQuoted() throws -> (String, Bool) {
        let startLine = line
        advance()
        var out: [UInt8] = []
        var interpolated = false
        while let c = peek() {
            if c == UInt8(ascii: "\"") {
                advance()
                return (String(decoding: out, as: UTF8.self), interpolated)
            }
            if c == UInt8(ascii: "$"), let n = peek(1), Self.isNameStart(n) || n == UInt8(ascii: "{") { interpolated = true }
            if c == UInt8(ascii: "{"), peek(1) == UInt8(ascii: "$") { interpolated = true }
            if c == UInt8(ascii: "\\") {
                decodeEscape(into: &out)
            } else {
                out.append(c)
                advance()
            }
        }
        throw PHPSyntaxError(line: startLine, message: "unterminated double-quoted string")
    }

    /// Decodes one backslash escape of a double-quoted string or heredoc (PHP manual, "Double quoted").
    private mutating func decodeEscape(into out: inout [UInt8]) {
        guard let n = peek(1) else { out.append(UInt8(ascii: "\\")); advance(); return }
        let simple: [UInt8: UInt8] = [UInt8(ascii: "n"): 10, UInt8(ascii: "t"): 9, UInt8(ascii: "r"): 13,
                                      UInt8(ascii: "v"): 11, UInt8(ascii: "e"): 27, UInt8(ascii: "f"): 12,
                                      UInt8(ascii: "\\"): 92, UInt8(ascii: "$"): 36, UInt8(ascii: "\""): 34]
        if let v = simple[n] { out.append(v); advance(2); return }
        func hexValue(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 65...70: return c - 55
            case 97...102: return c - 87
            default: return nil
            }
        }
        if n >= 48 && n <= 55 {  // octal \[0-7]{1,3}
            advance()
            var v = 0, k = 0
            while k < 3, let d = peek(), d >= 48, d <= 55 { v = v * 8 + Int(d - 48); advance(); k += 1 }
            out.append(UInt8(v & 0xff))
            return
        }
        if n == UInt8(ascii: "x"), let h = peek(2).flatMap(hexValue) {
            advance(3)
            var v = Int(h)
            if let h2 = peek().flatMap(hexValue) { v = v * 16 + Int(h2); advance() }
            out.append(UInt8(v))
            return
        }
        if n == UInt8(ascii: "u"), peek(2) == UInt8(ascii: "{") {
            var j = i + 3, v: UInt32 = 0
            while j < src.count, let h = hexValue(src[j]) { v = v * 16 + UInt32(h); j += 1 }
            if j < src.count, src[j] == UInt8(ascii: "}"), let scalar = Unicode.Scalar(v) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                advance(j + 1 - i)
                return
            }
        }
        out.append(UInt8(ascii: "\\"))
        advance()
    }

    private mutating func heredoc() throws -> (String, Bool) {
        let startLine = line
        advance(3)
        while peek() == 32 || peek() == 9 { advance() }
        var nowdoc = false, quoted = false
        if peek() == UInt8(ascii: "'") { nowdoc = true; advance() } else if peek() == UInt8(ascii: "\"") { quoted = true; advance() }
        let labelStart = i
        while let d = peek(), Self.isNameChar(d) { advance() }
        let label = Array(src[labelStart..<i])
        if nowdoc || quoted { advance() }
        guard !label.isEmpty else { throw PHPSyntaxError(line: startLine, message: "bad heredoc label") }
        while let c = peek(), c != 10 { advance() }
        advance()
        // Collect lines until one whose first non-blank text is the label.
        var lines: [[UInt8]] = []
        var interpolated = false
        while i < src.count {
            let ls = i
            while let c = peek(), c != 10 { advance() }
            let lineBytes = Array(src[ls..<i])
            let trimmed = lineBytes.drop(while: { $0 == 32 || $0 == 9 })
            if trimmed.starts(with: label), trimmed.count == label.count || !Self.isNameChar(trimmed[trimmed.startIndex + label.count]) {
                let indent = lineBytes.count - trimmed.count
                i = ls + indent + label.count
                var body = lines.map { Array($0.dropFirst(min(indent, $0.prefix(while: { $0 == 32 || $0 == 9 }).count))) }
                if !nowdoc {
                    var decoded: [[UInt8]] = []
                    for l in body {
                        if l.contains(UInt8(ascii: "$")) { interpolated = true }
                        decoded.append(l)
                    }
                    body = decoded
                }
                let joined = body.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
                return (joined, interpolated)
            }
            lines.append(lineBytes)
            advance()
        }
        throw PHPSyntaxError(line: startLine, message: "unterminated heredoc")
    }

    private mutating func number() -> PHPToken.Kind {
        let start = i
        var isFloat = false
        if peek() == 48, let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") || x == UInt8(ascii: "b")
            || x == UInt8(ascii: "B") || x == UInt8(ascii: "o") || x == UInt8(ascii: "O") {
            advance(2)
            while let d = peek(), Self.isNameChar(d) { advance() }
            let digits = String(decoding: src[(start + 2)..<i], as: UTF8.self).replacingOccurrences(of: "_", with: "")
            let radix = (x | 32) == UInt8(ascii: "x") ? 16 : (x | 32) == UInt8(ascii: "b") ? 2 : 8
            return Int64(digits, radix: radix).map { .integer($0) } ?? .float(Double.nan)
        }
        while let d = peek() {
            if (d >= 48 && d <= 57) || d == UInt8(ascii: "_") { advance() }
            else if d == UInt8(ascii: ".") || d == UInt8(ascii: "e") || d == UInt8(ascii: "E") {
                isFloat = true
                advance()
                if let s = peek(), (d | 32) == UInt8(ascii: "e"), s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { advance() }
            } else { break }
        }
        let text = String(decoding: src[start..<i], as: UTF8.self).replacingOccurrences(of: "_", with: "")
        if !isFloat {
            if text.count > 1, text.hasPrefix("0"), let v = Int64(text.dropFirst(), radix: 8) { return .integer(v) }
            if let v = Int64(text) { return .integer(v) }
        }
        return .float(Double(text) ?? .nan)
    }
}

/// PHP source that cannot be tokenized; `line` is 1-based.
struct PHPSyntaxError: Error, Equatable {
    var line: Int
    var message: String
}
