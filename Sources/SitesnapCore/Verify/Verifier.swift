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
        struct Seen { var index: Int; var kind: ArchiveEntry.Kind; var sha: String?; var mode: UInt32; var uid: Int64; var gid: Int64 }
        var manifestData: Data?
        var seen: [String: Seen] = [:]
        var order: [String] = []
        var problems: [(Int, VerifyReport.Problem)] = []
        var manifest: Manifest?
        var bytes: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var current = "(start of archive)"
        do {
            let reader = try ArchiveReader(path: path)
            while let entry = try reader.nextEntry() {
                try cancellation?.check()
                current = entry.path
                let index = order.count
                order.append(entry.path)
                var sha: String?
                if case .regular = entry.kind {
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
                    sha = hasher.finalizeHex()
                    if let data {
                        manifestData = data
                        do { manifest = try Manifest.decode(data, source: entry.path) } catch let e as SitesnapError {
                            problems.append((index, .init(entry: entry.path, message: e.errorDescription ?? "manifest does not parse")))
                        }
                    }
                }
                if seen[entry.path] != nil {
                    problems.append((index, .init(entry: RawName.display(entry.path), message: "appears twice in the archive")))
                }
                seen[entry.path] = Seen(index: index, kind: entry.kind, sha: sha, mode: entry.mode, uid: entry.uid, gid: entry.gid)
            }
        } catch let e as ArchiveError {
            problems.append((order.count, .init(entry: RawName.display(current), message: "archive is damaged: \(e.message)")))
            return report(path: path, manifest: manifest, seen: seen.count, bytes: bytes, problems: problems)
        }
        guard let manifest else {
            if problems.isEmpty { problems.append((order.count, .init(entry: "manifest.json", message: "missing: not a sitesnap snapshot, or truncated"))) }
            return report(path: path, manifest: nil, seen: seen.count, bytes: bytes, problems: problems)
        }
        var expected = Set<String>(["manifest.json"])
        for (entry, want) in manifest.expectedEntries() {
            expected.insert(entry)
            guard let s = seen[entry] else {
                problems.append((order.count, .init(entry: RawName.display(entry), message: "listed in the manifest but missing from the archive")))
                continue
            }
            if let why = want.mismatch(s.kind, sha: s.sha) ?? want.headerMismatch(mode: s.mode, uid: s.uid, gid: s.gid) {
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
        // The copy beside the archive is what list, diff-db and restore read first: it must agree with
        // the archive's manifest.json, also on the archive's size (a copy cut short after its last
        // entry still reads). Read and decoded once for both checks.
        if let copyPath = SnapshotReader.manifestCopyPath(path), let copy = FileManager.default.contents(atPath: copyPath) {
            var planned = try? Manifest.decode(copy, source: copyPath)
            if let recorded = planned?.totals.archiveBytes, recorded > 0,
               let actual = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value, actual != recorded {
                problems.append((order.count, .init(entry: URL(fileURLWithPath: path).lastPathComponent,
                                                    message: "the archive is \(actual) bytes, the manifest copy recorded \(recorded) when it was written: cut short or replaced")))
            }
            if let own = manifestData, ArchiveAudit.zeroArchiveBytes(copy) != own {
                planned?.totals.archiveBytes = 0
                var archived = manifest
                archived.totals.archiveBytes = 0
                if planned != archived {
                    problems.append((order.count, .init(entry: URL(fileURLWithPath: copyPath).lastPathComponent,
                                                        message: "the manifest copy beside the archive differs from the archive's manifest.json (restore refuses it); delete the copy, or take a new snapshot")))
                }
            }
        }
        return report(path: path, manifest: manifest, seen: seen.count, bytes: bytes, problems: problems)
    }

    private static func report(path: String, manifest: Manifest?, seen: Int, bytes: Int64,
                               problems: [(Int, VerifyReport.Problem)]) -> VerifyReport {
        let sorted = problems.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        return VerifyReport(archive: path, id: manifest?.id, ok: sorted.isEmpty, entriesChecked: seen,
                            bytesChecked: bytes, problems: sorted, complete: manifest.map { $0.incompleteWarnings.isEmpty },
                            incompleteWarnings: manifest?.incompleteWarnings ?? [])
    }
}
