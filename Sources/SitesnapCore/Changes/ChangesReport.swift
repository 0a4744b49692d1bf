import Foundation
import SnapshotFormat

/// What `sitesnap changes` found between BEFORE and AFTER (a snapshot or the live site): the CMS
/// version and extensions, the files by owner, the web server and PHP directives inside the site,
/// and the database's table-level summary. Every field is in `--json` (docs/changes.md).
public struct ChangesReport: Codable, Sendable {
    /// One side: diff-db's (`database` is the snapshot's database name, or the live one's).
    public typealias Side = DiffReport.Side

    /// The CMS version before and after, when it changed.
    public struct CoreChange: Codable, Sendable {
        public var before: String?
        public var after: String?
    }

    public enum ExtensionChangeKind: String, Codable, Sendable, CaseIterable {
        case added, removed, upgraded, downgraded
        /// The version changed in a way that orders neither way (a version appeared or went).
        case changed
    }

    public struct ExtensionChange: Codable, Sendable {
        public var change: ExtensionChangeKind
        public var kind: String
        public var slug: String
        public var name: String
        public var group: String?
        public var client: String?
        public var before: String?
        public var after: String?
    }

    /// Who owns a file.
    public enum OwnerKind: String, Codable, Sendable {
        case core, `extension`, uploads, caches, other

        var order: Int { [.core: 0, .extension: 1, .other: 2, .uploads: 3, .caches: 4][self]! }
        /// Uploads and caches are counted, their paths listed only with `--files`.
        public var summarised: Bool { self == .uploads || self == .caches }
    }

    public enum FileChangeKind: String, Codable, Sendable {
        case added, removed, modified
    }

    /// One side of a changed entry, as its index record says.
    public struct EntryState: Codable, Sendable {
        public var type: FileType
        public var mode: UInt32
        public var size: Int64?
        public var sha256: String?
        public var target: String?
    }

    public struct FileChange: Codable, Sendable {
        public var path: String
        public var change: FileChangeKind
        /// For `modified`: what differs (`content`, `mode`, `type`, `target`).
        public var what: [String]
        public var before: EntryState?
        public var after: EntryState?
    }

    public struct FileGroup: Codable, Sendable {
        public var owner: String
        public var kind: OwnerKind
        public var extensionKind: String?
        public var slug: String?
        public var added: Int64 = 0
        public var removed: Int64 = 0
        public var modified: Int64 = 0
        /// Bytes of the added files, the removed files, and the modified files after the change.
        public var addedBytes: Int64 = 0
        public var removedBytes: Int64 = 0
        public var modifiedBytes: Int64 = 0
        /// The changed paths, in walk order; nil when summarised (uploads, caches without `--files`).
        public var paths: [FileChange]?
        /// Changes not in `paths` (over the list limit without `--files`).
        public var pathsOmitted: Int64 = 0

        enum CodingKeys: String, CodingKey {
            case owner, kind, slug, added, removed, modified, paths
            case extensionKind = "extension_kind"
            case addedBytes = "added_bytes"
            case removedBytes = "removed_bytes"
            case modifiedBytes = "modified_bytes"
            case pathsOmitted = "paths_omitted"
        }
    }

    public struct Files: Codable, Sendable {
        /// Groups with changes: core, extensions by label, other, uploads, caches.
        public var groups: [FileGroup] = []
        /// Core files modified (content, mode, type or target), listed whatever the options.
        public var modifiedCore: [FileChange] = []
        /// True when the core version is the same on both sides: then a modified core file is a hand
        /// edit or a hack, not an update.
        public var coreVersionUnchanged = true
        /// Entries compared (AFTER's).
        public var compared: Int64 = 0

        enum CodingKeys: String, CodingKey {
            case groups, compared
            case modifiedCore = "modified_core"
            case coreVersionUnchanged = "core_version_unchanged"
        }
    }

    /// One directive added or removed.
    public struct Directive: Codable, Sendable {
        public var change: FileChangeKind
        /// 1-based line where it starts on its side.
        public var line: Int
        public var text: String
        /// The enclosing sections (`<IfModule mod_rewrite.c>`, `location /api`), outermost first.
        public var section: [String]
        /// Why it is called out (`proxy`, `auth`, `php-prepend`), nil for an ordinary directive.
        public var callout: String?
        public var reason: String?
    }

    public struct DirectiveFile: Codable, Sendable {
        public var path: String
        /// `apache`, `iis`, `php-ini`, `nginx`.
        public var syntax: String
        public var change: FileChangeKind
        public var directives: [Directive]
    }

    public struct TableSummary: Codable, Sendable {
        public var table: String
        public var change: String
        public var rowsAdded: Int64
        public var rowsRemoved: Int64
        public var rowsChanged: Int64
        public var schemaChanges: Int

        enum CodingKeys: String, CodingKey {
            case table, change
            case rowsAdded = "rows_added"
            case rowsRemoved = "rows_removed"
            case rowsChanged = "rows_changed"
            case schemaChanges = "schema_changes"
        }
    }

    public struct Database: Codable, Sendable {
        public var tables: [TableSummary]
        public var tablesUnchanged: Int
        public var noiseHidden: Int
        public var leftovers: Int
        /// The diff-db command that shows the rows.
        public var command: String

        enum CodingKeys: String, CodingKey {
            case tables, leftovers, command
            case tablesUnchanged = "tables_unchanged"
            case noiseHidden = "noise_hidden"
        }
    }

    public var before: Side
    public var after: Side
    public var core: CoreChange?
    public var extensions: [ExtensionChange] = []
    public var files = Files()
    public var directives: [DirectiveFile] = []
    /// Why the files were not compared (a snapshot taken with `--no-files`), nil when they were.
    public var filesSkipped: String?
    public var database: Database?
    /// Why there is no database part (`--no-db`, a snapshot without one), nil when there is one.
    public var databaseSkipped: String?

    public var hasChanges: Bool {
        core != nil || !extensions.isEmpty || !files.groups.isEmpty || !directives.isEmpty
            || (database.map { !$0.tables.isEmpty || $0.leftovers > 0 } ?? false)
    }

    enum CodingKeys: String, CodingKey {
        case before, after, core, extensions, files, directives, database
        case databaseSkipped = "database_skipped"
        case filesSkipped = "files_skipped"
    }
}
