import Foundation

/// The database settings a site's config file holds, as read (not yet resolved into a connection).
public struct SiteConfig: Sendable {
    /// The config file read (absolute path).
    public var file: String
    /// Further files read after it (Drupal's settings.local.php).
    public var extraFiles: [String]
    /// Each database key of the profile (`database`, `user`, `password`, `host`, `port`, `socket`,
    /// `charset`, `table_prefix`) with its value, if the file sets it.
    public var values: [String: PHPAssignment]
    /// How each key is named in the file (`DB_NAME`, `JConfig::$db`), for messages.
    public var keyNames: [String: String]
    /// Source text of the file's include/require statements.
    public var includes: [String]

    /// A literal text value of `key`, nil when unset or computed.
    public func text(_ key: String) -> String? { values[key]?.value.scalarText }
}

/// Finds and reads a site's config file as its profile describes.
public enum SiteConfigReader {
    /// Database keys of `ConfigSpec`, in display order.
    public static let keys = ["database", "user", "password", "host", "port", "socket", "charset", "table_prefix"]

    /// Reads the config of `site`, or the file `override` (`--config FILE`) when given.
    /// - Throws: `SitesnapError.configNotFound`, `.configUnreadable`, `.configSyntax`.
    public static func read(site: DetectedSite, override: String? = nil) throws -> SiteConfig {
        let spec = site.profile.config
        let file: String
        if let override {
            file = URL(fileURLWithPath: override).standardizedFileURL.path
        } else {
            var found: String?
            for c in spec.candidates {
                let path = URL(fileURLWithPath: site.root + "/" + c.path).standardizedFileURL.path
                if let u = c.unlessExists,
                   FileManager.default.fileExists(atPath: URL(fileURLWithPath: site.root + "/" + u).standardizedFileURL.path) {
                    continue
                }
                if FileManager.default.fileExists(atPath: path) { found = path; break }
            }
            guard let f = found else {
                throw SitesnapError.configNotFound(site: site.root, cms: site.profile.name,
                                                   candidates: spec.candidates.map(\.path))
            }
            file = f
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDir), isDir.boolValue {
            throw SitesnapError.configUnreadable(file: file, reason: "it is a directory")
        }
        var configs = [try PHPConfigReader.read(path: file)]
        var extra: [String] = []
        for name in spec.alsoRead ?? [] {
            let path = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) {
                configs.append(try PHPConfigReader.read(path: path))
                extra.append(path)
            }
        }
        return make(file: file, extraFiles: extra, configs: configs, spec: spec)
    }

    /// Builds a `SiteConfig` from parsed files (the main config first, then `also_read` ones).
    public static func make(file: String, extraFiles: [String], configs: [PHPConfig], spec: ConfigSpec) -> SiteConfig {
        let extra = extraFiles
        var values: [String: PHPAssignment] = [:]
        var names: [String: String] = [:]
        for (key, valueSpec) in specs(spec) {
            guard let valueSpec else { continue }
            names[key] = valueSpec.displayName
            for config in configs {
                if let a = ConfigValues.lookup(valueSpec, in: config) { values[key] = a }
            }
        }
        return SiteConfig(file: file, extraFiles: extra, values: values, keyNames: names,
                          includes: configs.flatMap(\.includes))
    }

    static func specs(_ s: ConfigSpec) -> [(String, PHPValueSpec?)] {
        [("database", s.database), ("user", s.user), ("password", s.password), ("host", s.host),
         ("port", s.port), ("socket", s.socket), ("charset", s.charset), ("table_prefix", s.tablePrefix)]
    }
}
