import Foundation
@testable import SiteKnowledge
import XCTest

/// Drupal 6's `$db_url`, read as includes/database.mysqli.inc (6.x) db_connect() reads it: PHP's
/// parse_url() and urldecode(). PHP itself is the reference: every case is checked against php-cli.
final class DatabaseURLTests: XCTestCase {
    let cases = [
        "mysqli://user:p%40ss@host:3311/db",
        "mysql://d6_user:p%40ss+w@127.0.0.1:3311/d6_db",
        "mysqli://username:password@localhost/databasename",
        "mysql://root@localhost/drupal",
        "mysqli://u%3Aser:a%2Bb%25c@db.example.com/my%20db",
        "mysqli://us:pa@ss@host/db",
        "mysqli://user:100%@host/db",
    ]

    /// What PHP makes of `url`, in DatabaseURL's order, or nil without php-cli.
    private func php(_ url: String) throws -> [String]? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/php") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/php")
        p.arguments = ["-r", "$u = parse_url($argv[1]); echo implode(\"\\n\", [$u['scheme'], urldecode($u['user']), isset($u['pass']) ? urldecode($u['pass']) : '', urldecode($u['host']), $u['port'] ?? '', substr(urldecode($u['path']), 1)]);", url]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testPartsAreWhatPHPReads() throws {
        for text in cases {
            let url = try XCTUnwrap(DatabaseURL(text), text)
            let mine = [url.scheme, url.user, url.password, url.host, url.port.map(String.init) ?? "", url.database]
            if let php = try php(text) { XCTAssertEqual(mine, php, text) }
        }
        let u = try XCTUnwrap(DatabaseURL("mysqli://user:p%40ss@host:3311/db"))
        XCTAssertEqual(u, DatabaseURL(scheme: "mysqli", user: "user", password: "p@ss", host: "host", port: 3311, database: "db"))
        XCTAssertNil(DatabaseURL("user:pass@host/db"))
    }

    /// Written again, it reads back as the same parts (urldecode() of rawurlencode() is the identity).
    func testTextRoundTrips() throws {
        let u = DatabaseURL(scheme: "mysql", user: "stg user", password: "p@ss+w:/%", host: "127.0.0.1", port: 3307, database: "stg_db")
        XCTAssertEqual(DatabaseURL(u.text), u)
        if let php = try php(u.text) { XCTAssertEqual(php, ["mysql", "stg user", "p@ss+w:/%", "127.0.0.1", "3307", "stg_db"]) }
    }

    /// The profile's `url_part` takes one part of the config's `$db_url` (an array's 'default' entry too).
    func testProfileValueTakesAPartOfTheURL() throws {
        let c = try PHPConfigReader.read(Array("<?php\n$db_url['default'] = 'mysqli://a:b%40c@h:3311/d';\n".utf8), file: "t.php")
        func part(_ p: DatabaseURLPart) -> PHPValue? {
            ConfigValues.lookup(PHPValueSpec(variable: ["db_url"], arrayKey: "default", urlPart: p), in: c)?.value
        }
        XCTAssertEqual(part(.password), .string("b@c"))
        XCTAssertEqual(part(.port), .integer(3311))
        XCTAssertEqual(part(.database), .string("d"))
    }
}
