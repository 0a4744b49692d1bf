import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The AFTER side of `sitesnap changes`: a second snapshot, or the live site (detected with the
/// profiles, its extensions scanned now).
struct ChangesAfter {
    let snapshot: SnapshotReader?
    let site: DetectedSite?
    let side: ChangesReport.Side

    /// The live site's profile (rebased under its docroot); nil for a snapshot.
    var profile: Profile? { site?.profile }

    /// - Throws: `SitesnapError.invalidOption` (neither or both of AFTER and `--live`, another site
    ///   without `force`), `.siteRootMissing`, `.notACMSRoot`, and what opening the snapshot throws.
    static func open(_ request: ChangesRequest, before: SnapshotReader, store: Repository, profiles: ProfileStore,
                     open: (String) throws -> SnapshotReader) throws -> ChangesAfter {
        let bm = before.manifest
        if request.live {
            guard request.after == nil else { throw SitesnapError.invalidOption(option: "AFTER and --live", reason: "give one of them, not both") }
            let root = request.liveSiteRoot ?? bm.site.root
            let site = try SiteDetector.detect(root: root, profiles: profiles)
            if !request.force && (site.root != bm.site.root || site.profile.id != bm.site.cms) {
                throw SitesnapError.invalidOption(option: "--live \(site.root)", reason: "snapshot \(bm.id) is of \(bm.site.root), not of this site; add --force to compare anyway")
            }
            let side = ChangesReport.Side(id: "live", archive: nil, createdAt: ISO8601DateFormatter().string(from: Date()), site: site.root,
                                          cms: site.profile.name, cmsVersion: site.version, database: nil)
            return ChangesAfter(snapshot: nil, site: site, side: side)
        }
        guard let ref = request.after else {
            throw SitesnapError.invalidOption(option: "AFTER", reason: "give a second snapshot, or --live to compare with the site as it is now")
        }
        let a = try open(ref)
        if !request.force && (a.manifest.site.root != bm.site.root || a.manifest.site.cms != bm.site.cms) {
            throw SitesnapError.invalidOption(option: ref, reason: "snapshots of different sites: \(bm.id) is of \(bm.site.root), \(a.manifest.id) of \(a.manifest.site.root); add --force to compare anyway")
        }
        return ChangesAfter(snapshot: a, site: nil, side: ChangesEngine.side(a.manifest, path: a.path))
    }

    /// AFTER's extensions: its manifest's, or the live site's scan.
    func extensions() -> [ExtensionInfo] {
        if let snapshot { return snapshot.manifest.extensions }
        return site.map { ExtensionScanner.scan($0) } ?? []
    }
}
