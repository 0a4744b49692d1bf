import SnapshotFormat

/// Where a backup writes one new snapshot: nothing of it is visible (`SnapshotStore.list`,
/// `resolve`) until `commit`, which makes it visible in one step; `abandon` (or the sink's end
/// without a commit) removes what was written, and a backup killed before either leaves only what the
/// store's `sweepStale()` removes.
///
/// Used by one thread at a time (the backup's), though the bytes written to `fileDescriptor` may
/// come from its writer threads.
package protocol SnapshotSink: AnyObject {
    /// The new snapshot's id, reserved in the store.
    var id: String { get }
    /// Where the snapshot will be once committed (the archive's final path), for messages.
    var location: String { get }
    /// Open for writing the archive's bytes, in order from its first byte (for the folder store, a
    /// hidden file; a restic sink would give the pipe into `restic backup --stdin`). Owned by the
    /// sink: never closed by the writer.
    var fileDescriptor: Int32 { get }
    /// A path on local disk for the backup's file-part spool (one file), removed at commit or abandon.
    var filesSpoolPath: String { get }
    /// A path on local disk where the backup writes the snapshot's file index (`FileIndexWriter`);
    /// `commit` publishes it beside the archive as the store's copy (a folder store:
    /// `<id>.index.jsonl`), `abandon` removes it.
    var indexSpoolPath: String { get }

    /// A new empty folder (mode 0700) on local disk for temporary files (the table spool), removed
    /// at commit or abandon.
    /// - Throws: the file system's error (`CocoaError`).
    func makeSpoolFolder() throws -> String

    /// Flushes the archive to stable storage and publishes it with `manifest` (its
    /// `totals.archiveBytes` set to the archive's size) as the store's copy. Call once.
    /// - Throws: `SitesnapError.archiveWriteFailed`; the snapshot is then not visible.
    func commit(_ manifest: Manifest) throws -> CommittedSnapshot

    /// Removes everything written for this snapshot, its id reservation included. Does nothing after
    /// `commit`; safe to call twice.
    func abandon()
}

/// A snapshot a sink made visible.
package struct CommittedSnapshot: Sendable {
    package var id: String
    /// Where the archive is (its path in a folder store).
    package var archivePath: String
    /// Where the store's manifest copy is.
    package var manifestCopy: String
    /// The manifest as the store's copy holds it (with the archive's size).
    package var manifest: Manifest
}
