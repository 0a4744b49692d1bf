import MariaDBKit
import XCTest
@testable import SitesnapCore

/// The hard cases of a byte-faithful dump: each must survive `cat database/*.sql | mariadb` with equal
/// CHECKSUM TABLE and identical SHOW CREATE TABLE.
final class DumpRoundTripTests: XCTestCase {
    static func makeHardCaseDatabase() throws -> String {
        let db = try TestDatabase.create("hard")
        let c = try TestDatabase.admin(database: db)
        try c.execute("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'")
        try c.execute("""
            CREATE TABLE hc_cases (
              id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
              emoji VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci,
              uuid BINARY(16), blobv LONGBLOB, d DATE, dt DATETIME(6), ts TIMESTAMP NULL DEFAULT NULL,
              maybe VARCHAR(10) NULL, txt MEDIUMTEXT, latin VARCHAR(50) CHARACTER SET latin1,
              bits BIT(10), amount DECIMAL(20,6), dbl DOUBLE, flt FLOAT, e ENUM('a','b'), s SET('x','y'),
              doubled INT AS (id * 2) VIRTUAL,
              KEY by_emoji (emoji)
            ) ENGINE=InnoDB AUTO_INCREMENT=5000 DEFAULT CHARSET=utf8mb4
            """)
        try c.execute("""
            INSERT INTO hc_cases (id, emoji, uuid, blobv, d, dt, ts, maybe, txt, latin, bits, amount, dbl, flt, e, s) VALUES
            (0, 'zero id 🎉', UNHEX('00112233445566778899AABBCCDDEEFF'), X'00270A0D5C1A22', '0000-00-00', '0000-00-00 00:00:00', NULL,
             NULL, 'quote '' dq " backslash \\\\ nl \\n cr \\r nul \\0 ctrlz \\Z tab \t', CONCAT(_latin1 X'636166E9', ' naïve'), b'1010101010', -12345.678901, 1e308, 3.25, 'a', 'x,y'),
            (1, '😀🇩🇪 4-byte', UNHEX('FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF'), '', '2024-02-29', '2024-02-29 23:59:59.123456', '2024-03-01 10:00:00',
             '', '', '', b'0', 0, -0.0, -1.5e-10, 'b', ''),
            (2, NULL, NULL, NULL, NULL, NULL, NULL, 'NULL', 'NULL', NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """)
        // Enough rows and one large blob to need several INSERT statements.
        try c.execute("INSERT INTO hc_cases (id, txt) SELECT seq, REPEAT(CONCAT('row ', seq, ' \\'x\\' '), 40) FROM seq_3_to_6000")
        try c.execute("INSERT INTO hc_cases (id, blobv) VALUES (7000, RANDOM_BYTES(1024)), (7001, REPEAT(X'00FF27', 1000000))")
        // Composite string key whose byte order differs from the collation order; no-key table; MyISAM.
        try c.execute("CREATE TABLE hc_meta (collection VARCHAR(64) NOT NULL, name VARCHAR(64) NOT NULL, value BLOB, PRIMARY KEY (collection, name)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci")
        try c.execute("INSERT INTO hc_meta VALUES ('state','b',X'01'),('State2','A',X'02'),('state','Z',NULL),('état','x','é')")
        try c.execute("CREATE TABLE hc_nokey (a INT, b TEXT)")
        try c.execute("INSERT INTO hc_nokey VALUES (2,'two'),(1,'one'),(2,'two'),(NULL,NULL)")
        try c.execute("CREATE TABLE hc_myisam (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=MyISAM")
        try c.execute("INSERT INTO hc_myisam VALUES (1,'m')")
        try c.execute("CREATE TABLE other_table (id INT PRIMARY KEY)")
        try c.execute("INSERT INTO other_table VALUES (42)")
        try c.execute("CREATE VIEW hc_view AS SELECT id, emoji FROM hc_cases WHERE id < 3")
        try c.execute("CREATE TABLE hc_log (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(50))")
        try c.execute("CREATE TRIGGER hc_trg AFTER INSERT ON hc_myisam FOR EACH ROW BEGIN INSERT INTO hc_log (note) VALUES (CONCAT('m', NEW.id)); END")
        return db
    }

