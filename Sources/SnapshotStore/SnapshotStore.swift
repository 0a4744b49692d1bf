import Foundation
import SnapshotFormat

/// Where snapshots are kept: the seam between the engine and the storage of archives.
///
/// A snapshot is one pax tar archive (`docs/snapshot-format.md`) plus the store's copy of its manifest.
/// A store lists summaries of its snapshots, resolves what a user typed to one of them, opens a
/// source to read one from its first entry, and begins a sink that a backup writes a new one into,
/// which nothing shows until `commit`. Today's folder (`Repository`) is the first implementation;
/// restic (one restic snapshot per archive, fed by `restic backup --stdin`, read back with
/// `restic dump`) is meant to be the second (docs/design.md, "The snapshot store").
///
/// Thread rules: a store is a value that may be shared (`Sendable`); the sources and sinks it makes
/// are used by one thread at a time.
package protocol SnapshotStore: Sendable {
    /// Where the store is, for messages: the folder's path (for restic, its repository).
    var location: String { get }

    /// Makes the store ready to take a snapshot of the site at `siteRoot` (creating it when needed).
    /// - Throws: `SitesnapError.repositoryInsideSite` (a store inside the site would back itself up),
    ///   `.repositoryNotWritable`.
    func prepare(siteRoot: String?) throws

    /// Removes what killed backups left behind (never what a running one is writing) and returns the
    /// names removed; a store that cannot be read is left alone, never an error.
    func sweepStale() -> [String]

    /// Every committed snapshot, oldest first. A snapshot being written or abandoned is never listed.
    func list() -> [SnapshotSummary]

    /// The key of the snapshot that `reference` names: an exact id, else a unique id prefix (for the
    /// folder store also the path of an archive file, anywhere). The key is what `source(_:)` opens
    /// (`SnapshotSummary.archivePath` of the snapshot).
    /// - Throws: `SitesnapError.snapshotNotFound`, `.snapshotAmbiguous`.
    func resolve(_ reference: String) throws -> String

    /// A source to read the snapshot with key `key` (from `resolve` or a summary's `archivePath`).
    /// - Throws: `SitesnapError.snapshotUnreadable` when it is missing or cannot be read.
    func source(_ key: String) throws -> any SnapshotSource

    /// Begins a new snapshot: reserves its id and gives the sink its bytes go into.
    /// - Throws: `SitesnapError.repositoryNotWritable`.
    func beginSnapshot(_ plan: NewSnapshot) throws -> any SnapshotSink
}

extension SnapshotStore {
    /// A reader of the snapshot `reference` names (`resolve`, then `source`). Not named `open`: that
    /// would hide open(2) inside every store.
    /// - Throws: what `resolve`, `source` and `SnapshotReader.init(source:preferCopy:)` throw.
    package func reader(_ reference: String, preferCopy: Bool = true) throws -> SnapshotReader {
        try SnapshotReader(source: source(resolve(reference)), preferCopy: preferCopy)
    }
}

/// What a new snapshot is of, so the store can name it.
package struct NewSnapshot: Sendable {
    /// The site's root folder (its last component begins the id).
    package var siteRoot: String
    /// `--label`, added to the id.
    package var label: String?
    /// When the backup started (the id's UTC time).
    package var date: Date
    /// `.tar.zst`, `.tar.gz` or `.tar`: how the archive is compressed.
    package var fileExtension: String

    package init(siteRoot: String, label: String?, date: Date, fileExtension: String) {
        self.siteRoot = siteRoot
        self.label = label
        self.date = date
        self.fileExtension = fileExtension
    }
}
