import Foundation
import SnapshotFormat

/// Counts file changes per owner as the merge finds them, keeping the paths of the groups that are
/// listed (up to `limit` per group without `--files`; uploads and caches only with it), so memory
/// depends on the number of owners, not of files.
struct FileChangeTally {
    let owners: FileOwners
    /// `--files`: every path of every group.
    let listAll: Bool
    let limit: Int
    /// Paths written to the directive check: changed directive files and which sides have them.
    private(set) var directiveFiles: [(path: String, change: ChangesReport.FileChangeKind)] = []
    private var groups: [FileOwners.Owner: ChangesReport.FileGroup] = [:]
    private var modifiedCore: [ChangesReport.FileChange] = []
    private(set) var compared: Int64 = 0

    init(owners: FileOwners, listAll: Bool, limit: Int = 1000) {
        self.owners = owners
        self.listAll = listAll
        self.limit = limit
    }

    /// The pair at one path: `before` only (removed), `after` only (added), or both (compared).
    mutating func visit(before: FileRecord?, after: FileRecord?) {
        if after != nil { compared += 1 }
        let r = (after ?? before)!
        if r.path.isEmpty { return }  // the root folder itself
        let change: ChangesReport.FileChangeKind
        var what: [String] = []
        switch (before, after) {
        case let (b?, a?):
            what = Self.differences(b, a)
            guard !what.isEmpty else { return }
            change = .modified
        case (nil, _): change = .added
        case (_, nil): change = .removed
        }
        // A folder counts only when its own mode or type changed: its files say the rest.
        if change != .modified && r.type == .dir { return }
        if DirectiveSyntax.of(path: r.path) != nil, r.type == .file || before?.type == .file { directiveFiles.append((r.path, change)) }
        let owner = owners.owner(of: r.path)
        // Taken out of the dictionary while it changes: a copy would share the paths' buffer, and each
        // append would copy the whole list (quadratic with --files on 200,000 files).
        var g = groups.removeValue(forKey: owner) ?? ChangesReport.FileGroup(owner: owner.label, kind: owner.kind, extensionKind: owner.extensionKind,
                                                          slug: owner.slug, paths: owner.kind.summarised && !listAll ? nil : [])
        switch change {
        case .added: g.added += 1; g.addedBytes += after?.size ?? 0
        case .removed: g.removed += 1; g.removedBytes += before?.size ?? 0
        case .modified: g.modified += 1; g.modifiedBytes += after?.size ?? 0
        }
        let item = ChangesReport.FileChange(path: r.path, change: change, what: what, before: before.map(Self.state), after: after.map(Self.state))
        if g.paths != nil {
            if listAll || g.paths!.count < limit { g.paths!.append(item) } else { g.pathsOmitted += 1 }
        }
        if owner.kind == .core && change == .modified && modifiedCore.count < limit { modifiedCore.append(item) }
        groups[owner] = g
    }

    /// What differs between two records of one path: content (size or SHA-256), mode, type, target.
    static func differences(_ b: FileRecord, _ a: FileRecord) -> [String] {
        guard b.type == a.type else { return ["type"] }
        var out: [String] = []
        if b.type == .file && (b.size != a.size || b.sha256 != a.sha256) { out.append("content") }
        if b.mode != a.mode { out.append("mode") }
        if (b.type == .symlink || b.type == .hardlink) && b.target != a.target { out.append("target") }
        return out
    }

    static func state(_ r: FileRecord) -> ChangesReport.EntryState {
        .init(type: r.type, mode: r.mode, size: r.size, sha256: r.sha256, target: r.target)
    }

    /// The groups in report order (core, extensions by label, other, uploads, caches).
    func result(coreVersionUnchanged: Bool) -> ChangesReport.Files {
        var f = ChangesReport.Files()
        f.groups = groups.keys.sorted().map { groups[$0]! }
        f.modifiedCore = modifiedCore
        f.coreVersionUnchanged = coreVersionUnchanged
        f.compared = compared
        return f
    }
}

/// The merge join of BEFORE's index with AFTER's entries, both in `WalkOrder`: AFTER's records are
/// pushed one at a time (from its index, or from the live walk), BEFORE's pulled one ahead. Each
/// path reaches `tally` once, as removed, added or a pair (the way `IndexMerge` pairs the archive's
/// entries with the index in verify and restore).
struct FileChangeMerge {
    private let before: FileIndexReader
    private var pending: FileRecord?
    private var started = false
    var tally: FileChangeTally

    init(before: FileIndexReader, tally: FileChangeTally) {
        self.before = before
        self.tally = tally
    }

    /// AFTER's next record.
    /// - Throws: the BEFORE index's errors.
    mutating func after(_ a: FileRecord) throws {
        if !started { pending = try before.next(); started = true }
        while let p = pending, !Self.same(p.path, a.path), WalkOrder.precedes(p.path, a.path) {
            tally.visit(before: p, after: nil)
            pending = try before.next()
        }
        if let p = pending, Self.same(p.path, a.path) {
            tally.visit(before: p, after: a)
            pending = try before.next()
        } else {
            tally.visit(before: nil, after: a)
        }
    }

    /// After AFTER's last record: BEFORE's rest were removed.
    mutating func finish() throws {
        if !started { pending = try before.next(); started = true }
        while let p = pending {
            tally.visit(before: p, after: nil)
            pending = try before.next()
        }
    }

    /// Byte equality (Swift's == takes canonically equivalent names, two different files, as equal).
    static func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
}
