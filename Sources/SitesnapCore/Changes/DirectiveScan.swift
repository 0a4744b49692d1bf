import Foundation
import SiteKnowledge

/// A directive that routes or authenticates requests (or prepends PHP code) in a web server or PHP
/// file of the site as it is now: what `sitesnap inspect` lists.
public struct DirectiveFinding: Codable, Sendable {
    public var path: String
    public var syntax: String
    public var line: Int
    public var text: String
    public var section: [String]
    public var callout: String
    public var reason: String
}

/// Finds the web server and PHP files of a live site (`DirectiveSyntax`), by a walk of its tree
/// that reads names only (the profile's excludes left out, as a backup does), and lists their
/// called-out directives.
enum DirectiveScan {
    static func scan(_ site: DetectedSite) throws -> [DirectiveFinding] {
        var paths: [String] = []
        let walker = TreeWalker(root: site.root, excludes: ExcludeMatcher(site.profile.excludes.map(\.rule)), cancellation: nil)
        _ = try walker.walk { rel, st in
            if (st.st_mode & S_IFMT) == S_IFREG, DirectiveSyntax.of(path: rel) != nil { paths.append(rel) }
        }
        let texts = DirectiveSources.read(Set(paths), live: site.root)
        return paths.flatMap { path -> [DirectiveFinding] in
            guard let syntax = DirectiveSyntax.of(path: path), let text = texts[path] else { return [] }
            return DirectiveDiff.callouts(text, syntax: syntax).map {
                DirectiveFinding(path: path, syntax: syntax.rawValue, line: $0.line, text: $0.text, section: $0.section,
                                 callout: $0.callout ?? "", reason: $0.reason ?? "")
            }
        }
    }
}
