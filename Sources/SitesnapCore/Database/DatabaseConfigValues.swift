import SiteKnowledge
import SitesnapSystem

/// The database settings of a CMS config as `DatabaseTarget.resolve` reads them: a literal text
/// value per key, or an error that names the config's own key and the flag that replaces it.
struct DatabaseConfigValues {
    let config: SiteConfig?
    /// The config file for messages ("(no config)" without one).
    var file: String { config?.file ?? "(no config)" }

    /// The config's own name for a setting (`DB_HOST` for `host`), or the key itself.
    func keyName(_ key: String) -> String { config?.keyNames[key] ?? key }

    /// The literal value of `key`, nil when the config does not set it and it is not `required`.
    /// - Throws: `SitesnapError.configValueMissing` (required and unset, or no config at all),
    ///   `.configValueNotLiteral` (an expression or an array), each naming `flag`.
    func text(_ key: String, flag: String, required: Bool) throws -> String? {
        guard let config else {
            if required { throw SitesnapError.configValueMissing(file: file, key: key, flag: flag) }
            return nil
        }
        guard let a = config.values[key] else {
            if required { throw SitesnapError.configValueMissing(file: file, key: keyName(key), flag: flag) }
            return nil
        }
        guard let text = a.value.scalarText else {
            let expr: String
            if case .expression(let e) = a.value { expr = e } else { expr = "an array" }
            throw SitesnapError.configValueNotLiteral(file: a.file ?? file, key: keyName(key), expression: expr, flag: flag)
        }
        return text
    }
}
