@testable import SiteKnowledge
@testable import SitesnapSystem
@testable import SnapshotFormat
import XCTest
@testable import SitesnapCore

/// Detection, version, config and extension inventory on fixtures that mirror the real layouts.
final class SiteDetectionTests: XCTestCase {
    let store = try! ProfileStore()

    func testShippedProfilesLoad() {
        XCTAssertEqual(Set(store.profiles.map(\.id)), ["wordpress", "joomla", "drupal", "drupal6", "drupal7"])
    }

    func testJoomla4() throws {
        let site = try SiteDetector.detect(root: TestEnvironment.fixtures + "/joomla4", profiles: store)
        XCTAssertEqual(site.profile.id, "joomla")
        XCTAssertEqual(site.version, "4.4.3")
        let config = try SiteConfigReader.read(site: site)
        XCTAssertTrue(config.file.hasSuffix("joomla4/configuration.php"))
        let t = try DatabaseTarget.resolve(config: config, profile: site.profile, overrides: DatabaseOverrides())
        XCTAssertEqual(t.options.database, "joomla_db")
        XCTAssertEqual(t.options.user, "joomla_user")
        XCTAssertEqual(t.options.password, "j00mla-secret")
        XCTAssertEqual(t.options.host, "localhost")
        XCTAssertEqual(t.tablePrefix, "jx7_")
        let ext = ExtensionScanner.scan(site)
        let slugs = Set(ext.map { "\($0.kind):\($0.slug)" })
        XCTAssertTrue(slugs.isSuperset(of: ["component:com_acmeforms", "module:mod_acme_latest", "plugin:acmecache",
                                            "template:cassiopeia", "template:atum"]), "\(slugs)")
        XCTAssertNotNil(ext.first { $0.slug == "com_acmeforms" }?.version)
    }

    /// One slug, two extensions: a plugin element in two groups, a module name on the site and in the
    /// administrator. Each is listed, with its group or client.
    func testJoomlaExtensionsSharingASlugAreListedApart() throws {
        let root = TestEnvironment.makeTempDir("twins") + "/site"
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/joomla4", toPath: root)
        try DiffExtensionIdentityTests.addTwins(to: root)
        let ext = ExtensionScanner.scan(try SiteDetector.detect(root: root, profiles: store))
        let plugins = ext.filter { $0.slug == "acmecache" }
        XCTAssertEqual(plugins.map(\.group), ["content", "system"], "\(plugins)")
        XCTAssertEqual(plugins.map(\.file), ["plugins/content/acmecache/acmecache.xml", "plugins/system/acmecache/acmecache.xml"])
        XCTAssertEqual(plugins.map(\.client), ["site", "site"], "PluginAdapter stores client_id 0")
        XCTAssertFalse(plugins.count == 2 && plugins[0].isSameExtension(as: plugins[1]))
        let modules = ext.filter { $0.slug == "mod_acme_latest" }
        XCTAssertEqual(Set(modules.compactMap(\.client)), ["site", "administrator"], "\(modules)")
        XCTAssertEqual(ext.first { $0.slug == "atum" }?.client, "administrator")
        XCTAssertEqual(ext.first { $0.slug == "com_acmeforms" }?.client, "administrator", "ComponentAdapter stores client_id 1")
    }

