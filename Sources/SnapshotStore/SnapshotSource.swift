import ArchiveKit
import Foundation
import SnapshotFormat

/// One stored snapshot, opened for reading: what `SnapshotReader` reads it through.
///
/// The archive is read as a stream from its first entry, as many times as the reader needs (a restic
/// source would run `restic dump` once per pass); the manifest copy, when the store keeps one, lets a
/// reader plan without a pass over the archive.
package protocol SnapshotSource: Sendable {
    /// Where the archive is, for messages and `SnapshotReader.path`: its path in a folder store.
    var location: String { get }

    /// The store's copy of the manifest and where it is (for messages), or nil when it keeps none or
    /// it cannot be read.
    func manifestCopy() -> (data: Data, location: String)?

    /// The store's copy of a format-3 snapshot's file index (`index.jsonl`) and where it is, or nil
    /// when it keeps none or it cannot be opened.
    func indexCopy() -> (source: ByteSource, location: String)?

    /// A new reader positioned before the archive's first entry.
    /// - Throws: `ArchiveError` when the archive cannot be opened or is not an archive.
    func openArchive() throws -> ArchiveReader
}
