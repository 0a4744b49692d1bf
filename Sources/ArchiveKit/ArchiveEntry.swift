/// The metadata of one archive entry, independent of libarchive's `archive_entry` handle.
///
/// Paths are relative, `/`-separated, without a leading `/` (pax tar, POSIX.1-2001). Paths and link
/// targets are `RawName` strings: any bytes a file system holds, kept exactly.
public struct ArchiveEntry: Equatable, Sendable {
    /// What the entry is; a regular file carries its size in bytes, a symlink its target.
    public enum Kind: Equatable, Sendable {
        case regular(size: Int64)
        case directory
        case symlink(target: String)
        /// Another name of the regular file written earlier as entry `target` (the full entry path):
        /// no data of its own (tar typeflag '1').
        case hardlink(target: String)
        /// Anything else found in a foreign archive (device, FIFO); sitesnap never writes it.
        case other(typeBits: UInt32)
    }

    public var path: String
    public var kind: Kind
    /// Permission bits (`0o7777` at most).
    public var mode: UInt32
    /// Modification time: seconds since the Unix epoch (UTC).
    public var mtimeSeconds: Int64
    /// Nanoseconds part of the modification time (0..<1_000_000_000); pax keeps it.
    public var mtimeNanoseconds: Int64
    public var uid: Int64
    public var gid: Int64

    public init(path: String, kind: Kind, mode: UInt32, mtimeSeconds: Int64, mtimeNanoseconds: Int64 = 0,
                uid: Int64 = 0, gid: Int64 = 0) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.mtimeSeconds = mtimeSeconds
        self.mtimeNanoseconds = mtimeNanoseconds
        self.uid = uid
        self.gid = gid
    }

    /// Size in bytes of the entry's data (0 for anything but a regular file).
    public var size: Int64 {
        if case .regular(let size) = kind { return size }
        return 0
    }
}
