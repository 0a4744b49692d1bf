import ArchiveKit
import Foundation
import SitesnapSystem

/// The snapshot manifest: `manifest.json`, the archive's last entry, and a copy beside the archive
/// (`<id>.manifest.json`): a summary (site, CMS, tables, extensions, warnings, totals); the per-file
/// list is the index `files.index` names (format 3). Field by field in docs/snapshot-format.md. Keys
/// are snake_case.
public struct Manifest: Codable, Equatable, Sendable {
    /// Bumped on any incompatible change of the layout or the manifest. Version 2 added `hardlink`
    /// entries and names that are not UTF-8 (`path_hex`, `target_hex`); version 3 moved the per-file
    /// list out of the manifest into the streamed index `index.jsonl` (`files.index`), so that the
    /// manifest is a small summary; version 4 keeps only whole seconds in the `files/` entries' tar
    /// headers (the index keeps the nanoseconds, which restore applies), so that most entries need no
    /// pax header. Versions 1 to 4 are read; backup writes 4.
    public static let currentFormatVersion = 4

    public var formatVersion: Int
    public var tool: String
    public var toolVersion: String
    /// The snapshot id (archive file name without `.tar.*`).
    public var id: String
    /// ISO 8601, UTC, e.g. "2026-11-29T17:53:21Z".
    public var createdAt: String
    public var label: String?
    /// `backup --tag`, in the order given; absent when none (and in snapshots before tags).
    public var tags: [String]?
    public var site: SiteInfo
    public var archive: ArchiveInfo
    /// Absent with `--no-db`.
    public var database: DatabaseDumpInfo?
    /// Absent with `--no-files`.
    public var files: FilesInfo?
    public var extensions: [ExtensionInfo]
    public var warnings: [SnapshotWarning]
    public var totals: Totals

    package init(formatVersion: Int, tool: String, toolVersion: String, id: String, createdAt: String, label: String? = nil, tags: [String]? = nil, site: SiteInfo, archive: ArchiveInfo, database: DatabaseDumpInfo? = nil, files: FilesInfo? = nil, extensions: [ExtensionInfo], warnings: [SnapshotWarning], totals: Totals) {
        self.formatVersion = formatVersion
        self.tool = tool
        self.toolVersion = toolVersion
        self.id = id
        self.createdAt = createdAt
        self.label = label
        self.tags = tags
        self.site = site
        self.archive = archive
        self.database = database
        self.files = files
        self.extensions = extensions
        self.warnings = warnings
        self.totals = totals
    }

    enum CodingKeys: String, CodingKey {
        case tool, id, label, tags, site, archive, database, files, extensions, warnings, totals
        case formatVersion = "format_version"
        case toolVersion = "tool_version"
        case createdAt = "created_at"
    }
}

extension Manifest {
    /// Compact JSON with sorted keys, for both the archive entry and the copy beside it. A format 1 or
    /// 2 manifest's file list is encoded one record at a time and spliced in: JSONEncoder's
    /// intermediate tree for a whole list of 200,000 records took about 350 MB.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let entries = files?.entries, !entries.isEmpty, files?.index == nil else { return try e.encode(self) }
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
