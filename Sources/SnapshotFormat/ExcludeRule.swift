/// One rule that leaves part of the site tree out of a snapshot: from the CMS profile or from
/// `--exclude`. The manifest lists every rule in force with how many entries it left out
/// (`files.exclude_rules`, docs/snapshot-format.md).
///
/// Patterns are `fnmatch(3)` globs (`*`, `?`, `[...]`) matched one path component at a time, so `*`
/// never crosses a `/`.
public struct ExcludeRule: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// The entry at `pattern`, a path from the site root (a file, or a folder with all it holds).
        case path
        /// What the folder at `pattern` (a path from the site root) holds, except the names in `keep`
        /// directly in it; the folder itself is archived (its mode and owner come back on restore).
        case contents
        /// Any file or folder whose name matches `pattern`, at any depth (`--exclude` without a `/`).
        case name
    }

    public enum Source: String, Codable, Sendable {
        case profile, option
    }

    public var kind: Kind
    public var pattern: String
    /// `contents` rules: names (globs) kept in the folder, e.g. Joomla's `index.html`.
    public var keep: [String]?
    public var source: Source
    /// Entries this rule left out, counted where the walk stopped: a folder counts once, with
    /// whatever it holds (the walk does not read an excluded folder, which is what an exclude is
    /// for). Absent in profiles; absent in manifests of sitesnap before format 2.
    public var entries: Int64?

    public init(kind: Kind, pattern: String, keep: [String]? = nil, source: Source, entries: Int64? = nil) {
        var p = pattern
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        while p.hasPrefix("/") { p.removeFirst() }
        if p.hasPrefix("./") { p.removeFirst(2) }
        self.kind = kind
        self.pattern = p
        self.keep = keep
        self.source = source
        self.entries = entries
    }

    /// An `--exclude GLOB`: with a `/`, a path from the site root; without, a name at any depth (as
    /// tar's and rsync's exclude rules).
    public static func option(_ glob: String) -> ExcludeRule {
        var g = glob
        while g.count > 1 && g.hasSuffix("/") { g.removeLast() }
        return ExcludeRule(kind: g.contains("/") ? .path : .name, pattern: glob, source: .option)
    }

    /// The rule as one glob (the manifest's `files.excludes`, which sitesnap before format 2 reads):
    /// `cache/*` for the contents of `cache`.
    public var glob: String {
        switch kind {
        case .path, .name: return pattern
        case .contents: return pattern + "/*"
        }
    }
}
