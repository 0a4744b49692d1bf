import XCTest
@testable import SitesnapSystem

/// restore end to end on a real WordPress: snapshot, change the live site, restore the old snapshot to
/// a staging folder and database with a new URL, then check everything independently of sitesnap.
final class RestoreTests: XCTestCase {
    private func sh(_ c: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try ProcessRunner.shell(c)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return r.stdout
    }

    /// `find` listing of a tree: path, type, mode, link target (mtimes compared separately); the
    /// staging mail-off plugin's folder (StagingHygieneTests; the fixture has no mu-plugins) left out.
    private func listing(_ root: String, except: String) throws -> String {
        try sh("cd '\(root)' && find . -path './\(except)' -prune -o -path ./wp-content/mu-plugins -prune -o -printf '%p %y %m %l\\n' | LC_ALL=C sort")
    }

    /// WordPress boots on the restored copy with php-cli: the new URL everywhere (serialized and JSON
    /// values too), search engines discouraged, the posts as snapshotted.
    private func assertWordPressBootsWithTheNewURL(_ target: String) throws {
        let boot = try ProcessRunner.run("/usr/bin/php", ["-r", """
            $_SERVER['HTTP_HOST'] = 'staging.example.test'; $_SERVER['REQUEST_URI'] = '/';
            require '\(target)/wp-load.php';
            echo get_option('siteurl'), "\\n", get_option('home'), "\\n", get_option('blog_public'), "\\n";
            echo count(get_posts(['numberposts' => -1, 'post_status' => 'publish'])), "\\n";
            $s = get_option('sitesnap_test_settings');
            echo $s['url'], "\\n", $s['nested']['links'][1], "\\n", $s['title'], "\\n", unserialize($s['nested']['inner'])['home'], "\\n", json_decode($s['json'], true)['u'], "\\n";
            $p = get_posts(['title' => 'x', 'numberposts' => -1, 'post_status' => 'publish']);
            foreach (get_posts(['numberposts' => -1, 'post_status' => 'publish']) as $p) { echo $p->post_title, "|"; }
            """])
        XCTAssertEqual(boot.status, 0, boot.stdout + boot.stderr)
        let lines = boot.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(9)), ["http://staging.example.test", "http://staging.example.test", "0", "6",
                                                "http://staging.example.test", "http://staging.example.test/ü", "Zoë’s blog 🎉",
                                                "http://staging.example.test", "http://staging.example.test"], boot.stdout)
        XCTAssertTrue(boot.stdout.contains("Post 2 "), "the deleted post is back")
        XCTAssertFalse(boot.stdout.contains("edited after the snapshot"))
    }

    func testRestoreOfARealWordPressWithNewURL() throws {
        let socket = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.make(socket: socket)
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo, "--json"])
        XCTAssertEqual(b.status, 0, b.stderr)
        let id = (try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any])["id"] as! String
        let snapshotTree = try TreeDigest.of(wp.root)
        let mt = { (root: String) in try self.sh("cd '\(root)' && find . -path ./wp-config.php -prune -o -path ./wp-content/mu-plugins -prune -o -type f -printf '%p %T@\\n' | LC_ALL=C sort") }
        let snapshotTimes = try mt(wp.root)

        // Change the live site: remove a plugin, edit and delete posts.
        let php = TestEnvironment.fixtures + "/wordpress/plugin.php"
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/php", [php, wp.root, "delete", "akismet"]).status, 0)
        let live = try TestDatabase.admin(database: wp.database)
        try live.execute("UPDATE wp_posts SET post_title = 'edited after the snapshot' WHERE post_title LIKE 'Post 1 %'")
        try live.execute("DELETE FROM wp_posts WHERE post_title LIKE 'Post 2 %'")
        let prodTree = try TreeDigest.of(wp.root)
        let prodDB = try TestDatabase.checksums(wp.database)

        // Staging database the site's own user may use: --db-name alone must work.
        let staging = "\(wp.database)_stg"
        let admin = try TestDatabase.admin()
        try admin.execute("CREATE DATABASE `\(staging)`")
        for host in ["localhost", "127.0.0.1"] { try admin.execute("GRANT ALL ON `\(staging)`.* TO '\(wp.user)'@'\(host)'") }
        let target = TestEnvironment.makeTempDir("staging") + "/blog"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", staging,
                                            "--url", "http://staging.example.test", "--json"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let result = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let verification = result["verification"] as! [String: Any]
        XCTAssertEqual(verification["ok"] as? Bool, true, "\(verification)")
        XCTAssertGreaterThan(verification["files_checked"] as! Int, 2000)
        XCTAssertEqual(verification["files_read_back"] as? Bool, false, "content hashed as written, not read back")
        XCTAssertEqual(result["old_url"] as? String, "http://blog.example.test")
        XCTAssertEqual(Set(result["config_keys"] as! [String]), ["DB_NAME", "DB_USER", "DB_PASSWORD", "DB_HOST"])
        XCTAssertFalse(r.stdout.contains(wp.password), "no password in the output")

        // The trees are identical but for wp-config.php: names, types, modes, link targets, content.
        let x = try Snapshots.extract(repo + "/" + id + ".tar.zst")
        XCTAssertEqual(try listing(target, except: "wp-config.php"), try listing(x + "/files", except: "wp-config.php"))
        let diff = try ProcessRunner.run("/usr/bin/diff", ["-r", "--no-dereference", x + "/files", target])
        XCTAssertEqual(diff.stdout.split(separator: "\n").filter { $0.hasPrefix("diff ") }.count, 1, diff.stdout)
        XCTAssertTrue(diff.stdout.contains("wp-config.php"), diff.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/wp-content/plugins/akismet/akismet.php"), "the removed plugin is back")
        // mtimes too, to the nanosecond (format 4: from the index; the headers carry whole
        // seconds), but for the rewritten config and the staging mu-plugin.
        XCTAssertTrue(snapshotTimes.split(separator: "\n").contains { !$0.hasSuffix(".0000000000") }, "the site has sub-second mtimes")
        XCTAssertEqual(try mt(target), snapshotTimes)
        _ = snapshotTree

        // The config names the staging database and keeps everything else.
        let config = try String(contentsOfFile: target + "/wp-config.php", encoding: .utf8)
        XCTAssertTrue(config.contains("define( 'DB_NAME', '\(staging)' );"), config)
        let original = try String(contentsOfFile: x + "/files/wp-config.php", encoding: .utf8)
        XCTAssertEqual(config.split(separator: "\n").filter { !$0.contains("DB_NAME") }, original.split(separator: "\n").filter { !$0.contains("DB_NAME") })
        XCTAssertEqual(try sh("php -l '\(target)/wp-config.php'").contains("No syntax errors"), true)

        try assertWordPressBootsWithTheNewURL(target)

        // Production did not change.
        XCTAssertEqual(try TreeDigest.of(wp.root), prodTree)
        XCTAssertEqual(try TestDatabase.checksums(wp.database), prodDB)

        // Restoring again needs --force, which replaces (the extra file goes).
        try "x".write(toFile: target + "/extra.txt", atomically: true, encoding: .utf8)
        let again = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", staging])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("not empty") && again.stderr.contains("--force"), again.stderr)
        let forced = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", staging, "--force",
                                                 "--read-back"])
        XCTAssertEqual(forced.status, 0, forced.stdout + forced.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target + "/extra.txt"))
        XCTAssertTrue(forced.stdout.contains("all match"), forced.stdout)
        XCTAssertTrue(forced.stdout.contains("(read back)"), forced.stdout)
    }

    func testNeverOntoTheSourceSiteOrDatabase() throws {
        let wp = try WordPressFixture.shared()
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo]).status, 0)
        let id = Snapshots.archives(repo)[0].replacingOccurrences(of: ".tar.zst", with: "")
        let tree = try TreeDigest.of(wp.root)
        let parent = URL(fileURLWithPath: wp.root).deletingLastPathComponent().path
        for (target, why) in [(wp.root, "source site"), (wp.root + "/wp-content/staging", "inside"), (parent, "above")] {
            let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", "other_db", "--force"])
            XCTAssertEqual(r.status, 2, "\(why): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("refusing to restore onto folder"), r.stderr)
        }
        // An empty target, the repository, or a folder above it would be wiped by --force.
        for (target, message) in [("", "--target"), (repo, "snapshot repository"), (URL(fileURLWithPath: repo).deletingLastPathComponent().path, "snapshot repository")] {
            let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", "other_db", "--force"])
            XCTAssertEqual(r.status, 2, "\(target): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), r.stderr)
        }
        XCTAssertEqual(Snapshots.archives(repo).count, 1, "the repository is untouched")
        let fresh = TestEnvironment.makeTempDir("stg") + "/blog"
        let sameDB = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", fresh, "--db-name", wp.database, "--force"])
        XCTAssertEqual(sameDB.status, 2, sameDB.stderr)
        XCTAssertTrue(sameDB.stderr.contains("source database on the same server"), sameDB.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh))
        // --dry-run prints the plan and writes nothing.
        let dry = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", fresh, "--db-name", "\(wp.database)_dry",
                                              "--db-user", "root", "--db-password-file", "/dev/null", "--url", "http://x.example", "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("dry run") && dry.stdout.contains("DB_NAME") && dry.stdout.contains("http://blog.example.test -> http://x.example"), dry.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh))
        XCTAssertTrue(try TestDatabase.admin().query("SHOW DATABASES LIKE '\(wp.database)_dry'").isEmpty)
        XCTAssertEqual(try TreeDigest.of(wp.root), tree)
    }

    /// A config kept above the site root is not in the snapshot: a restored copy would read whatever
    /// config sits above the target (perhaps production's), so restore refuses.
    func testConfigOutsideTheSiteRootIsRefused() throws {
        let site = try TinySite.wordpress()
        let parent = URL(fileURLWithPath: site).deletingLastPathComponent().path
        try FileManager.default.moveItem(atPath: site + "/wp-config.php", toPath: parent + "/wp-config.php")
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--no-db"])
        XCTAssertEqual(b.status, 5, b.stderr)  // written, but incomplete: the config is not in it
        XCTAssertTrue(b.stderr.contains("warning: outside-site-root"), b.stderr)
        let target = parent + "/staging"
        let r = try ProcessRunner.sitesnap(["restore", repo + "/" + Snapshots.archives(repo)[0], "--target", target, "--db-name", "x_stg"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("outside the site root"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    }

    /// Archives crafted to escape the target are refused before anything is written.
    func testCraftedArchivesAreRefused() throws {
        _ = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.shared()
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo, "--no-files"]).status, 0)
        let good = repo + "/" + Snapshots.archives(repo)[0]
        let x = try Snapshots.extract(good)
        let outside = TestEnvironment.makeTempDir("outside")
        // Each archive: the real manifest and dumps, plus entries built with Python's tarfile.
        func py(_ body: String) -> String {
            "python3 -c \"import tarfile,io,os\nt=tarfile.open('B.tar','w',format=tarfile.PAX_FORMAT)\nfor n in ['manifest.json']+['database/'+f for f in sorted(os.listdir('database'))]: t.add(n)\ndef f(name,data=b'pwned'):\n  i=tarfile.TarInfo(name); i.size=len(data); t.addfile(i, io.BytesIO(data))\n\(body)\nt.close()\" && zstd -q -f B.tar -o A.tar.zst"
        }
        let cases: [(String, String)] = [
            ("dotdot", py("f('files/../../evil')")),
            ("absolute", py("f('\(outside)/abs')")),
            ("symlink", py("l=tarfile.TarInfo('files/link'); l.type=tarfile.SYMTYPE; l.linkname='\(outside)'; t.addfile(l)\nf('files/link/pwned')")),
        ]
        for (name, build) in cases {
            let dir = TestEnvironment.makeTempDir("craft-\(name)")
            _ = try sh("cp -a '\(x)'/manifest.json '\(x)'/database '\(dir)'/ && cd '\(dir)' && \(build)")
            let target = TestEnvironment.makeTempDir("t-\(name)") + "/site"
            let r = try ProcessRunner.sitesnap(["restore", dir + "/A.tar.zst", "--target", target, "--db-name", "crafted_\(name)",
                                                "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
            XCTAssertEqual(r.status, 2, "\(name): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("is refused") && r.stderr.contains("nothing was restored"), "\(name): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: target), name)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), [], "nothing written outside (\(name))")
            XCTAssertTrue(try TestDatabase.admin().query("SHOW DATABASES LIKE 'crafted_\(name)'").isEmpty, "no database created (\(name))")
        }
    }

    /// The restore pass checks as it goes: a file whose bytes differ from the manifest, or an archive
    /// whose own manifest differs from the copy beside it (the copy is what the restore is planned
    /// from), is refused after the database was imported and files written; both are removed.
    func testTamperedContentOrManifestCopyIsRefusedAndLeavesNothing() throws {
        let socket = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.shared()
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo]).status, 0)
        let good = repo + "/" + Snapshots.archives(repo)[0]
        let x = try Snapshots.extract(good)
        // Same size and mtime, other bytes: the late check (SHA-256) is what catches it.
        _ = try sh("cd '\(x)' && t=$(stat -c %Y files/index.php) && printf X | dd of=files/index.php bs=1 seek=10 conv=notrunc status=none && touch -d @$t files/index.php")
        let sha = try sh("sha256sum '\(x)/files/index.php' | cut -c1-64").trimmingCharacters(in: .whitespacesAndNewlines)
        let base = String(good.dropLast(".tar.zst".count))
        let copy = try String(contentsOfFile: base + ".manifest.json", encoding: .utf8)
        let index = try String(contentsOfFile: base + ".index.jsonl", encoding: .utf8)
        let oldSHA = try sh("sha256sum '\(wp.root)/index.php' | cut -c1-64").trimmingCharacters(in: .whitespacesAndNewlines)
        // An index copy forged to match the new bytes, and a manifest copy forged to describe it.
        let forgedIndex = index.replacingOccurrences(of: oldSHA, with: sha)
        var h = StreamingSHA256()
        Array(forgedIndex.utf8).withUnsafeBytes { h.update($0) }
        let forgedIndexSHA = h.finalizeHex()
        let oldIndexSHA = try sh("sha256sum '\(base).index.jsonl' | cut -c1-64").trimmingCharacters(in: .whitespacesAndNewlines)
        let cases: [(String, String, String, String)] = [
            ("content", copy, index, "SHA-256"),
            // The copy beside the archive is what the pass checks against: its own checksum gives it away.
            ("index", copy, forgedIndex, "is not the one the manifest describes"),
            // Both copies forged: the archive's own index.jsonl (and manifest.json) still disagree.
            ("copy", copy.replacingOccurrences(of: oldIndexSHA, with: forgedIndexSHA), forgedIndex, "differs from the file index the manifest describes"),
        ]
        for (name, manifestCopy, indexCopy, reason) in cases {
            let dir = TestEnvironment.makeTempDir("tamper-\(name)")
            _ = try sh("cd '\(x)' && tar --zstd -cf '\(dir)/A.tar.zst' --format=pax --sort=name database files index.jsonl manifest.json")
            try manifestCopy.write(toFile: dir + "/A.manifest.json", atomically: true, encoding: .utf8)
            try indexCopy.write(toFile: dir + "/A.index.jsonl", atomically: true, encoding: .utf8)
            let target = TestEnvironment.makeTempDir("t-\(name)") + "/site"
            let r = try ProcessRunner.sitesnap(["restore", dir + "/A.tar.zst", "--target", target, "--db-name", "tampered_\(name)",
                                                "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", socket])
            XCTAssertEqual(r.status, 2, "\(name): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("is refused") && r.stderr.contains(reason) && r.stderr.contains("nothing was restored"), "\(name): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: target), name)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path), [],
                           "no hidden staging folder or spool left (\(name))")
            XCTAssertTrue(try TestDatabase.admin().query("SHOW DATABASES LIKE 'tampered_\(name)'").isEmpty, "imported tables removed (\(name))")
        }
    }

    /// A damaged (truncated) archive, and a header whose mode differs from the manifest, are refused
    /// mid-restore and leave nothing; with --trust-code a tampered views dump leaves no spooled copy;
    /// `verify` names a manifest copy that disagrees with the archive.
    func testDamagedArchiveModeForgeryAndTrustedCodeLeaveNothing() throws {
        let socket = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.make(socket: socket)
        try TestDatabase.admin(database: wp.database).execute("CREATE VIEW wp_recent AS SELECT ID, post_title FROM wp_posts")
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo]).status, 0)
        let good = repo + "/" + Snapshots.archives(repo)[0]
        let copy = String(good.dropLast(".tar.zst".count)) + ".manifest.json"
        let indexCopy = String(good.dropLast(".tar.zst".count)) + ".index.jsonl"
        let size = (try FileManager.default.attributesOfItem(atPath: good)[.size] as! NSNumber).intValue
        let cases: [(String, String, Int32, String, [String])] = [
            ("truncated", "head -c \(size * 2 / 3) '\(good)' > A.tar.zst", 4, "damaged archive", []),
            ("mode", "mkdir x && tar --zstd -xf '\(good)' -C x && chmod 4777 x/files/index.php && (cd x && tar --zstd -cf ../A.tar.zst --format=pax --sort=name database files index.jsonl manifest.json)",
             2, "mode 4777, the manifest says", []),
            ("views", "mkdir x && tar --zstd -xf '\(good)' -C x && printf X | dd of=x/database/2-views.sql bs=1 seek=60 conv=notrunc status=none && (cd x && tar --zstd -cf ../A.tar.zst --format=pax --sort=name database files index.jsonl manifest.json)",
             2, "SHA-256", ["--trust-code"]),
        ]
        for (name, build, status, message, extra) in cases {
            let dir = TestEnvironment.makeTempDir("damaged-\(name)")
            _ = try sh("cd '\(dir)' && \(build) && cp '\(copy)' A.manifest.json && cp '\(indexCopy)' A.index.jsonl")
            let parent = TestEnvironment.makeTempDir("t-\(name)")
            let r = try ProcessRunner.sitesnap(["restore", dir + "/A.tar.zst", "--target", parent + "/site", "--db-name", "damaged_\(name)",
                                                "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", socket] + extra)
            XCTAssertEqual(r.status, status, "\(name): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message) && r.stderr.contains("nothing was restored"), "\(name): \(r.stderr)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent), [], "no target, hidden folder or spool left (\(name))")
            XCTAssertTrue(try TestDatabase.admin().query("SHOW DATABASES LIKE 'damaged_\(name)'").isEmpty, "imported tables removed (\(name))")
        }
        // verify: the archive is fine, the copy beside it is not.
        let forged = try String(contentsOfFile: copy, encoding: .utf8).replacingOccurrences(of: "\"tool\":\"sitesnap\"", with: "\"tool\":\"sitesnaq\"")
        try forged.write(toFile: copy, atomically: true, encoding: .utf8)
        let v = try ProcessRunner.sitesnap(["verify", good])
        XCTAssertEqual(v.status, 1, v.stdout + v.stderr)
        XCTAssertTrue(v.stdout.contains("manifest copy beside the archive differs"), v.stdout)
    }
}
