import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat

/// What `sitesnap inspect` reports about a site. Never contains the password.
public struct InspectReport: Codable, Sendable {
    public struct Database: Codable, Sendable {
        public var host: String?
        public var port: UInt32?
        public var socket: String?
        public var name: String?
        public var user: String?
        /// Whether a password is configured (its value is never shown).
        public var passwordSet: Bool
        public var tablePrefix: String?
        public var charset: String?
        /// Settings taken from the environment: key (`host`, `port`, ...) -> where from
        /// ("from environment DB_HOST"); never a value.
        public var origins: [String: String] = [:]
        /// Settings computed by code that could not be read: key -> the expression (a password's
        /// with its literal defaults left out). Such a key has no value above.
        public var computed: [String: String] = [:]
        /// The TLS the config asks for ("on, CA /etc/ssl/ca.pem, server certificate checked"); nil: none.
        public var tls: String?

        enum CodingKeys: String, CodingKey {
            case host, port, socket, name, user, charset, origins, computed, tls
            case passwordSet = "password_set"
            case tablePrefix = "table_prefix"
        }
    }
    public var root: String
    /// Profile id and display name.
    public var cms: String
    public var cmsName: String
    public var version: String?
    public var configFile: String?
    /// The docroot inside `root` when the site is a project (`web`).
    public var docroot: String?
    /// Folders the config names that the site needs (Drupal's config sync folder).
    public var folders: [SiteFolder] = []
    /// The site folders of a multisite install (Drupal's sites/sites.php), when it has any.
    public var siteDirs: [SiteDir] = []
    public var database: Database?
    public var extensions: [ExtensionInfo]
    /// What stops a backup from reading the database settings, with what to do about it.
    public var problems: [String]
    /// The directives of the site's .htaccess, web.config, .user.ini, php.ini and nginx files that
    /// route or authenticate requests or prepend PHP code (`sitesnap changes` compares them).
    public var directives: [DirectiveFinding] = []

    enum CodingKeys: String, CodingKey {
        case root, cms, version, database, extensions, problems, docroot, folders, directives
        case siteDirs = "site_dirs"
        case cmsName = "cms_name"
        case configFile = "config_file"
    }
}

/// Detects a site and reads its config without connecting to the database.
public enum SiteInspector {
    /// Inspects `root`.
    /// - Throws: `SitesnapError.siteRootMissing`, `.notACMSRoot`, `.profileInvalid`, and
    ///   `.credentialFileUnreadable` for an `--env-file` that cannot be read (a bad option, not a
    ///   problem of the site). Config problems are listed in the report's `problems` instead.
    public static func inspect(root: String, overrides: DatabaseOverrides = DatabaseOverrides(),
                               profileDirectories: [String] = []) throws -> InspectReport {
        _ = try ConfigEnvironment.load(envFile: overrides.envFile)
        let store = try ProfileStore(userDirectories: profileDirectories)
        let site = try SiteDetector.detect(root: root, profiles: store)
        var report = InspectReport(root: site.root, cms: site.profile.id, cmsName: site.profile.name, version: site.version,
                                   configFile: nil, database: nil, extensions: ExtensionScanner.scan(site), problems: [])
        report.docroot = site.docroot
        report.siteDirs = SiteDirs.list(site)
        report.directives = try DirectiveScan.scan(site)
        var config: SiteConfig?
        var overrides = overrides
        do {
            overrides.configFile = try overrides.configFile(for: site)
            overrides.siteDir = nil
            config = try SiteConfigReader.read(site: site, override: overrides.configFile)
            report.configFile = config?.file
            report.folders = config.map { SiteFolders.find(site: site, configFile: $0.file) } ?? []
        } catch let e as SitesnapError {
            report.problems.append(e.errorDescription ?? "\(e)")
        }
        do {
            let (t, problem) = try DatabaseTarget.resolveCollecting(config: config, profile: site.profile, overrides: overrides)
            if let problem { report.problems.append(problem.errorDescription ?? "\(problem)") }
            report.database = .init(host: t.options.host, port: t.options.port == 0 ? nil : t.options.port, socket: t.options.socket,
                                    name: t.options.database, user: t.options.user,
                                    passwordSet: !(t.options.password ?? "").isEmpty, tablePrefix: t.tablePrefix,
                                    charset: t.configCharset, origins: t.origins, computed: t.unreadable,
                                    tls: DatabaseTLS.describe(t.options.tls))
        } catch let e as SitesnapError {
            report.problems.append(e.errorDescription ?? "\(e)")
            if let config { report.database = literalSettings(config) }
        }
        return report
    }

    /// The config's literal settings, each computed one listed as such (never as a value: a computed
    /// password is not "set", a computed host not "localhost").
    static func literalSettings(_ config: SiteConfig) -> InspectReport.Database {
        var computed: [String: String] = [:]
        for (key, a) in config.values {
            switch a.value {
            case .expression(let e): computed[key] = key == "password" ? (PHPEnvExpression.parse(e)?.redacted ?? "code not shown") : e
            case .array: computed[key] = "an array"
            default: break
            }
        }
        return .init(host: config.text("host"), port: config.text("port").flatMap { UInt32($0) }, socket: config.text("socket"),
                     name: config.text("database"), user: config.text("user"),
                     passwordSet: !(config.text("password") ?? "").isEmpty,
                     tablePrefix: config.text("table_prefix"), charset: config.text("charset"), computed: computed)
    }
}
