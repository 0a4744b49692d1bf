import SnapshotFormat
/// A CMS profile: everything sitesnap knows about one CMS, loaded from `profiles/<id>.yml`.
/// The format is documented in docs/profiles.md; the Swift code has no per-CMS branches.
public struct Profile: Codable, Equatable, Sendable {
    /// Short id, e.g. "wordpress"; also the file name.
    public var id: String
    /// Display name, e.g. "WordPress".
    public var name: String
    /// Files (relative to the site root) that must all exist for this profile to match.
    public var markers: [String]
    /// Sources of the CMS version, tried in order.
    public var version: [VersionSource]
    public var config: ConfigSpec
    /// What snapshots leave out by default (caches, temp, backups): paths from the site root, or the
    /// contents of a folder (`--no-default-excludes` turns them off).
    public var excludes: [ProfileExclude]
    public var extensions: [ExtensionSource]
    /// Data-level knowledge used by diff-db (noise, natural keys); optional here.
    public var database: DatabaseSpec?
    /// Staging hygiene of the restored config and files (mail off, no indexing); optional.
    public var staging: StagingSpec?
    /// The CMS installed as a project around its docroot (Drupal's composer layout); see `ProjectLayout`.
    public var project: ProjectLayout?
    /// Several sites on one code base, each with its own config folder (Drupal's sites.php).
    public var multisite: MultisiteSpec?
    /// Settings of the config naming folders the site needs, whatever its layout (Drupal's private
    /// files folder); as `project.folders`, which only a project layout reads.
    public var folders: [ProjectLayout.Folder]?
    /// Which folders are core's, each extension's, uploads and caches (`sitesnap changes`); optional.
    public var files: FileOwnership?
}

/// Where a value lives in a PHP config or source file.
public struct PHPValueSpec: Codable, Equatable, Sendable {
    /// A `define()`d or top-level `const` constant.
    public var constant: String?
    /// A variable path: `[databases, default, default, host]` for `$databases['default']['default']['host']`.
    public var variable: [String]?
    /// A class property or class constant, `Class::name` (e.g. `JConfig::host`, `Version::MAJOR_VERSION`).
    public var member: String?
    /// When the value is an array, use this key of it (Drupal 7's per-table `prefix` array: `default`).
    public var arrayKey: String?
    /// The value is a database URL (Drupal 6 `$db_url`): take this part of it, decoded (`DatabaseURL`).
    public var urlPart: DatabaseURLPart?

    enum CodingKeys: String, CodingKey {
        case constant, variable, member
        case arrayKey = "array_key"
        case urlPart = "url_part"
    }

    /// How the value is named in messages: `DB_NAME`, `$databases['default']['default']['host']`, `JConfig::$host`.
    public var displayName: String {
        if let constant { return constant }
        if let variable, let first = variable.first {
            return "$" + first + variable.dropFirst().map { "['\($0)']" }.joined()
        }
        if let member { return member.replacingOccurrences(of: "::", with: "::$") }
        return "?"
    }
}

/// One way to read the CMS version.
public struct VersionSource: Codable, Equatable, Sendable {
    /// File relative to the site root.
    public var file: String
    /// A single PHP value holding the whole version.
    public var php: PHPValueSpec?
    /// Several PHP values joined with ".", e.g. Joomla's MAJOR/MINOR/PATCH_VERSION.
    public var parts: [PHPValueSpec]?
    /// The text of the first XML element with this name (Joomla's `<version>`).
    public var xmlElement: String?
    /// Appended to the joined `parts` after `separator` when it is set and not empty (Joomla's
    /// `EXTRA_VERSION`: `5.4.4` and `dev` make `5.4.4-dev`, as Version::getShortVersion() does).
    public var suffix: VersionSuffix?

    public struct VersionSuffix: Codable, Equatable, Sendable {
        public var value: PHPValueSpec
        public var separator: String
    }

    enum CodingKeys: String, CodingKey {
        case file, php, parts, suffix
        case xmlElement = "xml_element"
    }
}

