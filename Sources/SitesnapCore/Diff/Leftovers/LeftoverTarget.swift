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
