@testable import SiteKnowledge
@testable import SitesnapCore
import SnapshotFormat
import XCTest

/// Which part of a site owns a path, from the shipped profiles' `files` and the extensions.
final class FileOwnersTests: XCTestCase {
    private func owners(_ id: String, _ extensions: [ExtensionInfo], docroot: String? = nil) throws -> FileOwners {
        let profile = try ProfileStore().profiles.first { $0.id == id }!.rebased(docroot: docroot)
        return FileOwners(profile: profile, extensions: extensions)
    }

    func testWordPress() throws {
        let o = try owners("wordpress", [ExtensionInfo(kind: "plugin", slug: "shop", name: "Shop", file: "wp-content/plugins/shop/shop.php"),
                                         ExtensionInfo(kind: "plugin", slug: "hello", name: "Hello", file: "wp-content/plugins/hello.php"),
                                         ExtensionInfo(kind: "theme", slug: "fresh", name: "Fresh", file: "wp-content/themes/fresh/style.css")])
        XCTAssertEqual(o.owner(of: "wp-admin/includes/file.php").label, "core")
        XCTAssertEqual(o.owner(of: "wp-login.php").label, "core")
        XCTAssertEqual(o.owner(of: "wp-config.php").label, "other")
        XCTAssertEqual(o.owner(of: "wp-content/plugins/shop/inc/a.php").label, "plugin shop")
        XCTAssertEqual(o.owner(of: "wp-content/plugins/hello.php").label, "plugin hello")
        XCTAssertEqual(o.owner(of: "wp-content/plugins/shopping/a.php").label, "other")
        XCTAssertEqual(o.owner(of: "wp-content/themes/fresh/style.css").label, "theme fresh")
        XCTAssertEqual(o.owner(of: "wp-content/uploads/2026/a.jpg").label, "uploads")
        XCTAssertEqual(o.owner(of: "wp-content/cache/page.html").label, "caches")
    }

    func testJoomlaCoreExtensionsAndMedia() throws {
        let o = try owners("joomla", [ExtensionInfo(kind: "component", slug: "com_content", name: "c", file: "administrator/components/com_content/content.xml", client: "administrator"),
                                      ExtensionInfo(kind: "plugin", slug: "acmeshop", name: "a", file: "plugins/content/acmeshop/acmeshop.xml", group: "content", client: "site")])
        XCTAssertEqual(o.owner(of: "components/com_content/src/x.php").label, "core component com_content")
        XCTAssertEqual(o.owner(of: "components/com_content/src/x.php").kind, .core)
        XCTAssertEqual(o.owner(of: "media/plg_content_acmeshop/a.js").label, "plugin content/acmeshop")
        XCTAssertEqual(o.owner(of: "libraries/src/Version.php").label, "core")
        XCTAssertEqual(o.owner(of: "images/banner.jpg").label, "uploads")
    }

    func testDrupalProjectUnderItsDocroot() throws {
        let o = try owners("drupal", [ExtensionInfo(kind: "module", slug: "pathauto", name: "p", file: "web/modules/contrib/pathauto/pathauto.info.yml"),
                                      ExtensionInfo(kind: "theme", slug: "olivero", name: "o", file: "web/core/themes/olivero/olivero.info.yml")],
                           docroot: "web")
        XCTAssertEqual(o.owner(of: "web/modules/contrib/pathauto/src/A.php").label, "module pathauto")
        XCTAssertEqual(o.owner(of: "web/core/themes/olivero/css/a.css").label, "core theme olivero")
        XCTAssertEqual(o.owner(of: "web/core/lib/Drupal.php").label, "core")
        XCTAssertEqual(o.owner(of: "web/sites/default/files/a.png").label, "uploads")
        XCTAssertEqual(o.owner(of: "web/sites/default/files/css/a.css").label, "caches")
    }
}
