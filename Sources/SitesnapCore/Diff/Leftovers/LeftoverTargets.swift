import Foundation
import SiteKnowledge
import SnapshotFormat
import SnapshotStore

/// Which extensions to look for leftovers of, and the snapshots around each:
/// - removed: present in BEFORE or in a snapshot of the site taken between BEFORE and AFTER, and whose
///   files AFTER no longer has (an extension installed and removed again after BEFORE is found in the
///   snapshot in between);
/// - uninstalled: its files still there, but the CMS's record (`active_plugins`, `core.extension`,
///   `#__extensions.enabled`) listed it in BEFORE and no longer does in AFTER;
/// - requested with `--extension`.
struct LeftoverTargets {
    let before: SnapshotReader
    let timeline: SiteTimeline
    let afterManifest: Manifest?
    let afterExtensions: [ExtensionInfo]
    /// Opens a snapshot of the timeline by archive path (`SnapshotShelf.open`: its manifest is not read again).
    var open: (String) throws -> SnapshotReader = { try SnapshotReader(path: $0) }

    func make(requested: [String], records: InstalledRecords,
              beforeTable: (String) throws -> DumpRowReader?, afterTable: (String) throws -> DumpRowReader?) throws -> [LeftoverTarget] {
        let between = timeline.between(before.manifest, afterManifest)
        var seen: [ExtensionInfo] = []
        for e in before.manifest.extensions + between.flatMap({ $0.manifest?.extensions ?? [] }) where !seen.contains(where: { $0.isSameExtension(as: e) }) {
            seen.append(e)
        }
        var targets: [LeftoverTarget] = []
        for e in seen where !afterExtensions.contains(where: { $0.isSameExtension(as: e) }) {
            targets.append(try target(e, state: .removed, between: between))
        }
        // Listed as installed in BEFORE or in a snapshot in between, no longer in AFTER.
        var listedBefore = try listed(records, beforeTable)
        for e in between where !records.records.isEmpty {
            let s = try open(e.archivePath)
            listedBefore.merge(try listed(records) { bare in
                let prefix = s.manifest.database?.tablePrefix ?? ""
                guard let t = s.manifest.database?.tables.first(where: { $0.name == prefix + bare }) else { return nil }
                return DumpRowReader(source: try s.open(entry: t.entry), name: "\(s.path): \(t.entry)")
            }) { a, b in a && b }
        }
        let listedAfter = try listed(records, afterTable)
        for e in afterExtensions where seen.contains(where: { $0.isSameExtension(as: e) }) {
            let k = e.kind + ":" + e.slug
            if let reversible = listedBefore[k], listedAfter[k] == nil {
                targets.append(try target(e, state: reversible ? .deactivated : .uninstalled, between: between))
            }
        }
        for slug in requested where !targets.contains(where: { $0.ext.slug == slug }) {
            let known = seen.first { $0.slug == slug } ?? afterExtensions.first { $0.slug == slug }
                ?? timeline.newest { $0.extensions.contains { $0.slug == slug } }?.manifest?.extensions.first { $0.slug == slug }
            let installed = afterExtensions.contains { $0.slug == slug }
            targets.append(try target(known ?? ExtensionInfo(kind: "extension", slug: slug, name: slug, version: nil, file: ""),
                                      state: installed ? .stillInstalled : .requested, between: between))
        }
        return targets
    }

    /// "kind:slug" of every extension the records list, and whether the record is only of activity
    /// (reversible) rather than of installation.
    private func listed(_ records: InstalledRecords, _ open: (String) throws -> DumpRowReader?) throws -> [String: Bool] {
        var out: [String: Bool] = [:]
        for bare in records.tables {
            guard let r = try open(bare) else { continue }
            for l in try records.listed(onTable: bare, r) {
                for k in l.record.kinds { out[k + ":" + l.slug] = (out[k + ":" + l.slug] ?? true) && l.record.reversible == true }
            }
        }
        return out
    }

    private func target(_ ext: ExtensionInfo, state: DiffReport.RemovedExtension.State, between: [Repository.Entry]) throws -> LeftoverTarget {
        // The code and "with" state: the newest of BEFORE and the snapshots in between that holds it,
        // else the newest older snapshot that does.
        let holds = { (m: Manifest) in m.extensions.contains { $0.isSameExtension(as: ext) } }
        var with: SnapshotReader?
        if let e = SiteTimeline.newest(holding: ext, in: between) {
            with = try open(e.archivePath)
        } else if holds(before.manifest) {
            with = before
        } else if let e = timeline.newest(where: holds) {
            with = try open(e.archivePath)
        }
        var without: SnapshotReader?
        if let w = with, let e = timeline.newest(olderThan: w.manifest, where: { !holds($0) }) {
            without = e.id == before.manifest.id ? before : try open(e.archivePath)
        } else if let w = with, w.manifest.id != before.manifest.id, !holds(before.manifest), before.manifest.createdAt < w.manifest.createdAt {
            without = before
        }
        var alongside: [ExtensionInfo] = []
        if let w = with?.manifest, let wo = without?.manifest {
            alongside = w.extensions.filter { e in !e.isSameExtension(as: ext) && !wo.extensions.contains { $0.isSameExtension(as: e) } }
        }
        return LeftoverTarget(ext: ext, state: state, with: with, without: without, addedAlongside: alongside)
    }
}
