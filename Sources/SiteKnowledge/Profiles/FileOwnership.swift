/// Which part of the site owns a file (`files:` of a profile; `sitesnap changes` groups by it).
///
/// Paths are from the site root, one `fnmatch` glob per path component; a pattern owns the entry it
/// names and everything below it (`wp-admin` owns `wp-admin/index.php`). An extension owns the
/// folders its kind's `folders` name, with `{dir}` the folder of the file it was read from (its
/// manifest, info file or main file), `{slug}`, `{group}` and `{client}` its own values; a file in an
/// extension's folder is that extension's. An extension is the CMS's own when its kind is in
/// `core_kinds`, its `{dir}` is inside a `core` path, or the profile's `leftovers.core.names.extension`
/// lists it (Joomla's core extensions). Docs: docs/profiles.md, docs/changes.md.
public struct FileOwnership: Codable, Equatable, Sendable {
    /// Where the facts come from (the CMS sources read).
    public var source: String
    /// What the CMS ships as its own code (`wp-admin`, `core`, `libraries/src`).
    public var core: [String]
    /// Extension kinds that are always core's (Drupal's `core-module`).
    public var coreKinds: [String]?
    /// The folders an extension owns, by kind.
    public var extensions: [ExtensionFolders]
    /// Where users' uploads live (`wp-content/uploads`, `images`, `sites/*/files`): summarised.
    public var uploads: [String]
    /// Caches, logs and temporary files the CMS writes: summarised.
    public var caches: [String]?

    public struct ExtensionFolders: Codable, Equatable, Sendable {
        public var kinds: [String]
        /// Folder templates (`{dir}`, `media/{slug}`, `media/plg_{group}_{slug}`).
        public var folders: [String]
    }

    enum CodingKeys: String, CodingKey {
        case source, core, extensions, uploads, caches
        case coreKinds = "core_kinds"
    }

    /// The same facts with every path under `docroot` (a project's profile, `Profile.rebased`).
    func rebased(_ under: (String) -> String) -> FileOwnership {
        var f = self
        f.core = core.map(under)
        f.uploads = uploads.map(under)
        f.caches = caches.map { $0.map(under) }
        // `{dir}` is already a path from the root (the extension's file is); the others are rebased.
        f.extensions = extensions.map { e in
            var e = e
            e.folders = e.folders.map { $0.hasPrefix("{dir}") ? $0 : under($0) }
            return e
        }
        return f
    }
}
