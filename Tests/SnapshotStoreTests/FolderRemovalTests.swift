import Foundation
@testable import SitesnapSystem
@testable import SnapshotFormat
@testable import SnapshotStore
import XCTest

/// Removing a folder snapshot: all its parts, never one a restore holds, never one being written.
final class FolderRemovalTests: XCTestCase {
    private func repository() throws -> (Repository, String) {
        let dir = try StoreFixture.makeTempDir("removal")
        for id in ["blog-20261201T080000Z", "blog-20261201T090000Z"] {
            for ext in [".tar.zst", ".index.jsonl"] { XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/" + id + ext, contents: Data("x".utf8))) }
            try StoreFixture.manifest(id: id).encoded().write(to: URL(fileURLWithPath: dir + "/" + id + ".manifest.json"))
        }
        return (Repository(explicit: dir), dir)
    }

    func testRemovesTheArchiveAndBothCopiesOnly() throws {
        let (repo, dir) = try repository()
        try repo.remove(dir + "/blog-20261201T080000Z.tar.zst")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(),
                       ["blog-20261201T090000Z.index.jsonl", "blog-20261201T090000Z.manifest.json", "blog-20261201T090000Z.tar.zst"])
        XCTAssertThrowsError(try repo.remove(dir + "/blog-20261201T080000Z.tar.zst")) { e in
            XCTAssertEqual(e as? SitesnapError, .snapshotNotFound(reference: "blog-20261201T080000Z.tar.zst", repository: dir))
        }
    }

    /// A hold (what a restore takes) makes removal refuse, removing nothing; released, it goes.
    func testAHeldSnapshotIsNotRemoved() throws {
        let (repo, dir) = try repository()
        let key = dir + "/blog-20261201T090000Z.tar.zst"
        var hold: (any SnapshotHold)? = try repo.hold(key)
        XCTAssertThrowsError(try repo.remove(key)) { e in
            guard case .snapshotInUse(let id, _)? = e as? SitesnapError else { return XCTFail("\(e)") }
            XCTAssertEqual(id, "blog-20261201T090000Z")
        }
        XCTAssertEqual(repo.list().count, 2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/blog-20261201T090000Z.index.jsonl"))
        var second: (any SnapshotHold)? = try repo.hold(key)  // several restores of one snapshot share it
        hold = nil
        XCTAssertThrowsError(try repo.remove(key), "the second hold still keeps it")
        XCTAssertNotNil(second)
        second = nil
        XCTAssertNil(hold ?? second)
        try repo.remove(key)
        XCTAssertEqual(repo.list().map(\.id), ["blog-20261201T080000Z"])
    }

    /// A hold taken after a removal finds the snapshot gone.
    func testAHoldOnARemovedSnapshotFails() throws {
        let (repo, dir) = try repository()
        let key = dir + "/blog-20261201T080000Z.tar.zst"
        try repo.remove(key)
        XCTAssertThrowsError(try repo.hold(key))
    }

    /// A snapshot being written is a hidden partial under the backup's lock: not listed, so neither
    /// `forget` nor `delete` can name it; its id resolves to nothing.
    func testASnapshotBeingWrittenIsNotListed() throws {
        let (repo, _) = try repository()
        let sink = try repo.beginSnapshot(NewSnapshot(siteRoot: "/srv/shop", label: nil, date: Date(), fileExtension: ".tar"))
        defer { sink.abandon() }
        XCTAssertFalse(repo.list().contains { $0.id == sink.id })
        XCTAssertThrowsError(try repo.resolve(sink.id))
        XCTAssertThrowsError(try repo.remove(sink.location))
    }

    func testAnArchiveOutsideTheRepositoryIsRefused() throws {
        let (repo, _) = try repository()
        let (_, other) = try repository()
        XCTAssertThrowsError(try repo.remove(other + "/blog-20261201T080000Z.tar.zst")) { e in
            guard case .invalidOption? = e as? SitesnapError else { return XCTFail("\(e)") }
        }
    }
}
