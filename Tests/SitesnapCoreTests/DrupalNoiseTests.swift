import XCTest

/// What Drupal writes on its own (cron, cache rebuilds, the update check, expiring key/value rows,
/// queues) is noise in diff-db; an entity row deleted and inserted again under a new id is matched
/// by its uuid (the unique key of every content entity base table).
final class DrupalNoiseTests: XCTestCase {
    private func diff(_ args: [String], db: String, repo: String) throws -> [String: Any] {
        let r = try ProcessRunner.sitesnap(["diff-db"] + args + ["--repo", repo, "--json", "--db-name", db, "--db-user", "root", "--db-password-file", "/dev/null",
                                                                 "--db-socket", try TestEnvironment.requireDatabase()])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    private func tables(_ json: [String: Any]) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: (json["tables"] as! [[String: Any]]).map { ($0["table"] as! String, $0) })
    }

    func testDrupal10CronAndCacheWritesAreNoiseAndAUuidMatchesARow() throws {
        let (site, db) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        let c = try TestDatabase.admin(database: db)
        // The tables Drupal creates on first use (schemas of KeyValueStore/DatabaseStorageExpirable.php,
        // Queue/DatabaseQueue.php, 10.3.x), there before the snapshot.
        try c.execute("CREATE TABLE key_value_expire (collection varchar(128) NOT NULL DEFAULT '', name varchar(128) NOT NULL DEFAULT '', value longblob NOT NULL, expire int NOT NULL DEFAULT 2147483647, PRIMARY KEY (collection, name), KEY expire (expire))")
        try c.execute("CREATE TABLE queue (item_id int unsigned NOT NULL AUTO_INCREMENT, name varchar(255) NOT NULL DEFAULT '', data longblob, expire bigint NOT NULL DEFAULT 0, created bigint NOT NULL DEFAULT 0, PRIMARY KEY (item_id), KEY name_created (name, created), KEY expire (expire))")
        let repo = TestEnvironment.makeTempDir("repo")
        let s1 = try SnapshotSteps.snapshot(site, repo, "s1", ["--db-name", db, "--db-user", "root", "--db-password-file", "/dev/null",
                                                            "--db-socket", try TestEnvironment.requireDatabase()])
        // A cron run and a cache rebuild...
        try c.execute("UPDATE key_value SET value = 'i:1709899999;' WHERE collection = 'state' AND name = 'system.cron_last'")
        try c.execute("INSERT INTO key_value VALUES ('state', 'asset.css_js_query_string', 's:6:\"sbq0zk\";'), ('state', 'update.last_check', 'i:1709899999;'), ('update_fetch_task', 'drupal', 'a:0:{}')")
        try c.execute("INSERT INTO key_value_expire VALUES ('update_available_releases', 'drupal', 'a:0:{}', 1709999999)")
        try c.execute("INSERT INTO queue (name, data, created) VALUES ('update_fetch_tasks', 'a:0:{}', 1709899999)")
        // ...and one real change: a node deleted and saved again keeps its uuid, not its nid.
        try c.execute("DELETE FROM node WHERE nid = 3")
        try c.execute("INSERT INTO node (nid, vid, type, uuid, langcode) VALUES (7, 9, 'article', 'd3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f70', 'en')")
        let json = try diff([s1, "--live"], db: db, repo: repo)
        let t = tables(json)
        XCTAssertEqual(Set(t.keys), ["node"], "\(t.keys)")
        XCTAssertGreaterThanOrEqual(json["noise_hidden"] as? Int ?? 0, 3, "\(json["noise_hidden"] ?? "")")
        let node = try XCTUnwrap(t["node"])
        XCTAssertEqual(node["rows_changed"] as? Int, 1, "\(node)")
        XCTAssertEqual(node["rows_added"] as? Int, 0)
        XCTAssertEqual(((node["rows"] as? [[String: Any]])?.first)?["matched_by"] as? String, "natural key (uuid)")
        // Shown with --include-noise.
        let all = tables(try diff([s1, "--live", "--include-noise"], db: db, repo: repo))
        XCTAssertTrue(Set(all.keys).isSuperset(of: ["key_value", "key_value_expire", "queue", "node"]), "\(all.keys)")
    }

    func testDrupal7CronVariablesAreNoise() throws {
        let (site, db) = try FixtureSite.load("drupal7", sql: "drupal7.sql", prefix: "d7_")
        let c = try TestDatabase.admin(database: db)
        let repo = TestEnvironment.makeTempDir("repo")
        let s1 = try SnapshotSteps.snapshot(site, repo, "s1", ["--db-name", db, "--db-user", "root", "--db-password-file", "/dev/null",
                                                            "--db-socket", try TestEnvironment.requireDatabase()])
        // drupal_cron_run() and _drupal_flush_css_js(), then one real change.
        try c.execute("REPLACE INTO d7_variable (name, value) VALUES ('cron_last', 'i:1709899999;'), ('css_js_query_string', 's:6:\"sbq0zk\";'), ('update_last_check', 'i:1709899999;'), ('site_name', 's:7:\"Renamed\";')")
        let t = tables(try diff([s1, "--live"], db: db, repo: repo))
        let variable = try XCTUnwrap(t["d7_variable"], "\(t.keys)")
        let names = (variable["rows"] as! [[String: Any]]).compactMap { ($0["key"] as? [String: Any])?["name"] as? String }
        XCTAssertEqual(names, ["site_name"], "\(variable)")
    }
}
