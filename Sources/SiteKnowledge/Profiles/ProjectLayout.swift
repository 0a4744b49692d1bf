import Foundation

/// Profile key `project`: the CMS installed as a project whose document root is a folder inside it
/// (Drupal 8.8+ from drupal/recommended-project: `composer.json`, `vendor/`, `config/sync` beside
/// the docroot `web/`). The site root is then the project, and every path the profile names
/// (markers, version files, config candidates, extension globs, excludes) is under the docroot.
public struct ProjectLayout: Codable, Equatable, Sendable {
    /// The file that marks a project root (`composer.json`), read as JSON.
    public var file: String
    /// Where that file names the docroot, as a key path (`[extra, drupal-scaffold, locations,
    /// web-root]`, value `web/`); `./` or empty means the project is its own docroot.
    public var docrootKey: [String]?
    /// Docroot folder names tried, in order, when the file does not name one.
    public var docroots: [String]
    /// Settings of the config that name folders the site needs to boot (Drupal's config sync folder),
    /// relative to the docroot or absolute: inspect shows them, a backup warns when one is outside
    /// the project (it is then not in the snapshot).
    public var folders: [Folder]?

    public struct Folder: Codable, Equatable, Sendable {
        /// How the folder is named in messages (`config sync folder`).
        public var name: String
        public var value: PHPValueSpec
    }

    enum CodingKeys: String, CodingKey {
        case file, docroots, folders
        case docrootKey = "docroot_key"
    }

    /// The docroot of the project at `project` (relative, without slashes), when `project` holds
    /// the layout's file and the docroot it names (or the first of `docroots` that exists) holds
    /// every one of `markers`. Nil when `project` is no such project, or is its own docroot.
    func docroot(ofProject project: String, markers: [String]) -> String? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: project + "/" + file) else { return nil }
        let candidates = namedDocroot(project).map { [$0] } ?? docroots
        return candidates.first { d in
            !d.isEmpty && markers.allSatisfy { fm.fileExists(atPath: project + "/" + d + "/" + $0) }
        }
    }

    /// The project `docroot` (an absolute folder holding the markers) is the docroot of: its parent,
    /// when the parent's file names this folder (or names none and the folder's name is one of
    /// `docroots`). Returns (project, docroot name).
    func project(aroundDocroot docroot: String) -> (String, String)? {
        let url = URL(fileURLWithPath: docroot)
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard parent != docroot, FileManager.default.fileExists(atPath: parent + "/" + file) else { return nil }
        if let named = namedDocroot(parent) { return named == name ? (parent, name) : nil }
        return docroots.contains(name) ? (parent, name) : nil
    }

    /// The docroot the project file names: `web/` -> `web`, `./` -> "" (the project itself); nil
    /// when the file is unreadable or names none.
    private func namedDocroot(_ project: String) -> String? {
        guard let docrootKey, !docrootKey.isEmpty,
              let data = FileManager.default.contents(atPath: project + "/" + file),
              var node = try? JSONSerialization.jsonObject(with: data) else { return nil }
        for key in docrootKey {
            guard let next = (node as? [String: Any])?[key] else { return nil }
            node = next
        }
        guard let text = node as? String else { return nil }
        let parts = text.split(separator: "/").filter { $0 != "." }
        return parts.joined(separator: "/")
    }
}

extension Profile {
    /// This profile with every path it names moved under `docroot` (relative to the project root).
    public func rebased(docroot: String?) -> Profile {
        guard let docroot, !docroot.isEmpty else { return self }
        // `../wp-config.php` under `web` is `wp-config.php`: `..` pops a component (never above the project).
        func under(_ p: String) -> String {
            var out: [Substring] = []
            for c in (docroot + "/" + p).split(separator: "/") where c != "." {
                if c == "..", !out.isEmpty { out.removeLast() } else { out.append(c) }
            }
            return out.joined(separator: "/")
        }
        var p = self
        p.markers = markers.map(under)
        p.version = version.map { var v = $0; v.file = under(v.file); return v }
        p.config.candidates = config.candidates.map { c in
            var c = c
            c.path = under(c.path)
            c.unlessExists = c.unlessExists.map(under)
            return c
        }
        p.extensions = extensions.map { var e = $0; e.glob = under(e.glob); return e }
        p.multisite = multisite.map { var m = $0; m.file = under(m.file); m.config = under(m.config); return m }
        p.excludes = excludes.map { ProfileExclude(path: under($0.path), contents: $0.contents, keep: $0.keep) }
        p.files = files?.rebased(under)
        return p
    }
}
