import Foundation
import SnapshotFormat
import SnapshotStore

/// The site's snapshots in time order, to find the snapshots around an extension's life.
///
/// Manifests are read when a question needs them, newest first where the answer is the newest
/// match: a diff of two snapshots reads those between them, not the site's whole history. That relies
/// on what `Repository.newID` writes: an id's UTC second is the second of the manifest's `created_at`
/// (both are the backup's start); a second either side is allowed for rounding.
struct SiteTimeline {
    /// A snapshot that may be of the site: `second` is its id's time (nil: unknown).
    struct Candidate {
        let id: String
        let archivePath: String
        let second: Int?
    }

    private let candidates: [Candidate]
    private let root: String
    private let cms: String
    /// The manifest of an archive path (nil: none readable), read once by the one who gives it.
    private let manifest: (String) -> Manifest?

    /// Snapshots of the same site (root and CMS) as `manifest` among `all`, whose manifests are read.
    init(_ all: [Repository.Entry], site manifest: Manifest) {
        let known = Dictionary(all.map { ($0.archivePath, $0.manifest) }, uniquingKeysWith: { a, _ in a })
        self.init(all.map { Candidate(id: $0.id, archivePath: $0.archivePath, second: nil) }, site: manifest) { known[$0] ?? nil }
    }

    /// Snapshots of the same site as `manifest` among `candidates`, each read with `manifest` when needed.
    init(_ candidates: [Candidate], site manifest: Manifest, manifest read: @escaping (String) -> Manifest?) {
        self.candidates = candidates
        root = manifest.site.root
        cms = manifest.site.cms
        self.manifest = read
    }

    /// Every snapshot of the site, oldest first (creation time, then id): all manifests read.
    var entries: [Repository.Entry] { entries(of: candidates) }

    /// Snapshots taken after `before` and before `after` (nil: until now).
    func between(_ before: Manifest, _ after: Manifest?) -> [Repository.Entry] {
        // Nothing lies between a snapshot and itself (or a later one and an earlier): no manifest read
        // (the second of slack below would read a snapshot taken within a second of it).
        if let after, before.id == after.id || after.createdAt <= before.createdAt { return [] }
        let low = Self.second(before.createdAt).map { $0 - 1 } ?? Int.min
        let high = after.flatMap { Self.second($0.createdAt) }.map { $0 + 1 } ?? Int.max
        let window = candidates.filter { c in c.second.map { $0 >= low && $0 <= high } ?? true }
        return entries(of: window).filter { e in
            let m = e.manifest!
            return e.id != before.id && e.id != after?.id && m.createdAt > before.createdAt && (after.map { m.createdAt < $0.createdAt } ?? true)
        }
    }

    /// The newest snapshot holding `ext` among `candidates` (oldest first).
    static func newest(holding ext: ExtensionInfo, in candidates: [Repository.Entry]) -> Repository.Entry? {
        candidates.last { $0.manifest?.extensions.contains { $0.isSameExtension(as: ext) } == true }
    }

    /// The newest snapshot whose manifest `matches`; with `bound`, the newest older than it when it is
    /// one of the site's snapshots (else among all). Reads manifests one second of ids at a time,
    /// newest first, until one matches.
    func newest(olderThan bound: Manifest? = nil, where matches: (Manifest) -> Bool) -> Repository.Entry? {
        let limit = bound.flatMap { b in entries(of: candidates.filter { $0.id == b.id }).isEmpty ? nil : (b.createdAt, b.id) }
        // Without every id's time, one group: the whole timeline.
        let top = limit.flatMap { Self.second($0.0) }.map { $0 + 1 } ?? Int.max
        let groups = candidates.contains { $0.second == nil } ? [candidates]
            : Dictionary(grouping: candidates) { $0.second! }.filter { $0.key <= top }.sorted { $0.key > $1.key }.map(\.value)
        for group in groups {
            let older = entries(of: group).filter { e in limit.map { (e.manifest!.createdAt, e.id) < $0 } ?? true }
            if let found = older.last(where: { matches($0.manifest!) }) { return found }
        }
        return nil
    }

    /// The snapshots of the site among `some`, oldest first.
    private func entries(of some: [Candidate]) -> [Repository.Entry] {
        some.compactMap { c -> Repository.Entry? in
            guard let m = manifest(c.archivePath), m.site.root == root, m.site.cms == cms else { return nil }
            return Repository.Entry(id: c.id, archivePath: c.archivePath, manifest: m, archiveBytes: 0)
        }.sorted { ($0.manifest!.createdAt, $0.id) < ($1.manifest!.createdAt, $1.id) }
    }

    /// Seconds since 1970 of a manifest's `created_at` (ISO 8601, with or without fractional seconds).
    static func second(_ createdAt: String) -> Int? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: createdAt) { return Int(d.timeIntervalSince1970.rounded(.down)) }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: createdAt).map { Int($0.timeIntervalSince1970) }
    }
}
