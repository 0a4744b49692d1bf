/// What `sitesnap diff-db` was asked to compare.
public struct DiffRequest: Sendable {
    /// BEFORE: an archive path or a snapshot id (prefix) in the repository.
    public var before: String
    /// AFTER: an archive path or id; nil with `live`.
    public var after: String?
    /// Compare BEFORE with the site's current database.
    public var live = false
    /// With `live`: the site root (default: BEFORE's manifest's site root).
    public var liveSiteRoot: String?
    public var repository: String?
    /// `--site`: narrows `latest`, labels and id prefixes of BEFORE and AFTER to that site (`SnapshotSelector`).
    public var site: String?
    /// Table name globs to compare (full name or without the table prefix); empty means all.
    public var tables: [String] = []
    public var ignoreTables: [String] = []
    public var includeNoise = false
    /// Extensions to look for leftovers of, besides those gone between the manifests.
    public var extensions: [String] = []
    /// Compare snapshots of different sites anyway.
    public var force = false
    /// Row changes kept per table (all are counted).
    public var maxRowsKept = 10_000
    public var database = DatabaseOverrides()
    public var profileDirectories: [String] = []

    public init(before: String) { self.before = before }
}