    /// The manifest writes group and client only when set; a manifest without them still reads, and
    /// its entry is the same extension as one that has them (written before sitesnap recorded them).
    func testExtensionGroupAndClientInTheManifest() throws {
        let wp = ExtensionInfo(kind: "plugin", slug: "akismet", name: "Akismet", file: "wp-content/plugins/akismet/akismet.php")
        let text = String(decoding: try JSONEncoder().encode(wp), as: UTF8.self)
        XCTAssertFalse(text.contains("group") || text.contains("client"), text)
        let old = try JSONDecoder().decode(ExtensionInfo.self, from: Data(#"{"kind":"plugin","slug":"x","name":"x","file":"plugins/system/x/x.xml"}"#.utf8))
        XCTAssertNil(old.group)
        let system = ExtensionInfo(kind: "plugin", slug: "x", name: "x", file: "plugins/system/x/x.xml", group: "system")
        let content = ExtensionInfo(kind: "plugin", slug: "x", name: "x", file: "plugins/content/x/x.xml", group: "content")
        XCTAssertTrue(old.isSameExtension(as: system))
        XCTAssertFalse(content.isSameExtension(as: system))
        let decoded = try JSONDecoder().decode(ExtensionInfo.self, from: try JSONEncoder().encode(system))
        XCTAssertEqual(decoded, system)
    }

    func testDrupal10WithSettingsLocal() throws {
        let site = try SiteDetector.detect(root: TestEnvironment.fixtures + "/drupal10", profiles: store)
        XCTAssertEqual(site.profile.id, "drupal")
        XCTAssertEqual(site.version, "10.2.4")
        let config = try SiteConfigReader.read(site: site)
        XCTAssertEqual(config.extraFiles.count, 1, "settings.local.php is read too")
        let t = try DatabaseTarget.resolve(config: config, profile: site.profile, overrides: DatabaseOverrides())
        XCTAssertEqual(t.options.database, "drupal_db")
        XCTAssertEqual(t.options.user, "drupal_user")
        XCTAssertEqual(t.options.port, 3306)
        XCTAssertEqual(t.tablePrefix, "")
        let ext = ExtensionScanner.scan(site)
        XCTAssertEqual(ext.first { $0.slug == "pathauto" }?.version, "8.x-1.12")
        XCTAssertEqual(ext.first { $0.slug == "node" }?.version, "10.2.4", "core's `version: VERSION` is the core version")
        XCTAssertEqual(ext.first { $0.slug == "gin" }?.kind, "theme")
    }

    func testDrupal7PrefixArray() throws {
        let site = try SiteDetector.detect(root: TestEnvironment.fixtures + "/drupal7", profiles: store)
        XCTAssertEqual(site.profile.id, "drupal7")
        XCTAssertEqual(site.version, "7.98")
        let t = try DatabaseTarget.resolve(config: try SiteConfigReader.read(site: site), profile: site.profile, overrides: DatabaseOverrides())
        XCTAssertEqual(t.options.database, "d7_db")
        XCTAssertEqual(t.options.host, "127.0.0.1")
        XCTAssertEqual(t.options.port, 3307)
        XCTAssertEqual(t.tablePrefix, "d7_")
        let ext = ExtensionScanner.scan(site)
        XCTAssertEqual(ext.first { $0.slug == "views" }?.version, "7.x-3.29")
        XCTAssertEqual(ext.first { $0.slug == "node" }?.version, "7.98")
    }

    /// Debian's packaged WordPress: wp-config.php only loads /etc/wordpress/config-<host>.php.
    func testDebianPackagedWordPressSaysWhichFileToUse() throws {
        let site = try SiteDetector.detect(root: "/usr/share/wordpress", profiles: store)
        XCTAssertEqual(site.profile.id, "wordpress")
        XCTAssertNotNil(site.version)
        let config = try SiteConfigReader.read(site: site)
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: config, profile: site.profile, overrides: DatabaseOverrides())) { e in
            guard case .configLoadsAnotherFile(let file, _, let hint)? = e as? SitesnapError else { return XCTFail("\(e)") }
            XCTAssertEqual(file, "/usr/share/wordpress/wp-config.php")
            XCTAssertTrue(hint.contains("/etc/wordpress/config-"))
            XCTAssertTrue(hint.contains("--config FILE"))
        }
    }

    /// The files an include may load are named when they exist (a profile's include_candidates).
    func testIncludeCandidatesAreListed() throws {
        let etc = TestEnvironment.makeTempDir("etc")
        try "<?php define('DB_NAME','x');".write(toFile: etc + "/config-blog.example.php", atomically: true, encoding: .utf8)
        var profile = try XCTUnwrap(store.profiles.first { $0.id == "wordpress" })
        profile.config.includeCandidates = [etc + "/config-*.php"]
        let parsed = try PHPConfigReader.read(Array("<?php if (file_exists($f)) { require_once($f); }".utf8), file: "/s/wp-config.php")
        let config = SiteConfig(file: "/s/wp-config.php", extraFiles: [], values: [:], keyNames: [:], includes: parsed.includes)
        XCTAssertThrowsError(try DatabaseTarget.resolve(config: config, profile: profile, overrides: DatabaseOverrides())) { e in
            XCTAssertTrue((e as? SitesnapError)?.errorDescription?.contains("Found here: \(etc)/config-blog.example.php") == true, "\(e)")
        }
    }

