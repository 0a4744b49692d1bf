import Foundation

/// A config value PHP takes from its environment, in the forms real configs use:
/// - `getenv('DB_HOST')` (Docker and docker4drupal-style settings.php, Drupal `settings.php` snippets);
/// - `$_ENV['DB_HOST']`, `$_SERVER['DB_HOST']` (PHP fills them from the environment when its
///   `variables_order` has E / S; the official PHP images run without a php.ini, so with "EGPCS");
/// - either followed by `?: 'default'` (the default when the variable is unset or falsy: `''`, `'0'`)
///   or `?? 'default'` (the default when it is null: an unset `$_ENV`/`$_SERVER` entry; `getenv()`
///   gives false, never null, so `??` never applies to it);
/// - `getenv_docker('WORDPRESS_DB_HOST', 'mysql')`, the helper of the official WordPress image
///   (docker-library/wordpress wp-config-docker.php): the file named by `WORDPRESS_DB_HOST_FILE`
///   when that is set (its content minus trailing CR/LF), else the variable when set (even empty),
///   else the default.
/// Anything else stays computed: sitesnap does not run PHP.
public struct PHPEnvExpression: Equatable, Sendable {
    public enum Source: Equatable, Sendable { case getenv, env, server, dockerHelper }
    public enum Fallback: Equatable, Sendable {
        /// `?: literal`
        case ifFalsy(String)
        /// `?? literal`
        case ifNull(String)
    }
    public var variable: String
    public var source: Source
    /// `getenv_docker()`'s second argument.
    public var helperDefault: String?
    public var fallback: Fallback?

    /// The value the expression gives in `env`, or why it gives none.
    public enum Result: Equatable, Sendable {
        /// The value and where it came from ("from environment DB_HOST", "default after ?: (DB_PORT
        /// unset)"): the origin never holds the value.
        case value(String, origin: String)
        /// The variable is not set and there is no default that applies (the reason says so).
        case unset(String)
    }

    /// Parses the source text of an expression, or nil when it is not one of the forms above.
    public static func parse(_ text: String) -> PHPEnvExpression? {
        guard var tokens = try? PHPTokenizer.tokenize(Array(("<?php " + text).utf8)).map(\.kind) else { return nil }
        tokens.removeAll { $0 == .openTag }
        var p = 0
        func punct(_ s: String) -> Bool {
            guard p < tokens.count, tokens[p] == .punct(s) else { return false }
            p += 1
            return true
        }
        func literal() -> String? {
            guard p < tokens.count else { return nil }
            switch tokens[p] {
            case .string(let s, interpolated: false): p += 1; return s
            case .integer(let v): p += 1; return String(v)
            default: return nil
            }
        }
        var e: PHPEnvExpression
        switch tokens.first {
        case .identifier(let f) where f.lowercased() == "getenv" || f.lowercased() == "\\getenv" || f == "getenv_docker":
            p = 1
            guard punct("("), let name = literal() else { return nil }
            e = PHPEnvExpression(variable: name, source: f == "getenv_docker" ? .dockerHelper : .getenv)
            if e.source == .dockerHelper {
                guard punct(","), let d = literal() else { return nil }
                e.helperDefault = d
            }
            guard punct(")") else { return nil }
        case .variable(let v) where v == "_ENV" || v == "_SERVER":
            p = 1
            guard punct("["), let name = literal(), punct("]") else { return nil }
            e = PHPEnvExpression(variable: name, source: v == "_ENV" ? .env : .server)
        default:
            return nil
        }
        if punct("?") {
            guard punct(":"), let d = literal() else { return nil }
            e.fallback = .ifFalsy(d)
        } else if punct("??") {
            guard let d = literal() else { return nil }
            e.fallback = .ifNull(d)
        }
        return p == tokens.count ? e : nil
    }

    init(variable: String, source: Source) {
        self.variable = variable
        self.source = source
    }

    /// Evaluates the expression as PHP would with `env` as its environment.
    /// - Parameter readFile: reads the file a `*_FILE` variable names (`getenv_docker`); nil: unreadable.
    public func evaluate(in env: ConfigEnvironment, readFile: (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }) -> Result {
        let found = env.lookup(variable)
        if source == .dockerHelper {
            if let (path, origin) = env.lookup(variable + "_FILE"), !Self.isFalsy(path) {
                guard let content = readFile(path) else { return .unset("\(variable)_FILE names \(path), which cannot be read") }
                // PHP's rtrim($s, "\r\n"), by scalars (Swift holds "\r\n" as one Character).
                var v = content.unicodeScalars[...]
                while let last = v.last, last == "\n" || last == "\r" { v = v.dropLast() }
                return .value(String(String.UnicodeScalarView(v)), origin: "from the file named by \(origin.replacingOccurrences(of: "from ", with: ""))")
            }
            if let (v, origin) = found { return .value(v, origin: origin) }
            return .value(helperDefault ?? "", origin: "the default of getenv_docker() (\(variable) unset)")
        }
        switch fallback {
        case .ifFalsy(let d)?:
            if let (v, origin) = found, !Self.isFalsy(v) { return .value(v, origin: origin) }
            return .value(d, origin: "the default after ?: (\(variable) \(found == nil ? "unset" : "empty"))")
        case .ifNull(let d)?:
            if let (v, origin) = found { return .value(v, origin: origin) }
            if source == .getenv { return .unset("\(variable) is not set (getenv() then gives false, which ?? does not replace)") }
            return .value(d, origin: "the default after ?? (\(variable) unset)")
        case nil:
            if let (v, origin) = found { return .value(v, origin: origin) }
            return .unset("\(variable) is not set")
        }
    }

    /// The expression with its literal defaults left out (`getenv_docker('WORDPRESS_DB_PASSWORD', …)`),
    /// for messages about a credential.
    public var redacted: String {
        let call: String
        switch source {
        case .getenv: call = "getenv('\(variable)')"
        case .env: call = "$_ENV['\(variable)']"
        case .server: call = "$_SERVER['\(variable)']"
        case .dockerHelper: call = "getenv_docker('\(variable)', …)"
        }
        switch fallback {
        case .ifFalsy?: return call + " ?: …"
        case .ifNull?: return call + " ?? …"
        case nil: return call
        }
    }

    /// PHP's falsy strings: "" and "0".
    static func isFalsy(_ s: String) -> Bool { s.isEmpty || s == "0" }
}
