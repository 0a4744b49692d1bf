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
    private let want: [String: ExpectedEntry]
    private var validator = EntryValidator()
    private var found = Set<String>()
    private var sawManifest = false

    /// The copy beside the archive the restore was planned from (nil: planned from the archive's own).
    private let plannedFromCopy: String?

    init(manifest: Manifest, archive: String, copy: String?) {
        self.archive = archive
        planned = manifest
        plannedFromCopy = copy
        want = Dictionary(manifest.expectedEntries().map { ($0.path, $0.entry) }, uniquingKeysWith: { a, _ in a })
    }

    private func refuse(_ entry: String, _ why: String) -> SitesnapError {
        .archiveEntryRefused(archive: archive, entry: RawName.display(entry), reason: why)
    }

    /// Before an entry's data is used. Returns false for entries that carry nothing to restore
    /// (`manifest.json`, the `database` folder).
    /// - Throws: `SitesnapError.archiveEntryRefused` naming the entry and why.
    mutating func admit(_ e: ArchiveEntry) throws -> Bool {
        try validator.check(e, archive: archive)
        if e.path == "manifest.json" || e.path == "database" { return false }
        guard let w = want[e.path] else { throw refuse(e.path, "the manifest does not list it") }
        if let why = ExpectedEntry(type: w.type, size: w.size, sha256: nil, target: w.target).mismatch(e.kind, sha: nil) {
            throw refuse(e.path, why)
        }
        // The header's mode and owner are what extraction applies: they must be the manifest's.
        if let why = w.headerMismatch(mode: e.mode, uid: e.uid, gid: e.gid) { throw refuse(e.path, why) }
        found.insert(e.path)
        return true
    }

    /// After a regular file's data: its SHA-256 (hex) must be the manifest's.
    func confirm(_ path: String, sha: String) throws {
        if let want = want[path]?.sha256, want != sha {
            throw refuse(path, "SHA-256 \(sha) does not match the manifest's \(want)")
        }
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

    /// At the end of the pass: nothing the manifest lists is missing.
    func finish() throws {
        guard sawManifest else { throw refuse("manifest.json", "the archive lacks its manifest") }
        if let missing = want.keys.sorted().first(where: { !found.contains($0) }) {
            throw refuse(missing, "the manifest lists it but the archive lacks it")
        }
    }

    /// A whole pass over the archive that writes nothing (`restore --dry-run`).
    /// - Throws: `SitesnapError.archiveEntryRefused` naming the first bad entry, `.snapshotUnreadable`.
    static func run(_ snapshot: SnapshotReader, cancellation: Cancellation?, progress: (@Sendable (String) -> Void)? = nil) throws {
        var audit = ArchiveAudit(manifest: snapshot.manifest, archive: snapshot.path, copy: snapshot.manifestCopy)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
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
                guard try audit.admit(e), case .regular = e.kind else { continue }
                var h = StreamingSHA256()
                while true {
                    let n = try r.readData(into: buffer)
                    if n == 0 { break }
                    h.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                }
                try audit.confirm(e.path, sha: h.finalizeHex())
            }
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: snapshot.path, reason: "damaged archive: \(e.message); run `sitesnap verify`")
        }
        try audit.finish()
    }
}
