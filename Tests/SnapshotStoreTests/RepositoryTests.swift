import Foundation
@testable import SitesnapSystem
@testable import SnapshotFormat
@testable import SnapshotStore
import XCTest

/// The repository folder on its own (no engine, no database): where it is, what it lists, how a
/// reference resolves, how an id is reserved, and what `prepare` refuses.
final class RepositoryTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        let base = ProcessInfo.processInfo.environment["SITESNAP_TEST_TMP"] ?? NSTemporaryDirectory()
        dir = URL(fileURLWithPath: base + "/repository-tests-" + UUID().uuidString).standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func touch(_ name: String, bytes: Int = 0) {
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(count: bytes)), name)
    }

    private func manifest(id: String, archiveBytes: Int64, warnings: [SnapshotWarning] = []) -> Manifest {
        StoreFixture.manifest(id: id, archiveBytes: archiveBytes, warnings: warnings)
    }

    func testLocationPrecedence() {
        let env = ["SITESNAP_REPO": "/r/env", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"]
        XCTAssertEqual(Repository(explicit: "/r/explicit/./x/..", environment: env).path, "/r/explicit")
        XCTAssertEqual(Repository(explicit: "", environment: env).path, "/r/env")
        XCTAssertEqual(Repository(explicit: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/u"]).path,
                       "/xdg/sitesnap/snapshots")
        XCTAssertEqual(Repository(explicit: nil, environment: ["HOME": "/home/u"]).path, "/home/u/.local/share/sitesnap/snapshots")
    }

    func testListsArchivesOnlyWithTheirHealth() throws {
        touch("site-20261201T100000Z.tar.zst", bytes: 10)
        try manifest(id: "site-20261201T100000Z", archiveBytes: 10).encoded()
            .write(to: URL(fileURLWithPath: dir + "/site-20261201T100000Z.manifest.json"))
        touch("site-20261201T110000Z.tar", bytes: 5)
        try manifest(id: "site-20261201T110000Z", archiveBytes: 9).encoded()
            .write(to: URL(fileURLWithPath: dir + "/site-20261201T110000Z.manifest.json"))
        touch("site-20261201T120000Z.tar.gz", bytes: 3)  // no manifest copy
        touch(".site-20261201T130000Z.tar.zst.partial-123")  // a backup still writing
        touch("notes.txt")

        let entries = Repository(explicit: dir).list()
        XCTAssertEqual(entries.map(\.id), ["site-20261201T120000Z", "site-20261201T100000Z", "site-20261201T110000Z"],
                       "without a manifest copy an entry sorts first (no creation time); then by creation time and id")
        XCTAssertEqual(entries.map(\.health), [.unknown, .ok, .truncated])
        XCTAssertEqual(entries.map(\.archiveBytes), [3, 10, 5])
        XCTAssertEqual(entries[0].archivePath, dir + "/site-20261201T120000Z.tar.gz")
    }

    func testResolvesPathsIdsAndUniquePrefixes() throws {
        touch("blog-20261201T100000Z.tar.zst")
        touch("blog-20261201T100000Z-2.tar.zst")
        touch("shop-20261201T100000Z.tar")
        let repo = Repository(explicit: dir)
        XCTAssertEqual(try repo.resolve("blog-20261201T100000Z"), dir + "/blog-20261201T100000Z.tar.zst",
                       "an exact id wins over the longer id it is a prefix of")
        XCTAssertEqual(try repo.resolve("shop"), dir + "/shop-20261201T100000Z.tar")
        XCTAssertEqual(try repo.resolve(dir + "/./shop-20261201T100000Z.tar"), dir + "/shop-20261201T100000Z.tar")
        XCTAssertThrowsError(try repo.resolve("blog")) { e in
            XCTAssertEqual(e as? SitesnapError, .snapshotAmbiguous(reference: "blog", candidates: [
                "blog-20261201T100000Z  (no manifest copy)  ?", "blog-20261201T100000Z-2  (no manifest copy)  ?"]))
        }
        XCTAssertThrowsError(try repo.resolve("wiki")) { e in
            XCTAssertEqual(e as? SitesnapError, .snapshotNotFound(reference: "wiki", repository: dir))
        }
    }

    func testArchivesComeFromNamesAndASitesFromItsFolderName() throws {
        touch("blog-20261201T100000Z.tar.zst")
        touch("blog-20261201T100000Z.manifest.json")  // empty: not a manifest, and never read here
        touch("blog-old-20261201T100000Z.tar")
        touch("shop-20261201T100000Z.tar.gz")
        touch(".blog-20261201T110000Z.tar.zst.partial-1")
        touch("notes.txt")
        let repo = Repository(explicit: dir)
        XCTAssertEqual(repo.archives().map(\.id).sorted(), ["blog-20261201T100000Z", "blog-old-20261201T100000Z", "shop-20261201T100000Z"])
        XCTAssertEqual(repo.archives(ofSite: "/var/www/blog").map(\.archivePath).sorted(),
                       [dir + "/blog-20261201T100000Z.tar.zst", dir + "/blog-old-20261201T100000Z.tar"],
                       "the id's site part narrows; the manifest tells blog-old from blog")
        XCTAssertEqual(repo.archives(ofSite: "/srv/My Shop!").map(\.id), [], "sanitized like newID: My-Shop")
    }

    func testReservedIdsAreUniqueAndSanitized() throws {
        let repo = Repository(explicit: dir)
        let date = Date(timeIntervalSince1970: 0)
        let first = try repo.reserveID(siteRoot: "/srv/my site", label: "before update/1", date: date, fileExtension: ".tar.zst")
        XCTAssertEqual(first, "my-site-19700101T000000Z-before-update-1")
        XCTAssertEqual(try repo.reserveID(siteRoot: "/srv/my site", label: "before update/1", date: date, fileExtension: ".tar.zst"),
                       first + "-2", "a second backup in the same second gets its own id")
        XCTAssertEqual(FileManager.default.contents(atPath: dir + "/" + first + ".manifest.json"), Data(),
                       "the reservation is an empty manifest copy")
        XCTAssertEqual(Repository.sanitize("..."), "site")
    }

    func testPrepareRefusesARepositoryInsideTheSiteOrUnderAFile() throws {
        let site = dir + "/site"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        XCTAssertThrowsError(try Repository(explicit: site + "/snapshots").prepare(siteRoot: site)) { e in
            XCTAssertEqual(e as? SitesnapError, .repositoryInsideSite(repository: site + "/snapshots", site: site))
        }
        touch("file")
        XCTAssertThrowsError(try Repository(explicit: dir + "/file/snapshots").prepare(siteRoot: site)) { e in
            XCTAssertEqual((e as? SitesnapError)?.category, .io, "exit status 4")
        }
        let fresh = dir + "/new/snapshots"
        try Repository(explicit: fresh).prepare(siteRoot: site)
        let mode = try FileManager.default.attributesOfItem(atPath: fresh)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o700)
    }
}
