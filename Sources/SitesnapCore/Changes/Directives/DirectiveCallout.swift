import Foundation

/// Which directives route or authenticate requests, or make PHP run other code, and so are called
/// out (issue 16): Apache `Proxy*` (`ProxyPass`, `ProxyPassReverse`, `<Proxy>`), `RewriteRule` with
/// the `[P]` flag, `RewriteCond` on the remote host, `Header`/`RequestHeader` setting
/// `Proxy-Authorization`, `Auth*` and `Require`; IIS rewrite actions to another host, `<proxy>`,
/// `<authentication>`/`<authorization>` settings; nginx `proxy_*` and `auth_basic*`/`auth_request`;
/// PHP `auto_prepend_file`/`auto_append_file` (in an INI file or as Apache `php_value`).
enum DirectiveCallout {
    /// (callout, reason) for a directive, or nil for an ordinary one.
    static func judge(_ d: ParsedDirective, syntax: DirectiveSyntax) -> (String, String)? {
        let words = d.text.split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        let name = first.lowercased()
        if d.text.lowercased().contains("auto_prepend_file") || d.text.lowercased().contains("auto_append_file") {
            return ("php-prepend", "PHP runs this file before (or after) every script")
        }
        switch syntax {
        case .apache: return apache(name, words, sections: d.section)
        case .nginx: return nginx(name)
        case .iis: return iis(name, d.text.lowercased())
        case .phpIni: return nil
        }
    }

    private static func apache(_ name: String, _ words: [String], sections: [String]) -> (String, String)? {
        if name.hasPrefix("proxy") { return ("proxy", "requests are passed to another server (\(words[0]))") }
        if sections.contains(where: { $0.lowercased().hasPrefix("proxy") }) { return ("proxy", "inside a <Proxy> section") }
        if name == "rewriterule", let flags = words.last, flags.hasPrefix("["), words.count >= 3 {
            let list = flags.dropFirst().dropLast().lowercased().split(separator: ",")
            if list.contains(where: { $0 == "p" || $0 == "proxy" }) { return ("proxy", "RewriteRule with [P]: the request is proxied to the target") }
        }
        if name == "rewritecond", let test = words.dropFirst().first?.uppercased(),
           test.contains("%{REMOTE_HOST}") || test.contains("%{REMOTE_ADDR}") {
            return ("routing", "RewriteCond on the remote host: some clients are routed differently")
        }
        if (name == "header" || name == "requestheader") && words.contains(where: { $0.lowercased() == "proxy-authorization" }) {
            return ("auth", "sets the Proxy-Authorization header")
        }
        if name.hasPrefix("auth") || name == "require" || name == "satisfy" { return ("auth", "access control (\(words[0]))") }
        return nil
    }

    private static func nginx(_ name: String) -> (String, String)? {
        if name.hasPrefix("proxy_") { return ("proxy", "requests are passed to another server (\(name))") }
        if name.hasPrefix("auth_basic") || name == "auth_request" { return ("auth", "access control (\(name))") }
        return nil
    }

    private static func iis(_ name: String, _ text: String) -> (String, String)? {
        if name == "<action", text.contains("url=\"http") { return ("proxy", "a rewrite to another server (ARR proxy)") }
        if name == "<proxy" { return ("proxy", "Application Request Routing proxy settings") }
        if name.hasPrefix("<authentication") || name.hasPrefix("<authorization") || name.hasPrefix("<anonymousauthentication")
            || name.hasPrefix("<basicauthentication") || name.hasPrefix("<windowsauthentication") {
            return ("auth", "access control (\(name.dropFirst()))")
        }
        return nil
    }
}

/// The directives added and removed between two versions of one file, directive by directive: a
/// directive is its text within its sections; one present more often on one side is added or
/// removed that many times (so moving a line is no change, and reordering rules is not either).
enum DirectiveDiff {
    static func compare(before: String?, after: String?, syntax: DirectiveSyntax) -> [ChangesReport.Directive] {
        let b = before.map { DirectiveParser.parse($0, syntax: syntax) } ?? []
        let a = after.map { DirectiveParser.parse($0, syntax: syntax) } ?? []
        func key(_ d: ParsedDirective) -> String { (d.section + [d.text]).joined(separator: "\u{0}") }
        var counts: [String: Int] = [:]
        for d in a { counts[key(d), default: 0] += 1 }
        for d in b { counts[key(d), default: 0] -= 1 }
        var out: [ChangesReport.Directive] = []
        var left = counts
        for d in b where (left[key(d)] ?? 0) < 0 {
            left[key(d)]! += 1
            out.append(make(d, .removed, syntax))
        }
        left = counts
        for d in a where (left[key(d)] ?? 0) > 0 {
            left[key(d)]! -= 1
            out.append(make(d, .added, syntax))
        }
        return out
    }

    /// Every directive of a file that is called out (what `inspect` lists).
    static func callouts(_ text: String, syntax: DirectiveSyntax) -> [ChangesReport.Directive] {
        DirectiveParser.parse(text, syntax: syntax).map { make($0, .added, syntax) }.filter { $0.callout != nil }
    }

    private static func make(_ d: ParsedDirective, _ change: ChangesReport.FileChangeKind, _ syntax: DirectiveSyntax) -> ChangesReport.Directive {
        let c = DirectiveCallout.judge(d, syntax: syntax)
        return .init(change: change, line: d.line, text: d.text, section: d.section, callout: c?.0, reason: c?.1)
    }
}
