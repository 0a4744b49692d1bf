import XCTest

/// The file part of a snapshot: symlinks stored as links (never followed), modes, mtimes with
/// nanoseconds, empty folders, excludes, and unreadable or special files as warnings (exit status 5).
final class FileTreeTests: XCTestCase {
    private func sh(_ command: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try ProcessRunner.shell(command)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
    }

    private func backup(_ site: String, _ extra: [String] = [], asUser: String? = nil, status: Int32 = 0) throws -> (json: [String: Any], extracted: String) {
        let repo = TestEnvironment.makeTempDir("repo")
        var r: ProcessResult
        if let user = asUser {
            try sh("chmod 777 '\(repo)'")
            r = try ProcessRunner.run("/usr/bin/setpriv", ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", TestEnvironment.binary,
                                                           "backup", site, "--no-db", "--repo", repo, "--json"] + extra)
        } else {
            r = try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", repo, "--json"] + extra)
        }
        XCTAssertEqual(r.status, status, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        return (json, try Snapshots.extract(json["archive"] as! String))
    }

    func testLinksModesMtimesAndEmptyFoldersSurviveStockTar() throws {
        let site = try TinySite.wordpress()
        try sh("""
            cd '\(site)' && mkdir -p wp-content/uploads/2024/01 wp-content/empty wp-content/private && \
            printf 'hello' > wp-content/uploads/2024/01/a.txt && head -c 300000 /dev/urandom > wp-content/uploads/2024/01/photo.jpg && \
            chmod 0640 wp-content/uploads/2024/01/a.txt && chmod 0750 wp-content/private && chmod 2755 wp-content/empty && \
            printf '#!/bin/sh\\n' > wp-content/run.sh && chmod 0755 wp-content/run.sh && \
            ln -s uploads/2024/01/a.txt wp-content/relative-link && ln -s / wp-content/root-link && \
            ln -s loop-b wp-content/loop-a && ln -s loop-a wp-content/loop-b && ln -s /nonexistent/target wp-content/dangling && \
            ln -s .. wp-content/uploads/parent && \
            touch -h -d '2001-02-03 04:05:06.123456789' wp-content/uploads/2024/01/a.txt wp-content/relative-link && \
            touch -d '1999-12-31 23:59:59.5' wp-content/empty
            """)
        let before = try TreeDigest.of(site, wholeSeconds: true)
        let (json, x) = try backup(site)
        XCTAssertEqual(try TreeDigest.of(x + "/files", wholeSeconds: true), before, "stock tar restores the same tree (types, modes, mtimes to the second, links, content)")
        // Format 4: no pax header before the files' entries (the mtimes' nanoseconds are in the index).
        let pax = try ProcessRunner.shell("zstd -dc '\(json["archive"] as! String)' | python3 -c \"import tarfile,sys; print(sum(1 for m in tarfile.open(fileobj=sys.stdin.buffer, mode='r|') if m.pax_headers))\"")
        XCTAssertEqual(pax.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0", "entries with a pax header: " + pax.stderr)
        let totals = json["totals"] as! [String: Any]
        XCTAssertEqual(totals["symlinks"] as? Int, 6)
        let entries = try Snapshots.index(x)
        let root = entries.first { $0["path"] as? String == "wp-content/root-link" }!
        XCTAssertEqual(root["type"] as? String, "symlink")
        XCTAssertEqual(root["target"] as? String, "/")
        let a = entries.first { $0["path"] as? String == "wp-content/uploads/2024/01/a.txt" }!
        XCTAssertEqual(a["mode"] as? Int, 0o640)
        XCTAssertEqual(a["mtime_ns"] as? Int, 123456789)
        XCTAssertEqual(a["size"] as? Int, 5)
        XCTAssertEqual(a["sha256"] as? String, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        // Entries are in byte order of their paths (reproducible).
        let paths = entries.map { $0["path"] as! String }
        XCTAssertEqual(paths.first, "")
        XCTAssertTrue(paths.contains("wp-content/empty"))
        XCTAssertEqual(Set(paths).count, paths.count)
    }

    func testExcludesFromProfileAndCommandLine() throws {
        let site = try TinySite.wordpress()
        try sh("""
            cd '\(site)' && mkdir -p wp-content/cache/page wp-content/upgrade wp-content/uploads/tmp wp-content/plugins/x && \
            echo c > wp-content/cache/page/index.html && echo u > wp-content/upgrade/pkg.zip && echo t > wp-content/uploads/tmp/t && \
            echo log > wp-content/debug.log && echo keep > wp-content/uploads/keep.txt && echo p > wp-content/plugins/x/error.log
            """)
        let (_, x) = try backup(site, ["--exclude", "*.log", "--exclude", "wp-content/uploads/tmp/"])
        let fm = FileManager.default
        XCTAssertFalse(fm.fileExists(atPath: x + "/files/wp-content/cache/page"), "profile exclude: the cache's contents")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: x + "/files/wp-content/cache"), [], "the cache folder itself stays")
        XCTAssertFalse(fm.fileExists(atPath: x + "/files/wp-content/upgrade"), "profile exclude")
        XCTAssertFalse(fm.fileExists(atPath: x + "/files/wp-content/uploads/tmp"))
        XCTAssertFalse(fm.fileExists(atPath: x + "/files/wp-content/debug.log"))
        XCTAssertFalse(fm.fileExists(atPath: x + "/files/wp-content/plugins/x/error.log"))
        XCTAssertTrue(fm.fileExists(atPath: x + "/files/wp-content/uploads/keep.txt"))
        let excludes = (try Snapshots.manifest(x)["files"] as! [String: Any])["excludes"] as! [String]
        XCTAssertTrue(excludes.contains("wp-content/cache/*") && excludes.contains("*.log"), "\(excludes)")
    }