    func testWordPressConfigOneFolderUp() throws {
        let dir = TestEnvironment.makeTempDir("wpup")
        let root = dir + "/public"
        try FileManager.default.createDirectory(atPath: root + "/wp-includes", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/wp-load.php", contents: Data("<?php".utf8))
        try "<?php $wp_version = '6.4.1';".write(toFile: root + "/wp-includes/version.php", atomically: true, encoding: .utf8)
        try "<?php define('DB_NAME','up'); define('DB_USER','u'); define('DB_HOST','[::1]:3306');".write(toFile: dir + "/wp-config.php", atomically: true, encoding: .utf8)
        let site = try SiteDetector.detect(root: root, profiles: store)
        XCTAssertEqual(site.version, "6.4.1")
        let config = try SiteConfigReader.read(site: site)
        XCTAssertEqual(config.file, dir + "/wp-config.php")
        let t = try DatabaseTarget.resolve(config: config, profile: site.profile, overrides: DatabaseOverrides())
        XCTAssertEqual(t.options.host, "::1")
        XCTAssertEqual(t.options.port, 3306)
        // The parent folder is another WordPress (it has wp-settings.php): its config is not ours.
        FileManager.default.createFile(atPath: dir + "/wp-settings.php", contents: Data())
        XCTAssertThrowsError(try SiteConfigReader.read(site: site)) { e in
            guard case .configNotFound? = e as? SitesnapError else { return XCTFail("\(e)") }
        }
    }

    func testNotACMSRootAndMissingRoot() {
        XCTAssertThrowsError(try SiteDetector.detect(root: TestEnvironment.fixtures, profiles: store)) { e in
            guard case .notACMSRoot? = e as? SitesnapError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try SiteDetector.detect(root: "/nonexistent/site", profiles: store)) { e in
            XCTAssertEqual(e as? SitesnapError, .siteRootMissing(path: "/nonexistent/site"))
        }
    }

    func testGlobExcludes() {
        // --exclude globs: with a '/', a path from the site root; without, a name at any depth.
        let option = ExcludeMatcher(["wp-content/cache", "sites/*/files/css", "*.log"].map(ExcludeRule.option))
        XCTAssertTrue(option.excludes("wp-content/cache"))
        XCTAssertFalse(option.excludes("wp-content/cache-x"))
        XCTAssertFalse(option.excludes("x/wp-content/cache"))
        XCTAssertTrue(option.excludes("sites/default/files/css"))
        XCTAssertTrue(option.excludes("sites/default/files/css/a.css"))
        XCTAssertTrue(option.excludes("a/b/debug.log"))
        XCTAssertFalse(option.excludes("a/b/debug.log.txt"))
        // Profile excludes are anchored: the root's cache, never plugins/system/cache.
        let profile = ExcludeMatcher([ProfileExclude(path: "cache", contents: true, keep: ["index.html"]).rule,
                                      ProfileExclude(path: "administrator/components/com_akeeba/backup").rule])
        XCTAssertFalse(profile.excludes("cache"), "the folder itself stays")
        XCTAssertFalse(profile.excludes("cache/index.html"), "kept")
        XCTAssertTrue(profile.excludes("cache/com_content"))
        XCTAssertTrue(profile.excludes("cache/com_content/index.html"), "keep is for names directly in the folder")
        XCTAssertFalse(profile.excludes("plugins/system/cache"))
        XCTAssertFalse(profile.excludes("plugins/system/cache/cache.php"))
        XCTAssertFalse(profile.excludes("administrator/components/com_cache/tmpl/cache/default.php"))
        XCTAssertTrue(profile.excludes("administrator/components/com_akeeba/backup/site.jpa"))
        XCTAssertFalse(profile.excludes("administrator/components/com_akeeba/backupx"))
    }
}
