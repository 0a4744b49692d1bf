@testable import SnapshotFormat
import XCTest

/// What restore lets a dump entry run: sitesnap's own statement shapes only.
final class DumpStatementPolicyTests: XCTestCase {
    private func refused(_ kind: DumpKind, _ sql: String) -> Bool { kind.refusal(Array(sql.utf8)) != nil }

    func testSitesnapsOwnStatementsPass() {
        let t = DumpKind.table("wp_options")
        XCTAssertFalse(refused(t, "DROP TABLE IF EXISTS `wp_options`"))
        XCTAssertFalse(refused(t, "CREATE TABLE `wp_options` (\n  `id` int NOT NULL COMMENT 'a; DROP DATABASE x',\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"))
        XCTAssertFalse(refused(t, "INSERT INTO `wp_options` (`a`,`b`) VALUES\n(1,'x'),\n(-2.5e3,NULL),\n(0x00ff,'it\\'s) VALUES (1')"))
        XCTAssertFalse(refused(t, "CREATE TABLE `wp_options` (\n  `p` decimal(10,2) DEFAULT 0.00\n) ENGINE=InnoDB"))
        XCTAssertEqual(DumpKind.table("wp_options").verdict(Array("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'".utf8)), .skip,
                       "the header is skipped: the importer sets the session itself")
    }

    func testRoutinesAndTriggersAreNeverRun() {
        XCTAssertTrue(refused(.routines, "CREATE TRIGGER `wp_t` AFTER INSERT ON `wp_posts` FOR EACH ROW BEGIN INSERT INTO wp_log (note) VALUES ('x'); END"))
    }

    func testAttacksFromATrial() {
        let t = DumpKind.table("wp_links")
        // NO_BACKSLASH_ESCAPES would make the server end the string at '\': the dump's SETs never run.
        XCTAssertEqual(t.verdict(Array("SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'".utf8)), .refuse("not a session setting, DROP TABLE, CREATE TABLE or INSERT of table wp_links as sitesnap writes them"))
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_links` (`x` int)\nSELECT user_pass FROM prod.wp_users"))
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_links` (`x` int) ENGINE=InnoDB /* ' */ DATA DIRECTORY = '/tmp/x' /* ' */"))
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_links` (`x` int) ENGINE = MRG_MyISAM UNION  = (prod.wp_legacy) INSERT_METHOD = LAST"))
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_links` (LIKE `prod` . `wp_users`)"))
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_links` (`x` int) # comment"))
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_links` (`x` int) ENGINE MRG_MyISAM"))
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_links` (`x` int) ENGINE='MRG_MyISAM'"))
        XCTAssertFalse(refused(t, "CREATE TABLE `wp_links` (`x` int) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci"))
        XCTAssertTrue(refused(.views, "CREATE SQL SECURITY DEFINER VIEW `wp_prod_users` AS SELECT user_login FROM/**/prod.wp_users"))
        XCTAssertTrue(refused(.views, "CREATE VIEW `v` AS SELECT a FROM `prod` . `wp_users`"))
        XCTAssertTrue(refused(.views, "CREATE DEFINER=`root`@`localhost` VIEW `v` AS SELECT 1"))
        XCTAssertTrue(refused(.views, "CREATE VIEW `v1` AS SELECT u.user_pass FROM `wp_options` o, prod.wp_users u"))
        // A forged INSERT whose column list hides a SELECT from another database.
        XCTAssertTrue(refused(.table("wp_commentmeta"), "INSERT INTO `wp_commentmeta` (`meta_value`) SELECT CONCAT(user_login,0x3a,user_pass) FROM prod.wp_users WHERE 1 NOT IN (WITH y AS (SELECT 1) VALUES\n(2))"))
        XCTAssertFalse(refused(.table("wp_x"), "INSERT INTO `wp_x` (`a`,`b``c`) VALUES\n(1,'x')"))
    }

    func testForgedStatementsAreRefused() {
        let t = DumpKind.table("wp_options")
        XCTAssertTrue(refused(t, "DROP DATABASE `prod`"))
        XCTAssertTrue(refused(t, "DROP TABLE IF EXISTS `wp_options` , `prod`.`wp_users`"))
        XCTAssertTrue(refused(t, "USE `prod`"))
        XCTAssertEqual(t.verdict(Array("SET SESSION sql_mode='', GLOBAL general_log_file='/var/www/x.php', GLOBAL general_log=1".utf8)) == .run, false)
        XCTAssertEqual(t.verdict(Array("SET GLOBAL general_log = 1".utf8)) == .run, false)
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_options` (`a` int) ENGINE=InnoDB DATA DIRECTORY='/var/www/site'"))
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_options` (`a` int) ENGINE=CONNECT TABLE_TYPE=MYSQL CONNECTION='mysql://x'"))
        XCTAssertTrue(refused(t, "CREATE TABLE `wp_options` (`a` int) SELECT * FROM `prod`.`wp_users`"))
        XCTAssertTrue(refused(t, "INSERT INTO `wp_options` (`a`) VALUES (1); DELETE FROM x"))
        XCTAssertTrue(refused(t, "INSERT INTO `wp_options` (`a`) VALUES ((SELECT user_pass FROM prod.wp_users LIMIT 1))"))
        XCTAssertTrue(refused(t, "INSERT INTO `wp_users` (`a`) VALUES (1)"), "another table")
        XCTAssertTrue(refused(.views, "CREATE OR REPLACE TABLE `prod`.`wp_links` (x int) COMMENT ' VIEW '"))
        XCTAssertTrue(refused(.views, "CREATE VIEW `prod`.`v` AS select 1"))
        XCTAssertTrue(refused(.routines, "CREATE TRIGGER `zz` AFTER UPDATE ON `wp_options` FOR EACH ROW UPDATE `prod`.`wp_options` SET option_value = 'hacked'"))
    }

    func testCommentsAreRefusedWhereverTheyAre() {
        let t = DumpKind.table("t")
        let comment = DumpKind.commentRefusal
        XCTAssertEqual(t.refusal(Array("INSERT INTO `t` (`a`) VALUES\n(1),/* x */(2)".utf8)), comment)
        XCTAssertEqual(t.refusal(Array("INSERT INTO `t` (`a`) VALUES\n(SELECT 1) -- x".utf8)), comment, "named before the other problem")
        XCTAssertEqual(t.refusal(Array("INSERT INTO `t` (`a`/**/) VALUES\n(1)".utf8)), comment)
        XCTAssertEqual(t.refusal(Array("/*!40101 SET NAMES utf8mb4 */".utf8)), comment)
        XCTAssertEqual(t.refusal(Array("CREATE TABLE `t` (`a` int) ENGINE=InnoDB */".utf8)), comment)
        XCTAssertNil(t.refusal(Array("INSERT INTO `t` (`a`) VALUES\n('/* x */ -- ; # */')".utf8)), "comment syntax inside a string is text")
        XCTAssertNil(t.refusal(Array("CREATE TABLE `t` (`a` int COMMENT 'x -- /* y') ENGINE=InnoDB".utf8)))
        XCTAssertNil(t.refusal(Array("INSERT INTO `t` (`a`) VALUES\n(0xFF),\n(X'ff'),\n('\\\\')".utf8)))
        XCTAssertNotNil(t.refusal(Array("INSERT INTO `t` (`a`) VALUES\n(b'1')".utf8)), "sitesnap writes BIT as hex")
    }
}
