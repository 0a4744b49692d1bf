import Foundation
import SitesnapSystem

/// Reads a PHP config file into a `PHPConfig`.
public enum PHPConfigReader {
    /// Parses PHP source bytes.
    /// - Parameter checkSyntax: also reject what PHP's parser would reject in the statements read
    ///   (unbalanced brackets, a missing `;`, two values side by side); false when `php -l` has
    ///   already accepted the file (see `PHPLint`). Unterminated strings and comments always fail.
    /// - Throws: `SitesnapError.configSyntax` naming `file` and the line.
    public static func read(_ source: [UInt8], file: String, checkSyntax: Bool = true) throws -> PHPConfig {
        var tokens: [PHPToken]
        do {
            tokens = try PHPTokenizer.tokenize(source)
        } catch let e as PHPSyntaxError {
            throw SitesnapError.configSyntax(file: file, line: e.line, message: e.message)
        }
        let hasCode = tokens.contains { if case .openTag = $0.kind { return true } else { return false } }
        tokens = tokens.compactMap { t in
            switch t.kind {
            case .inlineHTML, .openTag: return nil
            // PHP's closing tag ends a statement like `;` does.
            case .closeTag: return PHPToken(kind: .punct(";"), range: t.range.lowerBound..<t.range.lowerBound, line: t.line)
            default: return t
            }
        }
        if !source.isEmpty && !hasCode {
            throw SitesnapError.configSyntax(file: file, line: 1, message: "no PHP code in it (no <?php tag): not a PHP config file")
        }
        if checkSyntax, let e = PHPSyntaxCheck.brackets(tokens) {
            throw SitesnapError.configSyntax(file: file, line: e.line, message: e.message)
        }
        var parser = PHPStatementParser(tokens: tokens, source: source)
        parser.parse(className: nil)
        if checkSyntax, let e = parser.syntaxError {
            throw SitesnapError.configSyntax(file: file, line: e.line, message: e.message)
        }
        return parser.config
    }

    /// Reads the PHP file at `path`.
    /// - Throws: `SitesnapError.configUnreadable` when it cannot be read, `.configSyntax` on bad PHP.
    public static func read(path: String, checkSyntax: Bool = true) throws -> PHPConfig {
        try read(try load(path: path), file: path, checkSyntax: checkSyntax)
    }

    /// The bytes of the file at `path`.
    /// - Throws: `SitesnapError.configUnreadable`.
    static func load(path: String) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SitesnapError.configUnreadable(file: path, reason: FileSystemErrors.reason(error))
        }
    }
}
