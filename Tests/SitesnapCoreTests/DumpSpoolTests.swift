import Foundation
import MariaDBKit
import XCTest
@testable import SitesnapCore

/// The restore imports no table before every dump of the archive has passed the statement policy:
/// a forged statement in the second table dump is refused while the archive is read, so the first
/// table is never created (the server's general query log shows every statement the restore's
/// connections ran), and the staging side is left without any table of the site.
final class DumpSpoolTests: XCTestCase {
    func testAForgedStatementInTheSecondDumpIsRefusedBeforeAnyTableIsImported() throws {
        let socket = try TestEnvironment.requireDatabase()
        let wp = try WordPressFixture.shared()
        let repo = TestEnvironment.makeTempDir("repo")
        XCTAssertEqual(try ProcessRunner.sitesnap(["backup", wp.root, "--repo", repo, "--no-files"]).status, 0)
        let x = try Snapshots.extract(repo + "/" + Snapshots.archives(repo)[0])
        let dumps = try FileManager.default.contentsOfDirectory(atPath: x + "/database").filter { $0.hasPrefix("1-") }.sorted()
        XCTAssertGreaterThan(dumps.count, 2)
        // If the forged statement ran, it would drop this database.
        let victim = try TestDatabase.create("victim")
        let archive = try forge(x, entry: "database/" + dumps[1], appending: "DROP DATABASE `\(victim)`;")
        let staging = "\(wp.database)_early"
        let admin = try TestDatabase.admin()
        let log = try GeneralLog(admin)
        let r = try ProcessRunner.sitesnap(["restore", archive, "--target", TestEnvironment.makeTempDir("e") + "/site", "--db-name", staging,
                                            "--db-user", "root", "--db-password-file", "/dev/null", "--db-socket", socket])
        let statements = try log.stop(database: staging)
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        let second = String(dumps[1].dropFirst("1-0002-".count).dropLast(".sql".count))
        XCTAssertTrue(r.stderr.contains("the dump of table \(second) is refused at statement"), r.stderr)
        XCTAssertFalse(try admin.query("SHOW DATABASES LIKE '\(victim)'").isEmpty, "the forged statement never ran")
        XCTAssertTrue(try admin.query("SHOW DATABASES LIKE '\(staging)'").isEmpty, "no table of the site, nor the database the restore created")
        XCTAssertFalse(statements.isEmpty, "the log saw the restore's connections")
        let imported = statements.filter { $0.hasPrefix("CREATE TABLE `wp_") || $0.hasPrefix("INSERT INTO `wp_") }
        XCTAssertEqual(imported, [], "nothing was imported before the refusal")
    }

    /// Appends `statement` to `entry` of the extracted snapshot `x`, fixes the manifest's size and
    /// SHA-256 of it (as a careful forger would) and writes a pax tar with Python's tarfile, the dumps
    /// in archive order, then compresses it; returns the archive (no manifest copy beside it).
    private func forge(_ x: String, entry: String, appending statement: String) throws -> String {
        let script = """
            import hashlib, io, json, os, sys, tarfile
            d, entry, extra, out = sys.argv[1:5]
            p = os.path.join(d, entry)
            open(p, 'a').write(extra + '\\n')
            data = open(p, 'rb').read()
            m = json.load(open(os.path.join(d, 'manifest.json')))
            for t in m['database']['tables']:
                if t['entry'] == entry:
                    t['sha256'] = hashlib.sha256(data).hexdigest(); t['bytes'] = len(data)
            manifest = json.dumps(m).encode()
            t = tarfile.open(out, 'w', format=tarfile.PAX_FORMAT)
            for n in sorted(os.listdir(os.path.join(d, 'database'))):
                t.add(os.path.join(d, 'database', n), arcname='database/' + n)
            i = tarfile.TarInfo('manifest.json'); i.size = len(manifest); i.mode = 0o644
            t.addfile(i, io.BytesIO(manifest))
            t.close()
            """
        let dir = TestEnvironment.makeTempDir("forged")
        try script.write(toFile: dir + "/forge.py", atomically: true, encoding: .utf8)
        let r = try ProcessRunner.run("/usr/bin/python3", [dir + "/forge.py", x, entry, statement, dir + "/A.tar"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let z = try ProcessRunner.shell("zstd -q -f '\(dir)/A.tar' -o '\(dir)/A.tar.zst' && rm '\(dir)/A.tar'")
        XCTAssertEqual(z.status, 0, z.stderr)
        return dir + "/A.tar.zst"
    }
}

/// The server's general query log in a table while a test runs, then the statements of the
/// connections that used one database.
private struct GeneralLog {
    let admin: MariaDBConnection
    let output: String
    let wasOn: String

    init(_ admin: MariaDBConnection) throws {
        self.admin = admin
        output = try admin.query("SELECT @@global.log_output").first?[0] ?? "FILE"
        wasOn = try admin.query("SELECT @@global.general_log").first?[0] ?? "0"
        try admin.execute("SET GLOBAL log_output = 'TABLE'")
        try admin.execute("SET GLOBAL general_log = 1")
    }

    /// Stops logging (back to how it was) and returns the queries, in order, of every connection that
    /// connected to `database` or named it in a statement.
    func stop(database: String) throws -> [String] {
        try admin.execute("SET GLOBAL general_log = \(wasOn)")
        try admin.execute("SET GLOBAL log_output = '\(output)'")
        let like = "'%\(database)%'"
        let rows = try admin.query("""
            SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE command_type = 'Query' AND thread_id IN
              (SELECT thread_id FROM mysql.general_log WHERE CONVERT(argument USING utf8mb4) LIKE \(like)) ORDER BY event_time
            """)
        return rows.compactMap { $0[0] ?? nil }
    }
}
