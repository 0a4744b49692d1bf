import ArchiveKit
import Foundation
import SitesnapSystem

/// What the manifest says one archive entry is (used by `verify` and by restore's audit alike).
package struct ExpectedEntry {
    /// "file", "dir", "symlink" or "hardlink".
    package var type: FileType
    package var size: Int64?
    package var sha256: String?
    /// Symlinks: the link target; hard links: the archive entry (`files/...`) they are a name of.
    package var target: String?
    /// Permission bits and owner ids of `files/` entries (nil: not checked).
    package var mode: UInt32? = nil
    package var uid: Int64? = nil
    package var gid: Int64? = nil
    /// Modification time of `files/` entries, seconds and nanoseconds (nil: not checked).
    package var mtime: Int64? = nil
    package var mtimeNs: Int64? = nil

    /// Why an entry header's permission bits, owner or mtime differ from the manifest's, or nil (what
    /// extraction applies must be what the manifest lists; links' modes are not compared). The header's
    /// nanoseconds are 0 from format 4 on (the index holds them), the index's before.
    package func headerMismatch(mode entryMode: UInt32, uid entryUID: Int64, gid entryGID: Int64,
                                mtime entryTime: (seconds: Int64, nanoseconds: Int64)? = nil) -> String? {
        if let mode, type != .symlink, entryMode & 0o7777 != mode {
            return "mode \(String(entryMode & 0o7777, radix: 8)), the manifest says \(String(mode, radix: 8))"
        }
        if let uid, let gid, entryUID != uid || entryGID != gid {
            return "owner \(entryUID):\(entryGID), the manifest says \(uid):\(gid)"
        }
        if let t = entryTime, let mtime, t.seconds != mtime || (t.nanoseconds != 0 && t.nanoseconds != (mtimeNs ?? 0)) {
            return "mtime \(t.seconds).\(t.nanoseconds), the manifest says \(mtime).\(mtimeNs ?? 0)"
        }
        return nil
    }

    /// Why an entry of `kind` whose data hashed to `sha` (files) differs from this, or nil.
    package func mismatch(_ kind: ArchiveEntry.Kind, sha: String?) -> String? {
        switch (type, kind) {
        case (.file, .regular(let actual)):
            if let size, actual != size { return "size \(actual) bytes, the manifest says \(size)" }
            if let sha256, sha != sha256 { return "SHA-256 \(sha ?? "-") does not match the manifest's \(sha256)" }
            return nil
        case (.dir, .directory):
            return nil
        case (.symlink, .symlink(let t)):
            return t == target ? nil : "link target '\(RawName.display(t))', the manifest says '\(RawName.display(target ?? ""))'"
        case (.hardlink, .hardlink(let t)):
            return t == target ? nil : "hard link to '\(RawName.display(t))', the manifest says '\(RawName.display(target ?? ""))'"
        default:
            return "its type (\(kind)) differs from the manifest's \(type)"
        }
    }

    package init(type: FileType, size: Int64? = nil, sha256: String? = nil, target: String? = nil, mode: UInt32? = nil, uid: Int64? = nil, gid: Int64? = nil) {
        self.type = type
        self.size = size
        self.sha256 = sha256
        self.target = target
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }
}

extension ExpectedEntry {
    /// What the record of a `files/` entry says it is (a hard link's target as its archive entry).
    package init(_ f: FileRecord) {
        let target = f.type == .hardlink ? f.target.map { "files/" + $0 } : f.target
        self.init(type: f.type, size: f.size, sha256: f.sha256, target: target, mode: f.mode, uid: f.uid, gid: f.gid)
        mtime = f.mtime
        mtimeNs = f.mtimeNs
    }
}

extension Manifest {
    /// The database entries the archive must hold (table dumps, then view/routine dumps), in
    /// manifest order; the `files/` entries are the file index's (`FileIndexReader`).
    package func expectedDatabaseEntries() -> [(path: String, entry: ExpectedEntry)] {
        var out: [(path: String, entry: ExpectedEntry)] = []
        for t in database?.tables ?? [] { out.append((t.entry, ExpectedEntry(type: .file, size: t.bytes, sha256: t.sha256))) }
        for o in database?.objects ?? [] { out.append((o.entry, ExpectedEntry(type: .file, size: o.bytes, sha256: o.sha256))) }
        return out
    }
}
