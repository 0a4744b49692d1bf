import Foundation
import SitesnapSystem

/// Writes a snapshot's per-file index (`index.jsonl`) as the backup walks: each record as one line
/// (`FileRecordLine`), buffered (256 KiB per write) and hashed as it goes, so the list is never held
/// in memory. The file is created mode 0600 and must not exist.
package final class FileIndexWriter {
    private let file: FileDescriptor
    private var buffer: [UInt8] = []
    private var hasher = StreamingSHA256()
    private var records: Int64 = 0
    private var bytes: Int64 = 0
    private static let flushAt = 256 << 10

    /// - Throws: `SystemError` ("open").
    package init(path: String) throws(SystemError) {
        file = try FileDescriptor(opening: path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    /// Appends one record.
    /// - Throws: `SystemError` ("write"), e.g. ENOSPC.
    package func append(_ record: FileRecord) throws(SystemError) {
        FileRecordLine.append(record, to: &buffer)
        records += 1
        if buffer.count >= Self.flushAt { try flush() }
    }

    private func flush() throws(SystemError) {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { hasher.update($0) }
        try file.writeAll(buffer)
        bytes += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, flushes the file to the disk and closes it.
    /// - Returns: the index's `files.index` (records, bytes, SHA-256).
    /// - Throws: `SystemError` ("write", "fsync", "close").
    package func finish() throws(SystemError) -> FileIndexInfo {
        try flush()
        try file.sync()
        try file.close()
        return FileIndexInfo(records: records, bytes: bytes, sha256: hasher.finalizeHex())
    }
}
