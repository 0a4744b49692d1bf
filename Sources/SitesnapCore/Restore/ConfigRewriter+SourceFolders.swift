import Foundation
import SiteKnowledge

extension ConfigRewriter {
    /// Edits pointing the folders the config names (profile `folders`, `project.folders`: Drupal's
    /// config sync and private files folders) into the target when they are absolute paths inside the
    /// source site (`/srv/prod/config/sync` -> `<target>/config/sync`): kept, a `drush cex` on staging
    /// would write into the source project. Relative ones already resolve inside the copy; others
    /// (outside the source) are the operator's. One set in a file the config includes (which
    /// the restore does not rewrite) is a problem, named.
    static func sourceFolderEdits(_ config: PHPConfig, merged: PHPConfig, _ s: Settings)
        -> (edits: [(Range<Int>, String, String)], problems: [String]) {
        guard let root = s.sourceRoot, root.hasPrefix("/") else { return ([], []) }
        var edits: [(Range<Int>, String, String)] = [], problems: [String] = []
        func inside(_ a: PHPAssignment?) -> String? {
            guard let a, case .string(let v) = a.value, v.hasPrefix("/") else { return nil }
            let path = URL(fileURLWithPath: v).standardizedFileURL.path
            guard path == root || path.hasPrefix(root + "/") else { return nil }
            return s.targetRoot + path.dropFirst(root.count)
        }
        for spec in s.sourceFolders {
            let main = ConfigValues.lookup(spec, in: config), inForce = ConfigValues.lookup(spec, in: merged)
            if let inForce, inForce != main, let moved = inside(inForce) {
                problems.append("\(spec.displayName) (names a folder inside the source site, \(moved.dropFirst(s.targetRoot.count)) there, and is set in a file it includes: make it relative to the docroot)")
                continue
            }
            guard let main, let moved = inside(main), !edits.contains(where: { $0.0 == main.valueRange }) else { continue }
            edits.append((main.valueRange, literal(moved), spec.displayName))
        }
        return (edits, problems)
    }
}
