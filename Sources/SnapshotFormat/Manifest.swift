import ArchiveKit
import Foundation
import SitesnapSystem

/// The snapshot manifest: `manifest.json`, the archive's last entry, and a copy beside the archive
/// (`<id>.manifest.json`). Field by field in docs/snapshot-format.md. Keys are snake_case.
public struct Manifest: Codable, Equatable, Sendable {
    /// Bumped on any incompatible change of the layout or the manifest. Version 2 added `hardlink`
    /// entries and names that are not UTF-8 (`path_hex`, `target_hex`), which sitesnap before it would
    /// restore wrongly; a snapshot that has neither is written as version 1 (`formatVersion(for:)`),
    /// which every sitesnap reads. Both versions are read.
    public static let currentFormatVersion = 2

    /// The lowest format version that describes `files` faithfully.
    package static func formatVersion(for files: FilesInfo?) -> Int {
        let needs2 = files?.entries.contains { $0.type == "hardlink" || RawName.isRaw($0.path) || $0.target.map(RawName.isRaw) == true } ?? false
        return needs2 ? 2 : 1
    }

    public var formatVersion: Int
    public var tool: String
    public var toolVersion: String
    /// The snapshot id (archive file name without `.tar.*`).
    public var id: String
    /// ISO 8601, UTC, e.g. "2026-11-29T17:53:21Z".
    public var createdAt: String
    public var label: String?
    public var site: SiteInfo
    public var archive: ArchiveInfo
    /// Absent with `--no-db`.
    public var database: DatabaseDumpInfo?
    /// Absent with `--no-files`.
    public var files: FilesInfo?
    public var extensions: [ExtensionInfo]
    public var warnings: [SnapshotWarning]
    public var totals: Totals

    package init(formatVersion: Int, tool: String, toolVersion: String, id: String, createdAt: String, label: String? = nil, site: SiteInfo, archive: ArchiveInfo, database: DatabaseDumpInfo? = nil, files: FilesInfo? = nil, extensions: [ExtensionInfo], warnings: [SnapshotWarning], totals: Totals) {
        self.formatVersion = formatVersion
        self.tool = tool
        self.toolVersion = toolVersion
        self.id = id
        self.createdAt = createdAt
        self.label = label
        self.site = site
        self.archive = archive
        self.database = database
        self.files = files
        self.extensions = extensions
        self.warnings = warnings
        self.totals = totals
    }

    enum CodingKeys: String, CodingKey {
        case tool, id, label, site, archive, database, files, extensions, warnings, totals
        case formatVersion = "format_version"
        case toolVersion = "tool_version"
        case createdAt = "created_at"
    }
}

public struct SiteInfo: Codable, Equatable, Sendable {
    /// Absolute site root at backup time.
    public var root: String
    /// Profile id: wordpress, joomla, drupal, drupal7.
    public var cms: String
    public var cmsName: String
    public var cmsVersion: String?
    /// The config file that was read (absolute), if any.
    public var configFile: String?
    public var tablePrefix: String?

    package init(root: String, cms: String, cmsName: String, cmsVersion: String? = nil, configFile: String? = nil, tablePrefix: String? = nil) {
        self.root = root
        self.cms = cms
        self.cmsName = cmsName
        self.cmsVersion = cmsVersion
        self.configFile = configFile
        self.tablePrefix = tablePrefix
    }

    enum CodingKeys: String, CodingKey {
        case root, cms
        case cmsName = "cms_name"
        case cmsVersion = "cms_version"
        case configFile = "config_file"
        case tablePrefix = "table_prefix"
    }
}

public struct ArchiveInfo: Codable, Equatable, Sendable {
    /// "zstd", "gzip" or "none".
    public var compression: String
    public var level: Int?

    package init(compression: String, level: Int? = nil) {
        self.compression = compression
        self.level = level
    }
}

public struct FilesInfo: Codable, Equatable, Sendable {
    /// Exclude rules in force (profile defaults, then --exclude), each as one glob (`cache/*` for a
    /// folder's contents).
    public var excludes: [String]
    /// The same rules in full, with the entries each left out. Absent before format 2's sitesnap.
    public var excludeRules: [ExcludeRule]?
    /// Every archived path under `files/`, in archive order.
    public var entries: [FileRecord]

