import Foundation
import SitesnapSystem

/// Reads a PHP config file into a `PHPConfig`.
public enum PHPConfigReader {
    /// Parses PHP source bytes.
    /// - Parameter checkSyntax: also reject what PHP's parser would reject in the statements read
    ///   (unbalanced brackets, a missing `;`, two values side by side); false when `php -l` has
    ///   already accepted the file (see `PHPLint`). Unterminated strings and comments always fail.
    /// - Throws: `SitesnapError.configSyntax` naming `file` and the line.
    public static func read(_ source: [UInt8], file: String, checkSyntax: Bool = true) throws -> PHPConfig {
        var tokens: [PHPToken]
        do {
            tokens = try PHPTokenizer.tokenize(source)
        } catch let e as PHPSyntaxError {
            throw SitesnapError.configSyntax(file: file, line: e.line, message: e.message)
        }
        let hasCode = tokens.contains { if case .openTag = $0.kind { return true } else { return false } }
        tokens = tokens.compactMap { t in
            switch t.kind {
            case .inlineHTML, .openTag: return nil
            // PHP's closing tag ends a statement like `;` does.
            case .closeTag: return PHPToken(kind: .punct(";"), range: t.range.lowerBound..<t.range.lowerBound, line: t.line)
            default: return t
            }
        }
        if !source.isEmpty && !hasCode {
            throw SitesnapError.configSyntax(file: file, line: 1, message: "no PHP code in it (no <?php tag): not a PHP config file")
        }
        if checkSyntax, let e = PHPSyntaxCheck.brackets(tokens) {
            throw SitesnapError.configSyntax(file: file, line: e.line, message: e.message)
        }
        var parser = PHPStatementParser(tokens: tokens, source: source)
        parser.parse(className: nil)
        if checkSyntax, let e = parser.syntaxError {
            throw SitesnapError.configSyntax(file: file, line: e.line, message: e.message)
        }
        return parser.config
    }

    /// Reads the PHP file at `path`.
    /// - Throws: `SitesnapError.configUnreadable` when it cannot be read, `.configSyntax` on bad PHP.
    public static func read(path: String, checkSyntax: Bool = true) throws -> PHPConfig {
        try read(try load(path: path), file: path, checkSyntax: checkSyntax)
    }

    /// The bytes of the file at `path`.
    /// - Throws: `SitesnapError.configUnreadable`.
    static func load(path: String) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SitesnapError.configUnreadable(file: path, reason: FileSystemErrors.reason(error))
        }
    }
}

/// Walks tokens statement by statement (see `PHPConfig` for what it records).
struct PHPStatementParser {
    let tokens: [PHPToken]
    let source: [UInt8]
    var pos = 0
    var config = PHPConfig()
    /// Open braces: true for the body of a control structure (if/else/loop), false for others.
    var blocks: [Bool] = []
    /// Open alternative-syntax control structures (`if (...):` ... `endif;`).
    var altBlocks = 0
    /// The next statement is the body of a brace-less `if (...) statement;`.
    var nextConditional = false
    var isConditional: Bool { nextConditional || altBlocks > 0 || blocks.contains(true) }
    /// The first statement PHP would refuse to parse (see `PHPSyntaxCheck`), if any.
    var syntaxError: PHPSyntaxError?

    init(tokens: [PHPToken], source: [UInt8]) {
        self.tokens = tokens
        self.source = source
    }

    private func punct(_ k: Int) -> String? {
        guard k < tokens.count, case .punct(let p) = tokens[k].kind else { return nil }
        return p
    }

