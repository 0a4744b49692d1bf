import XCTest

/// End to end on a real WordPress (Debian's package, installed with php-cli): the built binary backs
/// it up; stock tar, the stock mariadb client and `verify` check the result independently.
final class WordPressBackupTests: XCTestCase {
    func testBackupOfARealWordPressIsCompleteAndVerifiable() throws {
        let wp = try WordPressFixture.shared()
        let repo = TestEnvironment.makeTempDir("repo")
        let treeBefore = try TreeDigest.of(wp.root)
        let dbBefore = try TestDatabase.checksums(wp.database)

        let r = try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo, "--label", "before plugin", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Quiet when not a terminal: only the once-per-repository notice that archives are not encrypted.
        XCTAssertEqual(r.stderr.split(separator: "\n").filter { !$0.hasPrefix("sitesnap: notice: the snapshots in") }, [], r.stderr)
        let result = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let archive = result["archive"] as! String
        let id = result["id"] as! String
        XCTAssertTrue(id.hasPrefix("blog-"), id)
        XCTAssertTrue(id.hasSuffix("-before-plugin"), id)
        XCTAssertEqual(archive, repo + "/" + id + ".tar.zst")

        // Owner-only files, nothing else left in the repository.
        for f in [archive, repo + "/" + id + ".manifest.json", repo + "/" + id + ".index.jsonl"] {
            let mode = (try FileManager.default.attributesOfItem(atPath: f)[.posixPermissions] as! NSNumber).intValue
            XCTAssertEqual(mode, 0o600, f)
        }
        XCTAssertEqual(Snapshots.allFiles(repo), [id + ".index.jsonl", id + ".manifest.json", id + ".tar.zst"])

        try checkLayout(archive)
        let x = try Snapshots.extract(archive)
        // The dump imported with the stock client gives the same CHECKSUM TABLE for every table.
        let copy = try TestDatabase.create("wpcopy")
        let imp = try Snapshots.importDump(x, into: copy)
        XCTAssertEqual(imp.status, 0, imp.stderr)
        XCTAssertEqual(try TestDatabase.checksums(copy), dbBefore)
        XCTAssertEqual(try TestDatabase.schemas(copy), try TestDatabase.schemas(wp.database))

        // The extracted tree is the site (mtimes to the second: stock tar).
        XCTAssertEqual(try TreeDigest.of(x + "/files", wholeSeconds: true), try TreeDigest.of(wp.root, wholeSeconds: true))
        XCTAssertEqual(try TreeDigest.of(wp.root), treeBefore)

        try checkManifest(x, wp: wp)
        // No password anywhere.
        let manifestText = try String(contentsOfFile: x + "/manifest.json", encoding: .utf8)
        XCTAssertFalse(manifestText.contains(wp.password))
        XCTAssertFalse(r.stdout.contains(wp.password))

        try checkVerify(id: id, archive: archive, repo: repo)
        // list shows it, in text and JSON.
        let l = try ProcessRunner.sitesnap(["list", "--repo", repo])
        XCTAssertEqual(l.status, 0)
        XCTAssertTrue(l.stdout.contains(id) && l.stdout.contains("WordPress 6.1.9") && l.stdout.contains("before plugin"), l.stdout)
        let lj = try JSONSerialization.jsonObject(with: Data(try ProcessRunner.sitesnap(["list", "--repo", repo, "--json"]).stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(lj.first?["id"] as? String, id)
        XCTAssertEqual(lj.first?["tables"] as? Int, 12)

        // The source site and its database are unchanged.
        XCTAssertEqual(try TreeDigest.of(wp.root), treeBefore)
        XCTAssertEqual(try TestDatabase.checksums(wp.database), dbBefore)
    }

    /// Stock tar lists the layout.
    private func checkLayout(_ archive: String) throws {
        let list = try ProcessRunner.run("/usr/bin/tar", ["--zstd", "-tf", archive])
        XCTAssertEqual(list.status, 0)
        let entries = list.stdout.split(separator: "\n").map(String.init)
        for e in ["manifest.json", "files/wp-load.php", "files/wp-config.php", "files/wp-includes/version.php",
                  "files/wp-content/plugins/akismet/akismet.php"] {
            XCTAssertTrue(entries.contains(e), "tar lists \(e)")
        }
        XCTAssertEqual(entries.filter { $0.hasPrefix("database/") }.count, 12)
        XCTAssertEqual(entries.suffix(2), ["index.jsonl", "manifest.json"])

    }

    private func checkManifest(_ x: String, wp: WordPressFixture) throws {
        // Manifest.
        let m = try Snapshots.manifest(x)
        XCTAssertEqual(m["format_version"] as? Int, 4)
        let site = m["site"] as! [String: Any]
        XCTAssertEqual(site["cms"] as? String, "wordpress")
        XCTAssertEqual(site["cms_version"] as? String, "6.1.9")
        XCTAssertEqual(site["table_prefix"] as? String, "wp_")
        let ext = m["extensions"] as! [[String: Any]]
        XCTAssertTrue(ext.contains { $0["slug"] as? String == "akismet" && $0["kind"] as? String == "plugin" && $0["version"] != nil })
        XCTAssertTrue(ext.contains { $0["kind"] as? String == "theme" })
        let totals = m["totals"] as! [String: Any]
        XCTAssertEqual(totals["tables"] as? Int, 12)
        XCTAssertGreaterThan(totals["files"] as! Int, 2000)
        XCTAssertNil((m["files"] as! [String: Any])["entries"], "format 3: the list is the index, not in the manifest")
        let files = try Snapshots.index(x)
        XCTAssertEqual(files.count, totals["files"] as! Int + (totals["directories"] as! Int) + (totals["symlinks"] as! Int))
        let index = (m["files"] as! [String: Any])["index"] as! [String: Any]
        XCTAssertEqual(index["records"] as? Int, files.count)
        let indexSHA = try ProcessRunner.run("/usr/bin/sha256sum", [x + "/index.jsonl"]).stdout.prefix(64)
        XCTAssertEqual(index["sha256"] as? String, String(indexSHA))
        let load = files.first { $0["path"] as? String == "wp-load.php" }!
        let sha = try ProcessRunner.run("/usr/bin/sha256sum", [wp.root + "/wp-load.php"]).stdout.prefix(64)
        XCTAssertEqual(load["sha256"] as? String, String(sha))
        let dbInfo = m["database"] as! [String: Any]
        XCTAssertTrue((dbInfo["server_version"] as! String).contains("MariaDB"))

    }

    /// verify passes; one byte changed fails, naming the entry.
    private func checkVerify(id: String, archive: String, repo: String) throws {
        let ok = try ProcessRunner.sitesnap(["verify", String(id.prefix(12)), "--repo", repo])
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        XCTAssertTrue(ok.stdout.hasPrefix("ok: \(id)"), ok.stdout)
        let bad = TestEnvironment.makeTempDir("bad") + "/bad.tar.zst"
        try FileManager.default.copyItem(atPath: archive, toPath: bad)
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: bad))
        let size = try h.seekToEnd()
        try h.seek(toOffset: size / 2)
        let byte = try h.read(upToCount: 1)![0]
        try h.seek(toOffset: size / 2)
        h.write(Data([byte ^ 0x01]))
        try h.close()
        let failed = try ProcessRunner.sitesnap(["verify", bad])
        XCTAssertEqual(failed.status, 1, failed.stdout + failed.stderr)
        XCTAssertTrue(failed.stdout.contains("first bad entry "), failed.stdout)

    }

    func testInspectShowsDetectedSettingsButNeverThePassword() throws {
        let wp = try WordPressFixture.shared()
        let r = try ProcessRunner.sitesnap(["inspect", wp.root])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("WordPress 6.1.9"))
        XCTAssertTrue(r.stdout.contains(wp.database))
        XCTAssertTrue(r.stdout.contains("set (not shown)"))
        XCTAssertTrue(r.stdout.contains("akismet"))
        XCTAssertFalse(r.stdout.contains(wp.password))
        let j = try ProcessRunner.sitesnap(["inspect", wp.root, "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
        let db = json["database"] as! [String: Any]
        XCTAssertEqual(db["name"] as? String, wp.database)
        XCTAssertEqual(db["socket"] as? String, TestEnvironment.socket)
        XCTAssertEqual(db["password_set"] as? Bool, true)
        XCTAssertFalse(j.stdout.contains(wp.password))
    }

    func testDebianPackagedWordPressPointsAtTheConfigFile() throws {
        _ = try TestEnvironment.requireDatabase()
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", "/usr/share/wordpress", "--repo", repo])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("/etc/wordpress/config-"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--config FILE"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one clear line")
        XCTAssertEqual(Snapshots.allFiles(repo), [])
    }
}
