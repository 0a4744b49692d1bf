import Foundation
@testable import SitesnapCore
@testable import SitesnapSystem
import SnapshotStore
import XCTest

/// A restore holds its snapshot from the plan to its end (`RestorePlan`, `SnapshotStore.hold`):
/// `sitesnap delete` run by another process meanwhile is refused, and it goes after.
final class RestoreHoldTests: XCTestCase {
    func testASnapshotBeingRestoredIsNeverRemoved() throws {
        _ = try TestEnvironment.requireDatabase()
        let db = try TestDatabase.create("hold")
        try TestDatabase.admin(database: db).execute("CREATE TABLE wp_options (option_id INT PRIMARY KEY, option_name VARCHAR(64) NOT NULL, option_value TEXT)")
        let root = try TinySite.wordpress(database: db, user: db + "_u")
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", root, "--repo", repo, "--no-db"])
        XCTAssertEqual(b.status, 0, b.stderr)
        let id = try XCTUnwrap(Snapshots.archives(repo).first).replacingOccurrences(of: ".tar.zst", with: "")
        var request = try RestoreRequest.ofOnlySnapshot(in: repo, database: db + "_stg")
        request.snapshot = "latest"
        request.repository = repo
        let during = Locked<[ProcessResult]>([])
        request.progress = { _ in
            guard during.withLock({ $0.isEmpty }) else { return }
            let delete = (try? ProcessRunner.sitesnap(["delete", id, "--repo", repo])) ?? ProcessResult(stdout: "", stderr: "did not run", status: -1)
            during.withLock { $0 = [delete] }
        }
        let r = try RestoreRunner.run(request, store: Repository(explicit: repo))
        XCTAssertEqual(r.verification?.ok, true)
        let runs = during.withLock { $0 }
        XCTAssertEqual(runs.first?.status, 2, runs.first?.stderr ?? "no delete ran during the restore")
        XCTAssertEqual(runs.first?.stderr, "sitesnap: error: snapshot \(id) is not removed: a restore is reading it (it holds a lock on the archive); run again when that ends.\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo + "/" + id + ".tar.zst"))
        let after = try ProcessRunner.sitesnap(["delete", id, "--repo", repo])
        XCTAssertEqual(after.status, 0, "released when the restore ended: \(after.stderr)")
    }
}
