import Foundation
import SiteKnowledge
import SitesnapSystem

extension ConfigRewriter {
    /// The edit for a config whose connection is one database URL (Drupal 6 `$db_url`, profile
    /// `url_part`): the URL written again with the staging user, password, host, port and database,
    /// its scheme (`mysql`, `mysqli`) kept.
    /// - Throws: `SitesnapError.configNotRewritable` when the URL is not a literal set in the file
    ///   itself, or the staging server is on a socket (a database URL names a host and port only).
    func planURL(_ config: PHPConfig, merged: PHPConfig, _ s: Settings) throws -> [(Range<Int>, String, String)] {
        var whole = spec.database
        whole.urlPart = nil
        let name = whole.displayName
        guard let a = ConfigValues.lookup(whole, in: config) else {
            throw SitesnapError.configNotRewritable(file: file, keys: ["\(name) (not set in the file)"])
        }
        var problems: [String] = []
        if ConfigValues.lookup(whole, in: merged) != a { problems.append("\(name) (set again in a file it includes, which wins)") }
        if a.conditional { problems.append("\(name) (set under a condition)") }
        if s.socket != nil { problems.append("\(name) (the staging server is on a socket; a database URL names a host and port: give --db-host and --db-port)") }
        guard case .string(let text) = a.value, var url = DatabaseURL(text) else {
            throw SitesnapError.configNotRewritable(file: file, keys: problems + ["\(name) (not a literal database URL)"])
        }
        if !problems.isEmpty { throw SitesnapError.configNotRewritable(file: file, keys: problems) }
        url.user = s.user
        url.password = s.password
        url.host = s.host ?? "localhost"
        url.port = s.port == 0 ? nil : Int(s.port)
        url.database = s.database
        return [(a.valueRange, Self.literal(url.text), name)]
    }
}
