import Foundation
import XCTest

/// diff-db and list read each manifest they need once and no other (issue 14: diff-db read every
/// manifest of the repository, of every site, 3 to 10 times). Opens are counted by the kernel
/// (`FileOpens`), in a repository that also holds an older snapshot of the site and other sites'
/// snapshots with damaged manifests.
extension DiffDbTests {
    private static let manifest = ".manifest.json"

    /// A copy of the lifecycle's repository, plus `<site>-20000101T000000Z-old` (S0 dated 2000: never
    /// needed, S0 is newer) and three other sites whose manifest copies are not JSON.
    private func crowdedRepository(_ l: Lifecycle) throws -> (repo: String, older: String) {
        let fm = FileManager.default
        let repo = TestEnvironment.makeTempDir("diffreads")
        for id in [l.s0, l.s1, l.s2] {
            for ext in [".tar.zst", Self.manifest] { try fm.copyItem(atPath: l.repo + "/" + id + ext, toPath: repo + "/" + id + ext) }
        }
        // `<site>-<16 characters of UTC time>-s0`
        let stem = String(l.s0.dropLast(16 + "-s0".count))
        let older = stem + "20000101T000000Z-old"
        var m = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: l.repo + "/" + l.s0 + Self.manifest))) as? [String: Any])
        m["id"] = older
        m["created_at"] = "2000-01-01T00:00:00.000Z"
        try JSONSerialization.data(withJSONObject: m).write(to: URL(fileURLWithPath: repo + "/" + older + Self.manifest))
        try fm.copyItem(atPath: l.repo + "/" + l.s0 + ".tar.zst", toPath: repo + "/" + older + ".tar.zst")
        for other in ["wiki-20261201T100000Z", "shop-20261201T100000Z", stem + "old-20261201T100000Z"] {
            try fm.copyItem(atPath: l.repo + "/" + l.s1 + ".tar.zst", toPath: repo + "/" + other + ".tar.zst")
            try Data("damaged, not JSON".utf8).write(to: URL(fileURLWithPath: repo + "/" + other + Self.manifest))
        }
        return (repo, older)
    }

    func testDiffReadsOnlyTheManifestsItNeedsEachOnce() throws {
        let l = try lifecycle()
        let (repo, _) = try crowdedRepository(l)
        let opens = try FileOpens(folder: repo)
        let r = try ProcessRunner.sitesnap(["diff-db", "--repo", repo, l.s1, l.s2, "--json"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let manifests = opens.take().filter { $0.key.hasSuffix(Self.manifest) }
        // BEFORE, AFTER, and S0: the newest snapshot without the removed plugin, the leftovers' evidence.
        XCTAssertEqual(manifests, [l.s0 + Self.manifest: 1, l.s1 + Self.manifest: 1, l.s2 + Self.manifest: 1])

        // The same leftovers as in the repository of the three snapshots alone.
        let plain = try ProcessRunner.sitesnap(["diff-db", "--repo", l.repo, l.s1, l.s2, "--json"])
        func leftovers(_ out: String) throws -> NSArray? {
            (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])?["leftovers"] as? NSArray
        }
        XCTAssertEqual(try leftovers(r.stdout), try leftovers(plain.stdout))
        XCTAssertGreaterThan(try leftovers(r.stdout)?.count ?? 0, 0)
    }

    func testIdenticalSnapshotsReadOneManifestOnce() throws {
        let l = try lifecycle()
        let (repo, _) = try crowdedRepository(l)
        let opens = try FileOpens(folder: repo)
        let r = try ProcessRunner.sitesnap(["diff-db", "--repo", repo, l.s0, l.s0])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(opens.take().filter { $0.key.hasSuffix(Self.manifest) }, [l.s0 + Self.manifest: 1])
    }

    func testListReadsEachManifestCopyOnceAndNoArchive() throws {
        let l = try lifecycle()
        let (repo, _) = try crowdedRepository(l)
        let names = try FileManager.default.contentsOfDirectory(atPath: repo)
        let opens = try FileOpens(folder: repo)
        let r = try ProcessRunner.sitesnap(["list", "--repo", repo, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = Dictionary(uniqueKeysWithValues: names.filter { $0.hasSuffix(Self.manifest) }.map { ($0, 1) })
        XCTAssertEqual(opens.take(), expected, "each manifest copy once, no archive")
    }
}
