/// What a profile knows about extensions' objects in the database: how to read an extension's code for
/// the names it uses, what the CMS itself owns (never a leftover), where the CMS records which
/// extensions are installed, and where each kind of object lives and how a row names its owner.
///
/// Every fact comes from the CMS's own sources; the profile names the file and version in a comment
/// or in `core.source`.
public struct LeftoverSpec: Codable, Equatable, Sendable {
    /// File name globs inside the extension's folder to read (e.g. `*.php`).
    public var files: [String]
    /// Calls whose string argument number `argument` (1-based) names an object of `kind`.
    public var calls: [Call]
    /// Regular expressions over the files' text whose first group is a table name without the prefix
    /// that the extension creates or writes (strong evidence). A second group that matched (e.g.
    /// `\s*\.` after the literal) makes the name a prefix: the code builds the rest at run time.
    public var tablePatterns: [String]
    /// Like `tablePatterns`, for mentions that only read (a JOIN, a SELECT): weak evidence.
    public var tableReadPatterns: [String]?
    /// Other identifiers the code declares, by regular expression (group 1), e.g. Drupal entity type
    /// ids in `@ContentEntityType(id = "paragraph")`.
    public var namePatterns: [NamePattern]?
    /// What the CMS itself creates.
    public var core: CoreObjects?
    /// Where the CMS records which extensions are installed or active (item: WordPress's
    /// `active_plugins`, Drupal's `core.extension`, Joomla's `#__extensions.enabled`).
    public var installed: [InstalledRecord]?
    /// Where objects of each kind live in the database.
    public var objects: [ObjectLocation]
    /// Tables whose names follow from an attributed object (Drupal field storage -> field tables).
    public var derivedTables: [DerivedTables]?

    public struct Call: Codable, Equatable, Sendable {
        public var function: String
        public var argument: Int
        public var kind: String
        /// True for calls that create the object (add_option, wp_schedule_event, add_role): such an
        /// object is the extension's even if an older snapshot already had it (an earlier install).
        public var creates: Bool?
        /// True for calls that only read the object (get_option): weak evidence, never a leftover alone.
        public var reads: Bool?
    }

    public struct NamePattern: Codable, Equatable, Sendable {
        public var kind: String
        public var regex: String
    }

    /// Objects the CMS creates itself: never an extension's leftover. Names may be globs (`*`, `?`)
    /// and may hold `{prefix}` (the site's table prefix, e.g. `{prefix}capabilities`).
    public struct CoreObjects: Codable, Equatable, Sendable {
        /// The CMS sources (file and version) these lists come from.
        public var source: String
        /// Core tables, without the table prefix.
        public var tables: [String]
        /// Core-owned names by object kind (option, cron, role, capability, user_meta, extension, ...).
        public var names: [String: [String]]
        /// Name prefixes that are core's (`wp_`, `_transient_`): never an extension's unique prefix.
        public var prefixes: [String]?
    }

    /// A place holding the names of the installed (active) extensions of `kinds`.
    public struct InstalledRecord: Codable, Equatable, Sendable {
        /// Extension kinds this record covers (plugin; module; component, module, plugin, ...).
        public var kinds: [String]
        public var table: String
        /// A single row holding a serialized value (`keyColumn` = `keyValue`, decoded `valueColumn`)...
        public var keyColumn: String?
        public var keyValue: String?
        public var valueColumn: String?
        /// ...and where the names are inside it: path segments, `*` for any key; a last segment `{key}`
        /// names the key itself, otherwise the value at the path is the name.
        public var path: [String]?
        /// Or one row per extension: the column holding its name...
        public var column: String?
        /// ...and conditions a row must meet to count as installed (`enabled: "1"`, `type: module`).
        public var whereEquals: [String: String]?
        /// A regular expression whose group 1 is the extension's slug (`^([^/]+)/` of `akismet/akismet.php`).
        public var slugPattern: String?
        /// The record says active, not installed: leaving it is reversible (a deactivated WordPress
        /// plugin, a disabled Joomla extension keep their data on purpose), so what such an extension
        /// has is shown, never put in a cleanup.
        public var reversible: Bool?
        /// In `database.extension_status`: the state an extension this record lists is in
        /// (`installed`, `enabled`, `disabled`); the first record listing it wins.
        public var status: String?

        enum CodingKeys: String, CodingKey {
            case kinds, table, path, column, status
            case keyColumn = "key_column"
            case keyValue = "key_value"
            case valueColumn = "value_column"
            case whereEquals = "where"
            case slugPattern = "slug_pattern"
            case reversible
        }
    }

