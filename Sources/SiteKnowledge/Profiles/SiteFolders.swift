import Foundation
import SnapshotFormat

/// A folder the site needs to boot that its config names (Drupal's config sync folder).
public struct SiteFolder: Codable, Equatable, Sendable {
    /// What it is, from the profile (`config sync folder`).
    public var name: String
    /// The setting naming it (`$settings['config_sync_directory']`) and its value as written.
    public var setting: String
    public var value: String
    /// Absolute, resolved against the docroot when relative.
    public var path: String
    /// True when it is inside the site root (so in a snapshot of the files).
    public var insideSite: Bool

    enum CodingKeys: String, CodingKey {
        case name, setting, value, path
        case insideSite = "inside_site"
    }
}

/// Finds the folders of the profile's `folders` and `project.folders` in a site's config.
public enum SiteFolders {
    /// The folders `config` names (literal values only; a computed value is the config's to report),
    /// one per path, in profile order.
    public static func find(site: DetectedSite, configFile: String) -> [SiteFolder] {
        let specs = (site.profile.project?.folders ?? []) + (site.profile.folders ?? [])
        guard !specs.isEmpty else { return [] }
        var followed: [String] = []
        guard let php = try? SiteConfigReader.readFollowingIncludes(file: configFile, spec: site.profile.config,
                                                                     followed: &followed) else { return [] }
        let docroot = site.root + (site.docroot.map { "/" + $0 } ?? "")
        var out: [SiteFolder] = []
        for spec in specs {
            guard let text = ConfigValues.lookup(spec.value, in: php)?.value.scalarText, !text.isEmpty else { continue }
            let path = URL(fileURLWithPath: text.hasPrefix("/") ? text : docroot + "/" + text).standardizedFileURL.path
            guard !out.contains(where: { $0.path == path }) else { continue }
            out.append(SiteFolder(name: spec.name, setting: spec.value.displayName, value: text, path: path,
                                  insideSite: path == site.root || path.hasPrefix(site.root + "/")))
        }
        return out
    }

    /// The warning a backup records for a folder outside the site root: it is not in the snapshot.
    public static func warning(_ folder: SiteFolder) -> SnapshotWarning {
        SnapshotWarning(kind: "outside-site-root", subject: folder.path,
                        message: "the \(folder.name) (\(folder.setting) = '\(folder.value)') is outside the site root and is not in the snapshot; the restored site needs it: keep a copy of it, or move it into the project")
    }
}