    func backup(_ db: String, extra: [String] = []) throws -> (result: [String: Any], extracted: String) {
        let site = try TinySite.wordpress(database: db, user: "\(db)_u", prefix: "hc_")
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--no-files", "--json"] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        return (json, try Snapshots.extract(json["archive"] as! String))
    }

    func testHardCasesRoundTripWithTheStockClient() throws {
        let db = try Self.makeHardCaseDatabase()
        let (_, x) = try backup(db)
        let target = try TestDatabase.create("hardcopy")
        let imp = try Snapshots.importDump(x, into: target)
        XCTAssertEqual(imp.status, 0, imp.stderr)

        let before = try TestDatabase.checksums(db), after = try TestDatabase.checksums(target)
        let site = before.filter { $0.key.hasPrefix("hc_") }
        XCTAssertEqual(Set(after.keys), Set(site.keys), "only the prefix's tables")
        for (t, sum) in site { XCTAssertEqual(after[t], sum, "CHECKSUM TABLE \(t)") }
        let sb = try TestDatabase.schemas(db), sa = try TestDatabase.schemas(target)
        for t in site.keys { XCTAssertEqual(sa[t], sb[t], "SHOW CREATE TABLE \(t) (incl. AUTO_INCREMENT)") }

        // Values checked one by one where a checksum could hide a conversion.
        let c = try TestDatabase.admin(database: target)
        let row0 = try c.query("SELECT HEX(uuid), HEX(blobv), d, dt, maybe IS NULL, emoji, HEX(latin) FROM hc_cases WHERE id = 0")
        XCTAssertEqual(row0.first?[0], "00112233445566778899AABBCCDDEEFF")
        XCTAssertEqual(row0.first?[1], "00270A0D5C1A22")
        XCTAssertEqual(row0.first?[2], "0000-00-00")
        XCTAssertEqual(row0.first?[3], "0000-00-00 00:00:00.000000")
        XCTAssertEqual(row0.first?[4], "1")
        XCTAssertEqual(row0.first?[5], "zero id 🎉")
        XCTAssertEqual(row0.first?[6], "636166E9206E61EF7665")
        let row1 = try c.query("SELECT maybe IS NULL, maybe, HEX(blobv), emoji FROM hc_cases WHERE id = 1")
        XCTAssertEqual(row1.first?[0], "0", "'' stays '' (not NULL)")
        XCTAssertEqual(row1.first?[2], "")
        XCTAssertEqual(row1.first?[3], "😀🇩🇪 4-byte")
        XCTAssertEqual(try c.query("SELECT COUNT(*) FROM hc_view").first?[0], "3", "the view is recreated")
        try c.execute("INSERT INTO hc_myisam VALUES (2, 'n')")
        XCTAssertEqual(try c.query("SELECT note FROM hc_log ORDER BY id DESC LIMIT 1").first?[0], "m2", "the trigger is recreated")
    }

