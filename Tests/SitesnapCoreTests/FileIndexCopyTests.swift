import Foundation
import XCTest

/// Format 3 keeps the file list in `index.jsonl`, in the archive and as `<id>.index.jsonl` beside it:
/// without the copy, verify and restore read the archive's own; a copy that differs is said by
/// verify and refused by restore; format 2 snapshots (the list in the manifest) still verify and
/// restore.
final class FileIndexCopyTests: XCTestCase {
    private func sh(_ c: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try ProcessRunner.shell(c)
        XCTAssertEqual(r.status, 0, c + "\n" + r.stderr, file: file, line: line)
        return r.stdout
    }

    /// A site with a folder of files, a symlink, a hard link and a name that is not UTF-8, backed up
    /// without its database: (site, archive, the index copy's path).
    private func snapshot() throws -> (site: String, archive: String, index: String) {
        let site = try TinySite.wordpress()
        _ = try sh("cd '\(site)' && mkdir -p wp-content/uploads/2024 && for i in $(seq 1 300); do echo $i > wp-content/uploads/2024/f$i.txt; done"
                   + " && ln -s wp-load.php link.php && ln wp-load.php hard.php && printf x > \"caf$(printf '\\351').txt\""
                   // Whole seconds: the format 2 archive below is rewritten by Python, whose tar times are floats.
                   + " && find . -exec touch -h -d @1700000000 {} +")
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", repo])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let archive = repo + "/" + Snapshots.archives(repo)[0]
        return (site, archive, String(archive.dropLast(".tar.zst".count)) + ".index.jsonl")
    }

    private func restore(_ archive: String, _ name: String) throws -> (ProcessResult, String) {
        let target = TestEnvironment.makeTempDir("t-\(name)") + "/site"
        let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", "index_\(name)", "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", try TestEnvironment.requireDatabase()])
        return (r, target)
    }

    /// The restore of `archive` succeeds and gives the site's tree (but the rewritten config).
    private func assertRestoresTheSite(_ archive: String, _ site: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (r, target) = try restore(archive, name)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        XCTAssertEqual(try TreeDigest.of(target).replacingOccurrences(of: "wp-config.php", with: ""),
                       try TreeDigest.of(site).replacingOccurrences(of: "wp-config.php", with: ""), file: file, line: line)
    }

    func testWithoutTheCopyVerifyAndRestoreReadTheArchivesOwnIndex() throws {
        let (site, archive, index) = try snapshot()
        XCTAssertTrue(FileManager.default.fileExists(atPath: index))
        try FileManager.default.removeItem(atPath: index)
        let v = try ProcessRunner.sitesnap(["verify", archive])
        XCTAssertEqual(v.status, 0, v.stdout + v.stderr)
        try assertRestoresTheSite(archive, site, "nocopy")
    }

    /// A snapshot extracted, changed by the shell command `change`, packed again by stock tar as
    /// `<dir>/A.tar.zst` beside the original manifest copy (and index copy), then verified (exit 1):
    /// the folder and the problems listed.
    private func repackAndVerify(change: String, indexCopy: Bool) throws -> (String, [[String: Any]]) {
        let (_, archive, index) = try snapshot()
        let dir = TestEnvironment.makeTempDir("repacked")
        let x = try Snapshots.extract(archive)
        _ = try sh("cd '\(x)' && \(change) && tar --zstd -cf '\(dir)/A.tar.zst' --format=pax --sort=name files index.jsonl manifest.json"
                   + " && cp '\(index.dropLast(".index.jsonl".count)).manifest.json' '\(dir)/A.manifest.json'"
                   + (indexCopy ? " && cp '\(index)' '\(dir)/A.index.jsonl'" : ""))
        let v = try ProcessRunner.sitesnap(["verify", dir + "/A.tar.zst", "--json"])
        XCTAssertEqual(v.status, 1, v.stdout + v.stderr)
        return (dir, (try JSONSerialization.jsonObject(with: Data(v.stdout.utf8)) as! [String: Any])["problems"] as! [[String: Any]])
    }

    /// The archive's own index altered (no copy beside it): verify names that entry, and no copy.
    func testAnArchiveWhoseIndexIsNotTheManifestsIsNamed() throws {
        let (_, problems) = try repackAndVerify(change: "sed -i 's/\"mode\":420,/\"mode\":384,/' index.jsonl", indexCopy: false)
        XCTAssertTrue(problems.contains { $0["entry"] as? String == "index.jsonl" }, "\(problems)")
        XCTAssertFalse(problems.contains { ($0["entry"] as? String ?? "").hasSuffix(".index.jsonl") }, "there is no copy to blame: \(problems)")
    }

