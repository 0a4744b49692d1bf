import Foundation
import SitesnapSystem

/// Profile key `multisite`: one code base serving several sites, each with its own config folder
/// (Drupal's `sites/sites.php`, `$sites['host.path'] = 'dir';`, and `sites/<dir>/settings.php`).
public struct MultisiteSpec: Codable, Equatable, Sendable {
    /// The file mapping hosts to site folders, from the site root (the docroot).
    public var file: String
    /// The array in it: host -> folder name.
    public var map: PHPValueSpec
    /// A site folder's config, `{dir}` standing for its name (`sites/{dir}/settings.php`).
    public var config: String
    /// The folder used for a host the map does not name (`default`).
    public var defaultDir: String

    enum CodingKeys: String, CodingKey {
        case file, map, config
        case defaultDir = "default"
    }
}

/// One site folder of a multisite install.
public struct SiteDir: Codable, Equatable, Sendable {
    public var name: String
    /// The hosts the map sends to it (none for the default folder).
    public var hosts: [String]
    /// Its config file (absolute) and whether it exists.
    public var config: String
    public var configExists: Bool

    enum CodingKeys: String, CodingKey {
        case name, hosts, config
        case configExists = "config_exists"
    }
}

/// The site folders of a site and the config a backup reads.
public enum SiteDirs {
    /// The folders the map names (in file order) and the default folder when its config exists;
    /// empty when the profile has no `multisite` or the map file does not exist.
    public static func list(_ site: DetectedSite) -> [SiteDir] {
        guard let spec = site.profile.multisite, FileManager.default.fileExists(atPath: site.root + "/" + spec.file),
              let php = try? PHPConfigReader.read(path: site.root + "/" + spec.file, checkSyntax: false),
              case .array(let entries)? = ConfigValues.lookup(spec.map, in: php)?.value else { return [] }
        var out: [SiteDir] = []
        for e in entries {
            guard let dir = e.value.scalarText, valid(dir) else { continue }
            if let i = out.firstIndex(where: { $0.name == dir }) { out[i].hosts.append(e.key.description); continue }
            out.append(folder(site, spec, dir, hosts: [e.key.description]))
        }
        let fallback = folder(site, spec, spec.defaultDir, hosts: [])
        if fallback.configExists, !out.contains(where: { $0.name == spec.defaultDir }) { out.append(fallback) }
        return out
    }

    /// The config file to read instead of the profile's candidates: the one of `--site-dir NAME`;
    /// nil without it when the map names no more than one site folder with a config (the profile's
    /// candidates, `sites/default/settings.php`, as Drupal uses for a host the map does not name).
    /// - Throws: `SitesnapError.invalidOption` for a bad or unknown NAME, a profile without
    ///   multisite, and (without NAME) when several site folders have a config: which one is the
    ///   site is the operator's to say.
    public static func config(_ site: DetectedSite, siteDir: String?) throws -> String? {
        let dirs = list(site).filter(\.configExists)
        guard let siteDir else {
            guard dirs.count > 1, let spec = site.profile.multisite else { return nil }
            let names = dirs.map { d in d.hosts.isEmpty ? d.name : "\(d.name) (\(d.hosts.joined(separator: ", ")))" }
            throw SitesnapError.invalidOption(option: "--site-dir", reason: "\(spec.file) maps this \(site.profile.name) to \(dirs.count) site folders: \(names.joined(separator: "; ")); choose one with --site-dir NAME")
        }
        guard let spec = site.profile.multisite else {
            throw SitesnapError.invalidOption(option: "--site-dir \(siteDir)", reason: "\(site.profile.name) has no site folders")
        }
        let chosen = folder(site, spec, siteDir, hosts: [])
        guard valid(siteDir), chosen.configExists else {
            let known = dirs.map(\.name)
            throw SitesnapError.invalidOption(option: "--site-dir \(siteDir)", reason: "no \(spec.config.replacingOccurrences(of: "{dir}", with: siteDir)) in \(site.root)" + (known.isEmpty ? "" : "; site folders: \(known.joined(separator: ", "))"))
        }
        return chosen.config
    }

    private static func folder(_ site: DetectedSite, _ spec: MultisiteSpec, _ dir: String, hosts: [String]) -> SiteDir {
        let path = site.root + "/" + spec.config.replacingOccurrences(of: "{dir}", with: dir)
        return SiteDir(name: dir, hosts: hosts, config: path, configExists: FileManager.default.fileExists(atPath: path))
    }

    /// A folder name, never a path (`..`, `a/b`).
    private static func valid(_ dir: String) -> Bool {
        !dir.isEmpty && dir != "." && dir != ".." && !dir.contains("/")
    }
}