/// Where the config file is and which keys hold the database settings.
public struct ConfigSpec: Codable, Equatable, Sendable {
    public struct Candidate: Codable, Equatable, Sendable {
        /// Path relative to the site root (may start with `../`).
        public var path: String
        /// Skip this candidate when this file (relative to the site root) exists.
        public var unlessExists: String?
        /// The folder `path` is in comes from a constant a file of the site defines (Joomla's
        /// `defines.php` setting `JPATH_CONFIGURATION`): used when that file exists and defines it.
        public var folderFrom: FolderFrom?
        enum CodingKeys: String, CodingKey {
            case path
            case unlessExists = "unless_exists"
            case folderFrom = "folder_from"
        }
    }

    /// A file (relative to the site root) and the value in it that names a folder.
    public struct FolderFrom: Codable, Equatable, Sendable {
        public var file: String
        public var value: PHPValueSpec
    }
    public var candidates: [Candidate]
    /// Names of files beside the config file whose `include`/`require` statements are followed, at
    /// their position in the file, when the file exists (Drupal's `settings.local.php`).
    public var followIncludes: [String]?
    /// Told to the user when the config sets no database name but includes another file.
    public var includeHint: String?
    /// Absolute globs of the files such an include may load (Debian: `/etc/wordpress/config-*.php`);
    /// the ones that exist are named in the message.
    public var includeCandidates: [String]?
    public var database: PHPValueSpec
    public var user: PHPValueSpec
    public var password: PHPValueSpec
    /// Host; may hold `host:port`, `host:/socket` or `[ipv6]:port` (parsed as WordPress's `DB_HOST`).
    public var host: PHPValueSpec
    public var port: PHPValueSpec?
    public var socket: PHPValueSpec?
    public var charset: PHPValueSpec?
    public var tablePrefix: PHPValueSpec?
    /// The host forms the CMS's database driver parses out of the host setting: `port` (`host:3307`),
    /// `socket` (`host:/path/to.sock`), `ipv6` (`[::1]:3306`), `unix_uri` (`unix:/path/to.sock`).
    /// Absent: `port`, `socket`, `ipv6` (WordPress's `wpdb::parse_db_host`). Empty: the host is a name only.
    public var hostForms: [HostForm]?
    /// True when the driver connects over the socket setting whenever it is set, ignoring host and
    /// port (Drupal's MySQL driver: `isset($connection_options['unix_socket'])`).
    public var socketOverridesHost: Bool?
    /// True when `table_prefix` may be an array: its `array_key` entry is the default prefix, every
    /// other entry names a table (unprefixed) and the prefix that table has (Drupal 7 to 9).
    public var perTablePrefixes: Bool?
    /// Connection settings a restore sets to a fixed literal in the staging config when the file has
    /// them, so that nothing of the source's connection stays (TLS files, client flags, PDO options).
    public var stagingResets: [StagingReset]?
    /// Settings that hold paths inside the site, pointed into the restore target (Joomla tmp/log).
    public var targetPaths: [TargetPath]?
    /// The setting that holds the site URL, rewritten by restore --url (Joomla `$live_site`).
    public var siteURL: PHPValueSpec?
    /// Settings that restore --url points at the staging site, each in the form it holds (Joomla
    /// `$cookie_domain`, Drupal `$settings['trusted_host_patterns']`).
    public var urlSettings: [URLSetting]?

    public struct URLSetting: Codable, Equatable, Sendable {
        public var value: PHPValueSpec
        public var form: URLSettingForm

        public init(value: PHPValueSpec, form: URLSettingForm) {
            self.value = value
            self.form = form
        }
    }

    /// How a URL setting is rewritten (`URLSettingForm` is documented in docs/profiles.md).
    public enum URLSettingForm: String, Codable, Equatable, Sendable {
        /// The whole new URL (Drupal 7 `$base_url`).
        case url
        /// A cookie domain: the new host, keeping a leading `.`; an empty one (the request's host) stays.
        case cookieDomain = "cookie_domain"
        /// A cookie path equal to the old URL's path becomes the new URL's path; others stay.
        case cookiePath = "cookie_path"
        /// An array of host regular expressions (Symfony trusted hosts, case-insensitive): those that
        /// match the old host give way to `^new\.host$`, the others stay; the new host's is added.
        case hostPatterns = "host_patterns"
    }

