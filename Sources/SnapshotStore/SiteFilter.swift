import Foundation

/// `--site S`: which snapshots are of the site S names, told from their manifest summary alone.
///
/// S with a `/` (or `.`, `..`) is a path: absolute, or relative to the current folder; it matches a
/// snapshot whose `site.root` is that folder (compared as written and with symlinks resolved). S
/// without a `/` is a site's name: the last component of `site.root` (`blog` for `/var/www/blog`).
/// A snapshot without a readable manifest copy is of no known site: no filter matches it.
package struct SiteFilter: Sendable, Equatable {
    /// As the user gave it.
    package let text: String
    private let paths: Set<String>

    package init(_ text: String) {
        self.text = text
        if Self.isPath(text) {
            let url = URL(fileURLWithPath: text).standardizedFileURL
            paths = [url.path, url.resolvingSymlinksInPath().path]
        } else {
            paths = []
        }
    }

    private static func isPath(_ s: String) -> Bool { s.contains("/") || s == "." || s == ".." }

    /// Whether the snapshot `summary` lists is of this site.
    package func matches(_ summary: SnapshotSummary) -> Bool {
        guard let root = summary.manifest?.site.root else { return false }
        if paths.isEmpty { return URL(fileURLWithPath: root).lastPathComponent == text }
        return paths.contains(URL(fileURLWithPath: root).standardizedFileURL.path)
    }

    /// The sites (`site.root` of their manifests) of `summaries`, in order of first appearance;
    /// snapshots without a manifest copy are left out.
    package static func sites(_ summaries: [SnapshotSummary]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for root in summaries.compactMap({ $0.manifest?.site.root }) where seen.insert(root).inserted { out.append(root) }
        return out
    }
}
