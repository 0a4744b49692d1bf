import Foundation

/// What a PHP config file assigns, read at the token level without running PHP: `define()` constants,
/// `const` declarations, `$variable[...]... = ...` assignments, class properties and class constants
/// (`Class::name`), and `include`/`require` targets.
///
/// Control flow is not evaluated: statements inside `if` blocks count like top-level ones, function
/// bodies are skipped. Later assignments override earlier ones, as when PHP runs the file top to bottom.
public struct PHPConfig: Sendable {
    /// `define('NAME', value)` and top-level `const NAME = value;`.
    public var constants: [String: PHPAssignment] = [:]
    /// Class constants and properties, keyed `ClassName::name` (unqualified class name, no `$`).
    public var classMembers: [String: PHPAssignment] = [:]
    /// Variable assignments in file order: path (`$databases['default']['default']` is
    /// `["databases", "default", "default"]`) and value.
    public var variableAssignments: [(path: [PHPArrayKey], assignment: PHPAssignment)] = []
    /// The source text of each `include`/`require` expression, in file order.
    public var includes: [String] = []

    /// The value a variable path resolves to after every assignment, with the byte range of its source.
    /// `path` starts with the variable name, e.g. `["databases", "default", "default", "database"]`.
    public func variable(_ path: [String]) -> PHPAssignment? {
        let keys = path.map(PHPArrayKey.init)
        for (apath, assignment) in variableAssignments.reversed() {
            if apath.count <= keys.count, Array(keys.prefix(apath.count)) == apath {
                // The assignment sets this path or one of its ancestors: descend into its value.
                var current = assignment
                for key in keys.dropFirst(apath.count) {
                    guard let entry = current.value[key] else { return nil }
                    current = PHPAssignment(value: entry.value, valueRange: entry.valueRange, line: current.line)
                }
                return current
            }
            // An assignment deeper than the path (e.g. `$a['x']['y'] = 1` when asking for `$a['x']`) is
            // not merged: sitesnap only asks for leaves.
        }
        return nil
    }
}

/// Reads a PHP config file into a `PHPConfig`.
public enum PHPConfigReader {
    /// Parses PHP source bytes.
    /// - Throws: `SitesnapError.configSyntax` naming `file` and the line for an unterminated string or comment.
    public static func read(_ source: [UInt8], file: String) throws -> PHPConfig {
        let tokens: [PHPToken]
        do {
            tokens = try PHPTokenizer.tokenize(source).filter {
                if case .inlineHTML = $0.kind { return false }
                if case .openTag = $0.kind { return false }
                if case .closeTag = $0.kind { return false }
                return true
            }
        } catch let e as PHPSyntaxError {
            throw SitesnapError.configSyntax(file: file, line: e.line, message: e.message)
        }
        if !source.isEmpty && tokens.isEmpty {
            throw SitesnapError.configSyntax(file: file, line: 1, message: "no PHP code in it (no <?php tag): not a PHP config file")
        }
        var parser = PHPStatementParser(tokens: tokens, source: source)
        parser.parse(className: nil)
        return parser.config
    }

    /// Reads the PHP file at `path`.
    /// - Throws: `SitesnapError.configUnreadable` when it cannot be read, `.configSyntax` on bad PHP.
    public static func read(path: String) throws -> PHPConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SitesnapError.configUnreadable(file: path, reason: FileSystemErrors.reason(error))
        }
        return try read([UInt8](data), file: path)
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
                    pos += 1
                    let start = pos
                    skipStatement()
                    let end = max(start, pos - 1)
                    if start < end {
                        config.includes.append(text(tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound))
                    }
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
            let key = className.map { "\($0)::\(name)" } ?? name
            if className != nil { config.classMembers[key] = assignment } else { config.constants[key] = assignment }
            if punct(pos) == "," { pos += 1; continue }
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
        if let existing = config.constants[name] {
            if !existing.conditional {
                // A constant cannot be redefined: PHP keeps the first define() (and warns).
            } else {
                // Defined under a condition and again: which one holds depends on run time.
                config.constants[name] = PHPAssignment(
                    value: .expression("defined on line \(existing.line) and again on line \(value.line), depending on conditions"),
                    valueRange: value.valueRange, line: value.line, conditional: true)
            }
        } else {
            config.constants[name] = value
        }
        skipStatement()
        nextConditional = false
    }

    private mutating func parseProperty(className: String, name: String) {
        pos += 1
        if punct(pos) == "=" {
            pos += 1
            config.classMembers["\(className)::\(name)"] = parseExpression()
        } else {
            let here = pos < tokens.count ? tokens[pos].range.lowerBound : source.count
            config.classMembers["\(className)::\(name)"] = PHPAssignment(value: .null, valueRange: here..<here,
                                                                        line: tokens[pos - 1].line)
        }
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
        config.variableAssignments.append((path, value))
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
        while pos < tokens.count {
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
