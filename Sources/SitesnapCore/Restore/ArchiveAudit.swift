import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// Checks archive entries against the manifest a restore was planned from, as one pass reaches them:
/// every entry is one the manifest lists (no extra entry, none missing), with the listed type, link
/// target, size and SHA-256 (what `sitesnap verify` checks), plus the entry-name rules of
/// `EntryValidator`; and the archive's own `manifest.json` (its last entry) must be the planned one.
///
/// Restore checks names, types and sizes before it writes an entry, and the SHA-256 after (the data is
/// hashed while it streams into the hidden staging folder or a spool file): a refused archive leaves
/// nothing, because the caller removes what the pass wrote.
struct ArchiveAudit {
    let archive: String
    private let planned: Manifest
    /// The database entries the manifest lists (a few hundred at most).
    private let wantDatabase: [String: ExpectedEntry]
    /// The `files/` entries: the file index, merged with the archive in walk order.
    private var files: IndexMerge
    private let index: FileIndexReader
    private var validator: EntryValidator
    private var found = Set<String>()
    private var sawManifest = false
    private var sawIndex = false

    /// The copy beside the archive the restore was planned from (nil: planned from the archive's own).
    private let plannedFromCopy: String?

    /// - Throws: `SitesnapError.snapshotUnreadable` when the file index cannot be read.
    init(snapshot: SnapshotReader) throws {
        let manifest = snapshot.manifest
        archive = snapshot.path
        planned = manifest
        plannedFromCopy = snapshot.manifestCopy
        wantDatabase = Dictionary(manifest.expectedDatabaseEntries().map { ($0.path, $0.entry) }, uniquingKeysWith: { a, _ in a })
        index = try snapshot.fileIndex()
        files = IndexMerge(index)
        // Format 3: only what hard links name is remembered (EntryValidator); found in a first
        // read of the index, made only when the snapshot has hard links.
        if manifest.files?.index == nil {
            validator = EntryValidator()
        } else if (manifest.totals.hardlinks ?? 0) > 0 {
            validator = EntryValidator(linkTargets: try snapshot.fileIndex().hardLinkTargets())
        } else {
            validator = EntryValidator(linkTargets: [])
        }
    }

    private static func missing(_ archive: String, _ record: FileRecord) -> SitesnapError {
        .archiveEntryRefused(archive: archive, entry: RawName.display(IndexMerge.entryPath(record)), reason: "the manifest lists it but the archive lacks it")
    }

    private func refuse(_ entry: String, _ why: String) -> SitesnapError {
        .archiveEntryRefused(archive: archive, entry: RawName.display(entry), reason: why)
    }

    /// Before an entry's data is used: what the manifest lists for it, or nil for entries that carry
    /// nothing to restore (`manifest.json`, `index.jsonl`, the `database` folder).
    /// - Throws: `SitesnapError.archiveEntryRefused` naming the entry and why.
    mutating func admit(_ e: ArchiveEntry) throws -> ExpectedEntry? {
        if e.path == FileIndexInfo.entryName, planned.files?.index != nil {
            guard !sawIndex else { throw refuse(e.path, "it appears twice") }
            return nil
        }
        try validator.check(e, archive: archive)
        if e.path == "manifest.json" || e.path == "database" { return nil }
        let w: ExpectedEntry
        if let d = wantDatabase[e.path] {
            w = d
        } else if let rel = IndexMerge.relativePath(e.path) {
            let archive = self.archive
            let listed = try files.record(for: rel) { throw Self.missing(archive, $0) }
            guard let listed else {
                throw refuse(e.path, files.isRepeat(rel) ? "it appears twice" : "the manifest does not list it (or not at this place in the archive)")
            }
            w = ExpectedEntry(listed)
        } else {
            throw refuse(e.path, "the manifest does not list it")
        }
        if let why = ExpectedEntry(type: w.type, size: w.size, sha256: nil, target: w.target).mismatch(e.kind, sha: nil) {
            throw refuse(e.path, why)
        }
        // The header's mode and owner are what extraction applies: they must be the manifest's.
        // From format 4 the mtime too (its nanoseconds come from the index); before, the index's
        // mtime was the walk's and the header's the open file's, which may differ by a write.
        let time = planned.formatVersion >= 4 ? (e.mtimeSeconds, e.mtimeNanoseconds) : nil
        if let why = w.headerMismatch(mode: e.mode, uid: e.uid, gid: e.gid, mtime: time) {
            throw refuse(e.path, why)
        }
        if wantDatabase[e.path] != nil { found.insert(e.path) }
        return w
    }

    /// After a database dump's data: its SHA-256 (hex) must be the manifest's.
    func confirm(_ path: String, sha: String) throws {
        try Self.confirm(path, sha: sha, want: wantDatabase[path]?.sha256, archive: archive)
    }

    /// The refusal of an entry whose data hashed to `sha` when the manifest says `want` (nil: nothing
    /// to compare), for the pass, a dry run and the extraction thread alike.
    static func confirm(_ entry: String, sha: String, want: String?, archive: String) throws {
        if let want, want != sha {
            throw SitesnapError.archiveEntryRefused(archive: archive, entry: RawName.display(entry),
                                                    reason: "SHA-256 \(sha) does not match the manifest's \(want)")
        }
    }

