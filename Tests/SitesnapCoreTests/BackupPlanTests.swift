import MariaDBKit
@testable import SitesnapCore
@testable import SitesnapSystem
@testable import SnapshotFormat
import SnapshotStore
import XCTest

/// `BackupPlan.make` runs every check a backup can fail before anything is written: a refused backup
/// leaves the repository as it was (not even created when the refusal comes before it), and a plan
/// that passes is carried out by `BackupRunner` into a complete snapshot.
final class BackupPlanTests: XCTestCase {
    private func request(_ site: String, repo: String) -> BackupRequest {
        var r = BackupRequest(siteRoot: site)
        r.repository = repo
        return r
    }

    /// A new test database with `statements` run in it (as root).
    private func database(_ statements: String...) throws -> String {
        _ = try TestEnvironment.requireDatabase()
        let db = try TestDatabase.create("plan")
        let admin = try TestDatabase.admin(database: db)
        for s in statements { try admin.execute(s.replacingOccurrences(of: "$DB", with: db)) }
        return db
    }

    private func refusal(_ request: BackupRequest) -> SitesnapError? {
        do {
            _ = try BackupPlan.make(request, store: Repository(explicit: request.repository))
            XCTFail("the plan should refuse")
            return nil
        } catch let e as SitesnapError {
            return e
        } catch {
            XCTFail("not a SitesnapError: \(error)")
            return nil
        }
    }

    func testOptionErrorsComeBeforeTheRepositoryIsCreated() throws {
        let site = try TinySite.wordpress()
        let repo = TestEnvironment.makeTempDir("plan") + "/repo"
        var nothing = request(site, repo: repo)
        nothing.includeFiles = false
        nothing.includeDatabase = false
        XCTAssertEqual(refusal(nothing)?.category, .badInput)
        var level = request(site, repo: repo)
        level.includeDatabase = false
        level.level = 42
        XCTAssertTrue(refusal(level)?.errorDescription?.contains("zstd levels are 1 to 19") == true)
        var threads = level
        threads.level = nil
        threads.compression = .gzip
        threads.threads = 2
        XCTAssertEqual(refusal(threads)?.category, .badInput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo), "no repository folder for a refused plan")
    }

    func testDatabaseErrorsComeBeforeAnythingIsWritten() throws {
        let db = try database()
        let repo = TestEnvironment.makeTempDir("repo")
        let wrong = try TinySite.wordpress(database: db, user: "\(db)_u", password: "not-the-password")
        XCTAssertEqual(refusal(request(wrong, repo: repo))?.category, .database)
        XCTAssertEqual(Snapshots.allFiles(repo), [], "no id reserved, no partial, no spool")
    }

    func testHiddenCoreTableIsRefusedByThePlan() throws {
        let user = "plan_\(UUID().uuidString.prefix(6).lowercased())"
        let db = try database("CREATE TABLE wp_options (option_id INT PRIMARY KEY)", "CREATE TABLE wp_users (ID INT PRIMARY KEY)",
                              "CREATE USER '\(user)'@'localhost' IDENTIFIED BY 'plan-pass'",
                              "GRANT SELECT ON `$DB`.`wp_options` TO '\(user)'@'localhost'")
        let site = try TinySite.wordpress(database: db, user: user, password: "plan-pass")
        let repo = TestEnvironment.makeTempDir("repo")
        guard case .tablesNotVisible(_, _, let tables, _)? = refusal(request(site, repo: repo)) else {
            return XCTFail("expected tablesNotVisible")
        }
        XCTAssertTrue(tables.contains("wp_users"), "\(tables)")
        XCTAssertEqual(Snapshots.allFiles(repo), [], "refused before the id was reserved")
    }

    func testAPlanWritesNothingAndItsStepsWriteOneSnapshot() throws {
        let db = try database("CREATE TABLE wp_options (option_id INT PRIMARY KEY, option_name VARCHAR(64))",
                              "INSERT INTO wp_options VALUES (1, 'siteurl')")
        let site = try TinySite.wordpress(database: db, user: "\(db)_u")
        let repo = TestEnvironment.makeTempDir("repo")
        var r = request(site, repo: repo)
        r.excludes = ["*.log"]
        let plan = try BackupPlan.make(r, store: Repository(explicit: r.repository))
        XCTAssertEqual(Snapshots.allFiles(repo), [], "a plan writes nothing")
        XCTAssertEqual(plan.target?.options.database, db)
        XCTAssertEqual(plan.target?.tablePrefix, "wp_")
        XCTAssertEqual(plan.level, 3)
        XCTAssertTrue(plan.expectations.core.contains("wp_options"), "\(plan.expectations.core)")
        XCTAssertEqual(plan.rules.last?.glob, "*.log", "the --exclude globs come after the profile's")
        XCTAssertNil(plan.configOutsideSite)

        let result = try BackupRunner.run(plan, cancellation: nil) { _ in }
        XCTAssertEqual(Snapshots.archives(repo), [URL(fileURLWithPath: result.archive).lastPathComponent])
        XCTAssertEqual(Snapshots.allFiles(repo).sorted(), [result.id + ".index.jsonl", result.id + ".manifest.json", result.id + ".tar.zst"].sorted(),
                       "no spool or partial file left")
        XCTAssertEqual(result.totals.tables, 1)
        XCTAssertEqual(result.totals.rows, 1)
        let report = try Verifier.verify(path: result.archive)
        XCTAssertTrue(report.ok, "\(report.problems)")
    }
}
