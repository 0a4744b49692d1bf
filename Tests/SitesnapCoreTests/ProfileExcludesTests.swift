import XCTest

/// Profile excludes are anchored paths from the site root: on the real Joomla 4.4/5.x layout the
/// core folders named `cache` are archived, the cache/temp/log folders keep their `index.html` and
/// lose only their contents, and a restore has the folders configuration.php points at.
/// `--no-default-excludes` turns the profile's rules off; `--exclude` keeps its meaning.
final class ProfileExcludesTests: XCTestCase {
    private func sh(_ command: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try ProcessRunner.shell(command)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return r.stdout
    }

    /// The joomla4 fixture with the rest of the real tree's folders named cache/tmp (joomla-cms
    /// 4.4-dev and 5.3-dev: plugins/system/cache, administrator/components/com_cache/tmpl/cache; our
    /// own stub files) and what a running site writes into cache/, tmp/ and the logs.
    private func joomlaSite() throws -> (site: String, db: String) {
        let (site, db) = try FixtureSite.load("joomla4", sql: "joomla4.sql", prefix: "jx7_")
        _ = try sh("""
            cd '\(site)' && mkdir -p plugins/system/cache/services plugins/system/cache/src/Extension \
              administrator/components/com_cache/tmpl/cache cache/page tmp/install_65a && \
            printf '<?php\\n// page cache plugin\\n' > plugins/system/cache/cache.php && \
            printf '<?xml version="1.0" encoding="utf-8"?>\\n<extension type="plugin" group="system"><name>plg_system_cache</name><version>4.0.0</version></extension>\\n' > plugins/system/cache/cache.xml && \
            printf '<?php\\n' > plugins/system/cache/services/provider.php && printf '<?php\\n' > plugins/system/cache/src/Extension/Cache.php && \
            printf '<?php\\n// the cache manager list\\n' > administrator/components/com_cache/tmpl/cache/default.php && \
            printf '<?xml version="1.0" encoding="utf-8"?>\\n<metadata/>\\n' > administrator/components/com_cache/tmpl/cache/default.xml && \
            printf '<!DOCTYPE html><title></title>' > cache/page/index.html && printf '<?php die(); ?>page' > cache/page/0f3a.php && \
            head -c 5000 /dev/urandom > tmp/install_65a/pkg_upload.zip && printf 'upload' > tmp/upload_1.tmp
            """)
        return (site, db)
    }

    private func backup(_ site: String, _ args: [String]) throws -> (archive: String, json: [String: Any]) {
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json"] + args)
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        return (json["archive"] as! String, json)
    }

    /// Stock tar's list of the archive's `files/` entries (folders without their trailing `/`).
    private func tarList(_ archive: String) throws -> Set<String> {
        Set(try sh("tar --zstd -tf '\(archive)'").split(separator: "\n").filter { $0.hasPrefix("files/") }
            .map { String($0.hasSuffix("/") ? $0.dropLast() : $0) })
    }

    func testJoomlaCoreCacheFoldersAreArchivedAndCacheContentsAreNot() throws {
        let socket = try TestEnvironment.requireDatabase()
        let (site, db) = try joomlaSite()
        let db_args = ["--db-name", db, "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", socket]
        let (archive, _) = try backup(site, db_args)
        let list = try tarList(archive)
        for core in ["plugins/system/cache/cache.php", "plugins/system/cache/cache.xml", "plugins/system/cache/services/provider.php",
                     "plugins/system/cache/src/Extension/Cache.php", "administrator/components/com_cache/tmpl/cache/default.php",
                     "administrator/components/com_cache/tmpl/cache/default.xml"] {
            XCTAssertTrue(list.contains("files/" + core), "core code \(core) is archived")
        }
        // The four folders and their index.html, and nothing else in them.
        for folder in ["cache", "tmp", "administrator/cache", "administrator/logs"] {
            XCTAssertTrue(list.contains("files/" + folder), folder)
            XCTAssertTrue(list.contains("files/\(folder)/index.html"), folder + "/index.html")
            XCTAssertEqual(list.filter { $0.hasPrefix("files/\(folder)/") }, ["files/\(folder)/index.html"], folder)
        }
        // The manifest says what each rule left out.
        let m = try Snapshots.manifest(try Snapshots.extract(archive))
        let rules = (m["files"] as! [String: Any])["exclude_rules"] as! [[String: Any]]
        let cache = try XCTUnwrap(rules.first { $0["pattern"] as? String == "cache" })
        XCTAssertEqual(cache["kind"] as? String, "contents")
        XCTAssertEqual(cache["keep"] as? [String], ["index.html"])
        XCTAssertEqual(cache["source"] as? String, "profile")
        XCTAssertEqual(cache["entries"] as? Int, 2, "cache/com_content and cache/page")
        XCTAssertEqual(rules.first { $0["pattern"] as? String == "tmp" }?["entries"] as? Int, 2)
        XCTAssertEqual(rules.first { $0["pattern"] as? String == "administrator/logs" }?["entries"] as? Int, 1)

        // A restore has the folders $tmp_path and $log_path point at.
        let target = TestEnvironment.makeTempDir("jstg") + "/site"
        let staging = try TestDatabase.create("jstg")
        let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", staging, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", socket])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "require '\(target)/configuration.php'; $c = new JConfig; echo $c->tmp_path, '|', is_dir($c->tmp_path) ? 'dir' : 'missing', '|', is_dir($c->log_path) ? 'dir' : 'missing', '|', is_file($c->tmp_path . '/index.html') ? 'index' : 'none';"])
        XCTAssertEqual(php.stdout, "\(target)/tmp|dir|dir|index", php.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/plugins/system/cache/cache.php"))
    }

    func testNoDefaultExcludesAndTheMeaningOfExclude() throws {
        let (site, _) = try joomlaSite()
        // --no-default-excludes: the cache, temp and log contents are in too.
        let (all, json) = try backup(site, ["--no-db", "--no-default-excludes"])
        let list = try tarList(all)
        for path in ["cache/page/0f3a.php", "tmp/install_65a/pkg_upload.zip", "administrator/logs/error.php", "administrator/cache/autoload_psr4.php"] {
            XCTAssertTrue(list.contains("files/" + path), path)
        }
        XCTAssertNotNil(json["id"])
        let rules = (try Snapshots.manifest(try Snapshots.extract(all))["files"] as! [String: Any])["exclude_rules"] as! [[String: Any]]
        XCTAssertEqual(rules.count, 0)
        // --exclude keeps its documented meaning: without a '/', a name at any depth (the user asked
        // for every 'cache'); with one, a path from the site root.
        let (some, _) = try backup(site, ["--no-db", "--exclude", "cache", "--exclude", "images/sampledata"])
        let listed = try tarList(some)
        XCTAssertFalse(listed.contains("files/plugins/system/cache"))
        XCTAssertFalse(listed.contains("files/cache"))
        XCTAssertFalse(listed.contains("files/images/sampledata"))
        XCTAssertTrue(listed.contains("files/images"))
        XCTAssertTrue(listed.contains("files/tmp/index.html"), "the profile's rules still apply")
    }
}
