import Foundation

/// Expressions: literals, arrays and concatenations are evaluated; anything else is kept as source.
extension PHPStatementParser {
    /// Parses one expression up to `,` `;` `)` `]` at depth 0. Literals and array literals are
    /// evaluated; a concatenation of string literals is joined; anything else is `.expression(source)`.
    mutating func parseExpression() -> PHPAssignment {
        let startPos = pos
        let line = pos < tokens.count ? tokens[pos].line : 0
        if let value = parseLiteral(), isExpressionEnd(pos) {
            let range = tokens[startPos].range.lowerBound..<tokens[pos - 1].range.upperBound
            return PHPAssignment(value: value, valueRange: range, line: line)
        }
        // Not a plain literal: concatenation of literals, or an expression we do not evaluate.
        pos = startPos
        var depth = 0
        var parts: [String] = []
        var onlyLiteralConcat = true
        var expectOperand = true
        // Closures and anonymous classes have declarations (`fn(int $x)`) where names stand side by side.
        var declares = false
        // An arrow function's own `=>` (`fn($x) => $x * 2`) does not end the expression.
        var arrowFunctions = 0
        while pos < tokens.count {
            if let w = ident(pos), w == "function" || w == "fn" || w == "class" { declares = true }
            if ident(pos) == "fn", depth == 0 { arrowFunctions += 1 }
            if depth == 0, arrowFunctions > 0, punct(pos) == "=>" { arrowFunctions -= 1; pos += 1; continue }
            if !declares, syntaxError == nil, pos > startPos, PHPSyntaxCheck.isMissingOperator(tokens[pos - 1], tokens[pos]) {
                syntaxError = PHPSyntaxError(line: tokens[pos].line,
                                             message: "unexpected \(PHPSyntaxCheck.describe(tokens[pos])) right after \(PHPSyntaxCheck.describe(tokens[pos - 1])) (a missing ';', ',' or operator)")
            }
            if let p = punct(pos) {
                if depth == 0, p == "," || p == ";" || p == ")" || p == "]" || p == "}" || p == "=>" { break }
                if p == "(" || p == "[" || p == "{" { depth += 1 }
                if p == ")" || p == "]" || p == "}" { depth -= 1 }
                if p == "." && depth == 0 && !expectOperand { expectOperand = true } else { onlyLiteralConcat = false }
            } else if case .string(let s, let interp) = tokens[pos].kind, depth == 0, expectOperand, !interp {
                parts.append(s)
                expectOperand = false
            } else {
                onlyLiteralConcat = false
            }
            pos += 1
        }
        guard pos > startPos else {
            let here = startPos < tokens.count ? tokens[startPos].range.lowerBound : source.count
            return PHPAssignment(value: .expression(""), valueRange: here..<here, line: line)
        }
        let range = tokens[startPos].range.lowerBound..<tokens[pos - 1].range.upperBound
        if onlyLiteralConcat && !expectOperand && parts.count > 1 {
            return PHPAssignment(value: .string(parts.joined()), valueRange: range, line: line)
        }
        return PHPAssignment(value: .expression(text(range)), valueRange: range, line: line)
    }

    private func isExpressionEnd(_ k: Int) -> Bool {
        guard k < tokens.count else { return true }
        guard let p = punct(k) else { return false }
        return p == "," || p == ";" || p == ")" || p == "]" || p == "=>"
    }

    /// A literal at `pos` (advancing past it), or nil (position then undefined).
    private mutating func parseLiteral() -> PHPValue? {
        guard pos < tokens.count else { return nil }
        switch tokens[pos].kind {
        case .string(let s, let interp):
            pos += 1
            return interp ? nil : .string(s)
        case .integer(let v):
            pos += 1
            return .integer(v)
        case .float(let v):
            pos += 1
            return .float(v)
        case .punct("-"), .punct("+"):
            let negative = punct(pos) == "-"
            pos += 1
            guard pos < tokens.count else { return nil }
            if case .integer(let v) = tokens[pos].kind { pos += 1; return .integer(negative ? -v : v) }
            if case .float(let v) = tokens[pos].kind { pos += 1; return .float(negative ? -v : v) }
            return nil
        case .punct("["):
            pos += 1
            return parseArrayBody(close: "]")
        case .identifier(let word):
            switch word.lowercased() {
            case "true": pos += 1; return .bool(true)
            case "false": pos += 1; return .bool(false)
            case "null": pos += 1; return .null
            case "array" where punct(pos + 1) == "(":
                pos += 2
                return parseArrayBody(close: ")")
            default: return nil
            }
        default:
            return nil
        }
    }

    private mutating func parseArrayBody(close: String) -> PHPValue? {
        var entries: [PHPArrayEntry] = []
        var nextIndex: Int64 = 0
        while pos < tokens.count {
            if punct(pos) == close { pos += 1; return .array(entries) }
            let first = parseExpression()
            var key: PHPArrayKey
            var value = first
            if punct(pos) == "=>" {
                pos += 1
                switch first.value {
                case .string(let s): key = PHPArrayKey(s)
                case .integer(let v): key = .int(v)
                case .bool(let b): key = .int(b ? 1 : 0)
                // A class constant (Drupal's `PDO::MYSQL_ATTR_SSL_CA => '/ca.pem'`): its value is
                // PHP's, not ours to know; the key keeps its name (`PDO::MYSQL_ATTR_SSL_CA`).
                case .expression(let e) where Self.isClassConstant(e):
                    key = .string(e.hasPrefix("\\") ? String(e.dropFirst()) : e)
                default: return nil
                }
                value = parseExpression()
            } else {
                key = .int(nextIndex)
            }
            if case .int(let v) = key, v >= nextIndex { nextIndex = v + 1 }
            entries.append(PHPArrayEntry(key: key, value: value.value, valueRange: value.valueRange))
            if punct(pos) == "," { pos += 1; continue }
            if punct(pos) == close { pos += 1; return .array(entries) }
            return nil
        }
        return nil
    }

    /// `Name::CONSTANT` or `\Name::CONSTANT`, nothing else.
    static func isClassConstant(_ e: String) -> Bool {
        let parts = (e.hasPrefix("\\") ? String(e.dropFirst()) : e).components(separatedBy: "::")
        return parts.count == 2 && parts.allSatisfy { p in
            !p.isEmpty && p.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(p.first?.isNumber ?? true)
        }
    }
}
