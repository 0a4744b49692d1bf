@testable import SiteKnowledge
@testable import SitesnapSystem
import XCTest
@testable import SitesnapCore

/// A site's config read as PHP runs it: included files at the position of their include, later
/// assignments winning key by key; per-table prefix arrays.
final class SiteConfigTests: XCTestCase {
    private let store = try! ProfileStore()

    /// A Drupal site folder with `settings` as sites/default/settings.php and `local` (if given) as
    /// settings.local.php.
    private func drupal(settings: String, local: String?) throws -> SiteConfig {
        let root = TestEnvironment.makeTempDir("d") + "/site"
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/drupal10", toPath: root)
        try settings.write(toFile: root + "/sites/default/settings.php", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: root + "/sites/default/settings.local.php")
        if let local { try local.write(toFile: root + "/sites/default/settings.local.php", atomically: true, encoding: .utf8) }
        return try SiteConfigReader.read(site: try SiteDetector.detect(root: root, profiles: store))
    }

    private let include = """
        if (file_exists($app_root . '/' . $site_path . '/settings.local.php')) {
          include $app_root . '/' . $site_path . '/settings.local.php';
        }
        """
    private let local = "<?php\n$databases['default']['default'] = ['database' => 'other_site', 'username' => 'other', 'password' => 'o', 'host' => 'localhost', 'driver' => 'mysql'];\n"

    /// The installer's settings.php: the stock include block uncommented, then the installer's
    /// `$databases` appended after it. PHP uses the later assignment: settings.php's own.
    func testAssignmentAfterTheIncludeWins() throws {
        let c = try drupal(settings: """
            <?php
            $databases = [];
            \(include)
            $databases['default']['default'] = array (
              'database' => 'this_site',
              'username' => 'u',
              'password' => 'p',
              'host' => 'localhost',
              'driver' => 'mysql',
            );
            """, local: local)
        XCTAssertEqual(c.text("database"), "this_site")
        XCTAssertEqual(c.text("user"), "u")
        XCTAssertEqual(c.extraFiles.count, 1, "settings.local.php was read")
    }

    /// The include after the assignment: settings.local.php wins, and its values are not "conditional"
    /// (the stock `if (file_exists(...))` holds, since the file is there).
    func testIncludeAfterTheAssignmentWins() throws {
        let c = try drupal(settings: """
            <?php
            $databases['default']['default'] = ['database' => 'this_site', 'username' => 'u', 'password' => 'p', 'host' => 'localhost'];
            \(include)
            """, local: local)
        XCTAssertEqual(c.text("database"), "other_site")
        XCTAssertEqual(c.values["database"]?.conditional, false)
        let t = try DatabaseTarget.resolve(config: c, profile: store.profiles.first { $0.id == "drupal" }, overrides: DatabaseOverrides())
        XCTAssertEqual(t.options.database, "other_site")
        // Without settings.local.php, the include is not followed.
        XCTAssertEqual(try drupal(settings: "<?php\n$databases['default']['default'] = ['database' => 'this_site'];\n\(include)\n", local: nil).text("database"), "this_site")
    }

    /// settings.local.php overrides one key only: the others stay settings.php's.
    func testIncludedFileOverridesOneKey() throws {
        let c = try drupal(settings: """
            <?php
            $databases['default']['default'] = ['database' => 'this_site', 'username' => 'u', 'password' => 'p', 'host' => 'db.example', 'port' => '3306'];
            \(include)
            """, local: "<?php\n$databases['default']['default']['host'] = '127.0.0.1';\n")
        XCTAssertEqual(c.text("host"), "127.0.0.1")
        XCTAssertEqual(c.text("database"), "this_site")
        XCTAssertEqual(c.text("port"), "3306")
    }

    /// A computed value in the included file: the message names that file, not settings.php.
    func testComputedValueInTheIncludedFileNamesIt() throws {
        let c = try drupal(settings: "<?php\n$databases['default']['default'] = ['database' => 'x', 'username' => 'u', 'password' => 'p'];\n\(include)\n",
                           local: "<?php\n$databases['default']['default']['password'] = getenv('DB_PW');\n")
        let drupal = store.profiles.first { $0.id == "drupal" }
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: c, profile: drupal, overrides: DatabaseOverrides(), processEnvironment: [:])) { e in
            guard case .configValueNotLiteral(let file, _, let expr, _)? = e as? SitesnapError else { return XCTFail("\(e)") }
            XCTAssertTrue(file.hasSuffix("/sites/default/settings.local.php"), file)
            // Password: the expression without literal defaults, and why it has no value.
            XCTAssertEqual(expr, "getenv('DB_PW'); DB_PW is not set")
        }
        // Set in the environment sitesnap runs in: read from there, and said so.
        let t = try DatabaseTarget.resolve(config: c, profile: drupal, overrides: DatabaseOverrides(), processEnvironment: ["DB_PW": "from-env"])
        XCTAssertEqual(t.options.password, "from-env")
        XCTAssertEqual(t.origins["password"], "from environment DB_PW")
    }

    /// A syntax error in the included file names that file.
    func testBrokenIncludedFileIsNamed() throws {
        XCTAssertThrowsError(try drupal(settings: "<?php\n$databases['default']['default'] = ['database' => 'x'];\n\(include)\n",
                                        local: "<?php\n$databases['default']['default']['host'] = '127.0.0.1'\n$x = 1;\n")) { e in
            guard case .configSyntax(let file, let line, _)? = e as? SitesnapError else { return XCTFail("\(e)") }
            XCTAssertTrue(file.hasSuffix("settings.local.php"), file)
            XCTAssertEqual(line, 3)
        }
    }

    /// Drupal 7's per-table prefix array: the default prefix and the tables with their own.
    func testPerTablePrefixes() throws {
        let site = try SiteDetector.detect(root: TestEnvironment.fixtures + "/drupal7", profiles: store)
        let c = try SiteConfigReader.read(site: site)
        XCTAssertEqual(c.tablePrefixes, ["users": "shared_"])
        let t = try DatabaseTarget.resolve(config: c, profile: site.profile, overrides: DatabaseOverrides())
        XCTAssertEqual(t.tablePrefix, "d7_")
        XCTAssertEqual(t.tableName("users"), "shared_users")
        XCTAssertEqual(t.tableName("node"), "d7_node")
    }
}
