import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The outcome of `sitesnap verify`.
public struct VerifyReport: Codable, Sendable {
    public struct Problem: Codable, Equatable, Sendable {
        /// Archive entry path (`files/wp-config.php`, `database/1-0001-wp_options.sql`, `manifest.json`).
        public var entry: String
        public var message: String
    }
    public var archive: String
    public var id: String?
    /// True when every entry matched the manifest and nothing was missing or extra.
    public var ok: Bool
    public var entriesChecked: Int
    /// Bytes of entry data read and hashed.
    public var bytesChecked: Int64
    /// Problems in archive order; the first names the first bad entry.
    public var problems: [Problem]
    /// False when the snapshot was written with warnings that left part of the site out (even if
    /// every entry matches); nil when there is no readable manifest.
    public var complete: Bool?
    /// Those warnings, from the manifest.
    public var incompleteWarnings: [SnapshotWarning]

    enum CodingKeys: String, CodingKey {
        case archive, id, ok, problems, complete
        case incompleteWarnings = "incomplete_warnings"
        case entriesChecked = "entries_checked"
        case bytesChecked = "bytes_checked"
    }
}

/// Re-reads a snapshot archive and checks every entry against the manifest inside it: SHA-256 and
/// size of each file and dump, type and link target of each tree entry, nothing missing or extra.
///
/// Memory: format 3's entries are merged with the file index as they stream (`ArchiveScan`), so it
/// stays flat whatever the number of files; formats 1 and 2 keep one record per entry until the
/// manifest, their last entry, is read. File contents are streamed in 1 MiB chunks.
public enum Verifier {
    /// Verifies the archive at `path`.
    /// - Throws: `SitesnapError.snapshotUnreadable` only when the file cannot be opened at all; a
    ///   corrupt archive is a failed report, not an error.
    public static func verify(path: String, cancellation: Cancellation? = nil) throws -> VerifyReport {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SitesnapError.snapshotUnreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        // The summary beside the archive (or its own) says whether there is a file index to merge
        // the entries with; a copy that is not the archive's own is found out below, and the pass
        // made again with the archive's.
        let planned: SnapshotReader?
        do { planned = try SnapshotReader(path: path) } catch SitesnapError.snapshotTooNew(let p, let v, let s) {
            throw SitesnapError.snapshotTooNew(path: p, version: v, supported: s)
        } catch { planned = nil }
        var scan = try scanner(planned)
        if let failed = try pass(&scan, path: path, cancellation: cancellation) { return failed }
        let manifest = scan.manifest!
        if (manifest.files?.index != nil) != scan.mergesIndex || (scan.mergesIndex && !scan.indexMatches(manifest)) {
            // Merged with the copy beside the archive (there is one, and the summary came from beside it too).
            let copyDiffered = scan.mergesIndex && planned?.manifestCopy != nil
                && Repository.indexCopyPath(path).map { FileManager.default.fileExists(atPath: $0) } == true
            scan = try scanner(try SnapshotReader(path: path, preferCopy: false))
            if let failed = try pass(&scan, path: path, cancellation: cancellation) { return failed }
            if copyDiffered, let copy = Repository.indexCopyPath(path) {
                scan.problems.append((scan.count, .init(entry: URL(fileURLWithPath: copy).lastPathComponent,
                                                        message: "the file index copy beside the archive differs from the archive's index.jsonl (restore refuses it); delete the copy, or take a new snapshot")))
            }
        }
        scan.checkManifestCopy(of: path, against: scan.manifest!)
        return report(path: path, manifest: scan.manifest, seen: scan.count, bytes: scan.bytes, problems: scan.problems)
    }

    /// A scan merging with `snapshot`'s file index (format 3), or remembering every entry.
    private static func scanner(_ snapshot: SnapshotReader?) throws -> ArchiveScan {
        guard let snapshot, snapshot.manifest.files?.index != nil else { return ArchiveScan() }
        let targets = (snapshot.manifest.totals.hardlinks ?? 0) > 0 ? try snapshot.fileIndex().hardLinkTargets() : []
        // Parsed on a thread of its own while this one reads the archive.
        return ArchiveScan(index: FileIndexReadAhead(opening: snapshot.indexOpener), linkTargets: targets,
                           checksTimes: snapshot.manifest.formatVersion >= 4)
    }

    /// Reads the archive and compares it with its manifest; a report when that already failed (a
    /// damaged archive, no manifest), else nil with `scan.manifest` set.
    private static func pass(_ scan: inout ArchiveScan, path: String, cancellation: Cancellation?) throws -> VerifyReport? {
        do {
            try scan.read(path: path, cancellation: cancellation)
        } catch let e as ArchiveError {
            scan.problems.append((scan.count, .init(entry: RawName.display(scan.current), message: "archive is damaged: \(e.message)")))
            return report(path: path, manifest: scan.manifest, seen: scan.count, bytes: scan.bytes, problems: scan.problems)
        }
        guard let manifest = scan.manifest else {
            if scan.problems.isEmpty {
                scan.problems.append((scan.count, .init(entry: "manifest.json", message: "missing: not a sitesnap snapshot, or truncated")))
            }
            return report(path: path, manifest: nil, seen: scan.count, bytes: scan.bytes, problems: scan.problems)
        }
        try scan.compare(with: manifest)
        return nil
    }

    private static func report(path: String, manifest: Manifest?, seen: Int, bytes: Int64,
                               problems: [(Int, VerifyReport.Problem)]) -> VerifyReport {
        let sorted = problems.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        return VerifyReport(archive: path, id: manifest?.id, ok: sorted.isEmpty, entriesChecked: seen,
                            bytesChecked: bytes, problems: sorted, complete: manifest.map { $0.incompleteWarnings.isEmpty },
                            incompleteWarnings: manifest?.incompleteWarnings ?? [])
    }
}
