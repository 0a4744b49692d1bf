import Foundation

/// Evaluates a PHP path expression without running PHP: string literals, `__DIR__`,
/// `DIRECTORY_SEPARATOR`, `dirname(x[, levels])`, `realpath(x)`, parentheses, `.` and constants the
/// same file defines. Anything else (function calls, variables) is nil. Hand-written because only
/// this small, side-effect-free subset can be evaluated safely; PHP itself would run the site's code.
struct PathExpression {
    /// The folder of the file the expression is in (`__DIR__`).
    let folder: String
    let constants: [String: PHPAssignment]
    /// Variables holding `explode(SEP, X)` (see `ConfigFolder.splits`): `implode(SEP, $v)` is X.
    var splits: [String: (String, String)] = [:]
    private var tokens: [PHPToken] = []
    private var pos = 0
    private var depth = 0

    init(folder: String, constants: [String: PHPAssignment], splits: [String: (String, String)] = [:]) {
        self.folder = folder
        self.constants = constants
        self.splits = splits
    }

    /// The source of each argument of a call to one of `functions` that is the whole of `source`.
    static func arguments(of functions: [String], in source: String) -> [String]? {
        let bytes = Array(("<?php " + source).utf8)
        guard let all = try? PHPTokenizer.tokenize(bytes) else { return nil }
        let t = all.filter { $0.kind != .openTag }
        guard t.count >= 3, case .identifier(let f) = t[0].kind, functions.contains(f.lowercased()),
              t[1].kind == .punct("("), t.last?.kind == .punct(")") else { return nil }
        var args: [String] = [], depth = 0, start = t[2].range.lowerBound
        for token in t[2..<(t.count - 1)] {
            if case .punct(let p) = token.kind {
                if p == "(" || p == "[" { depth += 1 }
                if p == ")" || p == "]" { depth -= 1 }
                if p == ",", depth == 0 {
                    args.append(String(decoding: bytes[start..<token.range.lowerBound], as: UTF8.self))
                    start = token.range.upperBound
                }
            }
        }
        args.append(String(decoding: bytes[start..<t[t.count - 1].range.lowerBound], as: UTF8.self))
        return depth == 0 ? args : nil
    }

    /// The value of `source`, or nil when it is not such an expression.
    mutating func evaluate(_ source: String) -> String? {
        guard depth < 8, let all = try? PHPTokenizer.tokenize(Array(("<?php " + source).utf8)) else { return nil }
        let saved = (tokens, pos)
        defer { (tokens, pos) = saved }
        tokens = all.filter { $0.kind != .openTag }
        pos = 0
        guard let value = concatenation(), pos == tokens.count else { return nil }
        return value
    }

    private func punct(_ p: String) -> Bool {
        pos < tokens.count && tokens[pos].kind == .punct(p)
    }

    private mutating func concatenation() -> String? {
        guard var out = term() else { return nil }
        while punct(".") {
            pos += 1
            guard let next = term() else { return nil }
            out += next
        }
        return out
    }

    private mutating func term() -> String? {
        guard pos < tokens.count else { return nil }
        let token = tokens[pos]
        pos += 1
        switch token.kind {
        case .string(let s, interpolated: false): return s
        case .punct("("):
            guard let inner = concatenation(), punct(")") else { return nil }
            pos += 1
            return inner
        case .identifier(let raw):
            let name = raw.hasPrefix("\\") ? String(raw.dropFirst()) : raw
            switch name.lowercased() {
            case "__dir__": return folder
            case "directory_separator": return "/"
            case "dirname", "realpath": return call(name.lowercased())
            case "implode": return joined()
            default: return constant(name)
            }
        default: return nil
        }
    }

    /// `dirname(x)`, `dirname(x, levels)`, `realpath(x)` (the path made absolute and without `..`).
    private mutating func call(_ function: String) -> String? {
        guard punct("(") else { return nil }
        pos += 1
        guard var value = concatenation() else { return nil }
        var levels: Int64 = 1
        if function == "dirname", punct(",") {
            pos += 1
            guard pos < tokens.count, case .integer(let n) = tokens[pos].kind, n >= 1 else { return nil }
            levels = n
            pos += 1
        }
        guard punct(")") else { return nil }
        pos += 1
        if function == "realpath" { return URL(fileURLWithPath: value).standardizedFileURL.resolvingSymlinksInPath().path }
        for _ in 0..<levels { value = (value as NSString).deletingLastPathComponent }
        return value.isEmpty ? "." : value
    }

    /// `implode(SEP, $v)` where `$v` holds `explode(SEP, X)` with the same SEP: X.
    private mutating func joined() -> String? {
        guard punct("(") else { return nil }
        pos += 1
        guard let separator = concatenation(), punct(",") else { return nil }
        pos += 1
        guard pos < tokens.count, case .variable(let name) = tokens[pos].kind, let (sep, whole) = splits[name] else { return nil }
        pos += 1
        guard punct(")") else { return nil }
        pos += 1
        guard evaluate(sep) == separator else { return nil }
        return evaluate(whole)
    }

    private mutating func constant(_ name: String) -> String? {
        guard let a = constants[name] else { return nil }
        switch a.value {
        case .string(let s): return s
        case .expression(let e):
            depth += 1
            defer { depth -= 1 }
            return evaluate(e)
        default: return nil
        }
    }
}
