import Foundation
import SitesnapSystem

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
    /// Per-table prefixes (profile `per_table_prefixes`): unprefixed table name -> its prefix, for
    /// the tables a prefix array names besides its default (`'users' => 'shared_'`).
    public var tablePrefixes: [String: String] = [:]
    /// The profile's `requires` settings the file sets, with their assignment.
    public var requirements: [(requirement: ConfigSpec.Requirement, assignment: PHPAssignment)] = []
    /// The profile's `tls` settings the file sets, by name (`enable`, `ca`, ...).
    public var tls: [String: PHPAssignment] = [:]

    public init(file: String, extraFiles: [String], values: [String: PHPAssignment], keyNames: [String: String],
                includes: [String], tablePrefixes: [String: String] = [:]) {
        self.file = file
        self.extraFiles = extraFiles
        self.values = values
        self.keyNames = keyNames
        self.includes = includes
        self.tablePrefixes = tablePrefixes
    }

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
            file = try locate(site: site, spec: spec)
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDir), isDir.boolValue {
            throw SitesnapError.configUnreadable(file: file, reason: "it is a directory")
        }
        var followed: [String] = []
        let config = try readFollowingIncludes(file: file, spec: spec, followed: &followed)
        return make(file: file, extraFiles: followed, config: config, spec: spec)
    }

    /// The first candidate that exists. A candidate whose `folder_from` file defines its folder is the
    /// config file the CMS reads (Joomla's defines.php `JPATH_CONFIGURATION`), so it alone is looked for.
    /// - Throws: `SitesnapError.configNotFound`, and what `ConfigFolder.resolve` throws.
    static func locate(site: DetectedSite, spec: ConfigSpec) throws -> String {
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
        for c in spec.candidates {
            if let u = c.unlessExists, exists(URL(fileURLWithPath: site.root + "/" + u).standardizedFileURL.path) { continue }
            if let from = c.folderFrom {
                guard let folder = try ConfigFolder.resolve(from, root: site.root) else { continue }
                let path = URL(fileURLWithPath: folder + "/" + c.path).standardizedFileURL.path
                guard exists(path) else {
                    throw SitesnapError.configNotFound(site: site.root, cms: site.profile.name,
                                                       candidates: [path + " (\(from.value.displayName) of \(from.file))"])
                }
                return path
            }
            let path = URL(fileURLWithPath: site.root + "/" + c.path).standardizedFileURL.path
            if exists(path) { return path }
        }
        throw SitesnapError.configNotFound(site: site.root, cms: site.profile.name, candidates: spec.candidates.map(\.path))
    }

    /// Reads `file` as PHP runs it: at the position of each include statement naming one of the
    /// profile's `follow_includes` files, that file (from the same folder, when it exists) is read in,
    /// so that what comes later in either file wins, key by key (Drupal's settings.php includes
    /// settings.local.php from a block near its end, and may assign `$databases` after it).
    /// - Parameter followed: receives the paths of the files read in.
    /// - Throws: `SitesnapError.configUnreadable`, `.configSyntax` (for any of the files).
    public static func readFollowingIncludes(file: String, spec: ConfigSpec, followed: inout [String], depth: Int = 0) throws -> PHPConfig {
        let main = try readChecked(path: file)
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        return try main.expanding { inc in
            guard depth < 4, let name = inc.fileName, (spec.followIncludes ?? []).contains(name) else { return nil }
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path), path != file else { return nil }
            followed.append(path)
            return (try readFollowingIncludes(file: path, spec: spec, followed: &followed, depth: depth + 1), path)
        }
    }

    /// Reads one PHP file, refusing one PHP would not parse: `php -l` decides when PHP is installed,
    /// sitesnap's own check otherwise (see `PHPLint`).
    /// - Throws: `SitesnapError.configUnreadable`, `.configSyntax` naming the file and line.
    static func readChecked(path: String) throws -> PHPConfig {
        let bytes = try PHPConfigReader.load(path: path)
        switch PHPLint.check(path) {
        case .error(let line, let message):
            throw SitesnapError.configSyntax(file: path, line: line, message: message)
        case .ok:
            return try PHPConfigReader.read(bytes, file: path, checkSyntax: false)
        case .unavailable:
            return try PHPConfigReader.read(bytes, file: path, checkSyntax: true)
        }
    }

    /// Builds a `SiteConfig` from a parsed config (included files already spliced in).
    public static func make(file: String, extraFiles: [String], config: PHPConfig, spec: ConfigSpec) -> SiteConfig {
        var values: [String: PHPAssignment] = [:]
        var names: [String: String] = [:]
        for (key, valueSpec) in specs(spec) {
            guard let valueSpec else { continue }
            names[key] = valueSpec.displayName
            if let a = ConfigValues.lookup(valueSpec, in: config) { values[key] = a }
        }
        var prefixes: [String: String] = [:]
        if spec.perTablePrefixes == true, var whole = spec.tablePrefix, let defaultKey = whole.arrayKey {
            whole.arrayKey = nil
            if case .array(let entries)? = ConfigValues.lookup(whole, in: config)?.value {
                for e in entries where e.key != PHPArrayKey(defaultKey) {
                    if let p = e.value.scalarText { prefixes[e.key.description] = p }
                }
            }
        }
        var result = SiteConfig(file: file, extraFiles: extraFiles, values: values, keyNames: names,
                                includes: config.includes, tablePrefixes: prefixes)
        result.requirements = (spec.requires ?? []).compactMap { r in ConfigValues.lookup(r.value, in: config).map { (r, $0) } }
        for (name, v) in spec.tls?.settings ?? [] {
            if let a = ConfigValues.lookup(v, in: config) { result.tls[name] = a }
        }
        return result
    }

    static func specs(_ s: ConfigSpec) -> [(String, PHPValueSpec?)] {
        [("database", s.database), ("user", s.user), ("password", s.password), ("host", s.host),
         ("port", s.port), ("socket", s.socket), ("charset", s.charset), ("table_prefix", s.tablePrefix)]
    }
}
