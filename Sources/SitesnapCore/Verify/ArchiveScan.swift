import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// What `Verifier` learns from one pass over a snapshot archive, and the checks it then runs against
/// the manifest: one record per entry (index, type, digest, header), the problems found, each with
/// the archive index it belongs to (so that the report lists them in archive order).
struct ArchiveScan {
    struct Seen { var index: Int; var kind: ArchiveEntry.Kind; var sha: String?; var mode: UInt32; var uid: Int64; var gid: Int64 }

    var seen: [String: Seen] = [:]
    /// Entry paths in archive order.
    var order: [String] = []
    var problems: [(Int, VerifyReport.Problem)] = []
    /// The archive's manifest.json, raw and decoded (nil when missing or unparseable).
    var manifestData: Data?
    var manifest: Manifest?
    /// Bytes of entry data read and hashed.
    var bytes: Int64 = 0
    /// The entry being read (named when the archive turns out damaged).
    var current = "(start of archive)"

    /// Reads every entry, hashing regular files in 1 MiB chunks and decoding manifest.json.
    /// - Throws: `ArchiveError` for a damaged archive (what was read so far stays recorded),
    ///   `SitesnapError.interrupted` from `cancellation`.
    mutating func read(path: String, cancellation: Cancellation?) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        let reader = try ArchiveReader(path: path)
        while let entry = try reader.nextEntry() {
            try cancellation?.check()
            current = entry.path
            let index = order.count
            order.append(entry.path)
            var sha: String?
            if case .regular = entry.kind {
                sha = try hash(entry, reader: reader, buffer: buffer, index: index)
            }
            if seen[entry.path] != nil {
                problems.append((index, .init(entry: RawName.display(entry.path), message: "appears twice in the archive")))
            }
            seen[entry.path] = Seen(index: index, kind: entry.kind, sha: sha, mode: entry.mode, uid: entry.uid, gid: entry.gid)
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

    /// Every entry the manifest lists is there and matches; nothing else is.
    mutating func compare(with manifest: Manifest) {
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
    }

    /// The copy beside the archive is what list, diff-db and restore read first: it must agree with
    /// the archive's manifest.json, also on the archive's size (a copy cut short after its last
    /// entry still reads). Read and decoded once for both checks.
    mutating func checkManifestCopy(of path: String, against manifest: Manifest) {
        guard let copyPath = SnapshotReader.manifestCopyPath(path), let copy = FileManager.default.contents(atPath: copyPath) else { return }
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
}
