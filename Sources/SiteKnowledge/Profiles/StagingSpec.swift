/// Staging hygiene a restore applies to the staging copy's config and files (profile key `staging`),
/// unless `--no-staging-safety`: outgoing mail off, search engines told not to index. The database
/// rows of the same kind (WordPress `blog_public`) are `database.staging`.
public struct StagingSpec: Codable, Equatable, Sendable {
    /// Settings of the restored config, set in place or appended.
    public var config: [StagingOverride]?
    /// Files the restore writes into the staging copy (WordPress: a must-use plugin).
    public var files: [StagingFile]?
}

/// One setting of the staging config.
public struct StagingOverride: Codable, Equatable, Sendable {
    /// What it does, for the restore's output ("outgoing mail off").
    public var description: String
    /// The setting set in place to `literal` (Joomla `JConfig::mailonline`), when the file sets it
    /// with a literal value.
    public var value: PHPValueSpec?
    /// PHP source of the value written there (`false`, `'noindex, nofollow'`).
    public var literal: String?
    /// Written instead of `literal` where the file writes the current value as a quoted string
    /// (Joomla 3's `public $mailonline = '1';`), so the file keeps its own syntax.
    public var stringLiteral: String?
    /// PHP statements appended at the end of the config (Drupal `$config[...]` overrides in
    /// settings.php, which win over the database); used when `value` is absent.
    public var append: String?

    enum CodingKeys: String, CodingKey {
        case description, value, literal, append
        case stringLiteral = "string_literal"
    }
}

/// A file the restore writes into the staging copy.
public struct StagingFile: Codable, Equatable, Sendable {
    /// What it does, for the restore's output.
    public var description: String
    /// Path relative to the restored site root; missing folders are created (0755).
    public var path: String
    /// Its content (written 0644).
    public var content: String

    enum CodingKeys: String, CodingKey { case description, path, content }

    /// Refuses a path that could leave the restored site (absolute, or with `..` or empty
    /// components): a profile from `--profiles` is data, and a restore writes only into its target.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        description = try c.decode(String.self, forKey: .description)
        content = try c.decode(String.self, forKey: .content)
        path = try c.decode(String.self, forKey: .path)
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            throw DecodingError.dataCorruptedError(forKey: .path, in: c,
                debugDescription: "staging file path '\(path)' must be relative to the site root, without '.', '..' or empty parts")
        }
    }
}
