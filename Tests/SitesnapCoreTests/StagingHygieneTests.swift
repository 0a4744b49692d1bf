import Foundation
@testable import SiteKnowledge
@testable import SitesnapCore
import XCTest

/// Staging hygiene (profile `staging`): outgoing mail off and search engines told not to index, in the
/// restored config (Joomla, Drupal 10, Drupal 7) and by a must-use plugin (a real WordPress, which
/// boots with php-cli and sends nothing); each step one line of the output; `--no-staging-safety`
/// leaves the snapshot's values.
final class StagingHygieneTests: XCTestCase {
    private func php(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try ProcessRunner.run("/usr/bin/php", ["-r", code])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        return r.stdout
    }

    private func stagingLines(_ out: String) -> [String] {
        out.split(separator: "\n").filter { $0.hasPrefix("  staging   ") }.map { String($0.dropFirst(12)) }
    }

    func testJoomlaMailOffAndNoindexInTheRestoredConfiguration() throws {
        let (id, repo) = try FixtureRestore.snapshot("joomla4", sql: "joomla4.sql", prefix: "jx7_")
        let (r, target, _, _) = try FixtureRestore.overTCP(id, repo: repo, stem: "jhyg")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("all match"), r.stdout)
        XCTAssertEqual(stagingLines(r.stdout), ["outgoing mail off [configuration.php: JConfig::$mailonline = false]",
                                                "search engines told not to index (robots meta tag) [configuration.php: JConfig::$robots = 'noindex, nofollow']"])
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/php", ["-l", target + "/configuration.php"]).status, 0)
        let read = "require '%@/configuration.php'; $c = new JConfig; var_export($c->mailonline); echo '|', $c->robots;"
        XCTAssertEqual(try php(read.replacingOccurrences(of: "%@", with: target)), "false|noindex, nofollow")
        // --no-staging-safety: as in the snapshot (the fixture's `true` and '').
        let (k, kept, _, _) = try FixtureRestore.overTCP(id, repo: repo, stem: "jkeep", extra: ["--no-staging-safety", "--json"])
        XCTAssertEqual(k.status, 0, k.stdout + k.stderr)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(k.stdout.utf8)) as? [String: Any])?["staging"] as? [String], [])
        XCTAssertEqual(try php(read.replacingOccurrences(of: "%@", with: kept)), "true|")
    }

    /// Joomla 3's installer writes `public $mailonline = '1';` (a string): '0', in the file's own syntax;
    /// a missing setting is left as it is and said so; after a closing `?>` the appended
    /// statements reopen PHP.
    func testConfigEditsKeepTheFileSyntax() throws {
        let spec = try XCTUnwrap(try ProfileStore().profiles.first { $0.id == "joomla" }?.staging?.config)
        let j3 = Array("<?php\nclass JConfig {\n\tpublic $mailonline = '1';\n}\n".utf8)
        let (edits, lines) = try StagingHygiene.configEdits(spec, source: j3, rel: "configuration.php")
        XCTAssertEqual(String(decoding: ConfigRewriter.apply(edits, to: j3), as: UTF8.self),
                       "<?php\nclass JConfig {\n\tpublic $mailonline = '0';\n}\n")
        XCTAssertEqual(lines, ["outgoing mail off [configuration.php: JConfig::$mailonline = '0']",
                               "search engines told not to index (robots meta tag): NOT set, JConfig::$robots is not set in configuration.php (left as it is)"])
        let closed = Array("<?php\n$databases = [];\n?>\n".utf8)
        let drupal = try XCTUnwrap(try ProfileStore().profiles.first { $0.id == "drupal" }?.staging?.config)
        let (e2, _) = try StagingHygiene.configEdits(drupal, source: closed, rel: "settings.php")
        let out = TestEnvironment.makeTempDir("closed") + "/settings.php"
        try Data(ConfigRewriter.apply(e2, to: closed)).write(to: URL(fileURLWithPath: out))
        // Nothing is output outside PHP (a header can still be sent).
        XCTAssertEqual(try php("$app_root = '/x'; $site_path = 's'; include '\(out)'; echo headers_sent() ? 'sent' : '', $config['system.mail']['interface']['default'];"),
                       "test_mail_collector")
        // HTML after the closing tag: the file still ends outside PHP, so PHP is opened again (the
        // block would otherwise be printed as text and set nothing).
        let html = Array("<?php\n$databases = [];\n?>\n<p>maintenance notes</p>\n".utf8)
        let (e3, _) = try StagingHygiene.configEdits(drupal, source: html, rel: "settings.php")
        let out3 = TestEnvironment.makeTempDir("html") + "/settings.php"
        try Data(ConfigRewriter.apply(e3, to: html)).write(to: URL(fileURLWithPath: out3))
        XCTAssertEqual(try php("$app_root = '/x'; $site_path = 's'; ob_start(); include '\(out3)'; $printed = ob_get_clean(); echo $config['system.mail']['interface']['default'], '|', trim($printed);"),
                       "test_mail_collector|<p>maintenance notes</p>")
    }

    /// Drupal 10: test_mail_collector and an X-Robots-Tag header from the appended settings.php lines;
    /// the header checked on a page PHP's own web server serves through the restored settings.php.
    func testDrupal10MailCollectorAndRobotsHeader() throws {
        let (id, repo) = try FixtureRestore.snapshot("drupal10", sql: "drupal10.sql", prefix: "")
        let (r, target, db, _) = try FixtureRestore.overTCP(id, repo: repo, stem: "dhyg")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("all match"), r.stdout)
        XCTAssertEqual(stagingLines(r.stdout), [
            "outgoing mail off (kept in state system.test_mail_collector) [sites/default/settings.php: appended $config['system.mail']['interface']['default'] = 'test_mail_collector'; $config['mailsystem.settings']['defaults']['sender'] = 'test_mail_collector';]",
            "search engines told not to index (X-Robots-Tag header) [sites/default/settings.php: appended if (!headers_sent()) { header('X-Robots-Tag: noindex, nofollow'); }]"])
        let settings = target + "/sites/default/settings.php"
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/php", ["-l", settings]).status, 0)
        let boot = "define('DRUPAL_ROOT', '\(target)'); $app_root = '\(target)'; $site_path = 'sites/default'; include '\(settings)';"
        XCTAssertEqual(try php(boot + " echo $config['system.mail']['interface']['default'], '|', $config['mailsystem.settings']['defaults']['sender'], '|', $databases['default']['default']['database'];"),
                       "test_mail_collector|test_mail_collector|\(db)")
        let page = TestEnvironment.makeTempDir("docroot")
        try "<?php \(boot) echo 'page';".write(toFile: page + "/index.php", atomically: true, encoding: .utf8)
        XCTAssertEqual(try headers(servingFrom: page).filter { $0.lowercased().hasPrefix("x-robots-tag") }, ["X-Robots-Tag: noindex, nofollow"])
    }

    /// The response headers of `/` served by `php -S` from `docroot` (the server is stopped by its PID).
    private func headers(servingFrom docroot: String) throws -> [String] {
        let port = Int.random(in: 20000...40000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/php")
        server.arguments = ["-S", "127.0.0.1:\(port)", "-t", docroot]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        for _ in 0..<50 {
            let r = try ProcessRunner.run("/usr/bin/php", ["-r", "$h = @get_headers('http://127.0.0.1:\(port)/'); if ($h) echo implode(\"\\n\", $h);"])
            if !r.stdout.isEmpty { return r.stdout.split(separator: "\n").map(String.init) }
            usleep(100_000)
        }
        XCTFail("php -S did not answer on port \(port)")
        return []
    }

    /// Drupal 7: every module's mail to core's TestingMailSystem (the whole mail_system variable).
    func testDrupal7MailSystemOverride() throws {
        let (id, repo) = try FixtureRestore.snapshot("drupal7", sql: "drupal7.sql", prefix: "d7_")
        let (r, target, _, _) = try FixtureRestore.overTCP(id, repo: repo, stem: "d7hyg")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(stagingLines(r.stdout).first?.hasPrefix("outgoing mail off (kept in variable drupal_test_email_collector)") == true, r.stdout)
        let settings = target + "/sites/default/settings.php"
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/php", ["-l", settings]).status, 0)
        XCTAssertEqual(try php("include '\(settings)'; echo json_encode($conf['mail_system']);"), #"{"default-system":"TestingMailSystem"}"#)
        let (k, kept, _, _) = try FixtureRestore.overTCP(id, repo: repo, stem: "d7keep", extra: ["--no-staging-safety"])
        XCTAssertEqual(k.status, 0, k.stdout + k.stderr)
        XCTAssertEqual(stagingLines(k.stdout), [])
        XCTAssertEqual(try php("include '\(kept)/sites/default/settings.php'; var_export(isset($conf['mail_system']));"), "false")
    }

    /// A real WordPress (Debian's 6.1) restored: the must-use plugin is written (wp-content keeps its
    /// times, the verification is clean), and wp_mail() on the booted copy sends nothing: it returns
    /// false, PHPMailer is never set up (`phpmailer_init` never fires). Without staging safety the same
    /// call does set up PHPMailer, so the check would see an attempt.
    /// A `wp-content/mu-plugins` the snapshot holds as a symlink (shared must-use plugins): the
    /// staging file cannot be written inside the copy, so the restore refuses before it writes or
    /// imports anything, naming the entry and --no-staging-safety; with that option it restores.
    func testASymlinkedMustUsePluginsFolderIsRefusedBeforeAnything() throws {
        let wp = try WordPressFixture.make(socket: try TestEnvironment.requireDatabase())
        let shared = TestEnvironment.makeTempDir("shared-mu")
        try FileManager.default.createSymbolicLink(atPath: wp.root + "/wp-content/mu-plugins", withDestinationPath: shared)
        let repo = TestEnvironment.makeTempDir("repo")
        let id = try SnapshotSteps.snapshot(wp.root, repo, "linked")
        let db = "\(wp.database)_\(UUID().uuidString.prefix(4).lowercased())"
        let target = TestEnvironment.makeTempDir("wpstg") + "/blog"
        let args = ["restore", id, "--repo", repo, "--target", target, "--db-name", db, "--db-user", "root", "--db-password-file", "/dev/null",
                    "--db-socket", try TestEnvironment.requireDatabase()]
        for extra in [["--dry-run"], []] {
            RestoreFixture.assertOneLineRefusal(try ProcessRunner.sitesnap(args + extra), "wp-content/mu-plugins is a symlink")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
        XCTAssertFalse(try RestoreFixture.databaseExists(db))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: shared), [], "nothing written through the link")
        let r = try ProcessRunner.sitesnap(args + ["--no-staging-safety"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    }

    func testWordPressMailOffMustUsePlugin() throws {
        let wp = try WordPressFixture.make(socket: try TestEnvironment.requireDatabase())
        let repo = TestEnvironment.makeTempDir("repo")
        let id = try SnapshotSteps.snapshot(wp.root, repo, "before")
        let plugin = "wp-content/mu-plugins/sitesnap-staging-mail-off.php"
        let fileLine = "outgoing mail off (must-use plugin; delete it to send mail) [\(plugin)]"
        func restore(_ extra: [String]) throws -> (ProcessResult, String) {
            let db = "\(wp.database)_\(UUID().uuidString.prefix(4).lowercased())"
            let admin = try TestDatabase.admin()
            try admin.execute("CREATE DATABASE `\(db)`")
            for host in ["localhost", "127.0.0.1"] { try admin.execute("GRANT ALL ON `\(db)`.* TO '\(wp.user)'@'\(host)'") }
            let target = TestEnvironment.makeTempDir("wpstg") + "/blog"
            return (try ProcessRunner.sitesnap(["restore", id, "--repo", repo, "--target", target, "--db-name", db] + extra), target)
        }
        let (dry, _) = try restore(["--dry-run"])
        XCTAssertTrue(stagingLines(dry.stdout).contains(fileLine), dry.stdout)
        let (r, target) = try restore(["--json"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let result = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((result["verification"] as? [String: Any])?["ok"] as? Bool, true, r.stdout)
        let staging = try XCTUnwrap(result["staging"] as? [String])
        XCTAssertEqual(staging.first, fileLine)
        XCTAssertTrue(staging.contains { $0.hasPrefix("search engines discouraged") }, "\(staging)")
        let attrs = try FileManager.default.attributesOfItem(atPath: target + "/" + plugin)
        XCTAssertEqual((attrs[.posixPermissions] as? NSNumber)?.intValue, 0o644)
        let mtime = { (p: String) in try RestoreFixture.sh("stat -c %Y '\(p)'") }
        XCTAssertEqual(try mtime(target + "/wp-content"), try mtime(wp.root + "/wp-content"), "wp-content keeps the snapshot's time")
        XCTAssertEqual(try ProcessRunner.run("/usr/bin/php", ["-l", target + "/" + plugin]).status, 0)
        let call = """
            $_SERVER['HTTP_HOST'] = 'blog.example.test'; $_SERVER['REQUEST_URI'] = '/';
            require '%@/wp-load.php';
            $sent = wp_mail('someone@example.test', 'staging', 'body');
            echo var_export($sent, true), '|', did_action('phpmailer_init'), '|', isset($GLOBALS['phpmailer']) ? 'phpmailer' : 'none', '|';
            echo basename((new ReflectionFunction('wp_mail'))->getFileName()), '|', var_export(apply_filters('pre_wp_mail', null, array()), true);
            """
        XCTAssertEqual(try php(call.replacingOccurrences(of: "%@", with: target)),
                       "false|0|none|sitesnap-staging-mail-off.php|false")
        // The control: without staging safety, no plugin, and wp_mail() sets up PHPMailer to send.
        let (k, kept) = try restore(["--no-staging-safety"])
        XCTAssertEqual(k.status, 0, k.stdout + k.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: kept + "/wp-content/mu-plugins"))
        XCTAssertTrue(try php(call.replacingOccurrences(of: "%@", with: kept)).contains("|1|phpmailer|pluggable.php|NULL"))
    }
}
