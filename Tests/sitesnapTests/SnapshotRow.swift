import Foundation
import XCTest

/// Real snapshots for the retention and selection tests of the binary: `backup --no-db` of small
/// WordPress-shaped sites (no database needed), then each manifest copy's `created_at` set to the
/// date a test needs. `list`, selection and `forget` date a snapshot by its manifest summary (the
/// copy), which is what a store lists; the archive's own manifest keeps the real time.
struct SnapshotRow {
    let repo = TestEnvironment.makeTempDir("row")
    private(set) var sites: [String: String] = [:]
    /// Ids in the order made.
    private(set) var ids: [String] = []

    /// `backup SITE --no-db` of site `name` (made on first use) with `label` and `tags`, dated `date`
    /// ("2026-10-05T12:00:00Z") in its manifest copy (nil: left as written). Returns the id.
    @discardableResult
    mutating func backup(_ name: String, date: String?, label: String? = nil, tags: [String] = [],
                         file: StaticString = #filePath, line: UInt = #line) throws -> String {
        if sites[name] == nil {
            let root = try TinySite.wordpress()
            let named = URL(fileURLWithPath: root).deletingLastPathComponent().path + "/" + name
            try FileManager.default.moveItem(atPath: root, toPath: named)
            sites[name] = named
        }
        let args = ["backup", sites[name]!, "--no-db", "--repo", repo, "--json"] + (label.map { ["--label", $0] } ?? [])
            + tags.flatMap { ["--tag", $0] }
        let r = try ProcessRunner.sitesnap(args)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout, file: file, line: line)
        let id = try XCTUnwrap(json["id"] as? String, file: file, line: line)
        ids.append(id)
        guard let date else { return id }
        let copy = URL(fileURLWithPath: repo + "/" + id + ".manifest.json")
        var m = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: copy)) as? [String: Any])
        m["created_at"] = date
        try JSONSerialization.data(withJSONObject: m, options: [.sortedKeys]).write(to: copy)
        return id
    }

    /// `sitesnap ARGS --repo REPO`.
    func run(_ args: [String], environment: [String: String] = ["TZ": "UTC"]) throws -> ProcessResult {
        try ProcessRunner.sitesnap(args + ["--repo", repo], environment: environment)
    }

    /// The ids `list --json` shows.
    func listed() throws -> [String] {
        let r = try run(["list", "--json"])
        let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], r.stdout)
        return items.compactMap { $0["id"] as? String }
    }
}
