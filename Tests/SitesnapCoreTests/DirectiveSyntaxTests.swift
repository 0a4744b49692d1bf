@testable import SitesnapCore
import XCTest

/// The web server and PHP files recognised, their directives read per syntax, and which are called out.
final class DirectiveSyntaxTests: XCTestCase {
    func testFileNames() {
        XCTAssertEqual(DirectiveSyntax.of(path: ".htaccess"), .apache)
        XCTAssertEqual(DirectiveSyntax.of(path: "wp-content/uploads/.htaccess"), .apache)
        XCTAssertEqual(DirectiveSyntax.of(path: "web.config"), .iis)
        XCTAssertEqual(DirectiveSyntax.of(path: "sub/.user.ini"), .phpIni)
        XCTAssertEqual(DirectiveSyntax.of(path: "php.ini"), .phpIni)
        XCTAssertEqual(DirectiveSyntax.of(path: "nginx.conf"), .nginx)
        XCTAssertEqual(DirectiveSyntax.of(path: "conf/site.nginx"), .nginx)
        XCTAssertNil(DirectiveSyntax.of(path: "htaccess.txt"))
        XCTAssertNil(DirectiveSyntax.of(path: "wp-config.php"))
    }

    func testApacheSectionsContinuationsAndCallouts() {
        let text = """
            # comment
            <IfModule mod_rewrite.c>
            RewriteEngine On
            RewriteCond %{REMOTE_ADDR} ^10\\.
            RewriteRule ^(.*)$ http://backend/$1 \\
                [P,L]
            </IfModule>
            Header set Proxy-Authorization "Basic x"
            php_value auto_prepend_file /tmp/x.php
            <Proxy "http://backend">
            Order allow,deny
            </Proxy>
            AuthUserFile /etc/htpasswd
            """
        let d = DirectiveDiff.compare(before: nil, after: text, syntax: .apache)
        XCTAssertEqual(d.map(\.text), ["RewriteEngine On", "RewriteCond %{REMOTE_ADDR} ^10\\.", "RewriteRule ^(.*)$ http://backend/$1 [P,L]",
                                       "Header set Proxy-Authorization \"Basic x\"", "php_value auto_prepend_file /tmp/x.php",
                                       "Order allow,deny", "AuthUserFile /etc/htpasswd"])
        XCTAssertEqual(d.map { $0.callout ?? "-" }, ["-", "routing", "proxy", "auth", "php-prepend", "proxy", "auth"])
        XCTAssertEqual(d[2].line, 5)
        XCTAssertEqual(d[2].section, ["IfModule mod_rewrite.c"])
    }

    func testMovedLinesAreNoChangeAndDuplicatesCount() {
        let before = "RewriteEngine On\nRewriteRule a b [L]\n"
        let after = "RewriteRule a b [L]\nRewriteEngine On\nRewriteRule a b [L]\n"
        let d = DirectiveDiff.compare(before: before, after: after, syntax: .apache)
        XCTAssertEqual(d.map { "\($0.change) \($0.line) \($0.text)" }, ["added 1 RewriteRule a b [L]"])
    }

    func testNginxIniAndIIS() {
        let n = DirectiveDiff.compare(before: nil, after: "server {\n  location /api { # api\n    proxy_pass http://b;\n    auth_basic \"x\";\n  }\n}\n", syntax: .nginx)
        XCTAssertEqual(n.map { "\($0.line) \($0.text) \($0.section) \($0.callout ?? "-")" },
                       ["3 proxy_pass http://b [\"server\", \"location /api\"] proxy", "4 auth_basic \"x\" [\"server\", \"location /api\"] auth"])
        let i = DirectiveDiff.compare(before: "; c\nmemory_limit = 128M\n", after: "memory_limit = 128M\nauto_prepend_file = /tmp/a.php\n", syntax: .phpIni)
        XCTAssertEqual(i.map { "\($0.change) \($0.text) \($0.callout ?? "-")" }, ["added auto_prepend_file = /tmp/a.php php-prepend"])
        let x = DirectiveDiff.compare(before: nil, after: "<configuration>\n<rule name=\"p\">\n<action type=\"Rewrite\" url=\"http://b/{R:1}\" />\n</rule>\n</configuration>", syntax: .iis)
        XCTAssertEqual(x.map { "\($0.line) \($0.callout ?? "-")" }, ["1 -", "2 -", "3 proxy"])
    }
}