    public init(excludes: [String], excludeRules: [ExcludeRule]? = nil, entries: [FileRecord]) {
        self.excludes = excludes
        self.excludeRules = excludeRules
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey {
        case excludes, entries
        case excludeRules = "exclude_rules"
    }
}

/// One file-tree entry. `path` is relative to the site root ("" is the root folder itself).
///
/// `path` and `target` are `RawName` strings (any bytes). In JSON, which cannot hold bytes that are
/// not UTF-8, such a name is written as `path` with each of those bytes as `\xHH` (for reading) plus
/// `path_hex`, the exact bytes in hex, which is what a reader uses (likewise `target`/`target_hex`).
public struct FileRecord: Codable, Equatable, Sendable {
    /// "file", "dir", "symlink", or "hardlink" (another name of the earlier `file` entry `target`).
    public var type: String
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

    public init(type: String, path: String, mode: UInt32, mtime: Int64, mtimeNs: Int64, size: Int64? = nil,
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
        type = try c.decode(String.self, forKey: .type)
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

/// Something that did not stop the backup but that the operator should know.
public struct SnapshotWarning: Codable, Equatable, Sendable {
    /// "unreadable", "special-file", "changed-while-reading", "non-transactional", ...
    public var kind: String
    /// The file (relative to the site root) or table concerned.
    public var subject: String
    public var message: String

    /// Kinds that say something about the snapshot without anything being left out of it (a MyISAM
    /// table is in the dump, only outside the consistent transaction; see `noticeKinds`). Every other kind means data of
    /// the site is not in the snapshot: the snapshot is incomplete (exit status 5, marked by list and
    /// verify). Kept as a list of the harmless kinds so that a kind added later counts as incomplete.
    /// A table a prefix array names that does not exist, or one dropped since the previous snapshot,
    /// holds no data that could be missing; a table left out with --allow-missing-table was left out
    /// on the operator's word. Triggers hidden from a user without the TRIGGER privilege (WordPress's
    /// own recommended grants lack it) are code that a restore does not run unless --trust-code, and
    /// the tables' rows are all there: a notice, or nearly every such backup would be "incomplete".
    public static let noticeKinds: Set<String> = ["non-transactional", "missing-prefixed-table", "dropped-since-previous",
                                                  "allowed-missing-table", "triggers-hidden"]

    /// Whether this warning means some of the site is not in the snapshot.
    public var leavesDataOut: Bool { !Self.noticeKinds.contains(kind) }

    package init(kind: String, subject: String, message: String) {
        self.kind = kind
        self.subject = subject
        self.message = message
    }
}

extension Manifest {
    /// The warnings that mean some of the site is not in the snapshot (see `SnapshotWarning.leavesDataOut`).
    public var incompleteWarnings: [SnapshotWarning] { warnings.filter(\.leavesDataOut) }
}

public struct Totals: Codable, Equatable, Sendable {
    public var files: Int64
    public var directories: Int64
    public var symlinks: Int64
    /// Hard-link entries (names of files counted in `files` once); absent when there are none.
    public var hardlinks: Int64? = nil
    /// Sum of regular file sizes, bytes.
    public var fileBytes: Int64
    public var tables: Int
    public var rows: Int64
    /// Sum of the dump entries' sizes, bytes.
    public var databaseBytes: Int64
    /// Size of the archive file, bytes (0 inside the archive's own manifest, which cannot know it).
    public var archiveBytes: Int64

    package init(files: Int64, directories: Int64, symlinks: Int64, hardlinks: Int64? = nil, fileBytes: Int64, tables: Int, rows: Int64, databaseBytes: Int64, archiveBytes: Int64) {
        self.files = files
        self.directories = directories
        self.symlinks = symlinks
        self.hardlinks = hardlinks
        self.fileBytes = fileBytes
        self.tables = tables
        self.rows = rows
        self.databaseBytes = databaseBytes
        self.archiveBytes = archiveBytes
    }

    enum CodingKeys: String, CodingKey {
        case files, directories, symlinks, hardlinks, tables, rows
        case fileBytes = "file_bytes"
        case databaseBytes = "database_bytes"
        case archiveBytes = "archive_bytes"
    }
}

extension Manifest {
    /// Compact JSON with sorted keys, for both the archive entry and the copy beside it (compact: the
    /// file list makes it large; `jq .` pretty-prints it).
    ///
    /// The file list is encoded one record at a time and spliced in: JSONEncoder's intermediate tree for
    /// a whole list of 200,000 records took about 350 MB.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let entries = files?.entries, !entries.isEmpty else { return try e.encode(self) }
        var shell = self
        shell.files?.entries = []
        let head = try e.encode(shell)
        let marker = Data("\"entries\":[]".utf8)
        guard let r = head.range(of: marker) else { return try e.encode(self) }
        var out = Data()
        out.reserveCapacity(head.count + entries.count * 200)
        out.append(head[head.startIndex..<r.lowerBound])
        out.append(Data("\"entries\":[".utf8))
        for (i, record) in entries.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(try e.encode(record))
        }
        out.append(UInt8(ascii: "]"))
        out.append(head[r.upperBound...])
        return out
    }

