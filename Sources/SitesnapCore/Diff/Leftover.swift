extension DiffReport {
    /// Something in AFTER that belongs to an extension gone since BEFORE, with the evidence for it.
    public struct Leftover: Codable, Equatable, Sendable {
        /// Where it is; the raw value is the JSON's `kind`.
        public enum Kind: String, Codable, Sendable {
            /// A whole table.
            case table
            /// A row (an option, a meta row, a config row...), keyed by its primary key and identifier.
            case row
            /// An entry inside a serialized/JSON value of a row (a cron hook inside `cron`, a capability
            /// inside a core role, a module inside `core.extension`), at `path` in `column`.
            case entry
        }

        /// How sure the attribution is. Strong: the object appeared with the extension, its code creates
        /// or writes it, its unique prefix, or the row names it. Weak: only read by its code.
        public enum Evidence: String, Codable, Sendable { case strong, weak }

        public var extensionSlug: String
        public var kind: Kind
        /// The profile's object kind: option, user_meta, cron, capability, role, widget, config, ...
        public var object: String
        /// The identifier matched (option name, hook, capability, config name, table name).
        public var name: String
        public var table: String
        /// The row's primary key and identifier column (rows and entries); nil for tables.
        public var key: [String: String?]?
        /// Entries: the column holding the value and the path of the entry inside it.
        public var column: String?
        public var path: [String]?
        public var evidence: Evidence
        /// Every rule that matched, e.g. "code: akismet/class.akismet.php creates option 'akismet_key'".
        public var reasons: [String]

        /// The first reason (the strongest), for one-line output.
        public var reason: String { reasons.first ?? "" }

        public init(extensionSlug: String, kind: Kind, object: String, name: String, table: String,
                    key: [String: String?]? = nil, column: String? = nil, path: [String]? = nil,
                    evidence: Evidence, reasons: [String]) {
            self.extensionSlug = extensionSlug
            self.kind = kind
            self.object = object
            self.name = name
            self.table = table
            self.key = key
            self.column = column
            self.path = path
            self.evidence = evidence
            self.reasons = reasons
        }

        enum CodingKeys: String, CodingKey {
            case kind, object, name, table, key, column, path, evidence, reasons
            case extensionSlug = "extension"
        }
    }

    /// An extension whose leftovers were looked for.
    public struct RemovedExtension: Codable, Equatable, Sendable {
        public enum State: String, Codable, Sendable {
            /// Its files are gone.
            case removed
            /// Its files are still there, but the CMS no longer records it as installed or active
            /// (`drush pmu`, a deactivated WordPress plugin, a disabled Joomla extension).
            case uninstalled
            /// Its files are still there and the CMS's record says it is no longer active, which is
            /// reversible (a deactivated WordPress plugin, a disabled Joomla extension): its objects
            /// are shown as possibly related, never put in a cleanup.
            case deactivated
            /// Named with --extension.
            case requested
            /// Named with --extension but still installed in AFTER: shown, never put in a cleanup.
            case stillInstalled = "still_installed"
        }
        public var slug: String
        public var kind: String
        /// Joomla's plugin folder and client, where the slug alone is ambiguous.
        public var group: String?
        public var client: String?
        public var name: String
        public var version: String?
        public var state: State
        /// The snapshot whose copy of the extension's code was read (nil: none held it).
        public var codeSnapshot: String?
        /// The newest snapshot without the extension, older than the one with it: what existed before
        /// it (nil: none).
        public var withoutSnapshot: String?

        enum CodingKeys: String, CodingKey {
            case slug, kind, group, client, name, version, state
            case codeSnapshot = "code_snapshot"
            case withoutSnapshot = "without_snapshot"
        }
    }

    /// One row's serialized/JSON value with the leftover entries taken out, for the cleanup script.
    public struct ValueEdit: Codable, Equatable, Sendable {
        public var table: String
        public var key: [String: String?]
        public var column: String
        /// "php-serialized" or "json".
        public var format: String
        /// AFTER's value (the script changes the row only while it still holds exactly this).
        public var current: String
        /// The value without the entries (PHP string lengths recomputed).
        public var cleaned: String
        /// The entries taken out (paths), for the script's comments.
        public var removed: [[String]]
    }
}
