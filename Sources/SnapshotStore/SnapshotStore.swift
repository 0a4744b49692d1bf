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

    /// The ids and keys of every committed snapshot, without reading a manifest (the folder store:
    /// from the file names), in no particular order. What `SnapshotSelector` matches exact ids against.
    func listIDs() -> [(id: String, key: String)]

    /// The key of a snapshot `reference` names in a way only this store understands, or nil (the
    /// folder store: the path of an archive file, anywhere). Tried before `SnapshotSelector`'s forms.
    func directKey(_ reference: String) -> String?

    /// A source to read the snapshot with key `key` (from `resolve` or a summary's `archivePath`).
    /// - Throws: `SitesnapError.snapshotUnreadable` when it is missing or cannot be read.
    func source(_ key: String) throws -> any SnapshotSource

    /// Begins a new snapshot: reserves its id and gives the sink its bytes go into.
    /// - Throws: `SitesnapError.repositoryNotWritable`.
    func beginSnapshot(_ plan: NewSnapshot) throws -> any SnapshotSink

    /// Holds the snapshot with key `key` for reading until the hold is released (dropped): `remove`
    /// refuses it meanwhile. A restore takes one before it reads the snapshot.
    /// - Throws: `SitesnapError.snapshotNotFound` when it was removed before the hold was taken.
    func hold(_ key: String) throws -> any SnapshotHold

    /// Removes the committed snapshot with key `key` (the whole of it), so that no step of the removal
    /// leaves it listed with parts missing.
    /// - Throws: `SitesnapError.snapshotInUse` when a hold (`hold`) is on it, nothing removed;
    ///   `.repositoryNotWritable` when it cannot be removed.
    func remove(_ key: String) throws

    /// True once per store when it keeps archives unencrypted (the site's config, with the database
    /// password, is in each one in plain text) and has not said so before; it records that it has
    /// said so. A store that encrypts (restic) always answers false.
    func takeUnencryptedNotice() -> Bool
}

/// A snapshot held for reading (`SnapshotStore.hold`): released when the last reference goes.
package protocol SnapshotHold: AnyObject {}

extension SnapshotStore {
    /// The key of the one snapshot `reference` selects (`SnapshotSelector`: a store's direct key,
    /// `latest`, `latest~N`, an id, a label, a unique id prefix), among the snapshots of `site` when given.
    /// - Throws: `SitesnapError.snapshotNotFound`, `.snapshotAmbiguous`, `.snapshotSelectionFailed`.
    package func resolve(_ reference: String, site: String? = nil) throws -> String {
        try SnapshotSelector(reference, site: site).resolve(in: self)
    }

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
