import Foundation

/// The web server and PHP configuration files a site may carry, and how each is read. Web server
/// knowledge, not CMS knowledge, so it is here rather than in a profile: Apache reads `.htaccess`
/// in every folder (AccessFileName's default), IIS `web.config`, PHP-FPM/CGI `.user.ini`
/// (user_ini.filename's default) and a `php.ini` some hosts read from the folder of the script,
/// and sites ship nginx snippets for the admin to include (`nginx.conf`, `*.nginx`, `nginx-*.conf`).
enum DirectiveSyntax: String, Sendable {
    case apache, iis, phpIni = "php-ini", nginx

    /// The syntax of the file at `path`, or nil when it is not such a file.
    static func of(path: String) -> DirectiveSyntax? {
        // The last component, without splitting the path (asked of every changed path).
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? Substring(path)
        switch name {
        case ".htaccess": return .apache
        case "web.config": return .iis
        case ".user.ini", "php.ini": return .phpIni
        case "nginx.conf": return .nginx
        default:
            if name.hasSuffix(".nginx") || name.hasSuffix(".nginx.conf") || (name.hasPrefix("nginx") && name.hasSuffix(".conf")) {
                return .nginx
            }
            return nil
        }
    }

    /// Files larger than this are not read for directives (a config file is a few KB).
    static let maxBytes = 1 << 20
}

/// One directive of a file: where it starts, its text (whitespace collapsed) and its sections.
struct ParsedDirective: Equatable {
    var line: Int
    var text: String
    var section: [String]
}

/// Splits a configuration file into directives, per syntax: Apache lines (`\` continues one,
/// `#` starts a comment) inside `<Section>` blocks; IIS XML elements (each start or empty tag, inside
/// its parents); INI `key = value` lines (`;` comments, `[section]`); nginx statements ended by `;`
/// inside `name args {` blocks (`#` comments). Own readers: each is a few lines, and a directive is
/// compared as text, so a full parser would add nothing.
enum DirectiveParser {
    static func parse(_ text: String, syntax: DirectiveSyntax) -> [ParsedDirective] {
        switch syntax {
        case .apache: return apache(text)
        case .iis: return xml(text)
        case .phpIni: return ini(text)
        case .nginx: return nginx(text)
        }
    }

    static func collapse<S: StringProtocol>(_ s: S) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).joined(separator: " ")
    }

    private static func apache(_ text: String) -> [ParsedDirective] {
        var out: [ParsedDirective] = [], sections: [String] = []
        var pending = "", start = 0
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if pending.isEmpty { start = i + 1 }
            if line.hasSuffix("\\") { pending += line.dropLast() + " "; continue }
            line = Substring(pending + line)
            pending = ""
            let t = collapse(line)
            if t.isEmpty || t.hasPrefix("#") { continue }
            if t.hasPrefix("</") { _ = sections.popLast(); continue }
            if t.hasPrefix("<") {
                sections.append(String(t.dropFirst().dropLast(t.hasSuffix(">") ? 1 : 0)))
                continue
            }
            out.append(ParsedDirective(line: start, text: t, section: sections))
        }
        return out
    }

    private static func ini(_ text: String) -> [ParsedDirective] {
        var out: [ParsedDirective] = [], section: [String] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = collapse(raw)
            if t.isEmpty || t.hasPrefix(";") || t.hasPrefix("#") { continue }
            if t.hasPrefix("[") { section = [t]; continue }
            out.append(ParsedDirective(line: i + 1, text: t, section: section))
        }
        return out
    }

    private static func nginx(_ text: String) -> [ParsedDirective] {
        var out: [ParsedDirective] = [], sections: [String] = []
        var current = "", line = 1, start = 1, comment = false
        for c in text {
            if c == "\n" {
                line += 1
                comment = false
                if !current.isEmpty { current.append(" ") }
                continue
            }
            if comment { continue }
            if c == "#" { comment = true; continue }
            if current.isEmpty && !c.isWhitespace { start = line }
            switch c {
            case ";":
                let t = collapse(current)
                if !t.isEmpty { out.append(ParsedDirective(line: start, text: t, section: sections)) }
                current = ""
            case "{":
                sections.append(collapse(current))
                current = ""
            case "}":
                _ = sections.popLast()
                current = ""
            default:
                if current.isEmpty && c.isWhitespace { continue }
                current.append(c)
            }
        }
        return out
    }

    private static func xml(_ text: String) -> [ParsedDirective] {
        var out: [ParsedDirective] = [], sections: [String] = []
        var line = 1, i = text.startIndex
        while let open = text[i...].firstIndex(of: "<") {
            line += text[i..<open].filter { $0 == "\n" }.count
            guard let close = text[open...].firstIndex(of: ">") else { break }
            let tag = text[text.index(after: open)..<close]
            let startLine = line
            line += tag.filter { $0 == "\n" }.count
            i = text.index(after: close)
            if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") { _ = sections.popLast(); continue }
            let t = collapse(tag.hasSuffix("/") ? tag.dropLast() : tag)
            out.append(ParsedDirective(line: startLine, text: "<\(t)>", section: sections))
            if !tag.hasSuffix("/") { sections.append(String(t.split(separator: " ").first ?? "")) }
        }
        return out
    }
}
