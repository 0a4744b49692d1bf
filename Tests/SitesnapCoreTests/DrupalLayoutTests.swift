@testable import SiteKnowledge
@testable import SitesnapSystem
@testable import SnapshotFormat
import XCTest
@testable import SitesnapCore

/// Drupal as Drupal lays itself out: the composer project around the docroot `web/`, the extensions
/// ExtensionDiscovery (8+) and drupal_system_listing() (7) find, the name printed with the version.
final class DrupalLayoutTests: XCTestCase {
    let store = try! ProfileStore()
    let project = try! DrupalProjectFixture.make()

    /// The project root is the site; every profile path resolves under the docroot.
    func testTheProjectRootIsTheSiteAndTheDocrootHoldsDrupal() throws {
        let site = try SiteDetector.detect(root: project, profiles: store)
        XCTAssertEqual(site.profile.id, "drupal")
        XCTAssertEqual(site.root, project)
        XCTAssertEqual(site.docroot, "web")
        XCTAssertEqual(site.version, "10.2.4")
        let config = try SiteConfigReader.read(site: site)
        XCTAssertEqual(config.file, project + "/web/sites/default/settings.php")
        XCTAssertEqual(config.extraFiles, [project + "/web/sites/default/settings.local.php"])
        XCTAssertEqual(site.profile.excludes.first?.path, "web/sites/*/files/css")
        let folders = SiteFolders.find(site: site, configFile: config.file)
        XCTAssertEqual(folders.map(\.path), [project + "/config/sync"])
        XCTAssertEqual(folders.first?.insideSite, true)
        XCTAssertEqual(folders.first?.setting, "$settings['config_sync_directory']")
    }

    /// `--site PROJECT/web` names the docroot: it stands for the project that composer.json places
    /// it in (a snapshot of web/ alone could not boot: no vendor/, no config sync folder).
    func testTheDocrootStandsForItsProject() throws {
        let site = try SiteDetector.detect(root: project + "/web", profiles: store)
        XCTAssertEqual(site.root, project)
        XCTAssertEqual(site.docroot, "web")
        // A docroot that the composer.json above does not name stays a site of its own.
        let root = URL(fileURLWithPath: try DrupalProjectFixture.make("p")).deletingLastPathComponent().path
        try FileManager.default.moveItem(atPath: root + "/p/web", toPath: root + "/p/public")
        let alone = try SiteDetector.detect(root: root + "/p/public", profiles: store)
        XCTAssertEqual(alone.root, root + "/p/public")
        XCTAssertNil(alone.docroot)
        // No web-root key (drupal-composer/drupal-project 8.x): the docroot names tried are web, docroot.
        try FileManager.default.moveItem(atPath: root + "/p/public", toPath: root + "/p/docroot")
        try "{\"name\": \"acme/x\", \"type\": \"project\"}".write(toFile: root + "/p/composer.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(try SiteDetector.detect(root: root + "/p", profiles: store).docroot, "docroot")
        XCTAssertEqual(try SiteDetector.detect(root: root + "/p/docroot", profiles: store).root, root + "/p")
    }

    /// The tarball layout (the docroot is the site root, drupal/drupal's composer.json says `./`) is unchanged.
    func testTheTarballLayoutHasNoDocroot() throws {
        let site = try SiteDetector.detect(root: TestEnvironment.fixtures + "/drupal10", profiles: store)
        XCTAssertNil(site.docroot)
        XCTAssertEqual(site.profile.markers, ["core/lib/Drupal.php", "index.php"])
    }

    /// ExtensionDiscovery: tests/ and src/ folders are not looked into, a theme engine is no theme,
    /// core themes, core profiles and core submodules are listed, `version: VERSION` is the core version.
    func testDrupal10InventoryIsWhatDrupalLists() throws {
        let ext = ExtensionScanner.scan(try SiteDetector.detect(root: project, profiles: store))
        let keys = Set(ext.map { "\($0.kind):\($0.slug)" })
        XCTAssertEqual(keys, ["module:pathauto", "module:acme_forms", "theme:gin", "core-module:layout_builder", "core-module:layout_builder_expose_all_field_blocks",
                              "core-module:mysql", "core-module:node", "core-module:system", "theme:claro", "theme:olivero",
                              "profile:minimal", "profile:standard"])
        XCTAssertEqual(ext.first { $0.slug == "olivero" }?.version, "10.2.4")
        XCTAssertEqual(ext.first { $0.slug == "olivero" }?.file, "web/core/themes/olivero/olivero.info.yml")
        XCTAssertEqual(ext.first { $0.slug == "pathauto" }?.version, "8.x-1.12")
    }

    /// drupal_system_listing(): the field submodules are core modules; test modules, core themes and
    /// profiles as Drupal 7 has them; the name is "Drupal" (printed "Drupal 7.98").
    func testDrupal7InventoryHasFieldSubmodulesAndNoTestModules() throws {
        let site = try SiteDetector.detect(root: TestEnvironment.fixtures + "/drupal7", profiles: store)
        XCTAssertEqual("\(site.profile.name) \(site.version ?? "")", "Drupal 7.98")
        let ext = ExtensionScanner.scan(site)
        let keys = Set(ext.map { "\($0.kind):\($0.slug)" })
        XCTAssertTrue(keys.isSuperset(of: ["core-module:field", "core-module:text", "core-module:list", "theme:bartik",
                                           "profile:standard", "module:views"]), "\(keys)")
        XCTAssertFalse(keys.contains("core-module:list_test"), "\(keys)")
        XCTAssertEqual(ext.first { $0.slug == "text" }?.version, "7.98")
    }
}
