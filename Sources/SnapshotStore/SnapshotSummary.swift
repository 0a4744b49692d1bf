import SnapshotFormat

/// A snapshot as a store lists it, without reading its archive.
public struct SnapshotSummary: Sendable {
    public var id: String
    /// Where the archive is: its path in a folder store (for another store, the name its
    /// `source(_:)` opens). Also the key `SnapshotStore.resolve` returns for this snapshot.
    public var archivePath: String
    /// The store's copy of the manifest, when present and readable.
    public var manifest: Manifest?
    /// Size of the archive in bytes.
    public var archiveBytes: Int64

    public init(id: String, archivePath: String, manifest: Manifest?, archiveBytes: Int64) {
        self.id = id
        self.archivePath = archivePath
        self.manifest = manifest
        self.archiveBytes = archiveBytes
    }

    /// The tags given at backup (`--tag`); empty without a manifest copy.
    public var tags: [String] { manifest?.tags ?? [] }

    /// What the store alone can tell of a snapshot, without reading its archive.
    public enum Health: String, Codable, Sendable {
        /// The archive has the size its manifest copy records, and nothing was left out.
        case ok
        /// Written with warnings that left part of the site out (unreadable files, ...).
        case incomplete
        /// The archive's size differs from the one recorded when it was written: cut short or
        /// replaced; `sitesnap verify` tells more.
        case truncated
        /// No readable manifest copy beside the archive: not checkable without `verify`.
        case unknown
    }

    public var health: Health {
        guard let manifest else { return .unknown }
        if manifest.totals.archiveBytes > 0 && manifest.totals.archiveBytes != archiveBytes { return .truncated }
        return manifest.incompleteWarnings.isEmpty ? .ok : .incomplete
    }
}