    /// The archive's own `index.jsonl`: it must be the index the manifest describes.
    mutating func confirmIndex(_ entry: ByteSource) throws {
        sawIndex = true
        guard let info = planned.files?.index else { return }
        let (bytes, sha) = try Self.hash(entry)
        if bytes != info.bytes || sha != info.sha256 {
            throw refuse(info.entry, "it differs from the file index the manifest describes (SHA-256 \(sha))")
        }
    }

    /// Bytes and SHA-256 (hex) of the rest of `entry`.
    static func hash(_ entry: ByteSource) throws -> (Int64, String) {
        var h = StreamingSHA256()
        let bytes = try entry.forEachChunk { h.update($0) }
        return (bytes, h.finalizeHex())
    }

    /// The archive's own manifest (the data of its `manifest.json`): it must equal the one the restore
    /// was planned from (the copy beside the archive), apart from the archive size only the copy knows.
    mutating func confirmManifest(_ entry: ByteSource) throws {
        sawManifest = true
        guard let copyPath = plannedFromCopy else { return }  // planned from this very entry
        // Fast path: backup writes the copy as the same JSON (sorted keys) with the archive size
        // filled in, so the bytes match once that number is zeroed. Compared as the entry streams, with
        // the copy the only whole manifest in memory (a manifest of 20,000 files is ~5 MB, and
        // decoding one costs tens of MB).
        var expected = FileManager.default.contents(atPath: copyPath) ?? Data()
        _ = Self.zeroArchiveBytes(in: &expected)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var matched = 0  // bytes of the entry equal to `expected` so far
        var differs = false
        var rest = Data()  // after a difference: the entry from there on
        while true {
            let n = try entry.read(into: buffer)
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            if !differs, matched + n <= expected.count, expected[matched..<(matched + n)].elementsEqual(chunk) {
                matched += n
            } else {
                differs = true
                rest.append(contentsOf: chunk)
            }
        }
        if !differs && matched == expected.count { return }
        // Slow path (a copy written otherwise): the entry's manifest decoded and compared.
        expected.removeSubrange(matched...)
        expected.append(rest)
        var own = try Manifest.decode(expected, source: archive + " (manifest.json)")
        own.totals.archiveBytes = planned.totals.archiveBytes
        if own != planned {
            throw refuse("manifest.json", "it differs from the manifest copy beside the archive")
        }
    }

    /// `json` with the number after `"archive_bytes":` replaced by 0 (nil when there is none).
    static func zeroArchiveBytes(_ json: Data) -> Data? {
        var out = json
        return zeroArchiveBytes(in: &out) ? out : nil
    }

    /// Replaces the number after `"archive_bytes":` by 0 in place; false when there is none.
    static func zeroArchiveBytes(in json: inout Data) -> Bool {
        let key = Data("\"archive_bytes\":".utf8)
        guard let r = json.range(of: key) else { return false }
        var end = r.upperBound
        while end < json.endIndex, json[end] >= 0x30 && json[end] <= 0x39 { end += 1 }
        json.replaceSubrange(r.upperBound..<end, with: Data("0".utf8))
        return true
    }

    /// At the end of the pass: nothing the manifest lists is missing, and the index the entries were
    /// checked against is the one the manifest describes.
    mutating func finish() throws {
        guard sawManifest else { throw refuse("manifest.json", "the archive lacks its manifest") }
        if let missing = wantDatabase.keys.sorted().first(where: { !found.contains($0) }) {
            throw refuse(missing, "the manifest lists it but the archive lacks it")
        }
        let archive = self.archive
        try files.finish { throw Self.missing(archive, $0) }
        guard let info = planned.files?.index else { return }
        guard sawIndex else { throw refuse(info.entry, "the archive lacks its file index") }
        if !info.describes(count: index.count, sha256: index.sha256()) {
            throw refuse(info.entry, "the file index the restore read (\(plannedFromCopy.map { _ in "the copy beside the archive" } ?? "the archive's")) is not the one the manifest describes; delete the copy, or run `sitesnap verify`")
        }
    }

    /// A whole pass over the archive that writes nothing (`restore --dry-run`).
    /// - Throws: `SitesnapError.archiveEntryRefused` naming the first bad entry, `.snapshotUnreadable`.
    static func run(_ snapshot: SnapshotReader, cancellation: Cancellation?, progress: (@Sendable (String) -> Void)? = nil) throws {
        var audit = try ArchiveAudit(snapshot: snapshot)
        var count = 0
        do {
            let r = try snapshot.openArchive()  // through the store's source
            while let e = try r.nextEntry() {
                try cancellation?.check()
                count += 1
                progress?("checking the archive: \(count) entries · \(RawName.display(e.path))")
                if e.path == "manifest.json" {
                    try audit.confirmManifest(r)
                    continue
                }
                if e.path == FileIndexInfo.entryName, snapshot.manifest.files?.index != nil {
                    try audit.confirmIndex(r)
                    continue
                }
                guard let want = try audit.admit(e), case .regular = e.kind else { continue }
                let (_, sha) = try hash(r)
                try confirm(e.path, sha: sha, want: want.sha256, archive: snapshot.path)
            }
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: snapshot.path, reason: "damaged archive: \(e.message); run `sitesnap verify`")
        }
        try audit.finish()
    }
}
