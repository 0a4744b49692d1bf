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
/// Memory: one record per entry (path, size, digest) while streaming, since the manifest is the last
/// entry; file contents are streamed in 1 MiB chunks.
public enum Verifier {
    /// Verifies the archive at `path`.
    /// - Throws: `SitesnapError.snapshotUnreadable` only when the file cannot be opened at all; a
    ///   corrupt archive is a failed report, not an error.
    public static func verify(path: String, cancellation: Cancellation? = nil) throws -> VerifyReport {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SitesnapError.snapshotUnreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        var scan = ArchiveScan()
        do {
            try scan.read(path: path, cancellation: cancellation)
        } catch let e as ArchiveError {
            scan.problems.append((scan.order.count, .init(entry: RawName.display(scan.current), message: "archive is damaged: \(e.message)")))
            return report(path: path, manifest: scan.manifest, seen: scan.seen.count, bytes: scan.bytes, problems: scan.problems)
        }
        guard let manifest = scan.manifest else {
            if scan.problems.isEmpty {
                scan.problems.append((scan.order.count, .init(entry: "manifest.json", message: "missing: not a sitesnap snapshot, or truncated")))
            }
            return report(path: path, manifest: nil, seen: scan.seen.count, bytes: scan.bytes, problems: scan.problems)
        }
        scan.compare(with: manifest)
        scan.checkManifestCopy(of: path, against: manifest)
        return report(path: path, manifest: manifest, seen: scan.seen.count, bytes: scan.bytes, problems: scan.problems)
    }

    private static func report(path: String, manifest: Manifest?, seen: Int, bytes: Int64,
                               problems: [(Int, VerifyReport.Problem)]) -> VerifyReport {
        let sorted = problems.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        return VerifyReport(archive: path, id: manifest?.id, ok: sorted.isEmpty, entriesChecked: seen,
                            bytesChecked: bytes, problems: sorted, complete: manifest.map { $0.incompleteWarnings.isEmpty },
                            incompleteWarnings: manifest?.incompleteWarnings ?? [])
    }
}
