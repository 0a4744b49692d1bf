import ArchiveKit
import Foundation
import SitesnapSystem

/// One file-tree entry. `path` is relative to the site root ("" is the root folder itself).
///
/// `path` and `target` are `RawName` strings (any bytes). In JSON, which cannot hold bytes that are
/// not UTF-8, such a name is written as `path` with each of those bytes as `\xHH` (for reading) plus
/// `path_hex`, the exact bytes in hex, which is what a reader uses (likewise `target`/`target_hex`).
public struct FileRecord: Codable, Equatable, Sendable {
    public var type: FileType
    public var path: String
    /// Permission bits, as an integer (e.g. 420 for 0644).
    public var mode: UInt32
    /// Modification time: seconds since the epoch and the nanoseconds part.
    public var mtime: Int64
    public var mtimeNs: Int64
    /// Regular files: size in bytes and SHA-256 (hex) of the archived content.
    public var size: Int64?
    public var sha256: String?
    /// Symlinks: the link target, unresolved. Hard links: the path of the file (relative to the
    /// site root) whose other name this is.
    public var target: String?
    /// Owner and group ids (numeric, as lstat gave them). Absent in snapshots of sitesnap before
    /// 2026-11-29 evening: a restore as root then leaves the restoring user as owner.
    public var uid: Int64? = nil
    public var gid: Int64? = nil

    public init(type: FileType, path: String, mode: UInt32, mtime: Int64, mtimeNs: Int64, size: Int64? = nil,
                sha256: String? = nil, target: String? = nil, uid: Int64? = nil, gid: Int64? = nil) {
        self.type = type
        self.path = path
        self.mode = mode
        self.mtime = mtime
        self.mtimeNs = mtimeNs
        self.size = size
        self.sha256 = sha256
        self.target = target
        self.uid = uid
        self.gid = gid
    }

    enum CodingKeys: String, CodingKey {
        case type, path, mode, mtime, size, sha256, target, uid, gid
        case mtimeNs = "mtime_ns"
        case pathHex = "path_hex"
        case targetHex = "target_hex"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(FileType.self, forKey: .type)
        path = try Self.name(c, .path, .pathHex)!
        mode = try c.decode(UInt32.self, forKey: .mode)
        mtime = try c.decode(Int64.self, forKey: .mtime)
        mtimeNs = try c.decode(Int64.self, forKey: .mtimeNs)
        size = try c.decodeIfPresent(Int64.self, forKey: .size)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256)
        target = try Self.name(c, .target, .targetHex)
        uid = try c.decodeIfPresent(Int64.self, forKey: .uid)
        gid = try c.decodeIfPresent(Int64.self, forKey: .gid)
    }

    /// The name from its hex form when there is one, else from the plain string.
    private static func name(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, _ hexKey: CodingKeys) throws -> String? {
        if let hex = try c.decodeIfPresent(String.self, forKey: hexKey) {
            guard let raw = RawName.fromHex(hex) else {
                throw DecodingError.dataCorruptedError(forKey: hexKey, in: c, debugDescription: "not an even run of hex digits")
            }
            return raw
        }
        if key == .path { return try c.decode(String.self, forKey: key) }
        return try c.decodeIfPresent(String.self, forKey: key)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(RawName.display(path, controls: false), forKey: .path)
        if RawName.isRaw(path) { try c.encode(RawName.hex(path), forKey: .pathHex) }
        try c.encode(mode, forKey: .mode)
        try c.encode(mtime, forKey: .mtime)
        try c.encode(mtimeNs, forKey: .mtimeNs)
        try c.encodeIfPresent(size, forKey: .size)
        try c.encodeIfPresent(sha256, forKey: .sha256)
        if let target {
            try c.encode(RawName.display(target, controls: false), forKey: .target)
            if RawName.isRaw(target) { try c.encode(RawName.hex(target), forKey: .targetHex) }
        }
        try c.encodeIfPresent(uid, forKey: .uid)
        try c.encodeIfPresent(gid, forKey: .gid)
    }
}

/// What a file-tree entry is (`type` in the manifest). A manifest naming any other type does not decode:
/// it is not a snapshot this version can restore or verify.
public enum FileType: String, Codable, Equatable, Sendable {
    case file
    case dir
    case symlink
    /// Another name of the earlier `file` entry `target`.
    case hardlink
}
