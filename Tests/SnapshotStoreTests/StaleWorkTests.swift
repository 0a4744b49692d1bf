import Foundation
@testable import SnapshotStore
import XCTest

/// What `StaleWork` removes: everything a killed backup leaves under the names `FolderSink` uses, and
/// nothing of a backup still writing (its partial archive is locked).
final class StaleWorkTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try StoreFixture.makeTempDir("stale-work-tests") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// The pid of a process that has exited.
    private func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    private func touch(_ name: String) {
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data()), name)
    }

    func testRemovesAKilledBackupsLeftovers() throws {
        let pid = try deadPID()
        let id = "blog-20261201T100000Z"
        touch("\(id).manifest.json")  // the id reservation
        touch(".\(id).tar.zst.partial-\(pid)")
        touch(".\(id).files-spool-\(pid)")
        touch("\(id).manifest.json.tmp-\(pid)")
        try FileManager.default.createDirectory(atPath: dir + "/.sitesnap-spool-\(pid)-abcd1234", withIntermediateDirectories: false)
        touch(".sitesnap-spool-\(pid)-abcd1234/1-0001-wp_options.sql")
        touch("other-20261130T100000Z.tar.zst")  // a snapshot: never touched

        let removed = StaleWork.sweep(repository: dir, now: Date().addingTimeInterval(3600))
        XCTAssertEqual(Set(removed), [".\(id).tar.zst.partial-\(pid)", ".\(id).files-spool-\(pid)", "\(id).manifest.json.tmp-\(pid)",
                                      ".sitesnap-spool-\(pid)-abcd1234", "\(id).manifest.json"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["other-20261130T100000Z.tar.zst"])
    }

    /// A removal stopped after it unlinked the archive leaves copies that no snapshot has: swept.
    func testRemovesTheCopiesOfAnInterruptedRemoval() throws {
        let id = "blog-20261201T100000Z"
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/\(id).manifest.json", contents: Data("{}".utf8)))
        touch("\(id).index.jsonl")
        touch("other-20261130T100000Z.tar.zst")
        touch("other-20261130T100000Z.manifest.json")
        XCTAssertEqual(StaleWork.sweep(repository: dir), [], "nothing younger than a minute")
        XCTAssertEqual(Set(StaleWork.sweep(repository: dir, now: Date().addingTimeInterval(3600))), ["\(id).manifest.json", "\(id).index.jsonl"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["other-20261130T100000Z.manifest.json", "other-20261130T100000Z.tar.zst"])
    }

    func testLeavesABackupThatIsStillWriting() throws {
        let sink = try Repository(explicit: dir).beginSnapshot(NewSnapshot(siteRoot: "/srv/blog", label: nil, date: Date(), fileExtension: ".tar.zst"))
        _ = try sink.makeSpoolFolder()
        XCTAssertTrue(FileManager.default.createFile(atPath: sink.filesSpoolPath, contents: Data()))
        let before = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        XCTAssertEqual(before.count, 4)
        XCTAssertEqual(StaleWork.sweep(repository: dir, now: Date().addingTimeInterval(3600)), [],
                       "a locked partial marks its pid's spools and its reservation as live")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), before)
        sink.abandon()
    }

    func testAFolderThatCannotBeReadIsNotAnError() {
        XCTAssertEqual(StaleWork.sweep(repository: dir + "/missing"), [])
    }
}
