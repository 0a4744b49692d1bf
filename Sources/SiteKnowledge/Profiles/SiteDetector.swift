import Foundation
import SitesnapSystem

/// A site root matched to a CMS profile, with its version.
public struct DetectedSite: Sendable {
    /// Absolute, symlink-resolved site root.
    public var root: String
    public var profile: Profile
    /// The CMS version read from the profile's version sources, or nil when none could be read.
    public var version: String?
    /// The docroot inside `root` when the site is a project (`web`); `profile` is then rebased under it.
    public var docroot: String?

    package init(root: String, profile: Profile, version: String? = nil, docroot: String? = nil) {
        self.root = root
        self.profile = profile
        self.version = version
        self.docroot = docroot
    }
}

/// Matches a folder to a profile by its marker files and reads the CMS version.
public enum SiteDetector {
    /// Detects the CMS of `root`.
    /// - Throws: `SitesnapError.siteRootMissing`, `.notACMSRoot`.
    public static func detect(root: String, profiles: ProfileStore) throws -> DetectedSite {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw SitesnapError.siteRootMissing(path: root)
        }
        let resolved = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        for profile in profiles.profiles {
            if let layout = profile.project, let found = project(resolved, layout: layout, markers: profile.markers) {
                let rebased = profile.rebased(docroot: found.docroot)
                return DetectedSite(root: found.root, profile: rebased, version: readVersion(root: found.root, profile: rebased),
                                    docroot: found.docroot)
            }
            let matches = profile.markers.allSatisfy { FileManager.default.fileExists(atPath: resolved + "/" + $0) }
            if matches {
                return DetectedSite(root: resolved, profile: profile, version: readVersion(root: resolved, profile: profile))
            }
        }
        throw SitesnapError.notACMSRoot(path: resolved, profiles: profiles.profiles.map(\.id))
    }

    /// The project `root` is (a project root holding the docroot) or is the docroot of. A docroot
    /// given stands for its project: snapshotting the docroot alone leaves out `vendor/` and the
    /// config sync folder, and the restored copy could not boot; an operator pointing at the
    /// folder the web server serves means the site.
    private static func project(_ root: String, layout: ProjectLayout, markers: [String]) -> (root: String, docroot: String)? {
        if let d = layout.docroot(ofProject: root, markers: markers) { return (root, d) }
        guard markers.allSatisfy({ FileManager.default.fileExists(atPath: root + "/" + $0) }),
              let (project, d) = layout.project(aroundDocroot: root) else { return nil }
        return (project, d)
    }

    static func readVersion(root: String, profile: Profile) -> String? {
        for source in profile.version {
            let path = root + "/" + source.file
            guard FileManager.default.fileExists(atPath: path) else { continue }
            if let element = source.xmlElement {
                if let v = XMLText.firstElement(named: element, inFile: path) { return v }
                continue
            }
            guard let php = try? PHPConfigReader.read(path: path, checkSyntax: false) else { continue }  // CMS code, not a config
            if let spec = source.php, let v = ConfigValues.lookup(spec, in: php)?.value.scalarText { return v }
            if let parts = source.parts {
                let texts = parts.compactMap { ConfigValues.lookup($0, in: php)?.value.scalarText }
                guard texts.count == parts.count else { continue }
                var version = texts.joined(separator: ".")
                if let suffix = source.suffix, let extra = ConfigValues.lookup(suffix.value, in: php)?.value.scalarText, !extra.isEmpty {
                    version += suffix.separator + extra
                }
                return version
            }
        }
        return nil
    }
}
