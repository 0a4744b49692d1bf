import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// A snapshot opened for reading: its manifest and sequential access to its entries.
///
/// The manifest comes from the copy beside the archive (`<id>.manifest.json`) when there is one, so that
/// opening is instant; otherwise from the archive's last entry. Entries are read in archive order
/// (database dumps first); asking for an entry already passed reopens the archive.
package final class SnapshotReader {
    package let path: String
    package let manifest: Manifest
    /// The manifest copy the manifest was read from, or nil when it came from the archive itself.
    package private(set) var manifestCopy: String?
    private var reader: ArchiveReader?
    private var current: ArchiveEntry?

    /// Opens `path`.
    /// - Throws: `SitesnapError.snapshotUnreadable` for a missing, unreadable or damaged archive, a
    ///   manifest of a newer format version, or a file that is not a sitesnap snapshot.
    /// - Parameter preferCopy: read the manifest copy beside the archive when there is one (fast); false
    ///   reads the archive's own manifest (the authority, as `verify` does).
    package init(path: String, preferCopy: Bool = true) throws {
        self.path = path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SitesnapError.snapshotUnreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        let copy = Self.manifestCopyPath(path)
        // A copy that does not parse is passed over for the archive's own manifest (one of a newer
        // format version is not: this sitesnap cannot read either).
        if preferCopy, let copy, let data = FileManager.default.contents(atPath: copy) {
            do {
                manifest = try Self.decode(data, path: copy)
                manifestCopy = copy
                return
            } catch let e as SitesnapError {
                if case .snapshotTooNew = e { throw e }
            }
        }
        guard let data = try Self.manifestFromArchive(path) else {
            throw SitesnapError.snapshotUnreadable(path: path, reason: "it has no manifest.json: not a sitesnap snapshot")
        }
        manifest = try Self.decode(data, path: path)
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
    package static func manifestCopyPath(_ archive: String) -> String? {
        for ext in Repository.archiveExtensions where archive.hasSuffix(ext) {
            return String(archive.dropLast(ext.count)) + ".manifest.json"
        }
        return nil
    }

    private static func manifestFromArchive(_ path: String) throws -> Data? {
        do {
            let r = try ArchiveReader(path: path)
            while let e = try r.nextEntry() {
                if e.path == "manifest.json" { return try r.readRest() }
            }
            return nil
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: path, reason: "damaged archive: \(e.message); run `sitesnap verify`")
        }
    }

    /// Positions the archive at `entry` and returns a reader of its data.
    /// - Throws: `SitesnapError.snapshotUnreadable` when the entry is missing or the archive is damaged.
    package func open(entry: String) throws -> ArchiveReader {
        do {
            if reader == nil || current.map({ $0.path >= entry }) == true {
                reader = try ArchiveReader(path: path)
                current = nil
            }
            while let e = try reader!.nextEntry() {
                current = e
                if e.path == entry { return reader! }
            }
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: path, reason: "damaged archive: \(e.message); run `sitesnap verify`")
        }
        throw SitesnapError.snapshotUnreadable(path: path, reason: "entry \(entry) is missing; run `sitesnap verify`")
    }

    /// Streams every regular file entry whose path starts with `prefix`, calling `body(path, reader)`.
    package func forEachFile(under prefix: String, _ body: (String, ArchiveReader) throws -> Void) throws {
        do {
            let r = try ArchiveReader(path: path)
            var seen = false
            while let e = try r.nextEntry() {
                if e.path.hasPrefix(prefix), case .regular = e.kind {
                    seen = true
                    try body(e.path, r)
                } else if seen && !e.path.hasPrefix(prefix) && e.path.hasPrefix("files/") {
                    break  // entries of one folder are contiguous (depth-first walk)
                }
            }
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: path, reason: "damaged archive: \(e.message); run `sitesnap verify`")
        }
    }
}
