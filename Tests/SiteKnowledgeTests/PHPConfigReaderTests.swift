@testable import SiteKnowledge
@testable import SitesnapSystem
import XCTest

/// The token-level PHP reader on the real-world config forms the backup issue lists.
final class PHPConfigReaderTests: XCTestCase {
    private func read(_ php: String) throws -> PHPConfig {
        try PHPConfigReader.read(Array(php.utf8), file: "test.php")
    }

    func testWordPressQuotesSpacingSplitDefineAndComments() throws {
        let c = try read("""
            <?php
            // define('DB_NAME', 'old_commented_out');
            /* define( 'DB_USER', 'old_user' ); */
            # define("DB_HOST", "oldhost");
            define( 'DB_NAME', 'blog' );
            define("DB_USER",   "bloguser");
            define(
                'DB_PASSWORD',
                'p\\'a"ss\\\\word'
            );
            define ( 'DB_HOST' , "localhost:/run/mysqld/mysqld.sock" ) ;
            define( 'DB_CHARSET', 'utf8' );
            $table_prefix  =   'wp_blog_'  ;
            if ( ! defined( 'ABSPATH' ) ) {
                define( 'ABSPATH', __DIR__ . '/' );
            }
            require_once ABSPATH . 'wp-settings.php';
            """)
        XCTAssertEqual(c.constants["DB_NAME"]?.value, .string("blog"))
        XCTAssertEqual(c.constants["DB_USER"]?.value, .string("bloguser"))
        XCTAssertEqual(c.constants["DB_PASSWORD"]?.value, .string("p'a\"ss\\word"))
        XCTAssertEqual(c.constants["DB_HOST"]?.value, .string("localhost:/run/mysqld/mysqld.sock"))
        XCTAssertEqual(c.variable(["table_prefix"])?.value, .string("wp_blog_"))
        XCTAssertEqual(c.constants["ABSPATH"]?.value, .expression("__DIR__ . '/'"))
        XCTAssertEqual(c.includes, ["ABSPATH . 'wp-settings.php'"])
        XCTAssertEqual(c.constants["DB_NAME"]?.line, 5)
    }