    /// The same hard cases through sitesnap restore (its statement checks must let real dumps through).
    func testHardCasesRestoreWithSitesnap() throws {
        let db = try Self.makeHardCaseDatabase()
        let (json, _) = try backup(db)
        let staging = "\(db)_stg"
        let target = TestEnvironment.makeTempDir("hcstg") + "/site"
        let r = try ProcessRunner.sitesnap(["restore", json["archive"] as! String, "--target", target, "--db-name", staging,
                                            "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("all match"), r.stdout)
        let before = try TestDatabase.checksums(db).filter { $0.key.hasPrefix("hc_") }
        XCTAssertEqual(try TestDatabase.checksums(staging), before)
        let c = try TestDatabase.admin(database: staging)
        XCTAssertTrue(r.stdout.contains("not restored: views (hc_view)"), r.stdout)
        // Triggers and routines are code: listed, never run from an archive.
        XCTAssertTrue(r.stdout.contains("not restored: routines and triggers (hc_trg)"), r.stdout)
        XCTAssertTrue(try c.query("SHOW TRIGGERS").isEmpty)
        // With --trust-code they come back, after the tables.
        let trusted = try ProcessRunner.sitesnap(["restore", json["archive"] as! String, "--target", target, "--db-name", staging, "--force",
                                                  "--trust-code", "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
        XCTAssertEqual(trusted.status, 0, trusted.stdout + trusted.stderr)
        XCTAssertEqual(try c.query("SELECT COUNT(*) FROM hc_view").first?[0], "3", "the view is restored")
        try c.execute("INSERT INTO hc_myisam VALUES (9, 'n')")
        XCTAssertEqual(try c.query("SELECT note FROM hc_log ORDER BY id DESC LIMIT 1").first?[0], "m9", "the trigger is restored")
    }

    func testManifestRecordsTablesKeysAndNonTransactionalWarning() throws {
        let db = try Self.makeHardCaseDatabase()
        let (json, x) = try backup(db)
        let m = try Snapshots.manifest(x)
        let database = m["database"] as! [String: Any]
        let tables = database["tables"] as! [[String: Any]]
        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0["name"] as! String, $0) })
        XCTAssertEqual(byName["hc_cases"]?["rows"] as? Int, 6003)
        XCTAssertEqual(byName["hc_cases"]?["order_key"] as? [String], ["id"])
        XCTAssertEqual(byName["hc_meta"]?["order_key"] as? [String], ["collection", "name"])
        XCTAssertEqual(byName["hc_meta"]?["order_key_numeric"] as? [Bool], [false, false])
        XCTAssertEqual(byName["hc_nokey"]?["order_kind"] as? String, "none")
        XCTAssertEqual(database["non_transactional_tables"] as? [String], ["hc_myisam"])
        XCTAssertEqual(database["charset"] as? String, "utf8mb4")
        XCTAssertNil(byName["other_table"])
        let warnings = json["warnings"] as! [[String: Any]]
        XCTAssertTrue(warnings.contains { $0["kind"] as? String == "non-transactional" && $0["subject"] as? String == "hc_myisam" })
        // Byte order of the string key: 'State2' < 'state' < 'état' in bytes (collation order differs).
        let dump = try String(contentsOfFile: x + "/" + (byName["hc_meta"]!["entry"] as! String), encoding: .utf8)
        let order = ["('State2','A'", "('state','Z'", "('state','b'", "('état','x'"].map { dump.range(of: $0)!.lowerBound }
        XCTAssertEqual(order, order.sorted())
        // Several statements, each under the 1 MiB limit (but for the one 3 MB row, alone in its own).
        let cases = try String(contentsOfFile: x + "/" + (byName["hc_cases"]!["entry"] as! String), encoding: .utf8)
        let statements = cases.components(separatedBy: "\nINSERT INTO").dropFirst()
        XCTAssertGreaterThan(statements.count, 3)
        XCTAssertEqual(statements.filter { $0.utf8.count > 1 << 20 }.count, 1)
    }

    func testDumpIsDeterministicAndAllTablesAddsTheRest() throws {
        let db = try Self.makeHardCaseDatabase()
        func shas(_ json: [String: Any], _ x: String) throws -> [String: String] {
            let tables = (try Snapshots.manifest(x)["database"] as! [String: Any])["tables"] as! [[String: Any]]
            return Dictionary(uniqueKeysWithValues: tables.map { ($0["name"] as! String, $0["sha256"] as! String) })
        }
        let a = try backup(db), b = try backup(db)
        XCTAssertEqual(try shas(a.result, a.extracted), try shas(b.result, b.extracted), "same data, same dump bytes")
        let all = try backup(db, extra: ["--all-tables"])
        XCTAssertNotNil(try shas(all.result, all.extracted)["other_table"])
    }
}
