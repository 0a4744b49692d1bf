/// What `sitesnap restore` was asked to do.
public struct RestoreRequest: Sendable {
    /// Archive path or snapshot id (prefix) in the repository.
    public var snapshot: String
    public var repository: String?
    /// `--site`: narrows `latest`, labels and id prefixes of SNAPSHOT to that site (`SnapshotSelector`).
    public var site: String?
    /// The staging folder to create (or replace with `force`).
    public var target: String
    /// Staging database settings; `name` is required. Unset ones default to the source site's.
    public var database = DatabaseOverrides()
    /// New site URL, replaced across the restored tables and the config.
    public var url: String?
    /// The snapshot's site URL when neither its config nor its database names one (Joomla with an
    /// empty `$live_site`, Drupal 8+); given, it wins over theirs.
    public var oldURL: String?
    /// Further (old, new) replacements made with the URL's (`--replace`: a CDN or mail host).
    public var replacements: [URLPair] = []
    /// Columns the URL change leaves alone (`--skip-column`: `guid`, `wp_posts.guid`, `posts.guid`).
    public var skipColumns: [String] = []
    public var dryRun = false
    public var force = false
    /// Apply the profile's staging settings (WordPress: discourage search engines).
    public var stagingSafety = true
    /// Also import the snapshot's views, routines and triggers as written (they run with the
    /// restoring user's rights, so only for archives the operator trusts).
    public var trustCode = false
    /// Read every restored file back and hash it again after writing (slower: a second SHA-256 of
    /// every byte). Without it each file is hashed as it is written, then its metadata checked.
    public var readBack = false
    /// Asked before `force` removes anything (the CLI: on a terminal, unless `--yes`); false stops the
    /// restore with nothing written. Nil: no question (scripts; `--force` is their consent).
    public var confirmRemoval: (@Sendable (RestoreRemoval) -> Bool)?
    public var profileDirectories: [String] = []
    /// Told what the restore is doing (a short line; the CLI draws it on a terminal).
    public var progress: (@Sendable (String) -> Void)?
    /// Replace the config's computed database settings (`getenv('DB_NAME')`) by the staging values
    /// as literals; without it such a setting stops the restore, named.
    public var rewriteComputed = false
    /// How table dumps are cut and loaded (tests lower the sizes).
    var tuning = RestoreTuning()

    public init(snapshot: String, target: String) {
        self.snapshot = snapshot
        self.target = target
    }
}

/// One `--replace OLD=NEW`.
public struct URLPair: Sendable, Equatable {
    public var old: String
    public var new: String

    public init(old: String, new: String) {
        self.old = old
        self.new = new
    }
}

/// What `--force` removes before a restore writes (or, with --dry-run, would remove): the old
/// content of the target folder and the staging database's tables of the snapshot's table prefix.
public struct RestoreRemoval: Codable, Sendable, Equatable {
    /// The target folder whose content goes (nil: nothing there to remove).
    public var folder: String?
    /// Entries below the folder (files, folders, links) and the bytes of its files.
    public var folderEntries: Int64 = 0
    public var folderBytes: Int64 = 0
    public var database: String
    /// Tables and views dropped (only names starting with the table prefix, plus sitesnap's marker).
    public var tables: [String] = []

    public var isEmpty: Bool { folder == nil && tables.isEmpty }

    enum CodingKeys: String, CodingKey {
        case folder, database, tables
        case folderEntries = "folder_entries"
        case folderBytes = "folder_bytes"
    }
}

/// What a restore did (or, with --dry-run, would do).
public struct RestoreResult: Codable, Sendable {
    public struct URLReplacement: Codable, Sendable {
        public var table: String
        public var column: String
        /// Rows updated, and replacements made inside them.
        public var rows: Int
        public var replacements: Int
        /// Values that looked PHP-serialized but did not parse: left alone.
        public var skippedUnparseable: Int
        /// Values of a binary column that are neither PHP-serialized nor UTF-8 text: left alone.
        public var skippedBinary: Int = 0

