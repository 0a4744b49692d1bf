@testable import SiteKnowledge
@testable import SitesnapCore
@testable import SnapshotFormat
import XCTest

/// The leftover engine's rules on small inputs, each found wrong on a real extension first (the study
/// in docs/diff-db.md): core transients are not unknown options (Redirection, WP Statistics), an entry
/// inside an entry goes with it (Members' role and its capability), a name that is the extension's own
/// is its even where an installed extension's prefix covers it (Drupal 7 flag_actions beside flag),
/// an index row is an extension's only when all it lists is (Drupal config key_store rows), and a
/// reference reads the column it needs from the row it points at (Joomla module assets).
final class LeftoverRulesTests: XCTestCase {
    private func dump(_ table: String, _ columns: [String], _ rows: [[String]]) -> DumpRowReader {
        let cols = columns.map { "`\($0)`" }.joined(separator: ",")
        let values = rows.map { "(" + $0.map { "'\($0)'" }.joined(separator: ",") + ")" }.joined(separator: ",")
        let text = "CREATE TABLE `\(table)` (\(columns.map { "`\($0)` text" }.joined(separator: ", "))) ENGINE=InnoDB;\n"
            + "INSERT INTO `\(table)` (\(cols)) VALUES \(values);\n"
        return DumpRowReader(source: DiffValueTests.BytesSource(text), name: table)
    }

    private func spec(_ objects: [LeftoverSpec.ObjectLocation]) -> LeftoverSpec {
        LeftoverSpec(files: [], calls: [], tablePatterns: [], objects: objects)
    }

    func testATransientIsJudgedAsATransientNotAsAnUnknownOption() throws {
        var option = LeftoverSpec.ObjectLocation(kind: "option", table: "options", column: "option_name")
        option.skipPrefixes = ["_transient_", "_site_transient_"]
        var transient = LeftoverSpec.ObjectLocation(kind: "option", table: "options", column: "option_name")
        transient.kind = "transient"
        transient.stripPrefixes = ["_site_transient_timeout_", "_site_transient_"]
        let scan = ObjectScan(spec: spec([option, transient]), tablePrefix: "wp_")
        var found: [String] = []
        try scan.scan(dump("wp_options", ["option_id", "option_name"], [["1", "_site_transient_update_plugins"], ["2", "akismet_key"]]),
                      locations: [0, 1], primaryKey: ["option_id"]) { found.append("\(scan.spec.objects[$0.location].kind) \($0.identifier)") }
        XCTAssertEqual(found.sorted(), ["option akismet_key", "transient update_plugins"])
    }

    func testAnEntryInsideAnotherStrongEntryGoesWithIt() {
        func entry(_ path: [String]) -> DiffReport.Leftover {
            .init(extensionSlug: "members", kind: .entry, object: path.count == 1 ? "role" : "capability", name: path.last!, table: "wp_options",
                  key: ["option_name": "wp_user_roles"], column: "option_value", path: path, evidence: .strong, reasons: ["x"])
        }
        let kept = LeftoverFinder.withoutNested([entry(["content_reviewer"]), entry(["content_reviewer", "capabilities", "restrict_content"]),
                                                 entry(["editor", "capabilities", "restrict_content"])])
        XCTAssertEqual(kept.map { $0.path! }, [["content_reviewer"], ["editor", "capabilities", "restrict_content"]])
    }

    func testANameThatIsTheExtensionsOwnIsItsThoughAnInstalledOnesPrefixCoversIt() {
        let ext = ExtensionInfo(kind: "module", slug: "flag_actions", name: "Flag actions", file: "sites/all/modules/flag/flag_actions.info")
        let judge = LeftoverJudge(target: LeftoverTarget(ext: ext, state: .removed), core: CoreOwnership(nil, tablePrefix: ""), code: [], prefixes: [], slugPrefixes: [],
                                  othersPrefixes: [("flag", "flag_")])
        func c(_ name: String) -> LeftoverJudge.Candidate {
            .init(kind: "table", codeKinds: ["table"], name: name, coreName: name, existed: false, appeared: false, owner: nil, table: true)
        }
        XCTAssertEqual(judge.judge(c("flag_actions"))?.0, .strong)
        XCTAssertNil(judge.judge(c("flag_counts")), "flag's own table is flag's")
    }

    func testAnIndexRowIsTheExtensionsOnlyWhenAllItListsIs() {
        var loc = LeftoverSpec.ObjectLocation(kind: "config_key_store", table: "key_value", column: "collection")
        loc.owner = LeftoverSpec.OwnerRule(dependencies: [[]], dependenciesAll: true, valueColumn: "value")
        var attributed = Attributed()
        attributed.add("config", FoundObject(location: 0, identifier: "pathauto.pattern.article", coreName: "", key: [:], path: nil,
                                             columns: [:], dependencies: [], value: nil))
        let ext = ExtensionInfo(kind: "module", slug: "pathauto", name: "Pathauto", file: "")
        func row(_ lists: [String]) -> FoundObject {
            FoundObject(location: 0, identifier: "pathauto_pattern", coreName: "", key: [:], path: nil, columns: [:], dependencies: lists, value: nil)
        }
        XCTAssertNotNil(OwnerRules.reason(loc, row(["pathauto.pattern.article"]), ext, attributed))
        XCTAssertNil(OwnerRules.reason(loc, row(["pathauto.pattern.article", "block.block.stark_branding"]), ext, attributed))
    }

    func testAReferenceReadsTheColumnItNeedsFromTheRowItPointsAt() throws {
        var module = LeftoverSpec.ObjectLocation(kind: "module_instance", table: "modules", column: "module")
        module.owner = LeftoverSpec.OwnerRule(name: .exact)
        var asset = LeftoverSpec.ObjectLocation(kind: "module_asset", table: "assets", column: "name")
        asset.owner = LeftoverSpec.OwnerRule(refers: .init(kind: "module_instance", column: "asset_id", via: "id"))
        let scan = ObjectScan(spec: spec([module, asset]), tablePrefix: "j_")
        var columns: [String: String?] = [:]
        try scan.scan(dump("j_modules", ["id", "asset_id", "module"], [["110", "102", "mod_weblinks"]]), locations: [0], primaryKey: ["id"]) {
            columns = $0.columns
        }
        XCTAssertEqual(columns["asset_id"], "102")
    }

    func testControlCharactersInNamesNeverReachTheScriptOrTheTerminal() {
        // A NUL stops the stock client in the middle of a script; ESC would restyle the terminal.
        let line = ScriptSQL.comment("option a\u{0}b\u{1B}[31m\nDROP TABLE x;")
        XCTAssertEqual(line, "-- option a\\x00b\\x1B[31m⏎DROP TABLE x;\n")
        XCTAssertFalse(ScriptSQL.message("hook \u{0}x").unicodeScalars.contains { $0.value < 0x20 })
    }
}