    /// Settings sitesnap supports only with certain values (Joomla `$dbtype`, Drupal `driver`): a
    /// config that sets one to another value is refused by name.
    public var requires: [Requirement]?
    /// The settings that make the CMS connect over TLS (Joomla `$dbencryption`, `$dbsslca`, ...;
    /// Drupal's `pdo` options; WordPress `MYSQL_CLIENT_FLAGS`), honoured when reading the database.
    public var tls: TLSSpec?

    public struct StagingReset: Codable, Equatable, Sendable {
        public var value: PHPValueSpec
        /// PHP source of the value written instead (`NULL`, `0`, `''`, `[]`).
        public var literal: String
    }

    public struct TargetPath: Codable, Equatable, Sendable {
        public var value: PHPValueSpec
        /// Relative to the restored site root.
        public var path: String
    }

    enum CodingKeys: String, CodingKey {
        case candidates, database, user, password, host, port, socket, charset
        case targetPaths = "target_paths"
        case siteURL = "site_url"
        case urlSettings = "url_settings"
        case followIncludes = "follow_includes"
        case hostForms = "host_forms"
        case socketOverridesHost = "socket_overrides_host"
        case perTablePrefixes = "per_table_prefixes"
        case stagingResets = "staging_resets"
        case includeHint = "include_hint"
        case includeCandidates = "include_candidates"
        case tablePrefix = "table_prefix"
        case requires, tls
    }
}

/// Where one kind of extension lives and how to read its name and version.
public struct ExtensionSource: Codable, Equatable, Sendable {
    /// e.g. "plugin", "theme", "component", "module".
    public var kind: String
    /// Glob relative to the site root; `*` within one path component, `**` any depth.
    public var glob: String
    /// How the matched file names the extension.
    public var format: ExtensionFormat
    /// Field names for the name and version (header labels, YAML/INI keys); ignored for xml-manifest.
    public var nameField: String?
    public var versionField: String?
    /// Where the extension's slug comes from.
    public var slug: SlugSource
    /// A version value that stands for the CMS version (Drupal core's `version: VERSION`).
    public var versionPlaceholder: String?
    /// Where the extension's group comes from (Joomla's plugin folder), so that two extensions with
    /// one slug in different groups stay two.
    public var group: GroupSource?
    /// The client every extension found here belongs to (Joomla: `site` or `administrator`), so that
    /// a site module and an administrator module of one name stay two.
    public var client: String?
    /// The name the matched file must have, `{dir}` standing for its folder's name (Joomla's
    /// `language/<tag>/<tag>.xml`, where the folder holds other XML files too).
    public var fileName: String?
    /// Text removed from the folder's name where `file_name` says `{dir}` (Joomla's site component
    /// `components/com_x/x.xml`: ComponentAdapter's `str_replace('com_', '', $component)`).
    public var fileNameDrop: String?
    /// Folder names never looked into (a match with one of them between the site root and the file
    /// is skipped): Drupal's ExtensionDiscovery skips `tests` (and `src`, `vendor`, ...).
    public var skipDirs: [String]?
    /// Fields the manifest must have with these values (`{type: theme}`: Drupal's info.yml `type`,
    /// so that the theme engine `core/themes/engines/twig` is not a theme); yaml and ini formats.
    public var whereFields: [String: String]?

    enum CodingKeys: String, CodingKey {
        case kind, glob, format, slug, group, client
        case fileName = "file_name"
        case fileNameDrop = "file_name_drop"
        case skipDirs = "skip_dirs"
        case whereFields = "where"
        case nameField = "name_field"
        case versionField = "version_field"
        case versionPlaceholder = "version_placeholder"
    }
}

