import XCTest

/// A backup's archive is written in parts, each its own compression stream (the database part while
/// the files are spooled, the files, the manifest); stock zstd, gzip and tar read the parts as one
/// archive, database entries first and the manifest last, and no spool is left behind.
final class ArchivePartsTests: XCTestCase {
    func testPartsReadAsOneArchiveByStockTools() throws {
        _ = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.shared()
        for (compression, tarFlag, check) in [("zstd", "--zstd", "zstd -lv"), ("gzip", "-z", "gzip -t"), ("none", "", "true")] {
            let repo = TestEnvironment.makeTempDir("repo-\(compression)")
            let b = try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo, "--compression", compression])
            XCTAssertEqual(b.status, 0, b.stderr)
            let archive = repo + "/" + Snapshots.archives(repo)[0]
            XCTAssertEqual(Snapshots.allFiles(repo).filter { $0.hasPrefix(".") }, [], "no spool or partial file left (\(compression))")
            let c = try ProcessRunner.shell("\(check) '\(archive)'")
            XCTAssertEqual(c.status, 0, c.stdout + c.stderr)
            if compression == "zstd" {
                let frames = c.stdout.split(separator: "\n").first { $0.hasPrefix("# Zstandard Frames:") }
                    .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
                XCTAssertGreaterThanOrEqual(frames, 3, "database, files and manifest parts: \(c.stdout)")
            }
            let t = try ProcessRunner.shell("tar \(tarFlag) -tf '\(archive)'")
            XCTAssertEqual(t.status, 0, t.stderr)
            XCTAssertTrue(t.stderr.isEmpty, "tar reads it without a warning: \(t.stderr)")
            let names = t.stdout.split(separator: "\n").map(String.init)
            let firstFile = names.firstIndex { $0.hasPrefix("files") } ?? names.count
            XCTAssertTrue(names[..<firstFile].allSatisfy { $0.hasPrefix("database/") } && firstFile > 0, "database entries first (\(compression))")
            XCTAssertEqual(names.last, "manifest.json")
            XCTAssertEqual(names.filter { $0.hasPrefix("database/") }.count, names[..<firstFile].count, "no database entry after the files")
            let v = try ProcessRunner.sitesnap(["verify", archive])
            XCTAssertEqual(v.status, 0, v.stdout + v.stderr)
        }
    }
}
