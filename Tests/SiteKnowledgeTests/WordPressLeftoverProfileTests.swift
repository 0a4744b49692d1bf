import Foundation
@testable import SiteKnowledge
import XCTest

/// The WordPress knowledge shipped in `profiles/wordpress.yml` `database.leftovers`: what core owns
/// (read from WordPress 6.1.9 and 7.1, see docs/diff-db.md), and that its patterns read real plugins'
/// code shapes. The lines fed to the patterns are written here in the shape of the real plugins named
/// beside them; no plugin code is copied.
final class WordPressLeftoverProfileTests: XCTestCase {
    private func spec() throws -> LeftoverSpec {
        let dir = try XCTUnwrap(ProfileStore.builtinDirectory())
        let profiles = try ProfileStore.load(directory: dir)  // fails on an unknown key
        let wordpress = try XCTUnwrap(profiles.first { $0.id == "wordpress" })
        return try XCTUnwrap(wordpress.database?.leftovers)
    }

    private func core() throws -> LeftoverSpec.CoreObjects {
        try XCTUnwrap(spec().core)
    }

    /// True when a core name glob of `kind` matches `name` (`{prefix}` being `wp_`), with fnmatch(3),
    /// the glob dialect the schema documents (`*`, `?`).
    private func isCore(_ kind: String, _ name: String, core: LeftoverSpec.CoreObjects) -> Bool {
        (core.names[kind] ?? []).contains { glob in
            fnmatch(glob.replacingOccurrences(of: "{prefix}", with: "wp_"), name, 0) == 0
        }
    }

