import ArchiveKit
import Foundation
@testable import SnapshotFormat
import XCTest

/// Temp folders, manifests and real archives for the store's tests (no engine, no database).
enum StoreFixture {
    /// A new empty folder under `$SITESNAP_TEST_TMP` (scripts/test) or the system's temp folder.
    static func makeTempDir(_ name: String) throws -> String {
        let base = ProcessInfo.processInfo.environment["SITESNAP_TEST_TMP"] ?? NSTemporaryDirectory()
        let dir = URL(fileURLWithPath: base + "/\(name)-" + UUID().uuidString).standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func manifest(id: String, archiveBytes: Int64 = 0, warnings: [SnapshotWarning] = [],
                         createdAt: String = "2026-12-01T10:00:00Z") -> Manifest {
        Manifest(formatVersion: 1, tool: "sitesnap", toolVersion: "test", id: id, createdAt: createdAt,
                 site: SiteInfo(root: "/srv/site", cms: "wordpress", cmsName: "WordPress"),
                 archive: ArchiveInfo(compression: "none"), extensions: [], warnings: warnings,
                 totals: Totals(files: 0, directories: 0, symlinks: 0, fileBytes: 0, tables: 0, rows: 0,
                                databaseBytes: 0, archiveBytes: archiveBytes))
    }

    /// One entry to write: a folder (nil contents) or a regular file.
    struct Item {
        var path: String
        var contents: String?
    }

    /// Writes a plain pax tar at `path` holding `items` in the order given, then `manifest.json`
    /// (with `manifest`) as the last entry, as a backup does.
    static func writeArchive(_ path: String, _ items: [Item], manifest: Manifest) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0, path)
        defer { close(fd) }
        let w = try TarPartWriter(fileDescriptor: fd, compression: .none, endOfArchive: true)
        for item in items {
            if let text = item.contents {
                try write(w, path: item.path, Data(text.utf8))
            } else {
                try w.writeHeader(ArchiveEntry(path: item.path, kind: .directory, mode: 0o755, mtimeSeconds: 0))
            }
        }
        try write(w, path: "manifest.json", try manifest.encoded())
        try w.close()
    }

    private static func write(_ w: TarPartWriter, path: String, _ data: Data) throws {
        try w.writeHeader(ArchiveEntry(path: path, kind: .regular(size: Int64(data.count)), mode: 0o644, mtimeSeconds: 0))
        try data.withUnsafeBytes { try w.writeData($0, path: path) }
    }

    /// Everything left of an entry's data, as text.
    static func text(_ r: ArchiveReader) throws -> String {
        String(decoding: try r.readRest(), as: UTF8.self)
    }

    /// `tar -tf` of an archive (stock GNU tar): the entry names in archive order.
    static func tarList(_ archive: String) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        p.arguments = ["-tf", archive]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "tar -tf \(archive)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { String($0.hasSuffix("/") ? $0.dropLast() : $0) }
    }
}