/// Database knowledge used by diff-db: noise, natural keys, and how to find an extension's leftovers.
/// Table names are given without the table prefix.
public struct DatabaseSpec: Codable, Equatable, Sendable {
    /// Table name globs whose changes are noise (hidden unless --include-noise).
    public var noiseTables: [String]?
    /// Rows that are noise: those whose `column` starts with one of `prefixes`.
    public var noiseRows: [NoiseRows]?
    /// Columns that are noise: a changed row whose only changes are in them is noise.
    public var noiseColumns: [NoiseColumns]?
    /// Table -> columns that identify a row across re-inserts (matched after the primary key).
    public var naturalKeys: [String: [String]]?
    public var leftovers: LeftoverSpec?
    /// Rows holding the site URL (WordPress `siteurl`, `home`): the old URL for restore --url.
    public var siteURLRows: [KeyedValue]?
    /// Rows set on a staging copy (WordPress `blog_public` = 0: search engines discouraged).
    public var staging: [KeyedValue]?
    /// The tables (unprefixed) every installed site of this CMS has: a backup fails when one of them
    /// exists but the database user cannot see it.
    public var coreTables: [String]?
    /// Where the CMS records each extension's state, read when a backup reads the database: each
    /// record's `status` for the extensions it lists, in order (the first wins).
    public var extensionStatus: [LeftoverSpec.InstalledRecord]?
    /// The state of an extension no `extension_status` record lists (`not installed`).
    public var extensionStatusOtherwise: String?

    /// One row addressed by a key column, and the column holding its value.
    public struct KeyedValue: Codable, Equatable, Sendable {
        public var table: String
        public var keyColumn: String
        public var key: String
        public var valueColumn: String
        /// For staging: the value to set, and what it means.
        public var value: String?
        public var description: String?

        enum CodingKeys: String, CodingKey {
            case table, key, value, description
            case keyColumn = "key_column"
            case valueColumn = "value_column"
        }
    }

    public struct NoiseRows: Codable, Equatable, Sendable {
        public var table: String
        public var column: String
        public var prefixes: [String]
    }

    /// Columns the CMS rewrites on its own (a login's `lastvisitDate`), in every row of `table` or
    /// only in the rows whose columns equal all of `where` (one plugin's `params`).
    public struct NoiseColumns: Codable, Equatable, Sendable {
        public var table: String
        public var columns: [String]
        public var `where`: [String: String]?
        /// Only changes under these top-level keys of a JSON or PHP-serialized value are noise.
        public var keys: [String]?
    }

    enum CodingKeys: String, CodingKey {
        case leftovers, staging
        case siteURLRows = "site_url_rows"
        case coreTables = "core_tables"
        case extensionStatus = "extension_status"
        case extensionStatusOtherwise = "extension_status_otherwise"
        case noiseTables = "noise_tables"
        case noiseRows = "noise_rows"
        case noiseColumns = "noise_columns"
        case naturalKeys = "natural_keys"
    }
}

/// One profile exclude, as YAML writes it: a plain string is a path from the site root (a file or a
/// folder with all it holds); `{contents_of: PATH, keep: [NAMES]}` leaves out what the folder holds
/// but keeps the folder itself and the listed names directly in it (Joomla's `cache/index.html`).
/// Globs (`*`, `?`, `[...]`) match within one path component. Never a bare name at any depth: a
/// profile's `cache` is the site root's `cache/`, not `plugins/system/cache`.
public struct ProfileExclude: Codable, Equatable, Sendable {
    public var path: String
    /// True for `contents_of`.
    public var contents: Bool
    public var keep: [String]?

    public init(path: String, contents: Bool = false, keep: [String]? = nil) {
        self.path = path
        self.contents = contents
        self.keep = keep
    }

    /// The rule the walk applies.
    public var rule: ExcludeRule {
        ExcludeRule(kind: contents ? .contents : .path, pattern: path, keep: contents ? (keep ?? []) : nil, source: .profile)
    }

    enum CodingKeys: String, CodingKey {
        case path, keep
        case contentsOf = "contents_of"
    }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let s = try? single.decode(String.self) {
            self.init(path: s)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let p = try c.decodeIfPresent(String.self, forKey: .contentsOf) {
            self.init(path: p, contents: true, keep: try c.decodeIfPresent([String].self, forKey: .keep))
        } else {
            let p = try c.decode(String.self, forKey: .path)
            if c.contains(.keep) {
                throw DecodingError.dataCorruptedError(forKey: .keep, in: c, debugDescription: "keep goes with contents_of, not path")
            }
            self.init(path: p)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if contents {
            try c.encode(path, forKey: .contentsOf)
            try c.encodeIfPresent(keep, forKey: .keep)
        } else {
            try c.encode(path, forKey: .path)
        }
    }
}
