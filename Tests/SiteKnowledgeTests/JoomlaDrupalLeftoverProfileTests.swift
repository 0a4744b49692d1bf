import Foundation
@testable import SiteKnowledge
import XCTest

/// The Joomla and Drupal knowledge of `database.leftovers` in the shipped profiles: what each CMS owns
/// (taken from its installation SQL, hook_schema() and shipped config), where an extension's objects
/// live, and the patterns that read an extension's code. Each check fails without the profile data.
final class JoomlaDrupalLeftoverProfileTests: XCTestCase {
    private func spec(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> LeftoverSpec {
        let dir = try XCTUnwrap(ProfileStore.builtinDirectory(), file: file, line: line)
        let profile = try XCTUnwrap(try ProfileStore.load(directory: dir).first { $0.id == id }, file: file, line: line)
        return try XCTUnwrap(profile.database?.leftovers, "\(id) has no database.leftovers", file: file, line: line)
    }

    private func core(_ id: String) throws -> LeftoverSpec.CoreObjects {
        try XCTUnwrap(try spec(id).core, "\(id) has no leftovers.core")
    }

    /// Group 1 of the first pattern in `patterns` that matches `text`.
    private func firstMatch(_ patterns: [String], in text: String) throws -> String? {
        for p in patterns {
            let re = try NSRegularExpression(pattern: p)
            let ns = text as NSString
            if let m = re.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)), m.range(at: 1).location != NSNotFound {
                return ns.substring(with: m.range(at: 1))
            }
        }
        return nil
    }

    private func location(_ spec: LeftoverSpec, kind: String, table: String? = nil) throws -> LeftoverSpec.ObjectLocation {
        try XCTUnwrap(spec.objects.first { $0.kind == kind && (table == nil || $0.table == table) }, "no location of kind \(kind)")
    }

    // MARK: - All three

    /// The three profiles load (an unknown key fails the load), every regular expression compiles,
    /// and every `refers` names a kind the same profile locates.
    func testProfilesLoadWithCoreDataAndConsistentReferences() throws {
        for id in ["joomla", "drupal", "drupal7"] {
            let s = try spec(id)
            XCTAssertFalse(s.core?.source.isEmpty ?? true, "\(id): core.source names the CMS files and versions")
            let patterns = s.tablePatterns + (s.tableReadPatterns ?? []) + (s.namePatterns ?? []).map(\.regex)
                + s.objects.compactMap(\.stripSuffix) + (s.derivedTables ?? []).map(\.name)
            for p in patterns {
                XCTAssertNoThrow(try NSRegularExpression(pattern: p), "\(id): \(p)")
            }
            let kinds = Set(s.objects.map(\.kind))
            for o in s.objects {
                if let r = o.owner?.refers {
                    XCTAssertTrue(kinds.contains(r.kind), "\(id): \(o.kind) refers to unknown kind \(r.kind)")
                }
            }
            XCTAssertFalse(s.installed?.isEmpty ?? true, "\(id): where the CMS records installed extensions")
        }
    }

    // MARK: - Joomla

    /// Core tables and core extensions come from the installation SQL of 3.10, 4.4 and 5.x: a core table
    /// named in an extension's JOIN, or a core plugin, is never the extension's.
    func testJoomlaCoreTablesAndExtensions() throws {
        let c = try core("joomla")
        for table in ["content", "content_types", "extensions", "categories", "menu", "assets", "workflows",
                      "mail_templates", "user_mfa", "schemaorg", "ucm_history", "action_logs"] {
            XCTAssertTrue(c.tables.contains(table), table)
        }
        let ext = Set(c.names["extension"] ?? [])
        // Plugins are folder/element: the content plugin "joomla" is not the system plugin of that name.
        for name in ["com_content", "content/joomla", "extension/joomla", "actionlog/joomla", "mod_menu",
                     "cassiopeia", "atum", "protostar", "pkg_en-GB", "en-GB", "joomla", "com_mailto"] {
            XCTAssertTrue(ext.contains(name), name)
        }
        XCTAssertFalse(ext.contains("joomla/content"))
        XCTAssertTrue(c.names["update_site"]?.contains("https://update.joomla.org/core/list.xml") ?? false)
        XCTAssertTrue(c.names["mail_template"]?.contains("com_users.registration.user.admin_activation") ?? false)
    }

    /// CREATE TABLE (and DROP TABLE in the uninstall SQL) is strong; a JOIN on `#__content` is only a read.
    func testJoomlaTablePatternsTellCreatingFromReading() throws {
        let s = try spec("joomla")
        XCTAssertEqual(try firstMatch(s.tablePatterns, in: "CREATE TABLE IF NOT EXISTS `#__acme_items` (\n `id` int"), "acme_items")
        XCTAssertEqual(try firstMatch(s.tablePatterns, in: "DROP TABLE IF EXISTS `#__acme_log`;"), "acme_log")
        let join = "SELECT a.* FROM `#__acme_items` AS a LEFT JOIN `#__content` AS c ON c.id = a.article_id"
        XCTAssertNil(try firstMatch(s.tablePatterns, in: join))
        XCTAssertEqual(try firstMatch(s.tableReadPatterns ?? [], in: "->join('LEFT', '#__content AS c')"), "content")
    }

    /// Where an extension's rows live, as Joomla's own uninstall code finds them; user content has no location.
    func testJoomlaObjectsFollowTheUninstallCode() throws {
        let s = try spec("joomla")
        let ext = try location(s, kind: "extension")
        XCTAssertEqual(ext.table, "extensions")
        XCTAssertEqual(ext.owner?.groupColumn, "folder")
        XCTAssertEqual(ext.owner?.clientColumn, "client_id")
        let menu = try location(s, kind: "menu")
        XCTAssertEqual(menu.owner?.refers?.via, "component_id")
        XCTAssertEqual(menu.whereEquals, ["client_id": "1", "menutype": "main"], "site menu items are the owner's")
        XCTAssertEqual(try location(s, kind: "update_site").owner?.refers?.kind, "update_site_link")
        XCTAssertEqual(try location(s, kind: "module_menu").owner?.refers?.kind, "module_instance")
        XCTAssertEqual(try location(s, kind: "module_instance").owner?.clientColumn, "client_id")
        for table in ["schemas", "update_sites_extensions", "action_logs_extensions", "action_log_config",
                      "content_types", "mail_templates", "postinstall_messages", "modules_menu"] {
            XCTAssertTrue(s.objects.contains { $0.table == table }, table)
        }
        let userContent = ["categories", "content", "fields", "fields_values", "tags", "ucm_content", "history",
                           "contentitem_tag_map", "workflow_associations", "action_logs", "user_notes"]
        for table in userContent {
            XCTAssertFalse(s.objects.contains { $0.table == table }, "\(table) is user content")
        }
        let installed = try XCTUnwrap(s.installed?.first)
        XCTAssertEqual(installed.column, "element")
        XCTAssertEqual(installed.whereEquals?["enabled"], "1")
    }

    // MARK: - Drupal 8-11

    func testDrupalCoreModulesTablesAndConfig() throws {
        let c = try core("drupal")
        for module in ["node", "system", "user", "path_alias", "navigation", "forum"] {
            XCTAssertTrue(c.names["module"]?.contains(module) ?? false, module)
        }
        XCTAssertFalse(c.names["module"]?.contains("pathauto") ?? true)
        for table in ["node", "node_field_data", "users_field_data", "user__roles", "node__body", "node_revision__body",
                      "cache_render", "cachetags", "key_value_expire", "router", "menu_tree", "watchdog"] {
            XCTAssertTrue(c.tables.contains(table), table)
        }
        XCTAssertFalse(c.tables.contains("paragraphs_item"))
        // Config core ships: a core config that depends on a removed module is a changed core value.
        for name in ["core.extension", "system.site", "node.type.article", "field.storage.node.body",
                     "views.view.content", "filter.format.basic_html", "workflows.workflow.editorial"] {
            XCTAssertTrue(c.names["config"]?.contains(name) ?? false, name)
        }
        XCTAssertTrue(c.names["key_value_collection"]?.contains("entity.definitions.installed") ?? false)
    }

    /// Entity type ids and entity tables from annotations (8.x-10.x) and attributes (10.2+); hook_schema()
    /// in both schema APIs.
    func testDrupalCodePatterns() throws {
        let s = try spec("drupal")
        let annotation = "/**\n * @ContentEntityType(\n *   id = \"paragraph\",\n *   label = @Translation(\"Paragraph\"),\n"
            + " *   base_table = \"paragraphs_item\",\n */"
        let attribute = "#[ContentEntityType(\n  id: 'media',\n  label: new TranslatableMarkup('Media'),\n  base_table: 'media',\n"
        let ids = (s.namePatterns ?? []).filter { $0.kind == "entity_type" }.map(\.regex)
        XCTAssertEqual(try firstMatch(ids, in: annotation), "paragraph")
        XCTAssertEqual(try firstMatch(ids, in: attribute), "media")
        XCTAssertEqual(try firstMatch(ids, in: "/**\n * @ConfigEntityType(\n *   id = \"pathauto_pattern\",\n"), "pathauto_pattern")
        XCTAssertEqual(try firstMatch(s.tablePatterns, in: " *   base_table = \"paragraphs_item\",\n"), "paragraphs_item")
        XCTAssertEqual(try firstMatch(s.tablePatterns, in: "  $schema['flag_counts'] = [\n"), "flag_counts")
        XCTAssertEqual(try firstMatch(s.tablePatterns, in: "  $locales_source = new Table(\n    name: 'locales_source',"), "locales_source")
        XCTAssertNil(try firstMatch(s.tablePatterns, in: "if (isset($schema['columns']['value']['is_ascii'])) {"))
        XCTAssertNil(try firstMatch(s.tablePatterns, in: "$query = $this->database->select('node_field_data', 'n');"))
        XCTAssertEqual(try firstMatch(s.tableReadPatterns ?? [], in: "$this->database->select('node_field_data', 'n')"), "node_field_data")
    }

    /// Config owned by name or by its dependencies, the module's entry inside core.extension, and
    /// key_value rows by collection.
    func testDrupalObjectLocations() throws {
        let s = try spec("drupal")
        let config = try location(s, kind: "config")
        XCTAssertEqual(config.owner?.name, .prefixed)
        XCTAssertEqual(config.owner?.separators, ["."])
        XCTAssertTrue(config.owner?.dependencies?.contains(["dependencies", "enforced", "module"]) ?? false)
        // A plain dependency makes a leftover only of config Drupal deletes; displays, roles, node types
        // and views are fixed by onDependencyRemoval() and stay.
        XCTAssertFalse(config.owner?.dependencies?.contains(["dependencies", "module"]) ?? true)
        let dependent = try location(s, kind: "config_dependent")
        XCTAssertTrue(dependent.stripPrefixes?.contains("system.action.") ?? false, "system.action.pathauto_update_alias_node")
        for fixed in ["core.entity_view_display.", "core.entity_form_display.", "user.role.", "node.type.", "views.view."] {
            XCTAssertFalse(dependent.stripPrefixes?.contains(fixed) ?? true, fixed)
        }
        XCTAssertEqual(try location(s, kind: "field_storage").stripPrefixes, ["field.storage."])
        let ext = try location(s, kind: "extension")
        XCTAssertEqual(ext.keyValue, "core.extension")
        XCTAssertEqual(ext.path, ["module", "{key}"])
        XCTAssertEqual(try location(s, kind: "schema_version").whereEquals, ["collection": "system.schema"])
        let definitions = try location(s, kind: "entity_definition")
        XCTAssertEqual(definitions.codeKinds, ["entity_type"])
        let suffix = try NSRegularExpression(pattern: try XCTUnwrap(definitions.stripSuffix))
        let name = "paragraph.field_storage_definitions"
        XCTAssertEqual(suffix.stringByReplacingMatches(in: name, range: NSRange(location: 0, length: name.utf16.count), withTemplate: ""), "paragraph")
        let collection = try location(s, kind: "key_value_collection", table: "key_value")
        XCTAssertEqual(collection.column, "collection")
        XCTAssertTrue(collection.owner?.separators?.contains("_") ?? false, "pathauto_state.node is pathauto's")
        XCTAssertEqual(s.installed?.first?.keyValue, "core.extension")
    }

    /// DefaultTableMapping::generateFieldTableName(): field.storage.<entity>.<field> gives
    /// <entity>__<field> and <entity>_revision__<field>, hashed past 48 characters.
    func testDrupalFieldTableRule() throws {
        let rule = try XCTUnwrap(try spec("drupal").derivedTables?.first { $0.kind == "field_storage" })
        let re = try NSRegularExpression(pattern: rule.name)
        // The identifier with its field.storage. prefix, or without it (the location strips it).
        for identifier in ["field.storage.paragraph.field_text_demo", "paragraph.field_text_demo"] {
            let name = identifier as NSString
            let m = try XCTUnwrap(re.firstMatch(in: identifier, range: NSRange(location: 0, length: name.length)), identifier)
            let tables = rule.tables.map {
                $0.replacingOccurrences(of: "{1}", with: name.substring(with: m.range(at: 1)))
                    .replacingOccurrences(of: "{2}", with: name.substring(with: m.range(at: 2)))
            }
            XCTAssertEqual(tables, ["paragraph__field_text_demo", "paragraph_revision__field_text_demo"])
        }
        XCTAssertNil(re.firstMatch(in: "field.field.node.article.body", range: NSRange(location: 0, length: 29)))
        XCTAssertEqual(rule.maxLength, 48)
        XCTAssertEqual(rule.hashedTables, ["{1}__{hash}", "{1}_r__{hash}"])
    }

    // MARK: - Drupal 7

    func testDrupal7CoreAndObjects() throws {
        let s = try spec("drupal7")
        let c = try XCTUnwrap(s.core)
        for table in ["node", "variable", "system", "field_data_body", "field_revision_comment_body", "cache_form", "poll"] {
            XCTAssertTrue(c.tables.contains(table), table)
        }
        XCTAssertFalse(c.tables.contains("flag_counts"))
        for module in ["node", "system", "trigger", "openid", "field_sql_storage"] {
            XCTAssertTrue(c.names["module"]?.contains(module) ?? false, module)
        }
        let variables = c.names["variable"] ?? []
        XCTAssertTrue(variables.contains("site_name"))
        XCTAssertTrue(variables.contains("node_options_*"), "node_options_<type> is built at run time")
        XCTAssertEqual(try firstMatch(s.tablePatterns, in: "  $schema['flag_counts'] = array(\n"), "flag_counts")
        XCTAssertNil(try firstMatch(s.tablePatterns, in: "$query = db_select('node', 'n');"))
        XCTAssertEqual(try firstMatch(s.tableReadPatterns ?? [], in: "db_query('SELECT fid FROM {flag} WHERE name = :n')"), "flag")
        XCTAssertEqual(try location(s, kind: "variable").owner?.separators, ["_"])
        XCTAssertEqual(try location(s, kind: "field").owner?.column, "module")
        XCTAssertEqual(s.derivedTables?.first?.tables, ["field_data_{1}", "field_revision_{1}"])
        XCTAssertEqual(s.installed?.first?.whereEquals, ["type": "module", "status": "1"])
    }
}
