/// What PHP's parser rejects in a config file, checked on the tokens without a PHP grammar: brackets
/// that do not pair up, and two values side by side (`'a' 'b'`, `define(...)` followed by the next
/// statement without `;`). The statement parser adds the check that each statement it reads ends
/// with `;` or `?>`.
///
/// Deliberately narrow: only what is an error in every PHP context is flagged, so a valid file is
/// never refused. When `php` is installed, `PHPLint` asks PHP itself (the ground truth) instead.
enum PHPSyntaxCheck {
    /// The first bracket that does not pair up: a closing one without its opening one, a closing one
    /// of the wrong kind, or one left open at the end of the file.
    static func brackets(_ tokens: [PHPToken]) -> PHPSyntaxError? {
        var open: [PHPToken] = []
        let pairs: [String: String] = [")": "(", "]": "[", "}": "{"]
        for t in tokens {
            guard case .punct(let p) = t.kind else { continue }
            if p == "(" || p == "[" || p == "{" { open.append(t); continue }
            guard let opener = pairs[p] else { continue }
            guard let last = open.last else {
                return PHPSyntaxError(line: t.line, message: "unexpected '\(p)': nothing is open to close")
            }
            guard case .punct(opener) = last.kind else {
                return PHPSyntaxError(line: t.line, message: "unexpected '\(p)': the '\(describeBracket(last))' opened on line \(last.line) is still open")
            }
            open.removeLast()
        }
        if let first = open.first {
            return PHPSyntaxError(line: first.line, message: "'\(describeBracket(first))' is never closed")
        }
        return nil
    }

    private static func describeBracket(_ t: PHPToken) -> String {
        if case .punct(let p) = t.kind { return p }
        return "?"
    }

    /// Words that are operators or language constructs: a value may stand next to them.
    static let operatorWords: Set<String> = [
        "and", "or", "xor", "instanceof", "as", "new", "clone", "print", "fn", "function", "static", "match",
        "yield", "from", "throw", "include", "include_once", "require", "require_once", "use", "insteadof",
        "extends", "implements", "class", "abstract", "final", "readonly", "public", "private", "protected",
        "var", "const", "case", "default", "echo", "return", "global", "if", "else", "elseif", "while", "do",
        "for", "foreach", "switch", "try", "catch", "finally", "namespace", "enum", "interface", "trait",
        "goto", "break", "continue", "declare", "unset", "exit", "die",
    ]

    /// True when PHP can never have `b` right after `a` inside an expression: both are values or names.
    /// (`)` is left out on purpose: a cast `(int) $x` is followed by a value.)
    static func isMissingOperator(_ a: PHPToken, _ b: PHPToken) -> Bool {
        isValueEnd(a) && isValueStart(b)
    }

    private static func isValueEnd(_ t: PHPToken) -> Bool {
        switch t.kind {
        case .string, .integer, .float, .variable: return true
        case .identifier(let w): return !operatorWords.contains(w.lowercased())
        case .punct(let p): return p == "]"
        default: return false
        }
    }

    private static func isValueStart(_ t: PHPToken) -> Bool {
        switch t.kind {
        case .string, .integer, .float, .variable: return true
        case .identifier(let w): return !operatorWords.contains(w.lowercased())
        default: return false
        }
    }

    /// A token as a message names it: `'DB_USER'`, `$table_prefix`, `define`, `'}'`.
    static func describe(_ t: PHPToken) -> String {
        switch t.kind {
        case .string(let s, _): return "the string '\(s.prefix(40))'"
        case .integer(let v): return "the number \(v)"
        case .float(let v): return "the number \(v)"
        case .variable(let v): return "$\(v)"
        case .identifier(let w): return "'\(w)'"
        case .punct(let p): return "'\(p)'"
        default: return "the end of the PHP code"
        }
    }
}