    func testSpecialAndUnreadableFilesAreWarningsNotAborts() throws {
        let site = try TinySite.wordpress()
        try sh("cd '\(site)' && mkfifo wp-content-fifo && echo secret > unreadable.txt && chmod 000 unreadable.txt && mkdir locked && echo x > locked/in.txt && chmod 000 locked && chmod -R a+rX wp-includes wp-load.php wp-config.php && chmod a+rx '\(site)' && chmod a+rx \"$(dirname '\(site)')\"")
        // Root reads everything: run the backup as an unprivileged user when we are root.
        let asUser: String? = getuid() == 0 ? "65534" : nil
        let (json, x) = try backup(site, asUser: asUser, status: 5)
        XCTAssertEqual(json["complete"] as? Bool, false)
        let warnings = json["warnings"] as! [[String: Any]]
        let byPath = Dictionary(grouping: warnings) { $0["subject"] as! String }
        XCTAssertEqual(byPath["wp-content-fifo"]?.first?["kind"] as? String, "special-file")
        XCTAssertEqual(byPath["unreadable.txt"]?.first?["kind"] as? String, "unreadable")
        XCTAssertEqual(byPath["locked"]?.first?["kind"] as? String, "unreadable")
        let manifestWarnings = try Snapshots.manifest(x)["warnings"] as! [[String: Any]]
        XCTAssertEqual(manifestWarnings.count, warnings.count, "listed in the manifest too")
        XCTAssertFalse(FileManager.default.fileExists(atPath: x + "/files/unreadable.txt"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: x + "/files/wp-content-fifo"))
        // The archive is intact, and verify says it is incomplete (exit 5).
        let v = try ProcessRunner.sitesnap(["verify", json["archive"] as! String])
        XCTAssertEqual(v.status, 5, v.stdout)
        XCTAssertTrue(v.stdout.contains("ok: ") && v.stdout.contains("INCOMPLETE"), v.stdout)
    }

    func testCompressionChoices() throws {
        let site = try TinySite.wordpress()
        for (c, ext, tarFlag) in [("gzip", ".tar.gz", "-z"), ("none", ".tar", ""), ("zstd", ".tar.zst", "--zstd")] {
            let repo = TestEnvironment.makeTempDir("repo")
            let r = try ProcessRunner.sitesnap(["backup", site, "--no-db", "--repo", repo, "--compression", c] + (c == "zstd" ? ["--threads", "2"] : []))
            XCTAssertEqual(r.status, 0, r.stderr)
            let archive = try XCTUnwrap(Snapshots.archives(repo).first)
            XCTAssertTrue(archive.hasSuffix(ext), archive)
            let t = try ProcessRunner.run("/usr/bin/tar", (tarFlag.isEmpty ? [] : [tarFlag]) + ["-tf", repo + "/" + archive])
            XCTAssertTrue(t.stdout.contains("files/wp-config.php"), t.stderr)
            XCTAssertEqual(try ProcessRunner.sitesnap(["verify", repo + "/" + archive]).status, 0)
        }
    }
}
