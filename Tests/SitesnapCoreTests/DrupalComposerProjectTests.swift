import XCTest

/// A composer Drupal 10 project (drupal/recommended-project layout: composer.json, vendor/ and
/// config/sync beside the docroot web/) is backed up whole, named after the project folder, and
/// restored in the same layout with the settings.php inside the docroot rewritten.
final class DrupalComposerProjectTests: XCTestCase {
    /// The fixture copied to `<tmp>/acme-project`, its tables loaded; returns (project, database).
    private func project() throws -> (String, String) {
        let socket = try TestEnvironment.requireDatabase()
        let root = try DrupalProjectFixture.make()
        let db = try TestDatabase.create("composer")
        let r = try ProcessRunner.shell("sed 's/#__//g' '\(TestEnvironment.fixtures)/drupal10.sql' | mariadb --no-defaults --socket='\(socket)' -uroot '\(db)'")
        XCTAssertEqual(r.status, 0, r.stderr)
        return (root, db)
    }

    private func backup(_ site: String, db: String, repo: String) throws -> [String: Any] {
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json", "--db-name", db, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    /// Backs `site` up and restores it onto a new staging folder; returns the restore and the target.
    private func backupAndRestore(_ site: String, db: String) throws -> (ProcessResult, String) {
        let repo = TestEnvironment.makeTempDir("repo")
        let json = try backup(site, db: db, repo: repo)
        let target = TestEnvironment.makeTempDir("stg") + "/acme-staging"
        let r = try ProcessRunner.sitesnap(["restore", json["id"] as! String, "--repo", repo, "--target", target, "--db-name", "cstg_\(UUID().uuidString.prefix(6).lowercased())",
                                            "--db-user", "root", "--db-password-file", "/dev/null", "--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!)])
        return (r, target)
    }

    func testInspectShowsTheProjectItsDocrootAndTheConfigSyncFolder() throws {
        let root = try DrupalProjectFixture.make()
        for given in [root, root + "/web"] {
            let r = try ProcessRunner.sitesnap(["inspect", given])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("site       \(root)\n"), r.stdout)
            XCTAssertTrue(r.stdout.contains("docroot    web/"), r.stdout)
            XCTAssertTrue(r.stdout.contains("config     \(root)/web/sites/default/settings.php"), r.stdout)
            XCTAssertTrue(r.stdout.contains("folder     \(root)/config/sync (config sync folder)"), r.stdout)
            XCTAssertFalse(r.stdout.contains("node_test"), r.stdout)
        }
    }

    func testBackupHoldsDocrootVendorAndConfigSyncAndRestoreKeepsTheLayout() throws {
        let (site, db) = try project()
        let repo = TestEnvironment.makeTempDir("repo")
        // The docroot given stands for its project: the same snapshot either way.
        for given in [site, site + "/web"] {
            let json = try backup(given, db: db, repo: repo)
            XCTAssertTrue((json["id"] as! String).hasPrefix("acme-project-"), "\(json["id"]!)")
            let x = try Snapshots.extract(json["archive"] as! String)
            let m = try Snapshots.manifest(x)
            let s = m["site"] as! [String: Any]
            XCTAssertEqual(s["root"] as? String, site)
            XCTAssertEqual(s["docroot"] as? String, "web")
            XCTAssertEqual(s["config_file"] as? String, site + "/web/sites/default/settings.php")
            let paths = Set(try Snapshots.index(x).compactMap { $0["path"] as? String })
            XCTAssertTrue(paths.isSuperset(of: ["composer.json", "vendor/autoload.php", "config/sync/system.site.yml",
                                                "web/core/lib/Drupal.php", "web/index.php", "web/sites/default/settings.php"]), "\(paths.sorted())")
            XCTAssertFalse(paths.contains("web/sites/default/files/css/css_abc.css"), "the profile's excludes apply under the docroot")
            XCTAssertTrue(paths.contains("web/sites/default/files/css"))
            XCTAssertEqual(json["complete"] as? Bool, true)
        }
        let id = try XCTUnwrap(Snapshots.archives(repo).first).replacingOccurrences(of: ".tar.zst", with: "")
        let target = TestEnvironment.makeTempDir("stg") + "/acme-staging"
        let stagingDB = "cstg_\(UUID().uuidString.prefix(6).lowercased())"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", stagingDB, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-host", "127.0.0.1", "--db-port", String(TestEnvironment.port!)])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        for rel in ["composer.json", "vendor/autoload.php", "config/sync/core.extension.yml", "web/core/lib/Drupal.php", "web/autoload.php"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/" + rel), rel)
        }
        let settings = try String(contentsOfFile: target + "/web/sites/default/settings.php", encoding: .utf8)
        XCTAssertTrue(settings.contains("'database' => '\(stagingDB)',"), settings)
        XCTAssertTrue(settings.contains("$settings['config_sync_directory'] = '../config/sync';"))
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "define('DRUPAL_ROOT', '\(target)/web'); $app_root = DRUPAL_ROOT; $site_path = 'sites/default'; $settings = []; $databases = []; include '\(target)/web/sites/default/settings.php'; echo $databases['default']['default']['database'], '|', realpath($app_root . '/' . $settings['config_sync_directory']);"])
        XCTAssertEqual(php.stdout, "\(stagingDB)|\(target)/config/sync", php.stderr)
    }

    /// A config sync folder outside the project is not in the snapshot: inspect says so, the backup
    /// records it as left out (incomplete, exit 5) naming the setting.
    func testAConfigSyncFolderOutsideTheProjectIsNamed() throws {
        let (site, db) = try project()
        let settings = site + "/web/sites/default/settings.php"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        try text.replacingOccurrences(of: "'../config/sync'", with: "'../../shared-sync'").write(toFile: settings, atomically: true, encoding: .utf8)
        let i = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertTrue(i.stdout.contains("outside the site root: not in a snapshot"), i.stdout)
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--db-name", db, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(r.status, 5, r.stdout + r.stderr)
        XCTAssertTrue((r.stdout + r.stderr).contains("config_sync_directory"), r.stdout + r.stderr)
    }

    /// An absolute config sync (or private files) path inside the source project is pointed at the
    /// same place inside the target: kept, a `drush cex` on staging would write into the source.
    func testAbsoluteFoldersInsideTheSourceArePointedIntoTheTarget() throws {
        let (site, db) = try project()
        try FileManager.default.createDirectory(atPath: site + "/private", withIntermediateDirectories: true)
        let settings = site + "/web/sites/default/settings.php"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        try text.replacingOccurrences(of: "'../config/sync'", with: "'\(site)/config/sync'")
            .replacingOccurrences(of: "# $settings['file_private_path'] = '';", with: "$settings['file_private_path'] = '\(site)/web/../private';")
            .write(toFile: settings, atomically: true, encoding: .utf8)
        let (r, target) = try backupAndRestore(site, db: db)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("$settings['config_sync_directory']") && r.stdout.contains("$settings['file_private_path']"), r.stdout)
        let php = try ProcessRunner.run("/usr/bin/php", ["-r", "define('DRUPAL_ROOT', '\(target)/web'); $app_root = DRUPAL_ROOT; $site_path = 'sites/default'; $settings = []; $databases = []; include '\(target)/web/sites/default/settings.php'; echo $settings['config_sync_directory'], '|', $settings['file_private_path'];"])
        XCTAssertEqual(php.stdout, "\(target)/config/sync|\(target)/private", php.stderr)
    }

    /// The same setting in settings.local.php (included, and not rewritten) is refused by name.
    func testAnAbsoluteSourceFolderSetInAnIncludedFileIsRefusedByName() throws {
        let (site, db) = try project()
        let local = site + "/web/sites/default/settings.local.php"
        try (try String(contentsOfFile: local, encoding: .utf8) + "$settings['config_sync_directory'] = '\(site)/config/sync';\n")
            .write(toFile: local, atomically: true, encoding: .utf8)
        let (r, target) = try backupAndRestore(site, db: db)
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        RestoreFixture.assertOneLineRefusal(r, "$settings['config_sync_directory'] (names a folder inside the source site")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    }
}
