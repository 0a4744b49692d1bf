import Foundation
import MariaDBKit
import SiteKnowledge
import SitesnapSystem

/// The TLS a CMS config asks for (profile `config.tls`), as Connector/C options, so that sitesnap
/// connects the way the site does:
/// - Joomla (libraries/src/Service/Provider/Database.php, 4.x/5.x): on when `(int) $dbencryption !== 0`;
///   `verify_server_cert` is `(bool) $dbsslverifyservercert`; `$dbsslca`, `$dbsslkey`, `$dbsslcert`,
///   `$dbsslcipher` are used when not empty (trimmed); joomla/database MysqliDriver then calls
///   `ssl_set()` and adds MYSQLI_CLIENT_SSL.
/// - Drupal (core mysql Connection.php `open()`): the `pdo` options, `PDO::MYSQL_ATTR_SSL_CA`,
///   `..._SSL_CAPATH`, `..._SSL_CERT`, `..._SSL_KEY`, `..._SSL_CIPHER`, `..._SSL_VERIFY_SERVER_CERT`;
///   TLS is on when a CA, certificate or key is given (no setting of its own).
/// - WordPress (wp-includes/class-wpdb.php `db_connect()`): `MYSQL_CLIENT_FLAGS` passed to
///   `mysqli_real_connect()`; TLS on with MYSQLI_CLIENT_SSL.
/// Unset, the server certificate is checked when a CA is given. TLS asked for is then required.
enum DatabaseTLS {
    /// PHP's mysqli client flag constants (values from php-mysqli 8.2: `php -r 'echo MYSQLI_CLIENT_SSL;'`).
    static let clientFlags: [String: Int] = [
        "MYSQLI_CLIENT_SSL": 2048, "MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT": 64,
        "MYSQLI_CLIENT_SSL_VERIFY_SERVER_CERT": 1_073_741_824, "MYSQLI_CLIENT_COMPRESS": 32,
        "MYSQLI_CLIENT_FOUND_ROWS": 2, "MYSQLI_CLIENT_IGNORE_SPACE": 256, "MYSQLI_CLIENT_INTERACTIVE": 1024,
        "MYSQLI_CLIENT_NO_SCHEMA": 16,
    ]

    /// The TLS options, nil when the config asks for none.
    /// - Throws: `SitesnapError.configValueNotLiteral` for a TLS setting computed by code sitesnap
    ///   cannot read (it would connect otherwise than the site does).
    static func options(config: SiteConfig?, spec: ConfigSpec.TLSSpec?, environment: ConfigEnvironment) throws -> TLSOptions? {
        guard let config, let spec, !config.tls.isEmpty else { return nil }
        func refuse(_ n: String, _ a: PHPAssignment, _ what: String) -> SitesnapError {
            .configValueNotLiteral(file: a.file ?? config.file, key: spec.settings.first { $0.0 == n }?.1.displayName ?? n,
                                   expression: what, flag: "a literal in the config, or its variable set in the environment or an --env-file FILE, so that sitesnap connects over TLS as the site does")
        }
        func text(_ n: String) throws -> String? {
            guard let a = config.tls[n] else { return nil }
            if let t = a.value.scalarText { return t.trimmingCharacters(in: .whitespaces) }
            guard case .expression(let e) = a.value else { throw refuse(n, a, "an array") }
            if case .value(let v, _)? = PHPEnvExpression.parse(e)?.evaluate(in: environment) { return v.trimmingCharacters(in: .whitespaces) }
            throw refuse(n, a, e)
        }
        func file(_ n: String) throws -> String? { try text(n).flatMap { $0.isEmpty ? nil : $0 } }
        var on: Bool
        var verify: Bool?
        if spec.enable != nil {
            on = (try text("enable")).map { Int($0) ?? ($0.isEmpty ? 0 : 1) } ?? 0 != 0
        } else if spec.clientFlags != nil {
            let flags = try clientFlagsValue(config, refuse)
            on = flags & 2048 != 0
            if flags & 1_073_741_824 != 0 { verify = true } else if flags & 64 != 0 { verify = false }
        } else {
            on = try file("ca") != nil || file("cert") != nil || file("key") != nil
        }
        guard on else { return nil }
        var tls = TLSOptions(ca: try file("ca"), caPath: try file("ca_path"), cert: try file("cert"), key: try file("key"),
                             cipher: try file("cipher"))
        if let v = try text("verify_server_cert") { verify = !(v.isEmpty || v == "0") }
        tls.verifyServerCert = verify ?? (tls.ca != nil || tls.caPath != nil)
        // Connector/C says only "TLS/SSL error: No such file or directory": name the setting and file.
        for (n, path) in [("ca", tls.ca), ("ca_path", tls.caPath), ("cert", tls.cert), ("key", tls.key)] {
            guard let path, !FileManager.default.isReadableFile(atPath: path) else { continue }
            let name = spec.settings.first { $0.0 == n }?.1.displayName ?? n
            throw SitesnapError.credentialFileUnreadable(option: "the TLS file of \(name) in \(config.tls[n]?.file ?? config.file)", path: path,
                reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file (the site's config names it; fix the config, or run sitesnap where the file is)")
        }
        return tls
    }

    /// The value of the client flags setting: an integer, or constants joined with `|` or `+`.
    private static func clientFlagsValue(_ config: SiteConfig, _ refuse: (String, PHPAssignment, String) -> SitesnapError) throws -> Int {
        guard let a = config.tls["client_flags"] else { return 0 }
        if let t = a.value.scalarText { return Int(t) ?? 0 }
        guard case .expression(let e) = a.value else { throw refuse("client_flags", a, "an array") }
        var total = 0
        for part in e.split(whereSeparator: { $0 == "|" || $0 == "+" }) {
            let name = part.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\\"))
            guard let v = clientFlags[name] ?? Int(name) else { throw refuse("client_flags", a, e) }
            total |= v
        }
        return total
    }

    /// How inspect shows it: "on, CA /etc/ssl/ca.pem, server certificate checked".
    static func describe(_ tls: TLSOptions?) -> String? {
        guard let tls else { return nil }
        var parts = ["on"]
        if let ca = tls.ca { parts.append("CA \(ca)") }
        if let p = tls.caPath { parts.append("CA folder \(p)") }
        if let c = tls.cert { parts.append("client certificate \(c)") }
        if let k = tls.key { parts.append("key \(k)") }
        if let c = tls.cipher { parts.append("cipher \(c)") }
        parts.append(tls.verifyServerCert ? "server certificate checked" : "server certificate not checked")
        return parts.joined(separator: ", ")
    }
}
