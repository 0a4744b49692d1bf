import XCTest

/// `restore --url` options that would leave the staging copy claiming production's URL are refused,
/// one line naming the option, exit 2, before anything is written (the run and the dry run alike).
final class RestoreURLRefusalTests: XCTestCase {
    /// A tiny WordPress site whose home and siteurl are production's `https://www.Blog.example.com/`
    /// (a capital letter in the host, as WordPress keeps what the admin typed), backed up.
    private func snapshot() throws -> (id: String, repo: String) {
        _ = try TestEnvironment.requireDatabase()
        let db = try TestDatabase.create("urlref")
        try TestDatabase.admin(database: db).execute("""
            CREATE TABLE wp_options (option_id bigint unsigned NOT NULL AUTO_INCREMENT, option_name varchar(191) NOT NULL,
              option_value longtext NOT NULL, PRIMARY KEY (option_id), UNIQUE KEY option_name (option_name))
            """)
        try TestDatabase.admin(database: db).execute("""
            INSERT INTO wp_options (option_name, option_value) VALUES ('home', 'https://www.Blog.example.com/'),
              ('siteurl', 'https://www.Blog.example.com/'), ('blog_public', '1')
            """)
        try TestDatabase.admin(database: db).execute("CREATE TABLE wp_posts (ID bigint unsigned NOT NULL, guid varchar(255) NOT NULL, post_content longtext NOT NULL, PRIMARY KEY (ID))")
        try TestDatabase.admin(database: db).execute("INSERT INTO wp_posts VALUES (1, 'https://www.Blog.example.com/?p=1', 'See https://www.Blog.example.com/about.')")
        let site = try TinySite.wordpress(database: db, user: "\(db)_u")
        let repo = TestEnvironment.makeTempDir("repo")
        let r = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["id"] as! String, repo)
    }

    /// Runs a restore as root into a fresh target and database; returns them with the result.
    private func restore(_ id: String, repo: String, _ extra: [String]) throws -> (result: ProcessResult, target: String, db: String) {
        let target = TestEnvironment.makeTempDir("urlref") + "/site"
        let db = "urlref_stg_\(UUID().uuidString.prefix(6).lowercased())"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", db,
                                            "--db-user", "root", "--db-password-file", "/dev/null"] + extra)
        return (r, target, db)
    }

    /// Exit 2, one `sitesnap: error:` line containing every `named`, and neither folder nor database made.
    private func assertRefused(_ id: String, repo: String, _ extra: [String], named: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        for args in [extra, extra + ["--dry-run"]] {
            let (r, target, db) = try restore(id, repo: repo, args)
            XCTAssertEqual(r.status, 2, args.joined(separator: " ") + ": " + r.stdout + r.stderr, file: file, line: line)
            XCTAssertTrue(r.stderr.hasPrefix("sitesnap: error: ") && named.allSatisfy(r.stderr.contains), r.stderr, file: file, line: line)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: target), "nothing written", file: file, line: line)
            XCTAssertTrue(try TestDatabase.admin().query("SHOW DATABASES LIKE '\(db)'").isEmpty, "no database", file: file, line: line)
        }
    }

    /// Host names and schemes compare without case, trailing slashes ignored: production's URL with its
    /// host lowercased is production's URL, as --url and as --old-url equal to --url.
    func testProductionsURLInAnotherCaseIsRefused() throws {
        let (id, repo) = try snapshot()
        try assertRefused(id, repo: repo, ["--url", "https://www.blog.example.com/"], named: ["--url https://www.blog.example.com/", "snapshot's own URL"])
        try assertRefused(id, repo: repo, ["--url", "HTTPS://WWW.BLOG.EXAMPLE.COM"], named: ["--url HTTPS://WWW.BLOG.EXAMPLE.COM"])
        try assertRefused(id, repo: repo, ["--url", "https://staging.example.test", "--old-url", "https://Staging.Example.test/"],
                          named: ["--old-url https://Staging.Example.test/"])
    }

    /// A --skip-column glob matching wp_options.option_value would leave home and siteurl at
    /// production's URL (the staging site then redirects there): refused, naming the rows.
    func testSkipColumnMatchingTheSiteURLRowsIsRefused() throws {
        let (id, repo) = try snapshot()
        for glob in ["option_value", "*", "wp_options.*", "options.option_value"] {
            try assertRefused(id, repo: repo, ["--url", "https://staging.example.test", "--skip-column", glob],
                              named: ["--skip-column \(glob)", "wp_options.option_value (home, siteurl)"])
        }
        // A glob that leaves them alone still works, and home is the staging URL.
        let (r, _, db) = try restore(id, repo: repo, ["--url", "https://staging.example.test", "--skip-column", "guid"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let rows = try TestDatabase.admin(database: db).query("SELECT option_value FROM wp_options WHERE option_name IN ('home', 'siteurl') ORDER BY option_name")
        XCTAssertEqual(rows.map { $0[0] }, ["https://staging.example.test/", "https://staging.example.test/"])
        XCTAssertEqual(try TestDatabase.admin(database: db).query("SELECT guid FROM wp_posts").first?[0], "https://www.Blog.example.com/?p=1")
    }
}
