import Foundation
import SitesnapSystem

/// The environment a config's `getenv()` values are read from: the variables of an `--env-file`
/// (which win, being named on purpose) over the environment sitesnap runs in. Values are
/// credentials: nothing here prints them; `origin` names the variable and where it came from.
public struct ConfigEnvironment: Sendable {
    /// The environment sitesnap runs in.
    public var process: [String: String]
    /// The `--env-file` variables, and that file's path (nil: none given).
    public var file: [String: String]
    public var fileName: String?

    public init(process: [String: String] = ProcessInfo.processInfo.environment, file: [String: String] = [:], fileName: String? = nil) {
        self.process = process
        self.file = file
        self.fileName = fileName
    }

    /// The environment with the variables of `envFile` (when given) read in.
    /// - Throws: `SitesnapError.credentialFileUnreadable` naming `--env-file` and the file.
    public static func load(envFile: String?, process: [String: String] = ProcessInfo.processInfo.environment) throws -> ConfigEnvironment {
        guard let envFile else { return ConfigEnvironment(process: process) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: envFile, isDirectory: &isDir) else {
            throw SitesnapError.credentialFileUnreadable(option: "--env-file", path: envFile, reason: "no such file")
        }
        if isDir.boolValue { throw SitesnapError.credentialFileUnreadable(option: "--env-file", path: envFile, reason: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: envFile) else {
            throw SitesnapError.credentialFileUnreadable(option: "--env-file", path: envFile, reason: "it cannot be read (permissions?)")
        }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else {
            throw SitesnapError.credentialFileUnreadable(option: "--env-file", path: envFile, reason: "it is not UTF-8 text of KEY=VALUE lines")
        }
        return ConfigEnvironment(process: process, file: EnvFile.parse(text), fileName: envFile)
    }

    /// The value of `name` and where it came from ("from environment DB_HOST",
    /// "from DB_HOST in /srv/site/.env"), or nil when neither sets it.
    public func lookup(_ name: String) -> (value: String, origin: String)? {
        if let v = file[name], let f = fileName { return (v, "from \(name) in \(f)") }
        if let v = process[name] { return (v, "from environment \(name)") }
        return nil
    }
}

/// `KEY=VALUE` lines as docker compose reads an `.env` file (docs.docker.com, "Set environment
/// variables" / env file syntax): `#` comments and blank lines skipped, an optional `export `, the
/// value unquoted (an inline comment after ` #` dropped, spaces trimmed), in single quotes (taken
/// as written) or in double quotes (`\n`, `\t`, `\"`, `\\` unescaped).
/// Written here because it is a dozen lines and no Swift package on this machine parses it.
public enum EnvFile {
    public static func parse(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            out[key] = value(line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces))
        }
        return out
    }

    private static func value(_ v: String) -> String {
        if v.count >= 2, v.hasPrefix("'"), let end = v.dropFirst().firstIndex(of: "'") {
            return String(v[v.index(after: v.startIndex)..<end])
        }
        if v.count >= 2, v.hasPrefix("\"") {
            var out = ""
            var escaped = false
            for c in v.dropFirst() {
                if escaped {
                    switch c {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    default: out.append(c)
                    }
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    return out
                } else {
                    out.append(c)
                }
            }
            return out
        }
        if let hash = v.range(of: " #") { return String(v[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
        return v
    }
}