    public struct ObjectLocation: Codable, Equatable, Sendable {
        /// Object kind ("option", "user_meta", "cron", "role", "capability", "widget", "config", ...).
        public var kind: String
        public var table: String
        /// Rows: the column holding the identifier.
        public var column: String?
        /// Only rows whose columns equal these values (`collection: system.schema`).
        public var whereEquals: [String: String]?
        /// Entries inside a serialized/JSON value: the row whose `keyColumn` equals `keyValue` (may hold
        /// `{prefix}`), its `valueColumn` decoded, and the entries at `path` (`*` any key; a last
        /// segment `{key}` makes the key the identifier, `{value}` the leaf value).
        public var keyColumn: String?
        public var keyValue: String?
        public var valueColumn: String?
        public var path: [String]?
        /// True when a container inside the value that the removal of its last entry leaves empty goes
        /// too, as the CMS does it (WordPress `wp_unschedule_event()` unsets an emptied timestamp in
        /// `cron`); otherwise it stays (an empty `capabilities` array, an empty sidebar). For
        /// `ValueEditor`'s `dropEmptied`.
        public var dropEmpty: Bool?
        /// Prefixes removed from the identifier before it is matched (`_transient_`, `widget_`); an
        /// identifier without any of them is not of this kind.
        public var stripPrefixes: [String]?
        /// Names starting with one of these are not of this kind: another location takes them
        /// (WordPress's `_transient_x` options are transients, judged as transient `x`).
        public var skipPrefixes: [String]?
        /// A regular expression removed from the end of the identifier (`-[0-9]+$`: widget instances).
        public var stripSuffix: String?
        /// Identifier kinds of the code's names that match this location (default: `kind`).
        public var codeKinds: [String]?
        /// The CMS stores the identifier lowercased (WordPress's widget id_base): the code's names are
        /// compared without case.
        public var ignoreCase: Bool?
        /// How the row names its owner itself.
        public var owner: OwnerRule?

        enum CodingKeys: String, CodingKey {
            case kind, table, column, path, owner
            case whereEquals = "where"
            case keyColumn = "key_column"
            case keyValue = "key_value"
            case valueColumn = "value_column"
            case stripPrefixes = "strip_prefixes"
            case stripSuffix = "strip_suffix"
            case skipPrefixes = "skip_prefixes"
            case codeKinds = "code_kinds"
            case ignoreCase = "ignore_case"

            case dropEmpty = "drop_empty"
        }
    }

    /// A row that names the extension owning it. Any one rule that holds is strong evidence.
    public struct OwnerRule: Codable, Equatable, Sendable {
        /// The identifier is the extension's slug (`exact`), or the slug followed by one of
        /// `separators` and more (`pathauto.settings`, `com_acme.article`).
        public var name: NameMatch?
        public var separators: [String]?
        /// The identifier must also agree with the extension's group (Joomla's plugin folder) in
        /// this column, and with its client (site 0, administrator 1) in `clientColumn`.
        public var groupColumn: String?
        public var clientColumn: String?
        /// Another column holds the owner's slug (Drupal 7 `field_config.module`).
        public var column: String?
        /// Paths inside `valueColumn` (decoded) listing the modules the row depends on (Drupal config
        /// `dependencies.module`, `dependencies.enforced.module`).
        public var dependencies: [[String]]?
        /// The row is the extension's only when everything it lists is (an index row of several
        /// config entities is not one entity's); default: any one suffices.
        public var dependenciesAll: Bool?
        public var valueColumn: String?
        /// The row's `column` equals `refers.column` of a row already attributed as `refers.kind`
        /// (Joomla `#__menu.component_id` = the extension row's `extension_id`).
        public var refers: Reference?

        public enum NameMatch: String, Codable, Equatable, Sendable { case exact, prefixed, either }

        public struct Reference: Codable, Equatable, Sendable {
            public var kind: String
            public var column: String
            /// This row's column holding the referring value.
            public var via: String
        }

        enum CodingKeys: String, CodingKey {
            case name, separators, column, dependencies, refers
            case groupColumn = "group_column"
            case clientColumn = "client_column"
            case valueColumn = "value_column"
            case dependenciesAll = "dependencies_all"
        }
    }

    /// Tables named after an attributed object: `names` matched against the identifiers of `kind`
    /// (group references `{1}`, `{2}` in `tables`).
    public struct DerivedTables: Codable, Equatable, Sendable {
        public var kind: String
        public var name: String
        public var tables: [String]
        /// Drupal's `DefaultTableMapping::generateFieldTableName()`: a name over `maxLength` becomes
        /// `hashedTables` with `{hash}` = the first 10 hex digits of SHA-256 of `{1}-{2}`.
        public var maxLength: Int?
        public var hashedTables: [String]?

        enum CodingKeys: String, CodingKey {
            case kind, name, tables
            case maxLength = "max_length"
            case hashedTables = "hashed_tables"
        }
    }

    enum CodingKeys: String, CodingKey {
        case files, calls, objects, core, installed
        case tablePatterns = "table_patterns"
        case tableReadPatterns = "table_read_patterns"
        case namePatterns = "name_patterns"
        case derivedTables = "derived_tables"
    }
}
