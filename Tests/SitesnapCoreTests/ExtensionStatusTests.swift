import XCTest

/// A backup that reads the database records each extension's state from the CMS's own record:
/// Drupal 8+ core.extension (installed or not), Drupal 7's system table (enabled, disabled, not
/// installed); a backup without the database records none.
final class ExtensionStatusTests: XCTestCase {
    private func statuses(_ site: String, _ args: [String]) throws -> [String: String] {
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json"] + args)
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let m = try Snapshots.manifest(try Snapshots.extract(json["archive"] as! String))
        var out: [String: String] = [:]
        for e in m["extensions"] as! [[String: Any]] { out["\(e["kind"]!):\(e["slug"]!)"] = e["status"] as? String ?? "-" }
        return out
    }

    private func root(_ db: String) throws -> [String] {
        ["--db-name", db, "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", try TestEnvironment.requireDatabase()]
    }

    func testDrupal10StatusFromCoreExtension() throws {
        _ = try TestEnvironment.requireDatabase()
        let site = try DrupalProjectFixture.make()
        let db = try TestDatabase.create("status")
        let r = try ProcessRunner.shell("sed 's/#__//g' '\(TestEnvironment.fixtures)/drupal10.sql' | mariadb --no-defaults --socket='\(TestEnvironment.socket!)' -uroot '\(db)'")
        XCTAssertEqual(r.status, 0, r.stderr)
        let s = try statuses(site, try root(db))
        XCTAssertEqual(s["module:pathauto"], "installed")
        XCTAssertEqual(s["core-module:node"], "installed")
        XCTAssertEqual(s["core-module:layout_builder"], "not installed")
        XCTAssertEqual(s["theme:olivero"], "installed")
        XCTAssertEqual(s["theme:gin"], "installed")
        XCTAssertEqual(s["profile:standard"], "installed", "the install profile is in core.extension's module list")
        XCTAssertEqual(s["profile:minimal"], "not installed")
        XCTAssertEqual(try statuses(site, ["--no-db"])["module:pathauto"], "-", "no database read, no state")
    }

    func testDrupal7StatusFromTheSystemTable() throws {
        let (site, db) = try FixtureSite.load("drupal7", sql: "drupal7.sql", prefix: "d7_")
        // Rows as system_rebuild_module_data() and module_enable()/module_disable() leave them.
        try TestDatabase.admin(database: db).execute("""
            INSERT INTO d7_system (filename, name, type, owner, status, bootstrap, schema_version, weight, info) VALUES
            ('modules/field/field.module', 'field', 'module', '', 1, 0, 7004, 0, 'a:0:{}'),
            ('modules/field/modules/text/text.module', 'text', 'module', '', 1, 0, 7000, 0, 'a:0:{}'),
            ('modules/field/modules/list/list.module', 'list', 'module', '', 0, 0, 7002, 0, 'a:0:{}'),
            ('profiles/standard/standard.profile', 'standard', 'module', '', 1, 0, 0, 1000, 'a:0:{}')
            """)
        let s = try statuses(site, try root(db))
        XCTAssertEqual(s["core-module:node"], "enabled")
        XCTAssertEqual(s["core-module:text"], "enabled", "a field submodule")
        XCTAssertEqual(s["core-module:list"], "disabled", "status 0 with a schema version: disabled, not uninstalled")
        XCTAssertEqual(s["module:views"], "enabled")
        XCTAssertEqual(s["theme:bartik"], "enabled")
        XCTAssertEqual(s["profile:standard"], "enabled")
    }
}