    /// Parses manifest JSON; a document that is not a sitesnap manifest gets a readable reason.
    /// - Throws: `SitesnapError.snapshotUnreadable` naming `source`.
    public static func decode(_ data: Data, source: String) throws -> Manifest {
        do {
            return try decode(data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw SitesnapError.snapshotUnreadable(path: source, reason: "its manifest lacks '\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))': not a sitesnap manifest, or damaged")
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw SitesnapError.snapshotUnreadable(path: source, reason: "its manifest has a bad value at '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))': damaged")
        } catch {
            throw SitesnapError.snapshotUnreadable(path: source, reason: "its manifest is not valid JSON: damaged")
        }
    }

    /// Parses manifest JSON.
    /// - Throws: `DecodingError`.
    public static func decode(_ data: Data) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: data)
    }
}

/// What the manifest says one archive entry is (used by `verify` and by restore's audit alike).
package struct ExpectedEntry {
    /// "file", "dir", "symlink" or "hardlink".
    package var type: String
    package var size: Int64?
    package var sha256: String?
    /// Symlinks: the link target; hard links: the archive entry (`files/...`) they are a name of.
    package var target: String?
    /// Permission bits and owner ids of `files/` entries (nil: not checked).
    package var mode: UInt32? = nil
    package var uid: Int64? = nil
    package var gid: Int64? = nil

    /// Why an entry header's permission bits or owner differ from the manifest's, or nil (what
    /// extraction applies must be what the manifest lists; links' modes are not compared).
    package func headerMismatch(mode entryMode: UInt32, uid entryUID: Int64, gid entryGID: Int64) -> String? {
        if let mode, type != "symlink", entryMode & 0o7777 != mode {
            return "mode \(String(entryMode & 0o7777, radix: 8)), the manifest says \(String(mode, radix: 8))"
        }
        if let uid, let gid, entryUID != uid || entryGID != gid {
            return "owner \(entryUID):\(entryGID), the manifest says \(uid):\(gid)"
        }
        return nil
    }

    /// Why an entry of `kind` whose data hashed to `sha` (files) differs from this, or nil.
    package func mismatch(_ kind: ArchiveEntry.Kind, sha: String?) -> String? {
        switch (type, kind) {
        case ("file", .regular(let actual)):
            if let size, actual != size { return "size \(actual) bytes, the manifest says \(size)" }
            if let sha256, sha != sha256 { return "SHA-256 \(sha ?? "-") does not match the manifest's \(sha256)" }
            return nil
        case ("dir", .directory):
            return nil
        case ("symlink", .symlink(let t)):
            return t == target ? nil : "link target '\(RawName.display(t))', the manifest says '\(RawName.display(target ?? ""))'"
        case ("hardlink", .hardlink(let t)):
            return t == target ? nil : "hard link to '\(RawName.display(t))', the manifest says '\(RawName.display(target ?? ""))'"
        default:
            return "its type (\(kind)) differs from the manifest's \(type)"
        }
    }

    package init(type: String, size: Int64? = nil, sha256: String? = nil, target: String? = nil, mode: UInt32? = nil, uid: Int64? = nil, gid: Int64? = nil) {
        self.type = type
        self.size = size
        self.sha256 = sha256
        self.target = target
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }
}

extension Manifest {
    /// Every entry the archive must hold besides `manifest.json`, in manifest order: table dumps,
    /// view/routine dumps, then `files` and `files/<path>`.
    package func expectedEntries() -> [(path: String, entry: ExpectedEntry)] {
        var out: [(String, ExpectedEntry)] = []
        for t in database?.tables ?? [] { out.append((t.entry, ExpectedEntry(type: "file", size: t.bytes, sha256: t.sha256))) }
        for o in database?.objects ?? [] { out.append((o.entry, ExpectedEntry(type: "file", size: o.bytes, sha256: o.sha256))) }
        for f in files?.entries ?? [] {
            let target = f.type == "hardlink" ? f.target.map { "files/" + $0 } : f.target
            out.append((f.path.isEmpty ? "files" : "files/" + f.path, ExpectedEntry(type: f.type, size: f.size, sha256: f.sha256, target: target,
                                                                                   mode: f.mode, uid: f.uid, gid: f.gid)))
        }
        return out.map { (path: $0.0, entry: $0.1) }
    }
}
