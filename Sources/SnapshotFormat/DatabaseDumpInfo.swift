/// A view, trigger or routine dumped after the tables (archive entry and checksum).
public struct DatabaseObjectDump: Codable, Equatable, Sendable {
    /// "view", "trigger", "procedure" or "function".
    public var kind: String
    public var name: String
    public var entry: String
    public var bytes: Int64
    public var sha256: String

    package init(kind: String, name: String, entry: String, bytes: Int64, sha256: String) {
        self.kind = kind
        self.name = name
        self.entry = entry
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// What the dumper reports besides the entries.
public struct DatabaseDumpInfo: Codable, Equatable, Sendable {
    public var name: String
    public var serverVersion: String
    /// Always utf8mb4: the connection and dump character set.
    public var charset: String
    /// The charset the CMS config names (DB_CHARSET), informational.
    public var configCharset: String?
    public var tablePrefix: String
    public var allTables: Bool
    /// "consistent-snapshot": one InnoDB transaction (`START TRANSACTION WITH CONSISTENT SNAPSHOT`).
    public var consistency: String
    /// Tables of engines without transactions (MyISAM, Aria, ...): not covered by the snapshot.
    public var nonTransactionalTables: [String]
    public var tables: [TableDump]
    public var objects: [DatabaseObjectDump]
    /// Routines and triggers the user may not read (SHOW CREATE returned no body): not in the snapshot.
    public var skippedObjects: [String]? = nil
    /// Per-table prefixes of the config's prefix array (unprefixed name -> prefix): the tables they
    /// name are dumped (and restored) under their own names.
    public var tablePrefixes: [String: String]? = nil
    /// Core tables of the profile that do not exist in the database (checked, not hidden).
    public var absentCoreTables: [String]? = nil
    /// Tables a prefix array names that do not exist in the database.
    public var absentPrefixedTables: [String]? = nil
    /// Tables expected (core, previous snapshot) but missing, accepted with --allow-missing-table.
    public var allowedMissingTables: [String]? = nil
    /// Tables of the previous snapshot of the site that no longer exist (dropped since).
    public var droppedTables: [String]? = nil
    /// Dumped tables on which the user lacks the TRIGGER privilege: their triggers, if any, are hidden
    /// from it and not in the snapshot.
    public var triggersHiddenTables: [String]? = nil

    package init(name: String, serverVersion: String, charset: String, configCharset: String? = nil, tablePrefix: String, allTables: Bool, consistency: String, nonTransactionalTables: [String], tables: [TableDump], objects: [DatabaseObjectDump], skippedObjects: [String]? = nil, tablePrefixes: [String: String]? = nil, absentCoreTables: [String]? = nil, absentPrefixedTables: [String]? = nil, allowedMissingTables: [String]? = nil, droppedTables: [String]? = nil, triggersHiddenTables: [String]? = nil) {
        self.name = name
        self.serverVersion = serverVersion
        self.charset = charset
        self.configCharset = configCharset
        self.tablePrefix = tablePrefix
        self.allTables = allTables
        self.consistency = consistency
        self.nonTransactionalTables = nonTransactionalTables
        self.tables = tables
        self.objects = objects
        self.skippedObjects = skippedObjects
        self.tablePrefixes = tablePrefixes
        self.absentCoreTables = absentCoreTables
        self.absentPrefixedTables = absentPrefixedTables
        self.allowedMissingTables = allowedMissingTables
        self.droppedTables = droppedTables
        self.triggersHiddenTables = triggersHiddenTables
    }

    enum CodingKeys: String, CodingKey {
        case name, charset, consistency, tables, objects
        case skippedObjects = "skipped_objects"
        case tablePrefixes = "table_prefixes"
        case absentCoreTables = "absent_core_tables"
        case absentPrefixedTables = "absent_prefixed_tables"
        case allowedMissingTables = "allowed_missing_tables"
        case droppedTables = "dropped_since_previous"
        case triggersHiddenTables = "triggers_hidden_tables"
        case serverVersion = "server_version"
        case configCharset = "config_charset"
        case tablePrefix = "table_prefix"
        case allTables = "all_tables"
        case nonTransactionalTables = "non_transactional_tables"
    }
}
