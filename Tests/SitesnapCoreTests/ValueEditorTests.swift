import Foundation
@testable import SitesnapCore
import XCTest

/// `ValueEditor` on values PHP itself serialized (php-cli): the edited bytes are exactly what PHP
/// writes for the value without the entries, so everything else stayed byte for byte and every length
/// was recomputed in bytes.
final class ValueEditorTests: XCTestCase {
    /// What `php -r` prints for `code` (a PHP expression whose value is echoed).
    static func php(_ code: String) throws -> [UInt8] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/php") else { throw XCTSkip("needs php-cli") }
        let r = try ProcessRunner.run("/usr/bin/php", ["-r", "echo \(code);"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return Array(r.stdout.utf8)
    }

    /// One cron event, as `wp_schedule_event()` stores it (wp-includes/cron.php, 6.1): md5 of the
    /// serialized args => schedule, args, interval.
    static func event(_ schedule: String = "daily", _ interval: Int = 86400) -> String {
        "['40cd750bba9870f18aada2478b24840a' => ['schedule' => '\(schedule)', 'args' => [], 'interval' => \(interval)]]"
    }

    func testCronHooksGoAndATimestampLeftWithoutHooksGoesToo() throws {
        let e = Self.event()
        let cron = try Self.php("serialize([1735689600 => ['akismet_scheduled_delete' => \(e)], "
            + "1735693200 => ['wp_version_check' => \(e), 'akismet_scheduled_delete' => \(e)], 'version' => 2])")
        let paths = [["1735689600", "akismet_scheduled_delete"], ["1735693200", "akismet_scheduled_delete"]]
        let r = try XCTUnwrap(ValueEditor.removing(paths, from: cron, dropEmptied: true))
        XCTAssertEqual(r.format, "php-serialized")
        XCTAssertEqual(String(decoding: r.cleaned, as: UTF8.self),
                       String(decoding: try Self.php("serialize([1735693200 => ['wp_version_check' => \(e)], 'version' => 2])"), as: UTF8.self))
        // Without the profile's drop_empty, the emptied timestamp stays (as an empty array).
        let kept = try XCTUnwrap(ValueEditor.removing(paths, from: cron))
        XCTAssertEqual(kept.cleaned, try Self.php("serialize([1735689600 => [], 1735693200 => ['wp_version_check' => \(e)], 'version' => 2])"))
    }

    func testACapabilityInsideACoreRoleAndAWholeRole() throws {
        let roles = try Self.php("""
            serialize(['administrator' => ['name' => 'Administrator', 'capabilities' => ['switch_themes' => true, 'members_edit_roles' => true, 'level_10' => true]],
              'subscriber' => ['name' => 'Subscriber', 'capabilities' => ['read' => true, 'restrict_content' => true]],
              'members_editor' => ['name' => 'Members Editor', 'capabilities' => ['read' => true]]])
            """)
        let paths = [["administrator", "capabilities", "members_edit_roles"], ["subscriber", "capabilities", "restrict_content"], ["members_editor"]]
        let r = try XCTUnwrap(ValueEditor.removing(paths, from: roles))
        XCTAssertEqual(String(decoding: r.cleaned, as: UTF8.self), String(decoding: try Self.php("""
            serialize(['administrator' => ['name' => 'Administrator', 'capabilities' => ['switch_themes' => true, 'level_10' => true]],
              'subscriber' => ['name' => 'Subscriber', 'capabilities' => ['read' => true]]])
            """), as: UTF8.self))
        // The last capability of a role: `WP_Roles::remove_cap()` leaves an empty capabilities array.
        let last = try XCTUnwrap(ValueEditor.removing([["members_editor", "capabilities", "read"]], from: roles))
        XCTAssertTrue(String(decoding: last.cleaned, as: UTF8.self).hasSuffix(#"s:14:"Members Editor";s:12:"capabilities";a:0:{}}}"#))
    }

    func testAWidgetIdInsideASidebarReindexesTheList() throws {
        let sidebars = try Self.php("serialize(['wp_inactive_widgets' => [], 'sidebar-1' => ['search-2', 'akismet_widget-2', 'recent-posts-2', 'akismet_widget-3'], 'array_version' => 3])")
        let r = try XCTUnwrap(ValueEditor.removing([["sidebar-1", "1"], ["sidebar-1", "3"]], from: sidebars))
        XCTAssertEqual(String(decoding: r.cleaned, as: UTF8.self),
                       String(decoding: try Self.php("serialize(['wp_inactive_widgets' => [], 'sidebar-1' => ['search-2', 'recent-posts-2'], 'array_version' => 3])"), as: UTF8.self))
        // A sidebar left without widgets stays, empty (wp_ajax_widgets_order saves empty sidebars too).
        let single = try Self.php("serialize(['sidebar-1' => ['akismet_widget-2'], 'array_version' => 3])")
        XCTAssertEqual(ValueEditor.removing([["sidebar-1", "0"]], from: single)?.cleaned, try Self.php("serialize(['sidebar-1' => [], 'array_version' => 3])"))
    }

    /// Drupal's `core.extension` config (config.data): `ModuleInstaller::uninstall()` clears
    /// `module.<name>` (core/lib/Drupal/Core/Extension/ModuleInstaller.php, 10.x).
    func testADrupalModuleInsideCoreExtension() throws {
        let data = try Self.php("serialize(['_core' => ['default_config_hash' => 'R4IF-ClDHXxblLcG0L7MgsLvfBIMAvi_skumNFQwkDc'], "
            + "'module' => ['block' => 0, 'pathauto' => 1, 'system' => 0, 'token' => 0, 'standard' => 1000], 'theme' => ['olivero' => 0], 'profile' => 'standard'])")
        let r = try XCTUnwrap(ValueEditor.removing([["module", "pathauto"], ["module", "token"]], from: data))
        XCTAssertEqual(r.cleaned, try Self.php("serialize(['_core' => ['default_config_hash' => 'R4IF-ClDHXxblLcG0L7MgsLvfBIMAvi_skumNFQwkDc'], "
            + "'module' => ['block' => 0, 'system' => 0, 'standard' => 1000], 'theme' => ['olivero' => 0], 'profile' => 'standard'])"))
    }

    func testMultiByteStringsCountBytesAndADoubleSerializedValueIsEnteredToo() throws {
        let value = "['größe' => 'ü€', 'ünïcødé_plugin' => 'ä', 'keep' => 'ø']"
        let r = try XCTUnwrap(ValueEditor.removing([["ünïcødé_plugin"]], from: try Self.php("serialize(\(value))")))
        XCTAssertEqual(r.cleaned, try Self.php("serialize(['größe' => 'ü€', 'keep' => 'ø'])"))
        // maybe_serialize() of an already serialized string (WordPress, wp-includes/functions.php).
        let twice = try XCTUnwrap(ValueEditor.removing([["ünïcødé_plugin"]], from: try Self.php("serialize(serialize(\(value)))")))
        XCTAssertEqual(twice.cleaned, try Self.php("serialize(serialize(['größe' => 'ü€', 'keep' => 'ø']))"))
    }

    func testJSONMembersAndElementsAreCutOutOfTheText() throws {
        let text = #"{"enabled":1, "list": [10, 20, 30], "name":"caf\u00e9 ü", "ratio":1.50, "plugin_x": {"a":[]} }"#
        let r = try XCTUnwrap(ValueEditor.removing([["list", "1"], ["plugin_x"]], from: Array(text.utf8)))
        XCTAssertEqual(r.format, "json")
        XCTAssertEqual(String(decoding: r.cleaned, as: UTF8.self), #"{"enabled":1, "list": [10, 30], "name":"caf\u00e9 ü", "ratio":1.50 }"#)
        let first = try XCTUnwrap(ValueEditor.removing([["enabled"]], from: Array(text.utf8)))
        XCTAssertTrue(String(decoding: first.cleaned, as: UTF8.self).hasPrefix(#"{"list": [10, 20, 30], "name""#))
        XCTAssertEqual(ValueEditor.removing([["a"], ["b"]], from: Array(#"{"a":1,"b":2}"#.utf8))?.cleaned, Array("{}".utf8))
        XCTAssertEqual(ValueEditor.removing([["x", "0"]], from: Array(#"{"x":[1],"y":2}"#.utf8), dropEmptied: true)?.cleaned, Array(#"{"y":2}"#.utf8))
    }

    func testWhatCannotBeEditedSafelyIsNil() throws {
        // A PHP reference (r:) counts slots from the start: removing anything would make it point elsewhere.
        let refs = try Self.php("serialize((function () { $o = new stdClass; return ['a' => $o, 'b' => $o, 'c' => 1]; })())")
        XCTAssertTrue(String(decoding: refs, as: UTF8.self).contains("r:"), String(decoding: refs, as: UTF8.self))
        XCTAssertNil(ValueEditor.removing([["c"]], from: refs))
        let roles = try Self.php("serialize(['administrator' => ['capabilities' => ['read' => true]]])")
        XCTAssertNil(ValueEditor.removing([["administrator", "capabilities", "missing_cap"]], from: roles), "a path that does not exist")
        XCTAssertNil(ValueEditor.removing([["editor"]], from: roles))
        XCTAssertNil(ValueEditor.removing([["administrator", "capabilities", "read", "deeper"]], from: roles), "a path through a leaf")
        XCTAssertNil(ValueEditor.removing([[]], from: roles), "an empty path would remove the whole value")
        XCTAssertNil(ValueEditor.removing([["a"]], from: Array("a:1:{s:1:\"a\";i:1;".utf8)), "does not parse")
        XCTAssertNil(ValueEditor.removing([["a"]], from: Array("plain text".utf8)))
        XCTAssertNil(ValueEditor.removing([["a"]], from: Array(#"{"a":1,"a":2}"#.utf8)), "a key twice: which one?")
        let object = try Self.php("serialize(['w' => (object) ['title' => 'x', 'count' => 1]])")
        XCTAssertNil(ValueEditor.removing([["w", "title"]], from: object), "an object's property is the class's")
    }
}
