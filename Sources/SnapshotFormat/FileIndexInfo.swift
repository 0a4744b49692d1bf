import Foundation

/// Where a format-3 snapshot's per-file index is and what it must hash to (`files.index` in the
/// manifest): the archive entry `index.jsonl`, and the copy beside the archive (`<id>.index.jsonl`),
/// both exactly these bytes.
public struct FileIndexInfo: Codable, Equatable, Sendable {
    /// The archive entry: "index.jsonl".
    public var entry: String
    /// Lines (records) in it.
    public var records: Int64
    public var bytes: Int64
    /// SHA-256 (hex) of the whole index.
    public var sha256: String

    public static let entryName = "index.jsonl"

    package init(entry: String = FileIndexInfo.entryName, records: Int64, bytes: Int64, sha256: String) {
        self.entry = entry
        self.records = records
        self.bytes = bytes
        self.sha256 = sha256
    }

    /// Whether an index read to its end (`count` records hashing to `sha256`) is the one this
    /// describes: what verify, restore's audit and `changes` check after their pass.
    package func describes(count: Int64, sha256 read: String) -> Bool { count == records && read == sha256 }
}
