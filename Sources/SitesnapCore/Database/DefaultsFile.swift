import Foundation
import SitesnapSystem

/// Client settings from a MySQL option file (`~/.my.cnf` style, `--defaults-file`): the `[client]` and
/// `[sitesnap]` groups' `user`, `password`, `host`, `port`, `socket`, `database` (MariaDB manual,
/// "Configuring MariaDB with Option Files").
///
/// Parsed here rather than handed to libmariadb (MYSQL_READ_DEFAULT_FILE) because sitesnap merges it
/// between the CMS config and the command-line flags, which the C library cannot do.
public struct DefaultsFile: Equatable, Sendable {
    public var values: [String: String] = [:]

    /// Reads `path`.
    /// - Throws: `SitesnapError.credentialFileUnreadable` naming `--defaults-file`.
    public init(path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SitesnapError.credentialFileUnreadable(option: "--defaults-file", path: path,
                                                         reason: FileSystemErrors.reason(error))
        }
        self.init(text: text)
    }

    /// Parses option-file text.
    public init(text: String) {
        var group = ""
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") || line.hasPrefix("!") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                group = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces).lowercased()
                continue
            }
            guard group == "client" || group == "sitesnap" else { continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            let key = parts[0].lowercased().replacingOccurrences(of: "-", with: "_")
            var value = parts[1]
            if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
    }
}
