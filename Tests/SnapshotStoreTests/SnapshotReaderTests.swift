import ArchiveKit
import Foundation
@testable import SitesnapSystem
@testable import SnapshotFormat
@testable import SnapshotStore
import XCTest

/// Reading a snapshot through its source: where the manifest comes from, and entries asked for in any
/// order of a real archive.
final class SnapshotReaderTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try StoreFixture.makeTempDir("snapshot-reader-tests") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// The backup's depth-first walk: a folder's entries, then the next sibling.
    private let depthFirst: [StoreFixture.Item] = [
        .init(path: "database/1-0001-wp_options.sql", contents: "-- options"),
        .init(path: "files", contents: nil),
        .init(path: "files/a", contents: nil),
        .init(path: "files/a/b", contents: "B"),
        .init(path: "files/a-c", contents: "C"),
    ]

    private func archive(_ name: String = "site-20261201T100000Z") throws -> String {
        let path = dir + "/" + name + ".tar"
        try StoreFixture.writeArchive(path, depthFirst, manifest: StoreFixture.manifest(id: name))
        return path
    }

    /// Bug of a88e563: `open(entry:)` took "string order is archive order" to decide whether an entry
    /// lies behind. `files/a-c` sorts before `files/a/b` ('-' < '/') but comes after it in the
    /// archive, so asking for `files/a/b` after `files/a-c` scanned on to the end: "entry is missing".
    func testOpensEntriesInAnyOrderOfADepthFirstArchive() throws {
        let path = try archive()
        XCTAssertEqual(try StoreFixture.tarList(path), depthFirst.map(\.path) + ["manifest.json"],
                       "stock tar reads the entries in the order they were written")
        let reader = try SnapshotReader(path: path)
        XCTAssertEqual(try StoreFixture.text(reader.open(entry: "files/a-c")), "C")
        XCTAssertEqual(try StoreFixture.text(reader.open(entry: "files/a/b")), "B", "an entry behind, though it sorts after")
        XCTAssertEqual(try StoreFixture.text(reader.open(entry: "files/a-c")), "C", "an entry ahead, though it sorts before")
        XCTAssertEqual(try StoreFixture.text(reader.open(entry: "files/a-c")), "C", "the entry it is at, read again")
        XCTAssertEqual(try StoreFixture.text(reader.open(entry: "database/1-0001-wp_options.sql")), "-- options")
    }

    func testAMissingEntryNamesTheArchive() throws {
        let path = try archive()
        let reader = try SnapshotReader(path: path)
        XCTAssertThrowsError(try reader.open(entry: "files/zzz")) { e in
            XCTAssertEqual(e as? SitesnapError, .snapshotUnreadable(path: path, reason: "entry files/zzz is missing; run `sitesnap verify`"))
        }
        XCTAssertEqual(try StoreFixture.text(reader.open(entry: "files/a/b")), "B", "still usable after a miss")
    }

    func testTheManifestComesFromTheCopyUnlessTheArchiveIsAsked() throws {
        let path = try archive()
        let copy = dir + "/site-20261201T100000Z.manifest.json"
        var other = StoreFixture.manifest(id: "site-20261201T100000Z")
        other.label = "from the copy"
        try other.encoded().write(to: URL(fileURLWithPath: copy))

        let fast = try SnapshotReader(path: path)
        XCTAssertEqual(fast.manifest.label, "from the copy")
        XCTAssertEqual(fast.manifestCopy, copy)
        let own = try SnapshotReader(path: path, preferCopy: false)
        XCTAssertNil(own.manifest.label)
        XCTAssertNil(own.manifestCopy)

        try Data("{not json".utf8).write(to: URL(fileURLWithPath: copy))
        let fallback = try SnapshotReader(path: path)
        XCTAssertNil(fallback.manifestCopy, "a copy that does not parse is passed over for the archive's manifest")
        XCTAssertEqual(fallback.manifest.id, "site-20261201T100000Z")
    }

    func testRefusesACopyOfANewerFormat() throws {
        let path = try archive()
        let copy = dir + "/site-20261201T100000Z.manifest.json"
        try Data(#"{"format_version": 999}"#.utf8).write(to: URL(fileURLWithPath: copy))
        XCTAssertThrowsError(try SnapshotReader(path: path)) { e in
            XCTAssertEqual(e as? SitesnapError, .snapshotTooNew(path: copy, version: 999, supported: Manifest.currentFormatVersion))
        }
    }

    func testRefusesWhatIsNotASnapshot() throws {
        let missing = dir + "/none.tar"
        XCTAssertThrowsError(try SnapshotReader(path: missing)) { e in
            XCTAssertEqual(e as? SitesnapError, .snapshotUnreadable(path: missing, reason: "no such file"))
        }
        let text = dir + "/notes.tar"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: text))
        XCTAssertThrowsError(try SnapshotReader(path: text)) { e in
            guard case .snapshotUnreadable(let p, let reason)? = e as? SitesnapError else { return XCTFail("\(e)") }
            XCTAssertEqual(p, text)
            XCTAssertTrue(reason.hasPrefix("damaged archive: "), reason)
        }
        let plain = dir + "/plain.tar"
        let fd = open(plain, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let w = try TarPartWriter(fileDescriptor: fd, compression: .none, endOfArchive: true)
        try w.writeHeader(ArchiveEntry(path: "readme", kind: .regular(size: 0), mode: 0o644, mtimeSeconds: 0))
        try w.close()
        close(fd)
        XCTAssertThrowsError(try SnapshotReader(path: plain)) { e in
            XCTAssertEqual(e as? SitesnapError, .snapshotUnreadable(path: plain, reason: "it has no manifest.json: not a sitesnap snapshot"))
        }
    }

    func testForEachFileStreamsOneFolder() throws {
        let reader = try SnapshotReader(path: try archive())
        var seen: [String: String] = [:]
        try reader.forEachFile(under: "files/a/") { path, r in seen[path] = try StoreFixture.text(r) }
        XCTAssertEqual(seen, ["files/a/b": "B"])
    }

    func testTheStoreOpensAReference() throws {
        _ = try archive()
        let reader = try Repository(explicit: dir).reader("site-2026")
        XCTAssertEqual(reader.path, dir + "/site-20261201T100000Z.tar")
        XCTAssertEqual(reader.manifest.id, "site-20261201T100000Z")
    }
}
