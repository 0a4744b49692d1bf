/// What `sitesnap changes` was asked to compare.
public struct ChangesRequest: Sendable {
    /// BEFORE: a SNAPSHOT selector (id, id prefix, label, `latest`, `latest~N`, archive path).
    public var before: String
    /// AFTER: an archive path or id; nil with `live`.
    public var after: String?
    /// Compare BEFORE with the site as it is now.
    public var live = false
    /// `--site`: with `live`, the site root (default: BEFORE's site root); it also narrows `latest`,
    /// labels and prefixes to that site's snapshots.
    public var liveSiteRoot: String?
    public var repository: String?
    /// `--files`: list every changed path (uploads and caches too).
    public var listAllFiles = false
    /// Leave the database out (no diff-db summary).
    public var skipDatabase = false
    /// Compare snapshots of different sites anyway.
    public var force = false
    public var database = DatabaseOverrides()
    public var profileDirectories: [String] = []

    public init(before: String) { self.before = before }
}
