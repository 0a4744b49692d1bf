import SiteKnowledge
import SitesnapSystem

/// The database settings of a CMS config as `DatabaseTarget.resolve` reads them: a literal text
/// value per key, a value the config takes from the environment (`getenv('DB_HOST')`, evaluated in
/// `environment`), or a problem that names the config's own key and the flag that replaces it.
///
/// Problems are collected, not thrown one at a time, so that one message names every computed key
/// (`throwProblems()`); a key with a problem reads as unset meanwhile.
final class DatabaseConfigValues {
    let config: SiteConfig?
    let environment: ConfigEnvironment
    /// The config file for messages ("(no config)" without one).
    var file: String { config?.file ?? "(no config)" }
    /// Where each key's value came from when not a literal ("from environment DB_HOST").
    private(set) var origins: [String: String] = [:]
    /// Each computed key that could not be read: "DB_HOST (getenv('DB_HOST'): DB_HOST is not set)
    /// — pass --db-host", with the file it is in.
    private(set) var problems: [(file: String, key: String, expression: String, flag: String, reason: String?, id: String)] = []

    init(config: SiteConfig?, environment: ConfigEnvironment) {
        self.config = config
        self.environment = environment
    }

    /// The config's own name for a setting (`DB_HOST` for `host`), or the key itself.
    func keyName(_ key: String) -> String { config?.keyNames[key] ?? key }

    /// The value of `key`, nil when the config does not set it (and it is not `required`) or when it
    /// is computed and cannot be read (recorded in `problems`).
    /// - Throws: `SitesnapError.configValueMissing` (required and unset, or no config at all).
    func text(_ key: String, flag: String, required: Bool) throws -> String? {
        guard let config else {
            if required { throw SitesnapError.configValueMissing(file: file, key: key, flag: flag) }
            return nil
        }
        guard let a = config.values[key] else {
            if required { throw SitesnapError.configValueMissing(file: file, key: keyName(key), flag: flag) }
            return nil
        }
        if let text = a.value.scalarText { return text }
        guard case .expression(let expr) = a.value else {
            record(a, key, "an array", flag, nil)
            return nil
        }
        switch PHPEnvExpression.parse(expr)?.evaluate(in: environment) {
        case .value(let v, let origin)?:
            origins[key] = origin
            return v
        case .unset(let reason)?:
            let variable = PHPEnvExpression.parse(expr)?.variable ?? ""
            record(a, key, expr, "\(flag), or set \(variable) in the environment or in an --env-file FILE", reason)
        case nil:
            record(a, key, expr, flag, nil)
        }
        return nil
    }

    private func record(_ a: PHPAssignment, _ key: String, _ expr: String, _ flag: String, _ reason: String?) {
        // A password's source text may hold a literal default: it is never shown.
        let expr = key == "password" ? (PHPEnvExpression.parse(expr)?.redacted ?? "code not shown") : expr
        guard !problems.contains(where: { $0.key == keyName(key) }) else { return }
        problems.append((a.file ?? file, keyName(key), expr, flag, reason, key))
    }

    /// Refuses a setting of the profile's `requires` whose value (a literal, or read from the
    /// environment) is not one sitesnap supports; a computed value it cannot read is left alone.
    /// - Throws: `SitesnapError.configValueUnsupported` naming the file, the setting and the value.
    func checkRequirements() throws {
        for (r, a) in config?.requirements ?? [] {
            var value = a.value.scalarText
            if value == nil, case .expression(let e) = a.value, case .value(let v, _)? = PHPEnvExpression.parse(e)?.evaluate(in: environment) {
                value = v
            }
            guard let value, !r.accepted.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) else { continue }
            throw SitesnapError.configValueUnsupported(file: a.file ?? file, key: r.value.displayName, value: value, reason: r.reason)
        }
    }

    /// The collected problems as one error: one computed key as `.configValueNotLiteral`, several as
    /// `.configValuesNotLiteral` naming each with its flag; nil without problems.
    func problemError() -> SitesnapError? {
        guard let first = problems.first else { return nil }
        if problems.count == 1 {
            let expr = first.reason.map { "\(first.expression); \($0)" } ?? first.expression
            return SitesnapError.configValueNotLiteral(file: first.file, key: first.key, expression: expr, flag: first.flag)
        }
        return SitesnapError.configValuesNotLiteral(file: first.file, keys: problems.map { p in
            "\(p.key) (\(p.expression)\(p.reason.map { "; \($0)" } ?? "")): pass \(p.flag)"
        })
    }
}
