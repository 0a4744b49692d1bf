/// What `sitesnap restore` was asked to do.
public struct RestoreRequest: Sendable {
    /// Archive path or snapshot id (prefix) in the repository.
    public var snapshot: String
    public var repository: String?
    /// The staging folder to create (or replace with `force`).
    public var target: String
    /// Staging database settings; `name` is required. Unset ones default to the source site's.
    public var database = DatabaseOverrides()
    /// New site URL, replaced across the restored tables and the config.
    public var url: String?
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
    public var profileDirectories: [String] = []
    /// Told what the restore is doing (a short line; the CLI draws it on a terminal).
    public var progress: (@Sendable (String) -> Void)?

    public init(snapshot: String, target: String) {
        self.snapshot = snapshot
        self.target = target
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

        enum CodingKeys: String, CodingKey {
            case table, column, rows, replacements
            case skippedUnparseable = "skipped_unparseable"
        }
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
    public var oldURL: String?
    public var newURL: String?
    public var urlReplacements: [URLReplacement]
    /// Staging settings applied, described.
    public var staging: [String]
    public var verification: Verification?
    /// What was deliberately not restored, with what to do.
    public var notRestored: [String] = []
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case snapshot, target, database, files, bytes, tables, rows, staging, verification, seconds
        case notRestored = "not_restored"
        case dryRun = "dry_run"
        case databaseConnection = "database_connection"
        case configKeys = "config_keys"
        case configFile = "config_file"
        case oldURL = "old_url"
        case newURL = "new_url"
        case urlReplacements = "url_replacements"
    }
}
