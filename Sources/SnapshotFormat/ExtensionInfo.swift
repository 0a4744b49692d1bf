/// One installed extension (plugin, theme, component, module...) found in the site's files.
public struct ExtensionInfo: Codable, Equatable, Sendable {
    /// The profile's kind: plugin, theme, component, module, template, ...
    public var kind: String
    /// Folder or file stem, e.g. "akismet", "com_acmeforms", "pathauto".
    public var slug: String
    public var name: String
    public var version: String?
    /// The file the name and version were read from, relative to the site root.
    public var file: String
    /// Where the CMS groups it, when the slug alone is ambiguous: Joomla's plugin folder
    /// (`system`, `content`), so that `plg_system_x` and `plg_content_x` are two extensions.
    public var group: String?
    /// Joomla's client: "site" or "administrator" (a site and an admin module may share a name).
    public var client: String?
    /// Its state in the CMS's own record when the backup read the database (profile
    /// `extension_status`: Drupal 8+ `installed` / `not installed` from core.extension, Drupal 7
    /// `enabled` / `disabled` / `not installed` from the system table); absent otherwise.
    public var status: String?

    /// Two entries are the same extension when kind, slug, group and client agree. A group or client
    /// only one of them records counts as agreeing: manifests written before sitesnap recorded them
    /// (and `--extension SLUG`) name a Joomla plugin by its slug alone.
    public func isSameExtension(as other: ExtensionInfo) -> Bool {
        func agree(_ a: String?, _ b: String?) -> Bool { a == nil || b == nil || a == b }
        return kind == other.kind && slug == other.slug && agree(group, other.group) && agree(client, other.client)
    }

    package init(kind: String, slug: String, name: String, version: String? = nil, file: String,
                 group: String? = nil, client: String? = nil) {
        self.group = group
        self.client = client
        self.kind = kind
        self.slug = slug
        self.name = name
        self.version = version
        self.file = file
    }
}
