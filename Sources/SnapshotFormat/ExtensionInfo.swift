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

    package init(kind: String, slug: String, name: String, version: String? = nil, file: String) {
        self.kind = kind
        self.slug = slug
        self.name = name
        self.version = version
        self.file = file
    }
}
