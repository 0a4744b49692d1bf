import Foundation

/// Rewrites a CMS config file in place for a staging copy: the database settings (and, per the
/// profile, paths into the target and the site URL) get new literal values; every other byte stays.
///
/// Works on the token ranges the PHP reader records, replacing each value's source text with a PHP
/// single-quoted literal. A value that is computed by code, set under a condition, or missing cannot be
/// rewritten safely: `plan` reports those keys before anything is written.
struct ConfigRewriter {
    let spec: ConfigSpec
    let file: String

    struct Settings {
        var database: String
        var user: String
        var password: String
        var host: String?
        var port: UInt32
        var socket: String?
        /// Restore target (absolute), for `target_paths`.
        var targetRoot: String
        var siteURL: String?
    }

    /// (byte range, new text, key name) edits for `source`.
    /// - Throws: `SitesnapError.configNotRewritable` naming the file and keys.
    func plan(_ source: [UInt8], _ s: Settings) throws -> [(Range<Int>, String, String)] {
        let config = try PHPConfigReader.read(source, file: file)
        var edits: [(Range<Int>, String, String)] = []
        var problems: [String] = []
        func set(_ spec: PHPValueSpec?, _ value: String?, required: Bool) {
            guard let spec, let value else { return }
            guard let a = ConfigValues.lookup(spec, in: config) else {
                if required { problems.append("\(spec.displayName) (not set in the file)") }
                return
            }
            if case .expression = a.value { problems.append("\(spec.displayName) (computed by code)"); return }
            if case .array = a.value { problems.append("\(spec.displayName) (an array)"); return }
            if a.conditional { problems.append("\(spec.displayName) (set under a condition)"); return }
            edits.append((a.valueRange, Self.literal(value), spec.displayName))
        }
        set(spec.database, s.database, required: true)
        set(spec.user, s.user, required: true)
        set(spec.password, s.password, required: true)
        // Host: separate port/socket settings when the file has them, else WordPress's combined form.
        let hasPort = spec.port.flatMap { ConfigValues.lookup($0, in: config) } != nil
        let hasSocket = spec.socket.flatMap { ConfigValues.lookup($0, in: config) } != nil
        var host = s.host ?? "localhost"
        if let socket = s.socket {
            if hasSocket { set(spec.socket, socket, required: true) } else if spec.port == nil { host = "localhost:" + socket }
            else { problems.append("\(spec.socket?.displayName ?? "socket") (the staging server is on a socket, the file has no socket setting)") }
        } else if s.port != 0 {
            if hasPort { set(spec.port, String(s.port), required: true) } else { host += ":\(s.port)" }
        } else if hasPort {
            set(spec.port, "3306", required: true)
        }
        set(spec.host, host, required: true)
        for t in spec.targetPaths ?? [] {
            set(t.value, s.targetRoot + "/" + t.path, required: false)
        }
        if let url = s.siteURL { set(spec.siteURL, url, required: false) }
        if !problems.isEmpty {
            throw SitesnapError.configNotRewritable(file: file, keys: problems)
        }
        return edits
    }

    /// Applies `edits` to `source`.
    static func apply(_ edits: [(Range<Int>, String, String)], to source: [UInt8]) -> [UInt8] {
        var out = source
        for (range, text, _) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            out.replaceSubrange(range, with: Array(text.utf8))
        }
        return out
    }

    /// A PHP single-quoted literal (PHP manual, "Single quoted": only \\ and \' are escapes).
    static func literal(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