    /// Group 1 of every match of `patterns` in `text`, with a `*` when group 2 matched too.
    private func captures(_ patterns: [String], in text: String) throws -> [String] {
        var found: [String] = []
        for pattern in patterns {
            let regex = try NSRegularExpression(pattern: pattern)
            let ns = text as NSString
            for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let name = ns.substring(with: m.range(at: 1))
                let runTime = m.numberOfRanges > 2 && m.range(at: 2).location != NSNotFound
                found.append(runTime ? name + "*" : name)
            }
        }
        return found
    }

    func testTheShippedProfileLoadsWithItsLeftoverKnowledge() throws {
        let spec = try spec()
        let core = try XCTUnwrap(spec.core)
        XCTAssertTrue(core.source.contains("schema.php"), core.source)
        XCTAssertTrue(core.source.contains("6.1") && core.source.contains("7.1"), core.source)
        for pattern in spec.tablePatterns + (spec.tableReadPatterns ?? []) + (spec.namePatterns ?? []).map(\.regex) {
            XCTAssertNoThrow(try NSRegularExpression(pattern: pattern), pattern)
        }
    }

    /// wp-admin/includes/schema.php: single site, global and multisite tables; class-wpdb.php old tables.
    func testCoreTablesAreSchemaPhpsSingleAndMultisiteTables() throws {
        let tables = Set(try core().tables)
        for table in ["posts", "postmeta", "options", "users", "usermeta", "termmeta", "commentmeta",
                      "blogs", "blogmeta", "site", "sitemeta", "signups", "registration_log", "sitecategories"] {
            XCTAssertTrue(tables.contains(table), table)
        }
        XCTAssertFalse(tables.contains { $0.hasPrefix("statistics") || $0.hasPrefix("redirection") })
    }

    /// populate_roles(): the five roles and their capabilities (WP Statistics and Members trials listed
    /// them as leftovers).
    func testCoreRolesAndCapabilitiesComeFromPopulateRoles() throws {
        let core = try core()
        XCTAssertEqual(Set(core.names["role"] ?? []), ["administrator", "editor", "author", "contributor", "subscriber"])
        for cap in ["manage_options", "activate_plugins", "edit_posts", "read", "level_10", "unfiltered_upload"] {
            XCTAssertTrue(isCore("capability", cap, core: core), cap)
        }
        // Members 2.2.0 adds these to the administrator role: they are the extension's, not core's.
        for cap in ["restrict_content", "list_roles", "create_roles", "delete_roles", "edit_roles"] {
            XCTAssertFalse(isCore("capability", cap, core: core), cap)
        }
    }

    func testCoreOptionsCronHooksAndMetaKeys() throws {
        let core = try core()
        for option in ["siteurl", "active_plugins", "uninstall_plugins", "recently_activated", "cron", "sidebars_widgets",
                       "wp_user_roles", "theme_mods_twentytwentythree", "widget_recent-posts", "widget_block",
                       "fresh_site", "nonce_salt", "category_children"] {
            XCTAssertTrue(isCore("option", option, core: core), option)
        }
        for hook in ["wp_version_check", "wp_update_plugins", "wp_update_themes", "wp_scheduled_delete",
                     "delete_expired_transients", "wp_site_health_scheduled_check", "publish_future_post"] {
            XCTAssertTrue(isCore("cron", hook, core: core), hook)
        }
        for transient in ["doing_cron", "update_core", "feed_0123abcd", "dash_v2_0123abcd", "health-check-site-status-result"] {
            XCTAssertTrue(isCore("transient", transient, core: core), transient)
        }
        for key in ["wp_capabilities", "wp_user_level", "wp_user-settings", "session_tokens", "dismissed_wp_pointers",
                    "closedpostboxes_dashboard", "metaboxhidden_dashboard", "meta-box-order_post", "manageedit-postcolumnshidden",
                    "edit_page_per_page", "first_name"] {
            XCTAssertTrue(isCore("user_meta", key, core: core), key)
        }
        for key in ["_edit_lock", "_wp_page_template", "_thumbnail_id", "_wp_attachment_metadata", "_wp_trash_meta_status",
                    "_menu_item_type", "_oembed_0123abcd"] {
            XCTAssertTrue(isCore("post_meta", key, core: core), key)
        }
        XCTAssertTrue(isCore("comment_meta", "_wp_trash_meta_time", core: core))
        XCTAssertTrue(isCore("widget", "recent-posts", core: core))
    }

    /// Real plugins' names (Akismet 5.0.2, WP Statistics 14.15.6, Members 2.2.0, Redirection 5.4.2) are
    /// never core's, even where they share `wp_` or `widget_`.
    func testExtensionNamesAreNotCore() throws {
        let core = try core()
        let extensionNames: [(String, String)] = [
            ("option", "wordpress_api_key"), ("option", "akismet_strictness"), ("option", "widget_akismet_widget"),
            ("option", "wp_statistics"), ("option", "wp_statistics_db"), ("option", "redirection_options"),
            ("option", "members_settings"), ("cron", "wp_statistics_dbmaint_hook"), ("cron", "akismet_scheduled_delete"),
            ("cron", "redirection_log_delete"), ("comment_meta", "akismet_result"), ("comment_meta", "akismet_history"),
            ("widget", "akismet_widget"), ("widget", "members-widget-login"), ("widget", "wp_statistics_widget"),
            ("post_meta", "_members_access_role"), ("user_meta", "wp_statistics"), ("transient", "wp_statistics_cache_x"),
            ("user_meta", "redirection_log_per_page"),
        ]
        for (kind, name) in extensionNames {
            XCTAssertFalse(isCore(kind, name, core: core), "\(kind) \(name)")
        }
        let prefixes = Set(core.prefixes ?? [])
        for prefix in ["wp_", "_wp_", "widget_", "_transient_", "_site_transient_", "theme_mods_", "{prefix}"] {
            XCTAssertTrue(prefixes.contains(prefix), prefix)
        }
        XCTAssertFalse(prefixes.contains("wp_statistics_") || prefixes.contains("akismet_") || prefixes.contains("redirection_"))
    }

    /// WP Statistics 14.15.6 builds its table names at run time (src/Service/Database/
    /// AbstractDatabaseOperation.php, includes/class-wp-statistics-db.php): `statistics_` is a prefix.
    func testTablePatternsCaptureARunTimeTablePrefix() throws {
        let spec = try spec()
        let line = """
            $this->fullName = $this->wpdb->prefix . 'statistics_' . $this->tableName;
            public static $tbl_name = '[prefix]statistics_[name]';
            $table = $wpdb->prefix . 'acme_log';
            """
        XCTAssertEqual(Set(try captures(spec.tablePatterns, in: line)), ["statistics_*", "acme_log"])
    }

    /// Redirection 5.4.2 creates its tables in SQL with "{$wpdb->prefix}..." and only reads wp_posts
    /// (actions/random.php) and wp_postmeta, also as a column qualifier (models/importer.php): a read is
    /// a read pattern, never a creating one.
    func testInterpolatedTablesAfterFromOrJoinOnlyRead() throws {
        let spec = try spec()
        let code = """
            return "CREATE TABLE IF NOT EXISTS `{$wpdb->prefix}redirection_items` (";
            $wpdb->query( "ALTER TABLE `{$wpdb->prefix}redirection_logs` ADD INDEX `ip` (`ip`)" );
            $id = $wpdb->get_var( "SELECT ID FROM {$wpdb->prefix}posts WHERE post_status='publish'" );
            $sql = "SELECT {$wpdb->prefix}postmeta.* FROM {$wpdb->prefix}postmeta WHERE {$wpdb->prefix}postmeta.meta_key = 'x'";
            $rows = $wpdb->get_results( "SELECT * FROM  `{$wpdb->prefix}acme_a` a JOIN {$wpdb->prefix}acme_b b" );
            $wpdb->query( "INSERT INTO {$wpdb->prefix}acme_hits_{$day} VALUES (1)" );
            """
        XCTAssertEqual(Set(try captures(spec.tablePatterns, in: code)), ["redirection_items", "redirection_logs", "acme_hits_*"])
        XCTAssertEqual(Set(try captures(spec.tableReadPatterns ?? [], in: code)), ["posts", "postmeta", "acme_a", "acme_b"])
    }

    /// Redirection 5.4.2 names its option and its cron hook in constants.
    func testNamePatternsReadOptionAndHookConstants() throws {
        let patterns = try spec().namePatterns ?? []
        let code = """
            define( 'REDIRECTION_OPTION', 'redirection_options' );
            const DELETE_HOOK = 'redirection_log_delete';
            const ERROR_LOG_OPTION = 'tracker_js_errors';
            """
        XCTAssertEqual(try captures(patterns.filter { $0.kind == "option" }.map(\.regex), in: code), ["redirection_options"])
        XCTAssertEqual(try captures(patterns.filter { $0.kind == "cron" }.map(\.regex), in: code), ["redirection_log_delete"])
    }

    /// class-wp-role.php add_cap($cap) and class-wp-roles.php add_cap($role, $cap); reads are weak.
    func testCallsCoverRolesCapabilitiesWidgetsAndReads() throws {
        let calls = try spec().calls
        func has(_ function: String, _ argument: Int, _ kind: String) -> LeftoverSpec.Call? {
            calls.first { $0.function == function && $0.argument == argument && $0.kind == kind }
        }
        XCTAssertEqual(has("add_cap", 1, "capability")?.creates, true)
        XCTAssertEqual(has("add_cap", 2, "capability")?.creates, true)
        XCTAssertNotNil(has("remove_cap", 2, "capability"))
        XCTAssertEqual(has("add_role", 1, "role")?.creates, true)
        XCTAssertEqual(has("__construct", 1, "widget")?.creates, true)
        XCTAssertEqual(has("update_comment_meta", 2, "comment_meta")?.creates, nil)
        XCTAssertEqual(has("set_site_transient", 1, "transient")?.creates, true)
        for (function, argument, kind) in [("get_option", 1, "option"), ("get_transient", 1, "transient"),
                                           ("wp_next_scheduled", 1, "cron"), ("get_role", 1, "role"),
                                           ("get_comment_meta", 2, "comment_meta")] {
            XCTAssertEqual(has(function, argument, kind)?.reads, true, function)
        }
    }

    /// wp-admin/includes/plugin.php keeps `dir/file.php` or `file.php` in active_plugins.
    func testInstalledRecordsNameActivePluginsAndTheTheme() throws {
        let installed = try XCTUnwrap(spec().installed)
        let plugins = try XCTUnwrap(installed.first { $0.keyValue == "active_plugins" })
        let regex = try NSRegularExpression(pattern: try XCTUnwrap(plugins.slugPattern))
        let values = [("akismet/akismet.php", "akismet"), ("hello.php", "hello"),
                      ("wp-statistics/wp-statistics.php", "wp-statistics")]
        for (value, slug) in values {
            let m = try XCTUnwrap(regex.firstMatch(in: value, range: NSRange(location: 0, length: value.utf16.count)))
            XCTAssertEqual((value as NSString).substring(with: m.range(at: 1)), slug)
        }
        XCTAssertTrue(installed.contains { $0.keyValue == "stylesheet" && $0.path == nil && $0.kinds == ["theme"] })
        XCTAssertTrue(installed.contains { $0.keyValue == "active_sitewide_plugins" && $0.path == ["{key}"] })
    }

    func testObjectsLocateWidgetsRolesAndCapabilities() throws {
        let objects = try spec().objects
        XCTAssertTrue(objects.contains {
            $0.kind == "widget" && $0.keyValue == "sidebars_widgets" && $0.path == ["*", "{value}"] && $0.stripSuffix == "-[0-9]+$"
        })
        XCTAssertTrue(objects.contains { $0.kind == "widget" && $0.stripPrefixes == ["widget_"] })
        XCTAssertTrue(objects.contains { $0.kind == "role" && $0.keyValue == "{prefix}user_roles" && $0.path == ["{key}"] })
        XCTAssertTrue(objects.contains { $0.kind == "capability" && $0.path == ["*", "capabilities", "{key}"] })
        let transients = try XCTUnwrap(objects.first { $0.kind == "transient" && $0.table == "options" })
        XCTAssertEqual(transients.stripPrefixes?.first, "_transient_timeout_")
        for kind in ["comment_meta", "term_meta", "cron", "option"] {
            XCTAssertTrue(objects.contains { $0.kind == kind }, kind)
        }
    }
}
