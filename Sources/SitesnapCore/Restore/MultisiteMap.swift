import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The restore of one site folder of a multisite (profile `multisite`: Drupal's `sites/sites.php`
/// and `sites/<dir>/settings.php`). A request reaches the folder only through the map file, so with
/// `--url` the staging host is mapped to the restored folder in the restored map file (appended,
/// after the verification's snapshot of it, as the config rewrite is); without, the output says the
/// host must be mapped. Either way it names the other site folders, whose configs are not rewritten
/// and still name their own (production) databases.
struct MultisiteMap {
    /// The map file inside the site and its bytes in the snapshot; nil when nothing is appended.
    private(set) var rel: String?
    private var bytes: [UInt8]?
    private var appendix = ""
    /// What the restore says of the multisite, one line each.
    private(set) var notes: [String] = []

    static let none = MultisiteMap()

    /// - Throws: archive read errors.
    static func plan(_ snapshot: SnapshotReader, profile: Profile, configRel: String?, url: String?) throws -> MultisiteMap {
        guard let spec = profile.multisite, let configRel, let dir = dir(of: configRel, spec.config) else { return .none }
        var out = MultisiteMap()
        out.notes = try snapshot.fileRecords { $0.type == .file && $0.path != configRel && Self.dir(of: $0.path, spec.config) != nil }
            .map { "\($0.path) not rewritten (another site of this multisite: it still names its production database)" }
        guard let bytes = try ConfigPlan.readEntry(snapshot, "files/" + spec.file) else { return out }
        guard let url, let key = siteKey(url) else {
            if dir != spec.defaultDir {
                out.notes.insert("\(spec.file) does not map the staging host to \(configRel): add $sites['<staging host>'] = '\(dir)'; to it (or restore with --url) to reach the restored site", at: 0)
            }
            return out
        }
        let line = "$sites['\(phpQuoted(key))'] = '\(phpQuoted(dir))';"
        let tail = String(decoding: bytes.suffix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let lead = tail.hasSuffix("?>") ? "<?php\n" : (bytes.last == UInt8(ascii: "\n") ? "\n" : "\n\n")
        out.appendix = lead + "// Added by sitesnap restore --url: the staging host serves the restored site folder.\n" + line + "\n"
        (out.rel, out.bytes) = (spec.file, bytes)
        out.notes.insert("\(spec.file): appended \(line) (the staging host reaches \(configRel))", at: 0)
        return out
    }

    /// Writes the map file with the line appended into the hidden folder `temp`.
    /// - Throws: `SitesnapError.restoreConfigWriteFailed`.
    func write(into temp: String) throws {
        guard let rel, let bytes else { return }
        try ConfigPlan.rewriteInPlace(temp + "/" + rel, bytes + Array(appendix.utf8))
    }

    /// The site folder of a config path of the form `pattern` (`sites/{dir}/settings.php`).
    static func dir(of path: String, _ pattern: String) -> String? {
        let parts = pattern.components(separatedBy: "{dir}")
        guard parts.count == 2, path.count > parts[0].count + parts[1].count,
              path.hasPrefix(parts[0]), path.hasSuffix(parts[1]) else { return nil }
        let dir = String(path.dropFirst(parts[0].count).dropLast(parts[1].count))
        return dir.contains("/") || dir == "." || dir == ".." ? nil : dir
    }

    /// The key the CMS looks up for `url` first (the most specific), nil for no host or an IPv6 one.
    /// Drupal 8-11 core/lib/Drupal/Core/DrupalKernel.php findSitePath() and Drupal 7
    /// includes/bootstrap.inc conf_path() build it the same way: the HTTP host (lowercase; its port
    /// only when it is not the scheme's default, as browsers send it and Symfony's getHttpHost()
    /// gives it) as `port.host`, then the script's folder with `/` as `.`: `8080.stg.test.sub` for
    /// http://stg.test:8080/sub/.
    static func siteKey(_ url: String) -> String? {
        guard let c = URLComponents(string: url), var host = c.host?.lowercased(), !host.isEmpty, !host.contains(":") else { return nil }
        while host.hasSuffix(".") { host.removeLast() }
        let defaultPort = c.scheme?.lowercased() == "https" ? 443 : 80
        if let port = c.port, port != defaultPort { host = "\(port).\(host)" }
        let path = c.path.split(separator: "/").filter { !$0.isEmpty }
        return host + path.map { "." + $0 }.joined()
    }

    /// `s` inside a single-quoted PHP string.
    private static func phpQuoted(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }
}
