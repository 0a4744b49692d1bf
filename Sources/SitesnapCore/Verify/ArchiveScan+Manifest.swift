import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

extension ArchiveScan {
    /// Every entry the manifest lists is there and matches; nothing else is; a format-3 archive's
    /// `index.jsonl` is the index its manifest describes.
    /// - Throws: `SitesnapError.snapshotUnreadable` from reading the rest of the file index.
    mutating func compare(with manifest: Manifest) throws {
        var expected = Set<String>(["manifest.json"])
        var list = manifest.expectedDatabaseEntries()
        if !mergesIndex {
            list += (manifest.files?.entries ?? []).map { (path: IndexMerge.entryPath($0), entry: ExpectedEntry($0)) }
        }
        if let info = manifest.files?.index {
            expected.insert(info.entry)
            list.append((path: info.entry, entry: ExpectedEntry(type: .file, size: info.bytes, sha256: info.sha256)))
        }
        for (entry, want) in list {
            expected.insert(entry)
            guard let s = seen[entry] else {
                problems.append((count, .init(entry: RawName.display(entry), message: "listed in the manifest but missing from the archive")))
                continue
            }
            if let why = want.mismatch(s.kind, sha: s.sha) ?? (entry.hasPrefix("files") ? want.headerMismatch(mode: s.mode, uid: s.uid, gid: s.gid) : nil) {
                problems.append((s.index, .init(entry: RawName.display(entry), message: why)))
            }
            // A hard link names a regular file written before it (restore refuses anything else).
            if case .hardlink(let t) = s.kind {
                var regularBefore = false
                if let first = seen[t], first.index < s.index, case .regular = first.kind { regularBefore = true }
                if !regularBefore {
                    problems.append((s.index, .init(entry: RawName.display(entry), message: "a hard link to '\(RawName.display(t))', which is not a regular file earlier in the archive")))
                }
            }
        }
        for (path, s) in seen where !expected.contains(path) {
            problems.append((s.index, .init(entry: RawName.display(path), message: "in the archive but not in the manifest")))
        }
        try finishIndex()
    }

    /// The copy beside the archive is what list, diff-db and restore read first: it must agree with
    /// the archive's manifest.json, also on the archive's size (a copy cut short after its last
    /// entry still reads). Read and decoded once for both checks.
    mutating func checkManifestCopy(of path: String, against manifest: Manifest) {
        guard let copyPath = SnapshotReader.manifestCopyPath(path), let copy = FileManager.default.contents(atPath: copyPath) else { return }
        var planned = try? Manifest.decode(copy, source: copyPath)
        if let recorded = planned?.totals.archiveBytes, recorded > 0,
           let actual = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value, actual != recorded {
            problems.append((count, .init(entry: URL(fileURLWithPath: path).lastPathComponent,
                                          message: "the archive is \(actual) bytes, the manifest copy recorded \(recorded) when it was written: cut short or replaced")))
        }
        if let own = manifestData, ArchiveAudit.zeroArchiveBytes(copy) != own {
            planned?.totals.archiveBytes = 0
            var archived = manifest
            archived.totals.archiveBytes = 0
            if planned != archived {
                problems.append((count, .init(entry: URL(fileURLWithPath: copyPath).lastPathComponent,
                                              message: "the manifest copy beside the archive differs from the archive's manifest.json (restore refuses it); delete the copy, or take a new snapshot")))
            }
        }
    }

    /// Whether the index the entries were merged with is the one `manifest` describes.
    func indexMatches(_ manifest: Manifest) -> Bool {
        guard let info = manifest.files?.index, let read = indexRead else { return false }
        return info.describes(count: read.count, sha256: read.sha256)
    }
}
