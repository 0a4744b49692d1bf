import Foundation
@testable import SitesnapSystem
@testable import SnapshotFormat
@testable import SnapshotStore
import XCTest

/// A new snapshot in a repository folder: invisible until commit, then visible with its manifest
/// copy; abandoned (or dropped) it leaves nothing behind; while it is written `StaleWork` leaves it.
final class FolderSinkTests: XCTestCase {
    private var dir = ""
    private let plan = NewSnapshot(siteRoot: "/srv/blog", label: nil, date: Date(timeIntervalSince1970: 1_800_000_000),
                                   fileExtension: ".tar")

    override func setUpWithError() throws { dir = try StoreFixture.makeTempDir("folder-sink-tests") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    private func writeArchive(into sink: any SnapshotSink) throws {
        let tmp = try StoreFixture.makeTempDir("archive")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try StoreFixture.writeArchive(tmp + "/a.tar", [.init(path: "files/x", contents: "x")],
                                      manifest: StoreFixture.manifest(id: sink.id))
        let data = try Data(contentsOf: URL(fileURLWithPath: tmp + "/a.tar"))
        try data.withUnsafeBytes { try writeAll(sink.fileDescriptor, $0, path: sink.location) }
    }

    func testNothingIsListedUntilCommitThenAllAtOnce() throws {
        let store = Repository(explicit: dir)
        let sink = try store.beginSnapshot(plan)
        XCTAssertEqual(sink.id, "blog-20270115T080000Z")
        try writeArchive(into: sink)
        let spool = try sink.makeSpoolFolder()
        XCTAssertTrue(FileManager.default.createFile(atPath: sink.filesSpoolPath, contents: Data("spool".utf8)))
        XCTAssertEqual(store.list().map(\.id), [], "a snapshot being written is not listed")
        XCTAssertThrowsError(try store.resolve(sink.id))
        XCTAssertEqual(store.sweepStale(), [], "its partial archive is locked: not stale")

        let done = try sink.commit(StoreFixture.manifest(id: sink.id))
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: done.archivePath)[.size] as? NSNumber).int64Value
        XCTAssertEqual(done.archivePath, dir + "/blog-20270115T080000Z.tar")
        XCTAssertEqual(done.manifest.totals.archiveBytes, size)
        XCTAssertEqual(try names(), ["blog-20270115T080000Z.manifest.json", "blog-20270115T080000Z.tar"],
                       "the partial is renamed, the spools are gone")
        XCTAssertFalse(FileManager.default.fileExists(atPath: spool))
        let listed = store.list()
        XCTAssertEqual(listed.map(\.id), [sink.id])
        XCTAssertEqual(listed.map(\.health), [.ok], "the copy records the archive's size")
        XCTAssertEqual(try store.resolve("blog"), done.archivePath)
        XCTAssertEqual(try store.reader("blog").manifest.id, sink.id)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: done.archivePath)[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o600)
        sink.abandon()
        XCTAssertEqual(try names().count, 2, "abandon after commit does nothing")
    }

    func testAbandonLeavesNothing() throws {
        let store = Repository(explicit: dir)
        let sink = try store.beginSnapshot(plan)
        try writeArchive(into: sink)
        _ = try sink.makeSpoolFolder()
        XCTAssertTrue(FileManager.default.createFile(atPath: sink.filesSpoolPath, contents: Data()))
        XCTAssertEqual(try names().count, 4, "reservation, partial, spool folder, files spool")
        sink.abandon()
        sink.abandon()
        XCTAssertEqual(try names(), [])
    }

    func testADroppedSinkAbandons() throws {
        let store = Repository(explicit: dir)
        do {
            let sink = try store.beginSnapshot(plan)
            try writeArchive(into: sink)
        }
        XCTAssertEqual(try names(), [])
    }

    func testTwoSinksInOneSecondGetTwoIds() throws {
        let store = Repository(explicit: dir)
        let first = try store.beginSnapshot(plan)
        let second = try store.beginSnapshot(plan)
        XCTAssertEqual([first.id, second.id], ["blog-20270115T080000Z", "blog-20270115T080000Z-2"])
    }

    func testAnUnwritableFolderIsRefusedWithoutLeftovers() throws {
        let store = Repository(explicit: dir + "/missing")
        XCTAssertThrowsError(try store.beginSnapshot(plan)) { e in
            XCTAssertEqual((e as? SitesnapError)?.category, .io)
        }
    }

    func testACommitThatCannotPublishShowsNothing() throws {
        let store = Repository(explicit: dir)
        let sink = try store.beginSnapshot(plan)
        try writeArchive(into: sink)
        // A folder where the manifest copy goes (in place of the reserved empty file): writing it fails.
        let copy = dir + "/\(sink.id).manifest.json"
        try FileManager.default.removeItem(atPath: copy)
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: false)
        XCTAssertThrowsError(try sink.commit(StoreFixture.manifest(id: sink.id))) { e in
            guard case .archiveWriteFailed? = e as? SitesnapError else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(store.list().map(\.id), [])
        sink.abandon()
        XCTAssertEqual(try names(), ["\(sink.id).manifest.json"], "only the folder the test made is left")
    }
}
