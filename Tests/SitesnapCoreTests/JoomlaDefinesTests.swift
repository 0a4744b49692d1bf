@testable import SiteKnowledge
@testable import SitesnapSystem
import XCTest

/// Joomla's `defines.php` in the site root (included by includes/app.php before includes/defines.php,
/// joomla-cms 4.4/5.3) may move configuration.php out of the web root through JPATH_CONFIGURATION:
/// sitesnap reads the file Joomla reads, or refuses naming the file and the constant.
final class JoomlaDefinesTests: XCTestCase {
    private let store = try! ProfileStore()

    /// A copy of the joomla5 fixture inside `<tmp>/home/public_html`, with `defines(home)` as its
    /// defines.php and a configuration.php (database `outside_db`) in `<tmp>/home/private`.
    private func site(defines: (String) -> String?) throws -> (root: String, home: String) {
        let home = TestEnvironment.makeTempDir("jd") + "/home"
        let root = home + "/public_html"
        try FileManager.default.createDirectory(atPath: home + "/private", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/joomla5", toPath: root)
        let config = try String(contentsOfFile: root + "/configuration.php", encoding: .utf8)
        try config.replacingOccurrences(of: "'joomla_db'", with: "'outside_db'")
            .write(toFile: home + "/private/configuration.php", atomically: true, encoding: .utf8)
        if let text = defines(home) { try text.write(toFile: root + "/defines.php", atomically: true, encoding: .utf8) }
        return (root, home)
    }

    private func configFile(_ root: String) throws -> SiteConfig {
        try SiteConfigReader.read(site: try SiteDetector.detect(root: root, profiles: store))
    }

    func testPathExpressionsAreFollowed() throws {
        for expression in ["dirname(__DIR__) . '/private'", "\\dirname(__DIR__) . DIRECTORY_SEPARATOR . 'private'",
                           "__DIR__ . '/../private'", "realpath(__DIR__ . '/..') . '/private'", "PRIVATE_DIR"] {
            let (root, home) = try site { _ in """
                <?php
                define('PRIVATE_DIR', dirname(__DIR__, 1) . '/private');
                \\defined('JPATH_CONFIGURATION') || \\define('JPATH_CONFIGURATION', \(expression));

                """ }
            let c = try configFile(root)
            XCTAssertEqual(c.file, URL(fileURLWithPath: home + "/private/configuration.php").resolvingSymlinksInPath().path, expression)
            XCTAssertEqual(c.text("database"), "outside_db", expression)
        }
    }

    /// Joomla 3's way (index.php, 3.10): a defines.php that defines _JDEFINES replaces
    /// includes/defines.php, so it is a copy of it, with `$parts = explode(...)` and `implode(...)`.
    func testJoomla3CopyOfIncludesDefines() throws {
        func defines(_ configuration: String, extra: String = "") -> String {
            """
            <?php
            define('_JDEFINES', 1);
            define('JPATH_BASE', __DIR__);
            $parts = explode(DIRECTORY_SEPARATOR, JPATH_BASE);
            \(extra)
            define('JPATH_ROOT',          implode(DIRECTORY_SEPARATOR, $parts));
            define('JPATH_SITE',          JPATH_ROOT);
            define('JPATH_CONFIGURATION', \(configuration));
            define('JPATH_ADMINISTRATOR', JPATH_ROOT . DIRECTORY_SEPARATOR . 'administrator');

            """
        }
        XCTAssertEqual(try configFile(try site { _ in defines("JPATH_ROOT") }.root).text("database"), "joomla_db")
        XCTAssertEqual(try configFile(try site { _ in defines("dirname(JPATH_ROOT) . '/private'") }.root).text("database"), "outside_db")
        // administrator/includes/defines.php drops the last part: $parts is no longer JPATH_BASE's.
        let popped = try site { _ in defines("JPATH_ROOT", extra: "array_pop($parts);") }.root
        XCTAssertThrowsError(try configFile(popped)) { error in
            XCTAssertEqual((error as? SitesnapError).map { if case .configValueNotLiteral(_, let key, let e, _) = $0 { return key + " " + e } else { return "\($0)" } },
                           "JPATH_CONFIGURATION JPATH_ROOT")
        }
    }

    func testLiteralPathAndNoDefinesFile() throws {
        let (root, _) = try site { "<?php\ndefine('JPATH_CONFIGURATION', '\($0)/private');\n" }
        XCTAssertEqual(try configFile(root).text("database"), "outside_db")
        // A defines.php that leaves JPATH_CONFIGURATION alone, and none at all: the root's configuration.php.
        let (other, _) = try site { _ in "<?php\ndefine('JDEBUG', false);\n" }
        XCTAssertEqual(try configFile(other).text("database"), "joomla_db")
        let (plain, _) = try site { _ in nil }
        XCTAssertEqual(try configFile(plain).text("database"), "joomla_db")
    }

    /// Joomla reads only JPATH_CONFIGURATION/configuration.php: a stale one in the root is not used.
    func testMissingTargetIsNotReplacedByRootConfig() throws {
        let (root, home) = try site { "<?php\ndefine('JPATH_CONFIGURATION', '\($0)/elsewhere');\n" }
        XCTAssertThrowsError(try configFile(root)) { error in
            guard case SitesnapError.configNotFound(_, _, let candidates)? = error as? SitesnapError else { return XCTFail("\(error)") }
            XCTAssertEqual(candidates, [URL(fileURLWithPath: home + "/elsewhere/configuration.php").standardizedFileURL.path
                                        + " (JPATH_CONFIGURATION of defines.php)"])
        }
    }

    /// A snapshot cannot hold a config outside the site root: backup says so, and restore refuses
    /// rather than let the staging copy read the production config the same defines.php names.
    func testConfigOutsideTheRootIsWarnedAndNotRestored() throws {
        let socket = try TestEnvironment.requireDatabase()
        let (root, home) = try site { _ in "<?php\ndefine('JPATH_CONFIGURATION', dirname(__DIR__) . '/private');\n" }
        let repo = TestEnvironment.makeTempDir("jdrepo")
        let b = try ProcessRunner.sitesnap(["backup", root, "--no-db", "--repo", repo, "--json"])
        XCTAssertEqual(b.status, 5, b.stderr)
        XCTAssertTrue(b.stderr.contains("outside-site-root: \(URL(fileURLWithPath: home).resolvingSymlinksInPath().path)/private/configuration.php"), b.stderr)
        let id = (try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any])["id"] as! String
        let target = TestEnvironment.makeTempDir("jdstage") + "/staging"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", "jd_staging",
                                            "--db-socket", socket, "--db-user", "root"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("was outside the site root"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    }

    /// An absolute JPATH_CONFIGURATION inside the site is in the snapshot, but the restored
    /// defines.php would still name the source's folder: the staging copy would run on production's
    /// configuration.php. The restore refuses before writing anything; a __DIR__ path restores.
    func testAnAbsoluteConfigFolderIsNotRestored() throws {
        let socket = try TestEnvironment.requireDatabase()
        let (root, _) = try site { _ in nil }
        try FileManager.default.createDirectory(atPath: root + "/private", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: root + "/configuration.php", toPath: root + "/private/configuration.php")
        try "<?php\ndefine('JPATH_CONFIGURATION', '\(root)/private');\n".write(toFile: root + "/defines.php", atomically: true, encoding: .utf8)
        let (_, db) = try FixtureSite.load("joomla5", sql: "joomla5.sql", prefix: "j5x_")
        let repo = TestEnvironment.makeTempDir("jdrepo")
        let b = try ProcessRunner.sitesnap(["backup", root, "--repo", repo, "--json", "--db-name", db, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", socket])
        XCTAssertEqual(b.status, 0, b.stderr)
        let id = (try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any])["id"] as! String
        let target = TestEnvironment.makeTempDir("jdstage") + "/staging"
        let r = try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", "jd_abs_staging",
                                            "--db-socket", socket, "--db-user", "root", "--db-password-file", "/dev/null"])
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("defines.php") && r.stderr.contains("JPATH_CONFIGURATION") && r.stderr.contains("__DIR__"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
        XCTAssertEqual(try TestDatabase.admin().query("SHOW DATABASES LIKE 'jd_abs_staging'").count, 0, "no staging database created")
    }

    func testComputedValueIsRefusedByName() throws {
        let (root, _) = try site { _ in "<?php\ndefine('JPATH_CONFIGURATION', getenv('JOOMLA_CONFIG_DIR'));\n" }
        let r = try ProcessRunner.sitesnap(["backup", root, "--repo", TestEnvironment.makeTempDir("jdrepo")])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "sitesnap: error: JPATH_CONFIGURATION in \(URL(fileURLWithPath: root).resolvingSymlinksInPath().path)/defines.php is computed by code (getenv('JOOMLA_CONFIG_DIR')), not a literal sitesnap can read; pass the value with --config FILE (the config file it points at).\n")
        let relative = try site { _ in "<?php\ndefine('JPATH_CONFIGURATION', 'private');\n" }.root
        XCTAssertThrowsError(try configFile(relative)) { error in
            XCTAssertTrue((error as? SitesnapError)?.errorDescription?.contains("a relative path") == true, "\(error)")
        }
    }
}
