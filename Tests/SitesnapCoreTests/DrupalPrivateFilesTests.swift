import XCTest

/// Drupal 8+'s private files folder, `$settings['file_private_path']` (PrivateStream::basePath()), is
/// a folder the site needs in any layout: inspect lists it, and a backup of a site whose private files
/// are outside the site root says the snapshot does not hold them (outside-site-root, exit 5).
final class DrupalPrivateFilesTests: XCTestCase {
    /// drupal10 (tarball layout) with the private path set to `value`.
    private func site(privatePath value: String) throws -> (String, String) {
        let (site, db) = try FixtureSite.load("drupal10", sql: "drupal10.sql", prefix: "")
        let settings = site + "/sites/default/settings.php"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        XCTAssertTrue(text.contains("# $settings['file_private_path'] = '';"))
        try text.replacingOccurrences(of: "# $settings['file_private_path'] = '';", with: "$settings['file_private_path'] = '\(value)';")
            .write(toFile: settings, atomically: true, encoding: .utf8)
        return (site, db)
    }

    private func backup(_ site: String, _ db: String) throws -> ProcessResult {
        try ProcessRunner.sitesnap(["backup", site, "--repo", TestEnvironment.makeTempDir("repo"), "--db-name", db, "--db-user", "root",
                                    "--db-password-file", "/dev/null", "--db-socket", TestEnvironment.socket!])
    }

    func testPrivateFilesOutsideTheSiteRootAreAWarning() throws {
        let outside = TestEnvironment.makeTempDir("private")
        let (site, db) = try site(privatePath: outside)
        let i = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertTrue(i.stdout.contains("folder     \(outside) (private files folder, outside the site root: not in a snapshot)"), i.stdout)
        let r = try backup(site, db)
        XCTAssertEqual(r.status, 5, r.stdout + r.stderr)
        XCTAssertTrue((r.stdout + r.stderr).contains("outside-site-root"), r.stdout + r.stderr)
        XCTAssertTrue((r.stdout + r.stderr).contains("file_private_path"), r.stdout + r.stderr)
    }

    func testPrivateFilesInsideTheSiteRootAreListedAndBackedUp() throws {
        let (site, db) = try site(privatePath: "sites/default/files/private")
        let i = try ProcessRunner.sitesnap(["inspect", site])
        XCTAssertTrue(i.stdout.contains("folder     \(site)/sites/default/files/private (private files folder)\n"), i.stdout)
        let r = try backup(site, db)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertFalse((r.stdout + r.stderr).contains("outside-site-root"), r.stdout + r.stderr)
    }
}