        enum CodingKeys: String, CodingKey {
            case table, column, rows, replacements
            case skippedUnparseable = "skipped_unparseable"
            case skippedBinary = "skipped_binary"
        }
    }
    /// A table whose rows hold an old URL but were not updated, and why.
    public struct URLTableNotUpdated: Codable, Sendable, Equatable {
        public var table: String
        public var rows: Int
        public var reason: String
    }
    public struct Verification: Codable, Sendable {
        public var filesChecked: Int
        public var bytesChecked: Int64
        public var filesDiffering: [String]
        public var tablesChecked: Int
        public var rowsChecked: Int64
        public var tablesDiffering: [String]
        /// Tables changed on purpose by --url or the staging settings, after they were checked as
        /// loaded.
        public var tablesRewritten: [String]
        public var ok: Bool
        /// Whether every file was read back from disk and hashed again (`--read-back`); otherwise
        /// each file's SHA-256 was checked as it was written, and its type, size, mode and mtime after.
        public var filesReadBack: Bool

        /// A verification before anything is checked (all counts 0, nothing differing).
        static func nothingChecked(filesReadBack: Bool) -> Verification {
            Verification(filesChecked: 0, bytesChecked: 0, filesDiffering: [], tablesChecked: 0, rowsChecked: 0, tablesDiffering: [],
                         tablesRewritten: [], ok: true, filesReadBack: filesReadBack)
        }

        enum CodingKeys: String, CodingKey {
            case ok
            case filesChecked = "files_checked"
            case bytesChecked = "bytes_checked"
            case filesDiffering = "files_differing"
            case tablesChecked = "tables_checked"
            case rowsChecked = "rows_checked"
            case tablesDiffering = "tables_differing"
            case tablesRewritten = "tables_rewritten"
            case filesReadBack = "files_read_back"
        }
    }

    public var snapshot: String
    public var target: String
    public var database: String
    /// Where and as whom the staging database is reached (`user@location`; never the password).
    public var databaseConnection: String = ""
    public var dryRun: Bool
    /// Files and bytes to write, tables and rows to import (from the manifest).
    public var files: Int64
    public var bytes: Int64
    public var tables: Int
    public var rows: Int64
    /// Config settings rewritten (names, never values).
    public var configKeys: [String]
    public var configFile: String?
    /// Computed config settings kept as they are, or replaced by literals (`--rewrite-computed`).
    public var configNotes: [String] = []
    public var oldURL: String?
    public var newURL: String?
    public var urlReplacements: [URLReplacement]
    /// Tables `--url` could not update (no primary or unique NOT NULL key), with the rows concerned.
    public var urlNotUpdated: [URLTableNotUpdated] = []
    /// Config URL settings left as they are (computed, conditional), with why.
    public var configKept: [String] = []
    /// Staging settings applied, described.
    public var staging: [String]
    public var verification: Verification?
    /// What was deliberately not restored, with what to do. Each starts with the part: `database:`,
    /// `files:`, `config:`, `url:`, or names the views/routines left out.
    public var notRestored: [String] = []
    /// The parts restored (with --dry-run: to be restored): `files`, `database`, `config`.
    public var restored: [String] = []
    /// What --force removed (with --dry-run: would remove); nil when nothing.
    public var removed: RestoreRemoval?
    /// Hidden folders beside the target left by restores that were killed, removed first.
    public var staleRemoved: [String] = []
    /// What else the operator must know of the restored site (a multisite's other site folders).
    public var notes: [String] = []
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case snapshot, target, database, files, bytes, tables, rows, staging, verification, seconds
        case notRestored = "not_restored"
        case restored, removed
        case staleRemoved = "stale_removed"
        case dryRun = "dry_run"
        case databaseConnection = "database_connection"
        case configKeys = "config_keys"
        case configNotes = "config_notes"
        case configFile = "config_file"
        case oldURL = "old_url"
        case newURL = "new_url"
        case urlReplacements = "url_replacements"
        case urlNotUpdated = "url_not_updated"
        case configKept = "config_kept"
        case notes
    }
}