    /// Format 4: a header's mtime must be the index's (seconds; the nanoseconds are the index's alone).
    func testAnEntryWhoseMtimeIsNotTheIndexsIsNamedAndRefused() throws {
        let (dir, problems) = try repackAndVerify(change: "touch -d @1700000500 files/wp-content/uploads/2024/f7.txt", indexCopy: true)
        // The other problem: the archive is not the size the manifest copy recorded.
        let files = problems.filter { ($0["entry"] as? String ?? "").hasPrefix("files") }
        XCTAssertEqual(files.map { $0["entry"] as? String }, ["files/wp-content/uploads/2024/f7.txt"], "\(problems)")
        XCTAssertTrue((files.first?["message"] as? String ?? "").contains("mtime 1700000500.0, the manifest says 1700000000.0"), "\(problems)")
        let (r, target) = try restore(dir + "/A.tar.zst", "mtime")
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("files/wp-content/uploads/2024/f7.txt") && r.stderr.contains("mtime"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    }

    func testACopyThatDiffersIsSaidByVerifyAndRefusedByRestore() throws {
        let (_, archive, index) = try snapshot()
        // One record changed (a mode), the archive untouched.
        let text = try String(contentsOfFile: index, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "\"mode\":420,\"mtime\"", with: "\"mode\":384,\"mtime\"", options: [], range: text.range(of: "\"path\":\"wp-load.php\"").map { text.index($0.lowerBound, offsetBy: -80)..<$0.upperBound })
        XCTAssertNotEqual(changed, text)
        try changed.write(toFile: index, atomically: true, encoding: .utf8)
        let v = try ProcessRunner.sitesnap(["verify", archive, "--json"])
        XCTAssertEqual(v.status, 1, v.stdout + v.stderr)
        let report = try JSONSerialization.jsonObject(with: Data(v.stdout.utf8)) as! [String: Any]
        let problems = report["problems"] as! [[String: Any]]
        XCTAssertEqual(problems.count, 1, "only the copy: the entries were checked again against the archive's own index (\(problems))")
        XCTAssertTrue((problems[0]["entry"] as! String).hasSuffix(".index.jsonl") && (problems[0]["message"] as! String).contains("differs"), "\(problems)")
        let (r, target) = try restore(archive, "forged")
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("is refused") && r.stderr.contains("nothing was restored"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
        // A cut copy: a clear error naming it, no stack trace.
        try String(text.prefix(text.count / 2)).write(toFile: index, atomically: true, encoding: .utf8)
        let (cut, _) = try restore(archive, "cut")
        XCTAssertNotEqual(cut.status, 0)
        XCTAssertTrue(cut.stderr.hasPrefix("sitesnap: error: ") && cut.stderr.contains(".index.jsonl"), cut.stderr)
    }

    /// A format 2 snapshot, made from a format 3 one as sitesnap before format 3 wrote it (the list in
    /// the manifest's `files.entries`, no index), still verifies and restores; a missing entry is found.
    func testFormat2SnapshotsStillVerifyAndRestore() throws {
        let (site, archive, index) = try snapshot()
        let dir = TestEnvironment.makeTempDir("v2")
        let v2 = dir + "/old-20261101T000000Z.tar.zst"
        try """
            import io, json, sys, tarfile
            src, index, out, drop = sys.argv[1:5]
            entries = [json.loads(l) for l in open(index, encoding="utf-8")]
            with tarfile.open(src) as t, tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as o:
                for m in t.getmembers():
                    if m.name in ("index.jsonl", drop): continue
                    if m.name == "manifest.json":
                        man = json.load(t.extractfile(m))
                        man["format_version"] = 2
                        del man["files"]["index"]
                        man["files"]["entries"] = entries
                        data = json.dumps(man, sort_keys=True, separators=(",", ":")).encode()
                        m.size = len(data)
                        o.addfile(m, io.BytesIO(data))
                        open(out.replace(".tar", ".manifest.json"), "wb").write(data)
                    else:
                        o.addfile(m, t.extractfile(m) if m.isfile() else None)
            """.write(toFile: dir + "/v2.py", atomically: true, encoding: .utf8)
        func make(_ out: String, drop: String) throws {
            _ = try sh("cd '\(dir)' && zstd -q -d -f '\(archive)' -o src.tar && python3 v2.py src.tar '\(index)' '\(out).tar' '\(drop)' && zstd -q -f --rm '\(out).tar' -o '\(out).tar.zst'")
        }
        try make(String(v2.dropLast(".tar.zst".count)), drop: "")
        let v = try ProcessRunner.sitesnap(["verify", v2])
        XCTAssertEqual(v.status, 0, v.stdout + v.stderr)
        try assertRestoresTheSite(v2, site, "v2")
        let gap = dir + "/gap-20261101T000000Z"
        try make(gap, drop: "files/wp-content/uploads/2024/f7.txt")
        let bad = try ProcessRunner.sitesnap(["verify", gap + ".tar.zst"])
        XCTAssertEqual(bad.status, 1, bad.stdout + bad.stderr)
        XCTAssertTrue(bad.stdout.contains("files/wp-content/uploads/2024/f7.txt") && bad.stdout.contains("missing"), bad.stdout)
    }
}
