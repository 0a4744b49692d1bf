import Foundation
import SnapshotStore
import XCTest

/// `sitesnap delete` and the selection of a SNAPSHOT argument (latest, latest~N, labels, prefixes,
/// ambiguity) as the built binary, on real snapshots.
final class DeleteCommandTests: XCTestCase {
    private func selected(_ row: SnapshotRow, _ args: [String]) throws -> (status: Int32, ids: [String], stderr: String) {
        let r = try row.run(["delete", "--dry-run", "--json"] + args)
        let json = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any]
        let ids = (json?["groups"] as? [[String: Any]] ?? []).flatMap { ($0["removed"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        return (r.status, ids, r.stderr)
    }

    func testEverySelectorForm() throws {
        var row = SnapshotRow()
        let b1 = try row.backup("blog", date: nil, label: "before")
        let b2 = try row.backup("blog", date: nil)
        let b3 = try row.backup("blog", date: nil, label: "after")
        let s1 = try row.backup("shop", date: nil, label: "before")
        XCTAssertEqual(try selected(row, ["latest", "--site", "blog"]).ids, [b3])
        XCTAssertEqual(try selected(row, ["latest~1", "--site", row.sites["blog"]!]).ids, [b2])
        XCTAssertEqual(try selected(row, ["latest", "--site", "shop"]).ids, [s1])
        XCTAssertEqual(try selected(row, ["after"]).ids, [b3], "a label")
        XCTAssertEqual(try selected(row, ["before", "--site", "shop"]).ids, [s1])
        XCTAssertEqual(try selected(row, [String(s1.prefix(6))]).ids, [s1], "a unique id prefix")
        XCTAssertEqual(try selected(row, [b1, row.repo + "/" + b2 + ".tar.zst"]).ids, [b1, b2], "an id and a path")

        let several = try selected(row, ["latest"])
        XCTAssertEqual(several.status, 2)
        XCTAssertEqual(several.stderr, "sitesnap: error: cannot select snapshot 'latest': the repository holds snapshots of 2 sites: \(row.sites["blog"]!), \(row.sites["shop"]!); choose one with --site.\n")
        let range = try selected(row, ["latest~3", "--site", "blog"])
        XCTAssertEqual(range.status, 2)
        XCTAssertTrue(range.stderr.contains("has 3 snapshots, so latest~2 is the oldest"), range.stderr)
        let ambiguous = try selected(row, ["before"])
        XCTAssertEqual(ambiguous.status, 2)
        let lines = ambiguous.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, ambiguous.stderr)
        XCTAssertEqual(lines.first, "sitesnap: error: snapshot 'before' is ambiguous: 2 snapshots match (listed below); give a full id, more of it, or --site.")
        XCTAssertTrue(lines[1].hasPrefix("  \(b1)  20") && lines[1].hasSuffix("  \(row.sites["blog"]!)  before"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("  \(s1)  20"), lines[2])

        // verify takes the same forms (its manifest copies are untouched here).
        let v = try row.run(["verify", "latest~2", "--site", "blog"])
        XCTAssertEqual(v.status, 0, v.stderr)
        XCTAssertTrue(v.stdout.hasPrefix("ok: \(b1):"), v.stdout)
        XCTAssertEqual(try row.listed().count, 4, "dry runs removed nothing")
    }

    func testDeleteRemovesAllPartsAndNothingOnAnUnknownName() throws {
        var row = SnapshotRow()
        let a = try row.backup("blog", date: nil, label: "a")
        let b = try row.backup("blog", date: nil, label: "b")
        let unknown = try row.run(["delete", a, "no-such-snapshot"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertOneErrorLine(unknown)
        XCTAssertEqual(try row.listed(), [a, b], "one unknown name removes nothing")
        let r = try row.run(["delete", "a"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("removed 1 snapshot:\n    \(a)  20"), r.stdout)
        XCTAssertEqual(try row.listed(), [b])
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: row.repo).contains { $0.hasPrefix(a + ".") })
        XCTAssertEqual(try row.run(["delete", a]).status, 2, "gone")
    }

    /// A held snapshot (what a restore holds) is refused with one line and exit 2; the others go.
    func testAHeldSnapshotIsRefused() throws {
        var row = SnapshotRow()
        let a = try row.backup("blog", date: nil, label: "a")
        let b = try row.backup("blog", date: nil, label: "b")
        let hold = try Repository(explicit: row.repo).hold(row.repo + "/" + a + ".tar.zst")
        let r = try row.run(["delete", a, b])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "sitesnap: error: snapshot \(a) is not removed: a restore is reading it (it holds a lock on the archive); run again when that ends.\n")
        XCTAssertEqual(try row.listed(), [a])
        withExtendedLifetime(hold) {}
    }
}
