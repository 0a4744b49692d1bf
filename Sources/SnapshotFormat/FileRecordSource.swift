/// File records in archive order, one at a time: `FileIndexReader`, or `FileIndexReadAhead` reading
/// one on a thread of its own.
package protocol FileRecordSource: AnyObject {
    /// The next record, or nil at the end.
    /// - Throws: `SitesnapError.snapshotUnreadable` for an index that does not parse or is cut short.
    func next() throws -> FileRecord?
    /// Records read so far.
    var count: Int64 { get }
    /// SHA-256 (hex) of the index bytes read; the whole index's once `next()` returned nil.
    func sha256() -> String
}

extension FileIndexReader: FileRecordSource {}