    func testDoubleQuotedEscapesAndInterpolation() throws {
        let c = try read(#"<?php define('A', "tab\there\x41\101\u{1F600}\$x"); define('B', "pre$var"); define('C', "{$a['b']}");"#)
        XCTAssertEqual(c.constants["A"]?.value, .string("tab\thereAA😀$x"))
        XCTAssertEqual(c.constants["B"]?.value, .expression("\"pre$var\""))
        if case .expression = c.constants["C"]?.value {} else { XCTFail("interpolated string must not be a literal") }
    }

    func testNonLiteralValuesKeepTheirSource() throws {
        let c = try read("""
            <?php
            define('DB_NAME', getenv('WORDPRESS_DB_NAME'));
            define('DB_USER', 'wp_' . $env);
            define('DB_PASSWORD', 'a' . 'b');
            define('DB_HOST', $_ENV['DB_HOST'] ?? 'localhost');
            """)
        XCTAssertEqual(c.constants["DB_NAME"]?.value, .expression("getenv('WORDPRESS_DB_NAME')"))
        XCTAssertEqual(c.constants["DB_USER"]?.value, .expression("'wp_' . $env"))
        XCTAssertEqual(c.constants["DB_PASSWORD"]?.value, .string("ab"), "a concatenation of literals is evaluated")
        XCTAssertEqual(c.constants["DB_HOST"]?.value, .expression("$_ENV['DB_HOST'] ?? 'localhost'"))
    }

    func testValueRangesPointAtTheSource() throws {
        let src = "<?php define('DB_NAME', 'blog');\n$table_prefix = \"wp_\";\n"
        let c = try read(src)
        let bytes = Array(src.utf8)
        XCTAssertEqual(String(decoding: bytes[c.constants["DB_NAME"]!.valueRange], as: UTF8.self), "'blog'")
        XCTAssertEqual(String(decoding: bytes[c.variable(["table_prefix"])!.valueRange], as: UTF8.self), "\"wp_\"")
    }

    func testJoomlaClassPropertiesIncludingArrays() throws {
        let c = try read("""
            <?php
            class JConfig {
            \tpublic $offline = false;
            \tpublic $dbtype = 'mysqli';
            \tpublic $host = 'db.internal:3307';
            \tpublic $user = 'joomla';
            \tpublic $password = 'se\\'cret';
            \tpublic $db = 'joomla_db';
            \tpublic $dbprefix = 'jx7_';
            \tpublic $list_limit = 20;
            \tpublic $log_priorities = array('0' => 'all');
            \tpublic $cors_allow_methods = ['GET', 'POST', 'x' => [1, -2.5, null]];
            \tpublic $live_site = '';
            }
            """)
        XCTAssertEqual(c.classMembers["JConfig::host"]?.value, .string("db.internal:3307"))
        XCTAssertEqual(c.classMembers["JConfig::password"]?.value, .string("se'cret"))
        XCTAssertEqual(c.classMembers["JConfig::dbprefix"]?.value, .string("jx7_"))
        XCTAssertEqual(c.classMembers["JConfig::list_limit"]?.value, .integer(20))
        XCTAssertEqual(c.classMembers["JConfig::offline"]?.value, .bool(false))
        XCTAssertEqual(c.classMembers["JConfig::log_priorities"]?.value[.int(0)]?.value, .string("all"))
        let methods = c.classMembers["JConfig::cors_allow_methods"]?.value
        XCTAssertEqual(methods?[.int(1)]?.value, .string("POST"))
        XCTAssertEqual(methods?[.string("x")]?.value[.int(1)]?.value, .float(-2.5))
    }

    func testDrupal8ShortAndLongArraysAndLaterAssignments() throws {
        let c = try read("""
            <?php
            $databases = [];
            $databases['default']['default'] = array (
              'database' => 'drupal',
              'username' => 'drupal_user',
              'password' => 'pw',
              'prefix' => '',
              'host' => 'localhost',
              'port' => '3306',
              'namespace' => 'Drupal\\\\mysql\\\\Driver\\\\Database\\\\mysql',
              'driver' => 'mysql',
            );
            $databases['default']['default']['host'] = '127.0.0.1';
            $settings['hash_salt'] = 'x';
            if (file_exists($app_root . '/' . $site_path . '/settings.local.php')) {
              include $app_root . '/' . $site_path . '/settings.local.php';
            }
            """)
        XCTAssertEqual(c.variable(["databases", "default", "default", "database"])?.value, .string("drupal"))
        XCTAssertEqual(c.variable(["databases", "default", "default", "host"])?.value, .string("127.0.0.1"))
        XCTAssertEqual(c.variable(["databases", "default", "default", "port"])?.value, .string("3306"))
        XCTAssertEqual(c.variable(["databases", "default", "default", "namespace"])?.value, .string("Drupal\\mysql\\Driver\\Database\\mysql"))
        XCTAssertEqual(c.includes.count, 1)
        let short = try read("<?php $databases['default']['default'] = ['database' => 'd', 'username' => 'u', 'unix_socket' => '/tmp/s.sock'];")
        XCTAssertEqual(short.variable(["databases", "default", "default", "unix_socket"])?.value, .string("/tmp/s.sock"))
    }

    func testDrupal7NestedArrayWithPrefixArray() throws {
        let c = try read("""
            <?php
            $databases = array (
              'default' =>
              array (
                'default' =>
                array (
                  'database' => 'd7_db',
                  'username' => 'd7_user',
                  'password' => 'd7-secret',
                  'host' => '127.0.0.1',
                  'port' => '3307',
                  'driver' => 'mysql',
                  'prefix' => array('default' => 'd7_', 'users' => 'shared_'),
                ),
              ),
            );
            """)
        XCTAssertEqual(c.variable(["databases", "default", "default", "database"])?.value, .string("d7_db"))
        let spec = PHPValueSpec(variable: ["databases", "default", "default", "prefix"], arrayKey: "default")
        XCTAssertEqual(ConfigValues.lookup(spec, in: c)?.value, .string("d7_"))
    }

    func testClassConstantsForVersions() throws {
        let c = try read("""
            <?php
            namespace Joomla\\CMS;
            final class Version {
                public const PRODUCT = 'Joomla!';
                public const MAJOR_VERSION = 4;
                public const MINOR_VERSION = 4;
                public const PATCH_VERSION = 3;
                public function isCompatible(string $minimum): bool { return version_compare(JVERSION, $minimum, 'ge'); }
            }
            class Drupal { const VERSION = '10.2.4'; }
            """)
        XCTAssertEqual(c.classMembers["Version::MAJOR_VERSION"]?.value, .integer(4))
        XCTAssertEqual(c.classMembers["Drupal::VERSION"]?.value, .string("10.2.4"))
    }

    func testInlineHTMLHeredocNowdocAndCloseTag() throws {
        let c = try read("""
            <html><?php define('A', <<<'EOT'
              raw $notvar
              EOT);
            define('B', <<<EOT
            hello
            EOT);
            ?>
            <p>text with define('C', 'no')</p>
            <?php define('D', 0x1F);
            """)
        XCTAssertEqual(c.constants["A"]?.value, .string("raw $notvar"))
        XCTAssertEqual(c.constants["B"]?.value, .string("hello"))
        XCTAssertNil(c.constants["C"], "inline HTML is not PHP")
        XCTAssertEqual(c.constants["D"]?.value, .integer(31))
    }

    func testConditionalAssignmentsAreMarked() throws {
        let c = try read("""
            <?php
            if (file_exists($f)) { require_once($f); }
            if (!defined('DB_NAME'))
                define('DB_NAME', 'wordpress');
            define('DB_USER', 'plain');
            if (!isset($table_prefix)) {
                $table_prefix = 'wp_';
            }
            $after = 1;
            """)
        XCTAssertEqual(c.constants["DB_NAME"]?.conditional, true)
        XCTAssertEqual(c.constants["DB_USER"]?.conditional, false)
        XCTAssertEqual(c.variable(["table_prefix"])?.conditional, true)
        XCTAssertEqual(c.variable(["after"])?.conditional, false)
        XCTAssertEqual(c.includes, ["($f)"])
    }

    /// PHP ends a // comment at a bare carriage return: what follows is code.
    func testLineCommentEndsAtBareCarriageReturn() throws {
        let c = try read("<?php\r\n// x\rdefine('DB_NAME','prod');\ndefine('DB_NAME','staging');")
        XCTAssertEqual(c.constants["DB_NAME"]?.value, .string("prod"), "the first define wins, as in PHP")
    }

    func testUnterminatedStringIsASyntaxErrorNamingFileAndLine() {
        XCTAssertThrowsError(try read("<?php\n\ndefine('DB_NAME', 'oops);\n")) { e in
            XCTAssertEqual(e as? SitesnapError, .configSyntax(file: "test.php", line: 3, message: "unterminated single-quoted string"))
        }
    }

    private func syntaxError(_ php: String) -> (line: Int, message: String)? {
        do {
            _ = try read(php)
            return nil
        } catch let SitesnapError.configSyntax(_, line, message) {
            return (line, message)
        } catch {
            XCTFail("\(error)")
            return nil
        }
    }

    /// What PHP itself refuses (php -l) is refused, with the line PHP names.
    func testBrokenConfigsNameTheLine() {
        let missingSemicolon = syntaxError("<?php\ndefine('DB_NAME', 'blog')\ndefine('DB_USER', 'u');\n")
        XCTAssertEqual(missingSemicolon?.line, 3)
        XCTAssertTrue(missingSemicolon?.message.contains("missing ';'") == true, "\(String(describing: missingSemicolon))")
        XCTAssertEqual(syntaxError("<?php\n$table_prefix = 'wp_'\n$other = 1;\n")?.line, 3)
        XCTAssertEqual(syntaxError("<?php\ndefine('DB_NAME', 'blog');\ndefine('DB_USER', 'u)\n;\n")?.line, 3, "unclosed quote")
        let stray = syntaxError("<?php\ndefine('DB_NAME', 'blog');\n}\ndefine('DB_USER', 'u');\n")
        XCTAssertEqual(stray?.line, 3)
        XCTAssertTrue(stray?.message.contains("'}'") == true)
        XCTAssertEqual(syntaxError("<?php\nif (true) {\n  define('A', 1);\n")?.line, 2, "a block never closed")
        XCTAssertEqual(syntaxError("<?php\n$databases['default']['default'] = [\n  'database' => 'd'\n  'username' => 'u',\n];\n")?.line, 4,
                       "a missing comma in an array")
        XCTAssertEqual(syntaxError("<?php\nif (true) { $a = 1 }\n")?.line, 2, "PHP wants ';' before '}'")
        XCTAssertEqual(syntaxError("<?php\ndefine('A', 1)")?.line, 2, "the file ends without ';'")
        XCTAssertEqual(syntaxError("<?php\n$a = (1;\n")?.line, 2)
    }

    /// Valid PHP of the shapes real configs have is never refused.
    func testValidConfigsAreAccepted() throws {
        let c = try read("""
            <?php
            defined('ABSPATH') or die();
            define('A', 1) or die('x');
            $settings['x'] = (int) $y;
            $settings['f'] = function (array $a, ?int $b = null): string { return 'x'; };
            $settings['g'] = fn(int $x) => $x * 2;
            $settings['h'] = $a instanceof Foo ? new Bar() : clone $c;
            $settings['i'] = match ($x) { 1 => 'a', default => 'b' };
            $settings['j'] = __DIR__ . '/x' . PHP_EOL;
            $settings['k'] = <<<EOT
              text
              EOT;
            if (true): $a = 1; endif;
            $databases['default']['default']['host'] = 'h' ?>
            <p>html</p>
            <?php define('B', 2) ?>
            """)
        XCTAssertEqual(c.constants["B"]?.value, .integer(2))
        XCTAssertEqual(c.variable(["databases", "default", "default", "host"])?.value, .string("h"))
    }

    /// An assignment of one key after the whole array changes that key only (PHP's rule).
    func testPerKeyOverrideAfterTheWholeArray() throws {
        let c = try read("""
            <?php
            $databases['default']['default'] = ['database' => 'd', 'host' => 'a', 'prefix' => ['default' => 'p_']];
            $databases['default']['default']['host'] = 'b';
            $databases['default']['default']['prefix']['users'] = 'shared_';
            """)
        XCTAssertEqual(c.variable(["databases", "default", "default", "host"])?.value, .string("b"))
        XCTAssertEqual(c.variable(["databases", "default", "default", "database"])?.value, .string("d"))
        let prefix = c.variable(["databases", "default", "default", "prefix"])?.value
        XCTAssertEqual(prefix?[.string("default")]?.value, .string("p_"))
        XCTAssertEqual(prefix?[.string("users")]?.value, .string("shared_"))
        let reset = try read("<?php $databases['default']['default'] = ['host' => 'a']; $databases = [];")
        XCTAssertNil(reset.variable(["databases", "default", "default", "host"]), "a later whole assignment replaces the keys")
    }
}
