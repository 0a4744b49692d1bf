import SiteKnowledge
import SitesnapSystem

/// Database settings given on the command line, which win over `--defaults-file`, which wins over
/// the CMS config. Passwords come only from files, never from argv.
public struct DatabaseOverrides: Equatable, Sendable {
    public var host: String?
    public var port: UInt32?
    public var socket: String?
    public var name: String?
    public var user: String?
    /// A file whose content (minus one trailing newline) is the password.
    public var passwordFile: String?
    /// A MySQL option file (`[client]` user/password/host/port/socket/database).
    public var defaultsFile: String?
    /// The CMS config file to read instead of the profile's candidates.
    public var configFile: String?
    /// The table prefix to use instead of the config's.
    public var tablePrefix: String?
    /// A password typed at an interactive prompt (kept in memory; never from argv).
    public var password: String?
    /// `--site-dir NAME`: the multisite folder whose config is read (Drupal `sites/NAME/settings.php`).
    public var siteDir: String?
    /// `KEY=VALUE` lines (docker compose `.env` syntax) for the config's `getenv()` values; its
    /// variables win over the environment sitesnap runs in.
    public var envFile: String?

    public init(host: String? = nil, port: UInt32? = nil, socket: String? = nil, name: String? = nil,
                user: String? = nil, passwordFile: String? = nil, defaultsFile: String? = nil,
                configFile: String? = nil, tablePrefix: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.socket = socket
        self.name = name
        self.user = user
        self.passwordFile = passwordFile
        self.defaultsFile = defaultsFile
        self.configFile = configFile
        self.tablePrefix = tablePrefix
        self.password = password
    }

    /// The config to read for `site`: `--config`, else the `--site-dir` folder's, else nil (the
    /// profile's candidates); refuses both at once, and an ambiguous multisite (`SiteDirs.config`).
    /// - Throws: `SitesnapError.invalidOption`.
    public func configFile(for site: DetectedSite) throws -> String? {
        if let configFile {
            if let siteDir { throw SitesnapError.invalidOption(option: "--config and --site-dir \(siteDir)", reason: "give one of them") }
            return configFile
        }
        return try SiteDirs.config(site, siteDir: siteDir)
    }
}
