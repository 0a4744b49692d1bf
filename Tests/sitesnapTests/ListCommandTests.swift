import Foundation
import XCTest

/// `list --site` and `list --tag` (restic's tag lists) on real snapshots; `backup --tag` checks.
final class ListCommandTests: XCTestCase {
    func testTagsAreShownAndFilter() throws {
        var row = SnapshotRow()
        let both = try row.backup("blog", date: nil, tags: ["release", "v1"])
        let one = try row.backup("blog", date: nil, tags: ["release"])
        let none = try row.backup("shop", date: nil)
        func ids(_ args: [String]) throws -> [String] {
            let r = try row.run(["list", "--json"] + args)
            XCTAssertEqual(r.status, 0, r.stderr)
            return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        XCTAssertEqual(try ids(["--tag", "release"]), [both, one])
        XCTAssertEqual(try ids(["--tag", "release,v1"]), [both], "a comma: all of them")
        XCTAssertEqual(try ids(["--tag", "v1", "--tag", ""]), [both, none], "repeated: any list; '' the untagged")
        XCTAssertEqual(try ids(["--site", "shop"]), [none])
        let text = try row.run(["list"])
        let header = try XCTUnwrap(text.stdout.split(separator: "\n").first)
        XCTAssertTrue(header.contains("LABEL  TAGS"), String(header))
        XCTAssertTrue(text.stdout.contains("release,v1"), text.stdout)
        XCTAssertFalse(try row.run(["list", "--site", "shop"]).stdout.contains("TAGS"), "no column when no snapshot listed has tags")

        let comma = try ProcessRunner.sitesnap(["backup", row.sites["blog"]!, "--no-db", "--repo", row.repo, "--tag", "a,b"])
        XCTAssertEqual(comma.status, 2)
        XCTAssertOneErrorLine(comma)
        XCTAssertEqual(try ids([]).count, 3, "nothing written")
    }
}
