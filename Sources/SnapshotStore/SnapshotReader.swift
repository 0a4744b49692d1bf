import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// A snapshot opened for reading: its manifest and sequential access to its entries.
///
/// The manifest comes from the store's copy (`<id>.manifest.json` beside the archive) when there is
/// one, so that opening is instant; otherwise from the archive's last entry. Entries are read in
/// archive order (database dumps first); asking for an entry already passed reads the archive again
/// from its start (`SnapshotSource.openArchive`).
package final class SnapshotReader {
    /// Where the archive is (`SnapshotSource.location`: its path for the folder store).
    package let path: String
    package let manifest: Manifest
    /// Where the manifest copy the manifest was read from is, or nil when it came from the archive itself.
    package private(set) var manifestCopy: String?
    private let source: any SnapshotSource
    private var reader: ArchiveReader?
    /// Hashes of the paths of the entries `reader` has passed (the one it is at included). Archive
    /// order is the backup's depth-first walk, not string order (`files/a`, `files/a/b`, `files/a-c`:
    /// `-` sorts before `/`), so whether an entry lies behind is looked up, not compared. A hash
    /// collision only costs a needless reopen.
    private var passed = Set<Int>()
    /// Records `prefetchRecords` read: the record, or nil for a path the snapshot lacks.
    private var known: [String: FileRecord?] = [:]

    /// Opens the archive file at `path` (`FolderSource`).
    /// - Throws: `SitesnapError.snapshotUnreadable` for a missing, unreadable or damaged archive, a
    ///   manifest of a newer format version, or a file that is not a sitesnap snapshot.
    /// - Parameter preferCopy: read the manifest copy beside the archive when there is one (fast); false
    ///   reads the archive's own manifest (the authority, as `verify` does).
    package convenience init(path: String, preferCopy: Bool = true) throws {
        try self.init(source: FolderSource(archivePath: path), preferCopy: preferCopy)
    }

    /// Opens the snapshot `source` reads.
    /// - Throws: `SitesnapError.snapshotTooNew`, `.snapshotUnreadable` (damaged archive, no manifest).
    package init(source: any SnapshotSource, preferCopy: Bool = true) throws {
        self.source = source
        path = source.location
        // A copy that does not parse is passed over for the archive's own manifest (one of a newer
        // format version is not: this sitesnap cannot read either).
        if preferCopy, let copy = source.manifestCopy() {
            do {
                manifest = try Self.decode(copy.data, path: copy.location)
                manifestCopy = copy.location
                return
            } catch let e as SitesnapError {
                if case .snapshotTooNew = e { throw e }
            }
        }
        guard let data = try Self.manifestFromArchive(source) else {
            throw SitesnapError.snapshotUnreadable(path: path, reason: "it has no manifest.json: not a sitesnap snapshot")
        }
        manifest = try Self.decode(data, path: path)
    }

    /// A reader of `source` with its manifest already decoded (from `manifestCopy`, or the archive's
    /// own when nil) by a caller that keeps what it read: a command reads each manifest once.
    package init(source: any SnapshotSource, manifest: Manifest, manifestCopy: String?) {
        self.source = source
        path = source.location
        self.manifest = manifest
        self.manifestCopy = manifestCopy
    }

    /// - Throws: `SitesnapError.snapshotTooNew`, `.snapshotUnreadable` naming `path`.
    private static func decode(_ data: Data, path: String) throws -> Manifest {
        // Only the version, through a one-field Decodable: JSONSerialization would build an object
        // tree of the whole manifest (about 45 MB for 20,000 files) just to read it.
        struct Version: Decodable { var format_version: Int? }
        if let v = (try? JSONDecoder().decode(Version.self, from: data))?.format_version, v > Manifest.currentFormatVersion {
            throw SitesnapError.snapshotTooNew(path: path, version: v, supported: Manifest.currentFormatVersion)
        }
        return try Manifest.decode(data, source: path)
    }

    /// `<dir>/<id>.manifest.json` for `<dir>/<id>.tar.zst` (or .tar.gz, .tar).
    package static func manifestCopyPath(_ archive: String) -> String? { Repository.manifestCopyPath(archive) }

    private static func manifestFromArchive(_ source: any SnapshotSource) throws -> Data? {
        try damaged(source.location) {
            let r = try source.openArchive()
            while let e = try r.nextEntry() {
                if e.path == "manifest.json" { return try r.readRest() }
            }
            return nil
        }
    }

    /// The per-file index, record by record in archive order: format 3's copy beside the archive when
    /// the manifest came from the copy beside it too, else the archive's own `index.jsonl` (a reader
    /// that first passes over every entry before it); formats 1 and 2: the manifest's list. Whoever
    /// reads it to the end checks it against `manifest.files.index` (`FileIndexInfo.describes`).
    /// - Throws: `SitesnapError.snapshotUnreadable` (no index entry, damaged archive).
    package func fileIndex() throws -> FileIndexReader { try indexOpener() }

    /// Opens the file index as `fileIndex()` does, from any thread.
    package var indexOpener: @Sendable () throws -> FileIndexReader {
        let (source, manifest, path, fromCopy) = (source, manifest, path, manifestCopy != nil)
        return { try Self.fileIndex(source, manifest, path: path, fromCopy: fromCopy) }
    }

    private static func fileIndex(_ source: any SnapshotSource, _ manifest: Manifest, path: String, fromCopy: Bool) throws -> FileIndexReader {
        guard let info = manifest.files?.index else { return FileIndexReader(records: manifest.files?.entries ?? []) }
        if fromCopy, let copy = source.indexCopy() { return FileIndexReader(source: copy.source, name: copy.location) }
        return try damaged(path) {
            let r = try source.openArchive()
            while let e = try r.nextEntry(), e.path != "manifest.json" {
                if e.path == info.entry { return FileIndexReader(source: r, name: path + " (\(info.entry))") }
            }
            throw SitesnapError.snapshotUnreadable(path: path, reason: "entry \(info.entry) is missing; run `sitesnap verify`")
        }
    }

    /// The records of the `files/` paths `wanted` (relative to the site root), from one pass over the
    /// index (the whole list is never in memory); paths the snapshot lacks are absent.
    /// - Throws: as `fileIndex()`.
    package func fileRecords(_ wanted: Set<String>) throws -> [String: FileRecord] {
        guard !wanted.isEmpty else { return [:] }
        let index = try fileIndex()
        var out: [String: FileRecord] = [:]
        while out.count < wanted.count, let r = try Self.damaged(path, { try index.next() }) {
            if wanted.contains(r.path) { out[r.path] = r }
        }
        return out
    }

    /// The records `include` accepts, from one pass over the index (for a few: site configs).
    /// - Throws: as `fileIndex()`.
    package func fileRecords(where include: (FileRecord) -> Bool) throws -> [FileRecord] {
        let index = try fileIndex()
        var out: [FileRecord] = []
        while let r = try Self.damaged(path, { try index.next() }) {
            if include(r) { out.append(r) }
        }
        return out
    }

    /// Reads the records of `paths` in one pass and keeps them for `fileRecord(_:)` (a restore asks
    /// for its config, staging and multisite files this way, so that the index is read once).
    /// - Throws: as `fileIndex()`.
    package func prefetchRecords(_ paths: Set<String>) throws {
        let unknown = paths.filter { known[$0] == nil }
        guard !unknown.isEmpty else { return }
        let found = try fileRecords(unknown)
        for p in unknown { known[p] = .some(found[p]) }
    }

    /// The record of the `files/` path `rel`, or nil when the snapshot lacks it: from what
    /// `prefetchRecords` kept, else from a pass over the index.
    /// - Throws: as `fileIndex()`.
    package func fileRecord(_ rel: String) throws -> FileRecord? {
        if known[rel] == nil { try prefetchRecords([rel]) }
        return known[rel] ?? nil
    }

    /// A new reader of the whole archive, from its first entry.
    /// - Throws: `SitesnapError.snapshotUnreadable` when it cannot be opened.
    package func openArchive() throws -> ArchiveReader {
        try Self.damaged(path) { try source.openArchive() }
    }

    /// Positions the archive at `entry` and returns a reader of its data.
    /// - Throws: `SitesnapError.snapshotUnreadable` when the entry is missing or the archive is damaged.
    package func open(entry: String) throws -> ArchiveReader {
        try Self.damaged(path) {
            if reader == nil || passed.contains(entry.hashValue) {
                reader = try source.openArchive()
                passed.removeAll(keepingCapacity: true)
            }
            while let e = try reader!.nextEntry() {
                passed.insert(e.path.hashValue)
                if e.path == entry { return reader! }
            }
            throw SitesnapError.snapshotUnreadable(path: path, reason: "entry \(entry) is missing; run `sitesnap verify`")
        }
    }

    /// Streams every regular file entry whose path starts with `prefix`, calling `body(path, reader)`.
    package func forEachFile(under prefix: String, _ body: (String, ArchiveReader) throws -> Void) throws {
        try Self.damaged(path) {
            let r = try source.openArchive()
            var seen = false
            while let e = try r.nextEntry() {
                if e.path.hasPrefix(prefix), case .regular = e.kind {
                    seen = true
                    try body(e.path, r)
                } else if seen && !e.path.hasPrefix(prefix) && e.path.hasPrefix("files/") {
                    break  // entries of one folder are contiguous (depth-first walk)
                }
            }
        }
    }

    /// Runs `body`, reporting an `ArchiveError` as a damaged snapshot at `path`.
    private static func damaged<R>(_ path: String, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: path, reason: "damaged archive: \(e.message); run `sitesnap verify`")
        }
    }
}
