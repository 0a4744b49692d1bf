import Foundation
@testable import SiteKnowledge
@testable import SitesnapSystem
import XCTest

/// Loading profiles: shipped and user profiles, the exclude syntax, and a typo in a user profile
/// failing its load naming the file and the key instead of leaving the profile without the setting.
final class ProfileStoreTests: XCTestCase {
    /// A minimal user profile, without its `excludes`.
    static let tinyProfile = """
        id: tinycms
        name: TinyCMS
        markers: [tiny.php]
        version: [{file: tiny.php, php: {constant: TINY_VERSION}}]
        config:
          candidates: [{path: tiny.php}]
          database: {constant: DBN}
          user: {constant: DBU}
          password: {constant: DBP}
          host: {constant: DBH}
        extensions: []

        """

    /// `tinyProfile` with a typed value of each kind and a mapping under `database`.
    static let typedProfile = tinyProfile
        .replacingOccurrences(of: "  host: {constant: DBH}\n", with: "  host: {constant: DBH}\n  host_forms: [port, unix_uri]\n")
        .replacingOccurrences(of: "extensions: []\n", with: """
            extensions:
              - {kind: plugin, glob: "plugins/*/plugin.xml", format: xml-manifest, slug: dir}
            database:
              natural_keys: {options: [name]}
              noise_tables: [sessions]

            """)

    private func makeTempDir(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "sitesnap-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    private func load(_ yaml: String) throws -> [Profile] {
        let dir = try makeTempDir("profiles")
        try yaml.write(toFile: dir + "/tiny.yml", atomically: true, encoding: .utf8)
        return try ProfileStore.load(directory: dir)
    }

    private func assertInvalid(_ yaml: String, mentions: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try load(yaml), file: file, line: line) { e in
            guard case .profileInvalid(let path, let reason)? = e as? SitesnapError else {
                return XCTFail("\(e)", file: file, line: line)
            }
            XCTAssertTrue(path.hasSuffix("/tiny.yml"), path, file: file, line: line)
            XCTAssertTrue(reason.contains(mentions), reason, file: file, line: line)
        }
    }

    func testShippedProfilesLoadWithoutUnknownKeys() throws {
        let dir = try XCTUnwrap(ProfileStore.builtinDirectory())
        let profiles = try ProfileStore.load(directory: dir)
        XCTAssertEqual(Set(profiles.map(\.id)), ["wordpress", "joomla", "drupal", "drupal6", "drupal7"])
    }

    func testUserProfileDirectoryAddsACMS() throws {
        let dir = try makeTempDir("profiles")
        let yml = Self.tinyProfile + "excludes: [cache]\n"
        try yml.write(toFile: dir + "/tiny.yml", atomically: true, encoding: .utf8)
        let site = try makeTempDir("tiny")
        try "<?php define('TINY_VERSION', '1.2'); define('DBN','t');".write(toFile: site + "/tiny.php", atomically: true, encoding: .utf8)
        let s = try SiteDetector.detect(root: site, profiles: try ProfileStore(userDirectories: [dir]))
        XCTAssertEqual(s.profile.id, "tinycms")
        XCTAssertEqual(s.version, "1.2")
        // A broken profile names its file.
        try "id: [".write(toFile: dir + "/broken.yml", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ProfileStore(userDirectories: [dir])) { e in
            guard case .profileInvalid(let file, _)? = e as? SitesnapError else { return XCTFail("\(e)") }
            XCTAssertTrue(file.hasSuffix("broken.yml"))
        }
    }

    /// Profile excludes in YAML: a plain path, or {contents_of, keep}; keep without contents_of is refused.
    func testProfileExcludeSyntax() throws {
        let head = Self.tinyProfile + "excludes:\n"
        let p = try XCTUnwrap(try load(head + """
              - tmp/old
              - {contents_of: cache, keep: [index.html, .htaccess]}
              - {path: "sites/*/private/backup_migrate"}
            """).first)
        XCTAssertEqual(p.excludes, [ProfileExclude(path: "tmp/old"), ProfileExclude(path: "cache", contents: true, keep: ["index.html", ".htaccess"]),
                                    ProfileExclude(path: "sites/*/private/backup_migrate")])
        XCTAssertThrowsError(try load(head + "  - {path: cache, keep: [index.html]}\n"))
    }

    func testAValidProfileDecodesTypedValues() throws {
        let p = try XCTUnwrap(load(Self.typedProfile + "excludes: [cache]\n").first)
        XCTAssertEqual(p.config.hostForms, [.port, .unixURI])
        XCTAssertEqual(p.extensions.first?.format, .xmlManifest)
        XCTAssertEqual(p.extensions.first?.slug, .dir)
        XCTAssertEqual(p.database?.naturalKeys, ["options": ["name"]])
    }

    /// The old spelling `also_read` of `follow_includes` was silently ignored: the include was not
    /// followed and the wrong database could be snapshotted.
    func testUnknownKeyNamesTheKeyPath() {
        let valid = Self.typedProfile + "excludes: [cache]\n"
        assertInvalid(valid.replacingOccurrences(of: "  host_forms:", with: "  also_read: [settings.local.php]\n  host_forms:"),
                      mentions: "unknown key 'config.also_read'")
        assertInvalid(valid.replacingOccurrences(of: "format: xml-manifest", with: "format: xml-manifest, fromat: ini"),
                      mentions: "unknown key 'extensions.0.fromat'")
        assertInvalid(valid.replacingOccurrences(of: "  noise_tables:", with: "  noise_table: [x]\n  noise_tables:"),
                      mentions: "unknown key 'database.noise_table'")
        assertInvalid(valid + "exclude: [tmp]\n", mentions: "unknown key 'exclude'")
    }

    func testUnknownValueOfATypedKeyNamesTheKey() {
        let valid = Self.typedProfile + "excludes: [cache]\n"
        assertInvalid(valid.replacingOccurrences(of: "format: xml-manifest", with: "format: xml_manifest"), mentions: "'extensions.0.format'")
        assertInvalid(valid.replacingOccurrences(of: "slug: dir", with: "slug: folder"), mentions: "'extensions.0.slug'")
        assertInvalid(valid.replacingOccurrences(of: "[port, unix_uri]", with: "[port, unix-uri]"), mentions: "'config.host_forms.1'")
    }

    /// A staging file is written into the restored site: a profile naming a path outside it (absolute
    /// or with `..`) is refused when loaded, before any restore can use it.
    func testAStagingFileOutsideTheSiteIsRefused() {
        let valid = Self.typedProfile + "excludes: [cache]\n"
        for bad in ["/etc/cron.d/x", "../outside.php", "wp-content/../../x.php", "wp-content//x.php"] {
            assertInvalid(valid + "staging:\n  files:\n    - {description: x, path: '\(bad)', content: x}\n", mentions: "must be relative to the site root")
        }
    }
}