    private func ident(_ k: Int) -> String? {
        guard k < tokens.count, case .identifier(let s) = tokens[k].kind else { return nil }
        return s.lowercased()
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: source[range], as: UTF8.self)
    }

    /// Parses statements until the end or, inside a class, the closing brace.
    mutating func parse(className: String?) {
        while pos < tokens.count {
            if punct(pos) == "}" {
                pos += 1
                if className != nil { return }
                _ = blocks.popLast()
                continue
            }
            if punct(pos) == "{" { blocks.append(false); pos += 1; continue }
            if punct(pos) == ";" || punct(pos) == ":" { pos += 1; continue }
            if let word = ident(pos) {
                switch word {
                case "if", "elseif", "while", "foreach", "for", "switch", "declare", "else", "try", "finally", "do":
                    pos += 1
                    if word == "else", ident(pos) == "if" { pos += 1 }
                    if punct(pos) == "(" { skipBalanced() }
                    if punct(pos) == "{" { blocks.append(true); pos += 1 }
                    else if punct(pos) == ":" { altBlocks += 1; pos += 1 }
                    else { nextConditional = true }
                    continue
                case "endif", "endforeach", "endwhile", "endfor", "endswitch":
                    altBlocks = max(0, altBlocks - 1)
                    pos += 1
                    continue
                case "function", "fn":
                    skipFunction()
                    continue
                case "class", "interface", "trait", "enum":
                    parseClass()
                    continue
                case "abstract", "final", "readonly":
                    // Modifiers before `class` at the top level, or before a member inside a class.
                    pos += 1
                    continue
                case "public", "protected", "private", "var", "static":
                    if className == nil { break }
                    pos += 1
                    continue
                case "const":
                    parseConst(className: className)
                    continue
                case "define":
                    if punct(pos + 1) == "(" { parseDefine(); continue }
                case "include", "include_once", "require", "require_once":
                    let line = tokens[pos].line
                    pos += 1
                    let start = pos
                    let expr = parseExpression()
                    var last = pos - 1
                    while last > start, punct(last) == ")" { last -= 1 }
                    var fileName: String?
                    if last >= start, case .string(let s, false) = tokens[last].kind {
                        fileName = s.split(separator: "/").last.map(String.init)
                    }
                    if pos > start {
                        config.append(.include(PHPInclude(expression: text(expr.valueRange), fileName: fileName,
                                                          line: line, conditional: isConditional)))
                    }
                    expectStatementEnd(after: "the include")
                    skipStatement()
                    nextConditional = false
                    continue
                default:
                    break
                }
            }
            if case .variable(let name) = tokens[pos].kind {
                if let className {
                    parseProperty(className: className, name: name)
                } else {
                    parseAssignment(name: name)
                }
                continue
            }
            skipStatement()
            nextConditional = false
        }
    }

    /// Records a syntax error unless the statement that ends here is followed by `;` (or `?>`), as PHP
    /// requires: a value, a name, a `}` or the end of the file there means a missing `;`.
    /// `operatorsAllowed`: after `define(...)` an operator may go on (`define(...) or die();`).
    private mutating func expectStatementEnd(after what: String, operatorsAllowed: Bool = false) {
        guard syntaxError == nil else { return }
        guard pos < tokens.count else {
            let line = tokens.last?.line ?? 1
            syntaxError = PHPSyntaxError(line: line, message: "missing ';' after \(what) (the file ends there)")
            return
        }
        let t = tokens[pos]
        if case .punct(let p) = t.kind {
            if p == ";" { return }
            if operatorsAllowed && p != "}" && p != "," && p != ")" && p != "]" { return }
        }
        if operatorsAllowed, case .identifier(let w) = t.kind, PHPSyntaxCheck.operatorWords.contains(w.lowercased()) { return }
        syntaxError = PHPSyntaxError(line: t.line, message: "missing ';' after \(what) before \(PHPSyntaxCheck.describe(t))")
    }

    /// Skips a balanced `(...)`, `[...]` or `{...}` starting at `pos`.
    private mutating func skipBalanced() {
        var depth = 0
        while pos < tokens.count {
            if let p = punct(pos) {
                if p == "(" || p == "[" || p == "{" { depth += 1 }
                if p == ")" || p == "]" || p == "}" { depth -= 1 }
            }
            if case .string = tokens[pos].kind {}  // strings are single tokens
            pos += 1
            if depth <= 0 { return }
        }
    }

    /// Skips to just after the next `;` at nesting depth 0 (or a closing brace of the enclosing block).
    private mutating func skipStatement() {
        var depth = 0
        while pos < tokens.count {
            if let p = punct(pos) {
                if p == "(" || p == "[" || p == "{" { depth += 1 }
                if p == ")" || p == "]" { depth -= 1 }
                if p == "}" {
                    if depth == 0 { return }
                    depth -= 1
                    if depth == 0 { pos += 1; return }  // end of a block statement (closure etc.)
                }
                if p == ";" && depth <= 0 { pos += 1; return }
            }
            pos += 1
        }
    }

    private mutating func skipFunction() {
        pos += 1
        while pos < tokens.count, punct(pos) != "{", punct(pos) != ";" {
            if punct(pos) == "(" { skipBalanced() } else { pos += 1 }
        }
        if punct(pos) == "{" { skipBalanced() } else { pos += 1 }
    }

    private mutating func parseClass() {
        pos += 1
        var name = "class"
        if pos < tokens.count, case .identifier(let n) = tokens[pos].kind { name = n }
        while pos < tokens.count, punct(pos) != "{" { pos += 1 }
        pos += 1
        parse(className: name)
    }

    private mutating func parseConst(className: String?) {
        pos += 1
        // `const NAME = v, OTHER = w;` and typed class constants `const string NAME = v;`.
        while pos < tokens.count {
            var nameIndex = pos
            if ident(pos) != nil, ident(pos + 1) != nil { nameIndex = pos + 1 }
            guard case .identifier(let name) = tokens[nameIndex].kind, punct(nameIndex + 1) == "=" else {
                skipStatement()
                return
            }
            pos = nameIndex + 2
            let assignment = parseExpression()
            if let className { config.append(.member(key: "\(className)::\(name)", assignment)) } else { config.append(.define(name: name, assignment)) }
            if punct(pos) == "," { pos += 1; continue }
            expectStatementEnd(after: "const \(name)")
            if punct(pos) == ";" { pos += 1 }
            return
        }
    }

    private mutating func parseDefine() {
        let save = pos
        pos += 2  // define (
        let nameExpr = parseExpression()
        guard punct(pos) == ",", case .string(let name) = nameExpr.value else {
            pos = save
            skipStatement()
            return
        }
        pos += 1
        var value = parseExpression()
        value.conditional = isConditional
        config.append(.define(name: name, value))
        if punct(pos) == ")" {
            pos += 1
            expectStatementEnd(after: "define('\(name)', ...)", operatorsAllowed: true)
        }
        skipStatement()
        nextConditional = false
    }

    private mutating func parseProperty(className: String, name: String) {
        pos += 1
        if punct(pos) == "=" {
            pos += 1
            config.append(.member(key: "\(className)::\(name)", parseExpression()))
        } else {
            let here = pos < tokens.count ? tokens[pos].range.lowerBound : source.count
            config.append(.member(key: "\(className)::\(name)", PHPAssignment(value: .null, valueRange: here..<here,
                                                                               line: tokens[pos - 1].line)))
        }
        if punct(pos) != "," { expectStatementEnd(after: "the property $\(name)") }
        skipStatement()
    }

    private mutating func parseAssignment(name: String) {
        pos += 1
        var path: [PHPArrayKey] = [.string(name)]
        while punct(pos) == "[" {
            pos += 1
            if punct(pos) == "]" {
                // `$a[] = v`: appends; the key is the next integer.
                path.append(.int(-1))
                pos += 1
                continue
            }
            let key = parseExpression()
            guard punct(pos) == "]" else { skipStatement(); return }
            pos += 1
            switch key.value {
            case .string(let s): path.append(PHPArrayKey(s))
            case .integer(let v): path.append(.int(v))
            default:
                skipStatement()
                return
            }
        }
        guard punct(pos) == "=" else { skipStatement(); return }
        pos += 1
        var value = parseExpression()
        value.conditional = isConditional
        config.append(.assign(path: path, value))
        expectStatementEnd(after: "the assignment to $\(name)")
        skipStatement()
        nextConditional = false
    }

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
}
