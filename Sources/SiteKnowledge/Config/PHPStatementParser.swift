import Foundation

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

    func punct(_ k: Int) -> String? {
        guard k < tokens.count, case .punct(let p) = tokens[k].kind else { return nil }
        return p
    }

    func ident(_ k: Int) -> String? {
        guard k < tokens.count, case .identifier(let s) = tokens[k].kind else { return nil }
        return s.lowercased()
    }

    func text(_ range: Range<Int>) -> String {
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
                case "define", "\\define":
                    if punct(pos + 1) == "(" { parseDefine(); continue }
                case "defined", "\\defined":
                    if parseGuardedDefine() { continue }
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

    /// `defined('X') || define('X', v);` (Joomla 4/5 includes/defines.php) at `pos`: defines X only
    /// when it is not defined yet, so conditional. False (position kept) for any other statement.
    private mutating func parseGuardedDefine() -> Bool {
        let save = pos
        pos += 1
        if punct(pos) == "(" { skipBalanced() }
        if punct(pos) == "||" || ident(pos) == "or", let d = ident(pos + 1), d == "define" || d == "\\define", punct(pos + 2) == "(" {
            pos += 1
            nextConditional = true
            parseDefine()
            return true
        }
        pos = save
        return false
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
}
