import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat

/// How the staging database is reached: the request's settings, and for what they leave out the
/// source site's host, port, socket, user and password, read from the source site's config as it is
/// on this machine, never from the archive (an archive's config could name any user, e.g. root).
enum StagingConnection {
    /// The source site's connection, when its config can be read here (nil otherwise).
    /// `envFile`: `restore --env-file`, for the source config's `getenv()` settings.
    static func source(manifest m: Manifest, profile: Profile, envFile: String? = nil) -> DatabaseTarget? {
        guard let live = m.site.configFile,
              let sc = try? SiteConfigReader.read(site: DetectedSite(root: m.site.root, profile: profile, version: nil, docroot: m.site.docroot), override: live) else { return nil }
        var overrides = DatabaseOverrides()
        overrides.envFile = envFile
        return try? DatabaseTarget.resolve(config: sc, profile: profile, overrides: overrides)
    }

    /// The staging connection: `overrides` first, then the source's host/port/socket (only when none
    /// of them is given), user and password; the table prefix is the source's (else the snapshot's).
    /// - Throws: `SitesnapError.invalidOption` when no user is known, the resolver's errors.
    static func resolve(_ overrides: DatabaseOverrides, source: DatabaseTarget?, manifest m: Manifest, profile: Profile) throws -> DatabaseTarget {
        var staging = try DatabaseTarget.resolve(config: nil, profile: profile, overrides: DatabaseOverrides(
            host: overrides.host, port: overrides.port, socket: overrides.socket, name: overrides.name,
            user: overrides.user ?? source?.options.user,
            passwordFile: overrides.passwordFile, defaultsFile: overrides.defaultsFile, tablePrefix: nil, password: overrides.password))
        if overrides.host == nil && overrides.socket == nil && overrides.port == nil, let s = source {
            if staging.options.host == nil && staging.options.socket == nil {
                staging.options.host = s.options.host
                staging.options.port = s.options.port
                staging.options.socket = s.options.socket
                staging.options.tls = s.options.tls  // the source's server, reached as the source is
            }
        }
        if overrides.passwordFile == nil && overrides.defaultsFile == nil && overrides.password == nil && staging.options.password == nil {
            staging.options.password = source?.options.password
        }
        staging.tablePrefix = source?.tablePrefix ?? m.database?.tablePrefix ?? ""
        if staging.options.user == nil {
            throw SitesnapError.invalidOption(option: "--db-user", reason: "the source site's config (\(m.site.configFile ?? "none")) cannot be read here to take its user; name the staging database user")
        }
        return staging
    }
}
