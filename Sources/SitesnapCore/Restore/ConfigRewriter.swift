import Foundation
import SiteKnowledge
import SitesnapSystem

/// Rewrites a CMS config file in place for a staging copy: the database settings (and, per the
/// profile, paths into the target and the site URL) get new literal values; every other byte stays.
///
/// Works on the token ranges the PHP reader records, replacing each value's source text with a PHP
/// single-quoted literal. A value that is computed by code, set under a condition, or missing cannot be
/// rewritten safely: `plan` reports those keys before anything is written.
struct ConfigRewriter {
    let spec: ConfigSpec
    let file: String
    /// `restore --rewrite-computed`: a computed setting the restore must change is replaced by the
    /// staging value as a literal (said in `notes`); without it such a setting stops the restore.
    var rewriteComputed = false

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
        /// The snapshot's site URL (for settings that hold a part of it, such as a cookie path).
        var oldURL: String? = nil
        /// The staging connection is the source's server reached over TLS as the source reaches it:
        /// the config's TLS settings (`staging_resets`) are kept, or the staging site could not connect.
        var keepTLS = false
        /// The source site root and the settings naming folders the site needs: an absolute one
        /// inside the source is pointed into the target (`sourceFolderEdits`).
        var sourceRoot: String? = nil
        var sourceFolders: [PHPValueSpec] = []
    }

    /// (byte range, new text, key name) edits for `source`, the main config file. Every connection
    /// setting the file has is either set to the staging value or neutralized: a socket setting the
    /// staging connection does not use becomes `NULL` (PHP's `isset()` is false, so Drupal's driver
    /// connects to host and port), an unused port `NULL`, and the profile's `staging_resets` (TLS files,
    /// client flags, PDO options) their fixed literal.
    /// - Parameter included: the files the config includes that the profile follows
    ///   (`follow_includes`), by file name, from the snapshot: a database setting in force that one of
    ///   them sets cannot be rewritten in the main file.
    /// - Throws: `SitesnapError.configNotRewritable` naming the file and keys.
    func plan(_ source: [UInt8], included: [String: [UInt8]] = [:], _ s: Settings) throws -> [(Range<Int>, String, String)] {
        try planFull(source, included: included, s).edits
    }

    /// `plan`, plus the URL settings left as they are, with why (`ConfigURLSettings`), and notes on
    /// the computed settings kept as they are or replaced by literals.
    func planFull(_ source: [UInt8], included: [String: [UInt8]] = [:], _ s: Settings) throws
        -> (edits: [(Range<Int>, String, String)], kept: [String], notes: [String]) {
        let config = try PHPConfigReader.read(source, file: file)
        // The config as PHP runs it, included files spliced in where they are included.
        let merged = try config.expanding { inc in
            guard let name = inc.fileName, (spec.followIncludes ?? []).contains(name), let bytes = included[name] else { return nil }
            return (try PHPConfigReader.read(bytes, file: "\(name) (included by \(file))"), name)
        }
        if spec.database.urlPart != nil { return (try planURL(config, merged: merged, s), [], []) }
        var edits: [(Range<Int>, String, String)] = []
        var problems: [String] = []
        var notes: [String] = []
        func inForce(_ spec: PHPValueSpec) -> PHPAssignment? {
            guard let a = ConfigValues.lookup(spec, in: config) else {
                if ConfigValues.lookup(spec, in: merged) != nil { problems.append("\(spec.displayName) (set in a file it includes, not in the file itself)") }
                return nil
            }
            if let m = ConfigValues.lookup(spec, in: merged), m != a {
                problems.append("\(spec.displayName) (set again in a file it includes, which wins)")
                return nil
            }
            return a
        }
        /// `keepSiteRelative`: a target path computed from the config's own folder is kept.
        func set(_ spec: PHPValueSpec?, _ value: String?, required: Bool, keepSiteRelative: Bool = false, secret: Bool = false) {
            guard let spec, let value else { return }
            guard let a = inForce(spec) else {
                if required { problems.append("\(spec.displayName) (not set in the file)") }
                return
            }
            if case .expression(let e) = a.value {
                let shown = secret ? (PHPEnvExpression.parse(e)?.redacted ?? "code not shown") : e
                if keepSiteRelative, Self.isSiteRelative(e) {
                    notes.append("\(spec.displayName) kept as it is (\(e): already right in the staging folder)")
                    return
                }
                guard rewriteComputed else { problems.append("\(spec.displayName) (computed by code: \(shown))"); return }
                notes.append("\(spec.displayName) was computed by code (\(shown)): replaced by the staging value (--rewrite-computed)")
            }
            if case .array = a.value { problems.append("\(spec.displayName) (an array)"); return }
            if a.conditional { problems.append("\(spec.displayName) (set under a condition)"); return }
            edits.append((a.valueRange, Self.literal(value), spec.displayName))
        }
        /// Sets a setting the staging connection does not use to PHP source `literal`, whatever it was.
        func neutralize(_ spec: PHPValueSpec?, _ literal: String) {
            guard let spec, let a = inForce(spec), a.value != .null, !a.valueRange.isEmpty else { return }
            edits.append((a.valueRange, literal, spec.displayName))
        }
        set(spec.database, s.database, required: true)
        set(spec.user, s.user, required: true)
        set(spec.password, s.password, required: true, secret: true)
        // Host: separate port/socket settings when the file has them, else WordPress's combined form.
        let hasPort = spec.port.flatMap { ConfigValues.lookup($0, in: merged) } != nil
        let hasSocket = spec.socket.flatMap { ConfigValues.lookup($0, in: merged) } != nil
        var host = s.host ?? "localhost"
        if let socket = s.socket {
            if hasSocket { set(spec.socket, socket, required: true) } else if spec.port == nil { host = "localhost:" + socket }
            else { problems.append("\(spec.socket?.displayName ?? "socket") (the staging server is on a socket, the file has no socket setting)") }
            if hasPort && hasSocket { neutralize(spec.port, "NULL") }
            if hasSocket { host = "localhost" }
        } else {
            if hasSocket { neutralize(spec.socket, "NULL") }
            if s.port != 0 {
                if hasPort { set(spec.port, String(s.port), required: true) } else { host += ":\(s.port)" }
            } else if hasPort {
                set(spec.port, "3306", required: true)
            }
        }
        set(spec.host, host, required: true)
        for r in spec.stagingResets ?? [] where !s.keepTLS { neutralize(r.value, r.literal) }
        if s.keepTLS && !(spec.stagingResets ?? []).isEmpty { notes.append("TLS settings kept as they are (the staging database is on the source's server, reached over TLS as the source is)") }
        for t in spec.targetPaths ?? [] { set(t.value, s.targetRoot + "/" + t.path, required: false, keepSiteRelative: true) }
        let folders = Self.sourceFolderEdits(config, merged: merged, s)
        (edits, problems) = (edits + folders.edits, problems + folders.problems)
        let urls = s.siteURL.map { ConfigURLSettings(old: s.oldURL, new: $0).plan(spec, config: config, merged: merged) }
        edits += urls?.edits ?? []
        if !problems.isEmpty { throw SitesnapError.configNotRewritable(file: file, keys: problems) }
        return (edits, urls?.kept ?? [], notes)
    }

    /// Whether a computed path is built from the config file's own folder (`__DIR__ . '/tmp'`,
    /// `dirname(__FILE__) . '/logs'`), so that it points into the restored copy wherever that is.
    static func isSiteRelative(_ expression: String) -> Bool {
        let e = expression.trimmingCharacters(in: .whitespaces)
        return e.hasPrefix("__DIR__") || e.hasPrefix("dirname(__FILE__)")
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
