/// How a profile's extension source reads an extension's name and version (profile `format`). A value
/// not listed here fails the profile's load, naming the file and the key.
public enum ExtensionFormat: String, Codable, Equatable, Sendable {
    /// WordPress "Name: value" comment headers (`wp-includes/functions.php` `get_file_data()`).
    case fileHeader = "file-header"
    /// Joomla's XML manifest: `<extension>`/`<install>` (or a language's `<metafile>`) with `<name>` and `<version>`.
    case xmlManifest = "xml-manifest"
    /// A YAML file (Drupal 8+ `*.info.yml`).
    case yaml
    /// Drupal 7's `*.info` (INI-like `key = value`).
    case ini
}

/// Where an extension's slug comes from (profile `slug`).
public enum SlugSource: String, Codable, Equatable, Sendable {
    /// The matched file's folder name.
    case dir
    /// The file name without its extensions.
    case stem
    /// The matched file's path below the glob's literal leading folders, without its extension:
    /// Joomla's library element, `administrator/manifests/libraries/<vendor>/<name>.xml` naming
    /// `vendor/name` (libraries/src/Installer/Adapter/LibraryAdapter.php discover(), 5.x).
    case relativeStem = "relative_stem"
}

/// Where an extension's group comes from (profile `group`), when its slug alone is ambiguous.
public enum GroupSource: String, Codable, Equatable, Sendable {
    /// The folder holding the slug's folder: Joomla's plugin group, `plugins/<group>/<element>/`
    /// (libraries/src/Installer/Adapter/PluginAdapter.php, Joomla 5.x: `JPATH_PLUGINS/group/element`).
    case parentDir = "parent_dir"
}
