import SnapshotFormat
import SnapshotStore

/// An extension whose leftovers are looked for, with the snapshots that tell about it.
struct LeftoverTarget {
    var ext: ExtensionInfo
    var state: DiffReport.RemovedExtension.State
    /// The newest snapshot holding the extension (its code, and what existed with it).
    var with: SnapshotReader?
    /// The newest snapshot older than `with` without the extension (what existed before it).
    var without: SnapshotReader?
    /// Other extensions that came between `without` and `with`: "appeared" is then shared evidence.
    var addedAlongside: [ExtensionInfo] = []

    var report: DiffReport.RemovedExtension {
        .init(slug: ext.slug, kind: ext.kind, group: ext.group, client: ext.client, name: ext.name, version: ext.version, state: state,
              codeSnapshot: with?.manifest.id, withoutSnapshot: without?.manifest.id)
    }
}

/// The site's snapshots in time order, to find the snapshots around an extension's life.
struct SiteTimeline {
    let entries: [Repository.Entry]

    /// Snapshots of the same site (root and CMS) as `manifest`, oldest first (creation time, then id).
    init(_ all: [Repository.Entry], site manifest: Manifest) {
        entries = all.filter { $0.manifest?.site.root == manifest.site.root && $0.manifest?.site.cms == manifest.site.cms }
            .sorted { ($0.manifest!.createdAt, $0.id) < ($1.manifest!.createdAt, $1.id) }
    }

    /// Snapshots taken after `before` and before `after` (nil: until now).
    func between(_ before: Manifest, _ after: Manifest?) -> [Repository.Entry] {
        entries.filter { e in
            let m = e.manifest!
            return e.id != before.id && e.id != after?.id && m.createdAt > before.createdAt && (after.map { m.createdAt < $0.createdAt } ?? true)
        }
    }

    /// The newest snapshot holding `ext` among `candidates` (oldest first).
    static func newest(holding ext: ExtensionInfo, in candidates: [Repository.Entry]) -> Repository.Entry? {
        candidates.last { $0.manifest?.extensions.contains { $0.isSameExtension(as: ext) } == true }
    }

    /// The newest snapshot older than `id` that does not hold `ext`.
    func newest(without ext: ExtensionInfo, olderThan id: String) -> Repository.Entry? {
        let end = entries.firstIndex { $0.id == id } ?? entries.count
        return entries[..<end].last { $0.manifest?.extensions.contains { $0.isSameExtension(as: ext) } == false }
    }
}
