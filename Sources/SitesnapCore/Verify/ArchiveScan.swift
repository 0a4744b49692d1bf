import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// What `Verifier` learns from one pass over a snapshot archive, and the checks it runs against the
/// manifest: the problems found, each with the archive position it belongs to (so that the report
/// lists them in archive order).
///
/// Format 3: the `files/` entries are checked as they stream, merged in walk order with the file
/// index (`IndexMerge`; the copy beside the archive, or the archive's own `index.jsonl`), so memory
/// does not grow with the number of files; only the other entries (dumps, the index, the manifest)
/// and the files hard links name are remembered. Formats 1 and 2, whose list is in the manifest at
/// the archive's end: one record per entry until it is read.
struct ArchiveScan {
    struct Seen {
        var index: Int; var kind: ArchiveEntry.Kind; var sha: String?; var mode: UInt32; var uid: Int64; var gid: Int64
        var mtime: (seconds: Int64, nanoseconds: Int64)? = nil
    }

    /// Entries remembered until the manifest is read: all of them without an index, else those that
    /// are not under `files/`.
    var seen: [String: Seen] = [:]
    /// Entries read.
    var count = 0
    var problems: [(Int, VerifyReport.Problem)] = []
    /// The archive's manifest.json, raw and decoded (nil when missing or unparseable).
    var manifestData: Data?
    var manifest: Manifest?
    /// Bytes of entry data read and hashed.
    var bytes: Int64 = 0
    /// The entry being read (named when the archive turns out damaged).
    var current = "(start of archive)"
    /// Format 3: the index the `files/` entries are merged with, and the regular files hard links
    /// name that were seen (from `linkTargets`).
    private var merge: IndexMerge?
    private let index: (any FileRecordSource)?
    private let linkTargets: Set<String>
    private var regularLinkTargets = Set<String>()
    /// Format 4: headers' mtimes are compared with the index (see `ArchiveAudit.admit`).
    private let checksTimes: Bool

    init(index: (any FileRecordSource)? = nil, linkTargets: Set<String> = [], checksTimes: Bool = false) {
        self.index = index
        merge = index.map(IndexMerge.init)
        self.linkTargets = linkTargets
        self.checksTimes = checksTimes
    }

    /// Reads every entry, hashing regular files in 1 MiB chunks and decoding manifest.json.
    /// - Throws: `ArchiveError` for a damaged archive (what was read so far stays recorded),
    ///   `SitesnapError.interrupted` from `cancellation`, `.snapshotUnreadable` from the index.
    mutating func read(path: String, cancellation: Cancellation?) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        // Decompressed on a second thread, as the index is parsed on a third.
        let reader = try DecompressionAhead.reader(path: path)
        while let entry = try reader.nextEntry() {
            try cancellation?.check()
            current = entry.path
            let position = count
            count += 1
            var sha: String?
            if case .regular = entry.kind {
                sha = try hash(entry, reader: reader, buffer: buffer, index: position)
            }
            let s = Seen(index: position, kind: entry.kind, sha: sha, mode: entry.mode, uid: entry.uid, gid: entry.gid,
                         mtime: (entry.mtimeSeconds, entry.mtimeNanoseconds))
            if merge != nil, let rel = IndexMerge.relativePath(entry.path) {
                try check(entry.path, rel: rel, s)
                continue
            }
            if seen[entry.path] != nil {
                problems.append((position, .init(entry: RawName.display(entry.path), message: "appears twice in the archive")))
            }
            seen[entry.path] = s
        }
    }

    /// True when the `files/` entries were merged with a file index as they streamed.
    var mergesIndex: Bool { merge != nil }

    /// Records and SHA-256 of the index merged with, once `compare` read it to its end.
    private(set) var indexRead: (count: Int64, sha256: String)?

    /// Every record of the index no entry matched is missing from the archive.
    mutating func finishIndex() throws {
        guard merge != nil, let index else { return }
        var missing: [FileRecord] = []
        try merge!.finish { missing.append($0) }
        for m in missing {
            problems.append((count, .init(entry: RawName.display(IndexMerge.entryPath(m)), message: "listed in the manifest but missing from the archive")))
        }
        indexRead = (index.count, index.sha256())
    }

    /// A `files/` entry against the index record at its place.
    private mutating func check(_ path: String, rel: String, _ s: Seen) throws {
        var missing: [FileRecord] = []
        let listed = try merge!.record(for: rel) { missing.append($0) }
        for m in missing {
            problems.append((s.index, .init(entry: RawName.display(IndexMerge.entryPath(m)), message: "listed in the manifest but missing from the archive")))
        }
        guard let listed else {
            let why = merge!.isRepeat(rel) ? "appears twice in the archive" : "in the archive but not in the manifest (or not at its place in the archive order)"
            problems.append((s.index, .init(entry: RawName.display(path), message: why)))
            return
        }
        let want = ExpectedEntry(listed)
        if let why = want.mismatch(s.kind, sha: s.sha) ?? want.headerMismatch(mode: s.mode, uid: s.uid, gid: s.gid, mtime: checksTimes ? s.mtime : nil) {
            problems.append((s.index, .init(entry: RawName.display(path), message: why)))
        }
        if case .regular = s.kind, !linkTargets.isEmpty, linkTargets.contains(path) { regularLinkTargets.insert(path) }
        if case .hardlink(let t) = s.kind, !regularLinkTargets.contains(t) {
            problems.append((s.index, .init(entry: RawName.display(path), message: "a hard link to '\(RawName.display(t))', which is not a regular file earlier in the archive")))
        }
    }

    /// Hashes a regular entry's data; keeps and decodes it when it is the manifest.
    private mutating func hash(_ entry: ArchiveEntry, reader: ArchiveReader, buffer: UnsafeMutableRawBufferPointer,
                               index: Int) throws -> String {
        var hasher = StreamingSHA256()
        var data = entry.path == "manifest.json" ? Data() : nil
        while true {
            let n = try reader.readData(into: buffer)
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            hasher.update(chunk)
            data?.append(contentsOf: chunk)
            bytes += Int64(n)
        }
        if let data {
            manifestData = data
            do { manifest = try Manifest.decode(data, source: entry.path) } catch let e as SitesnapError {
                problems.append((index, .init(entry: entry.path, message: e.errorDescription ?? "manifest does not parse")))
            }
        }
        return hasher.finalizeHex()
    }
}
