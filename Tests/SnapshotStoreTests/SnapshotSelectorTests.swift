import Foundation
@testable import SitesnapSystem
@testable import SnapshotFormat
@testable import SnapshotStore
import XCTest

/// Each form a SNAPSHOT argument takes, on summaries as a store lists them (oldest first), and on a
/// real repository folder for what needs the store (paths, exact ids from names alone).
final class SnapshotSelectorTests: XCTestCase {
    /// A summary of site `root` created at `time` (hours after 2026-12-01T00:00Z) with `label`.
    private func summary(_ id: String, _ root: String, hour: Int, label: String? = nil) -> SnapshotSummary {
        var m = StoreFixture.manifest(id: id, createdAt: String(format: "2026-12-01T%02d:00:00.000Z", hour))
        m.site.root = root
        m.label = label
        return SnapshotSummary(id: id, archivePath: "/repo/\(id).tar.zst", manifest: m, archiveBytes: 0)
    }

    private lazy var blog = [
        summary("blog-20261201T080000Z-before", "/var/www/blog", hour: 8, label: "before"),
        summary("blog-20261201T090000Z", "/var/www/blog", hour: 9),
        summary("blog-20261201T100000Z-after", "/var/www/blog", hour: 10, label: "after"),
    ]
    private lazy var shop = [
        summary("shop-20261201T083000Z-before", "/srv/shop", hour: 8, label: "before"),
        summary("shop-20261201T110000Z", "/srv/shop", hour: 11),
    ]

    private func choose(_ text: String, site: String? = nil, in list: [SnapshotSummary]) throws -> String {
        try SnapshotSelector(text, site: site).choose(from: list, location: "/repo").id
    }

    private func assertFails(_ text: String, site: String? = nil, in list: [SnapshotSummary], _ expected: SitesnapError,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try choose(text, site: site, in: list), file: file, line: line) { e in
            XCTAssertEqual(e as? SitesnapError, expected, file: file, line: line)
        }
    }

    func testLatestAndLatestBackOfTheOnlySite() throws {
        XCTAssertEqual(try choose("latest", in: blog), "blog-20261201T100000Z-after")
        XCTAssertEqual(try choose("latest~0", in: blog), "blog-20261201T100000Z-after")
        XCTAssertEqual(try choose("latest~2", in: blog), "blog-20261201T080000Z-before")
        assertFails("latest~3", in: blog, .snapshotSelectionFailed(reference: "latest~3", reason: "site /var/www/blog has 3 snapshots, so latest~2 is the oldest"))
        XCTAssertThrowsError(try SnapshotSelector("latest~x")) { e in
            guard case .snapshotSelectionFailed(let ref, _)? = e as? SitesnapError else { return XCTFail("\(e)") }
            XCTAssertEqual(ref, "latest~x")
        }
    }

    func testLatestWithSeveralSitesNeedsSite() throws {
        let both = (blog + shop).sorted { $0.manifest!.createdAt < $1.manifest!.createdAt }
        assertFails("latest", in: both, .snapshotSelectionFailed(reference: "latest", reason: "the repository holds snapshots of 2 sites: /var/www/blog, /srv/shop; choose one with --site"))
        XCTAssertEqual(try choose("latest", site: "/srv/shop", in: both), "shop-20261201T110000Z")
        XCTAssertEqual(try choose("latest~1", site: "blog", in: both), "blog-20261201T090000Z", "a site by its folder's name")
        assertFails("latest", site: "wiki", in: both, .snapshotSelectionFailed(reference: "latest", reason: "no snapshot of site wiki; sites: /var/www/blog, /srv/shop"))
    }

    func testLabelsAmbiguityAndPrefixes() throws {
        let both = (blog + shop).sorted { $0.manifest!.createdAt < $1.manifest!.createdAt }
        XCTAssertEqual(try choose("after", in: both), "blog-20261201T100000Z-after")
        assertFails("before", in: both, .snapshotAmbiguous(reference: "before", candidates: [
            "blog-20261201T080000Z-before  2026-12-01T08:00:00.000Z  /var/www/blog  before",
            "shop-20261201T083000Z-before  2026-12-01T08:00:00.000Z  /srv/shop  before",
        ]))
        XCTAssertEqual(try choose("before", site: "shop", in: both), "shop-20261201T083000Z-before", "--site narrows a label")
        XCTAssertEqual(try choose("shop-20261201T11", in: both), "shop-20261201T110000Z", "a unique id prefix")
        assertFails("blog-2026", in: both, .snapshotAmbiguous(reference: "blog-2026", candidates: blog.map(SnapshotSelector.describe)))
        XCTAssertEqual(try choose("blog-20261201T090000Z", site: "shop", in: both), "blog-20261201T090000Z", "an exact id is exact whatever --site says")
        assertFails("blog-2026", site: "shop", in: both, .snapshotSelectionFailed(reference: "blog-2026", reason: "no snapshot of site shop has that label or id prefix (snapshots of other sites do)"))
        assertFails("wiki", in: both, .snapshotNotFound(reference: "wiki", repository: "/repo"))
    }

    /// A label wins over an id prefix it also is; an exact id over a label.
    func testPrecedence() throws {
        let list = [summary("blog-20261201T080000Z", "/var/www/blog", hour: 8, label: "blog"),
                    summary("blog-20261201T090000Z", "/var/www/blog", hour: 9, label: "blog-20261201T080000Z")]
        XCTAssertEqual(try choose("blog", in: list), "blog-20261201T080000Z")
        XCTAssertEqual(try choose("blog-20261201T080000Z", in: list), "blog-20261201T080000Z")
    }

    /// Through a real folder: an archive path, an exact id without reading any manifest (both copies
    /// here are damaged), and `latest` from the manifest copies.
    func testThroughTheFolderStore() throws {
        let dir = try StoreFixture.makeTempDir("selector")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (id, hour) in [("blog-20261201T080000Z", 8), ("blog-20261201T090000Z", 9)] {
            XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/" + id + ".tar.zst", contents: Data()))
            var m = StoreFixture.manifest(id: id, createdAt: String(format: "2026-12-01T%02d:00:00.000Z", hour))
            m.site.root = "/var/www/blog"
            try m.encoded().write(to: URL(fileURLWithPath: dir + "/" + id + ".manifest.json"))
        }
        let repo = Repository(explicit: dir)
        XCTAssertEqual(try repo.resolve("latest"), dir + "/blog-20261201T090000Z.tar.zst")
        XCTAssertEqual(try repo.resolve("latest~1", site: "/var/www/blog/"), dir + "/blog-20261201T080000Z.tar.zst")
        XCTAssertEqual(try repo.resolve(dir + "/blog-20261201T080000Z.tar.zst"), dir + "/blog-20261201T080000Z.tar.zst")
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: dir + "/blog-20261201T080000Z.manifest.json"))
        XCTAssertEqual(try repo.resolve("blog-20261201T080000Z"), dir + "/blog-20261201T080000Z.tar.zst")
        XCTAssertEqual(try repo.resolve("latest"), dir + "/blog-20261201T090000Z.tar.zst", "a snapshot without a readable copy has no date")
    }
}
