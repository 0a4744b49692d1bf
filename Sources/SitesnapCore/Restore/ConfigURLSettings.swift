import Foundation
import SiteKnowledge

/// The config edits of `restore --url`: the site URL setting (profile `config.site_url`: Joomla
/// `$live_site`, Drupal `$base_url`) and the settings that name the site's host (profile
/// `config.url_settings`: Joomla `$cookie_domain`/`$cookie_path`, Drupal
/// `$settings['trusted_host_patterns']`, Drupal 7 `$cookie_domain`), each rewritten in its own form.
///
/// A setting the file does not have, or has empty (the CMS then derives it from the request, which is
/// right on staging), is left alone. One the file computes, sets under a condition or that a file it
/// includes sets again is left as it is and named in `kept`: the restore does not refuse over a URL
/// setting, whose old value does not reach the production database.
struct ConfigURLSettings {
    let old: String?
    let new: String

    struct Outcome {
        var edits: [(Range<Int>, String, String)] = []
        /// Settings left as they are, with why (`$base_url (computed by code)`).
        var kept: [String] = []
    }

    /// - Parameters: `config` is the file itself, `merged` the file with its followed includes.
    func plan(_ spec: ConfigSpec, config: PHPConfig, merged: PHPConfig) -> Outcome {
        var out = Outcome()
        let settings = (spec.siteURL.map { [ConfigSpec.URLSetting(value: $0, form: .url)] } ?? []) + (spec.urlSettings ?? [])
        for setting in settings {
            guard let a = ConfigValues.lookup(setting.value, in: config) else { continue }
            let name = setting.value.displayName
            if let m = ConfigValues.lookup(setting.value, in: merged), m != a { out.kept.append("\(name) (set again in a file it includes)"); continue }
            if a.conditional { out.kept.append("\(name) (set under a condition)"); continue }
            if case .expression = a.value { out.kept.append("\(name) (computed by code)"); continue }
            switch rewrite(a.value, form: setting.form) {
            case .keep: continue
            case .kept(let why): out.kept.append("\(name) (\(why))")
            case .set(let literal): out.edits.append((a.valueRange, literal, name))
            }
        }
        return out
    }

    enum Rewrite: Equatable {
        case keep
        case kept(String)
        case set(String)
    }

    func rewrite(_ value: PHPValue, form: ConfigSpec.URLSettingForm) -> Rewrite {
        let newURL = URL(string: new), oldURL = old.flatMap(URL.init(string:))
        let newHost = newURL?.host ?? ""
        switch form {
        case .url:
            // Joomla's installer writes `$live_site = ''`: empty means "from the request", right already.
            guard case .string(let s) = value else { return value == .null ? .keep : .kept("not a URL") }
            return s.isEmpty ? .keep : .set(ConfigRewriter.literal(URLReplacer.strip(new)))
        case .cookieDomain:
            guard case .string(let s) = value, !s.isEmpty else { return .keep }
            return .set(ConfigRewriter.literal((s.hasPrefix(".") ? "." : "") + newHost))
        case .cookiePath:
            guard case .string(let s) = value, !s.isEmpty, let oldURL else { return .keep }
            let oldPath = URLReplacer.strip(oldURL.path), newPath = URLReplacer.strip(newURL?.path ?? "")
            guard URLReplacer.strip(s) == oldPath else { return .keep }
            return .set(ConfigRewriter.literal(newPath.isEmpty ? "/" : newPath + (s.hasSuffix("/") ? "/" : "")))
        case .hostPatterns:
            return hostPatterns(value, oldHost: oldURL?.host, newHost: newHost)
        }
    }

    /// Symfony's Request::setTrustedHosts() (which Drupal's settings feed) matches each pattern as
    /// `{pattern}i` against the host: the patterns of the old host (and of its `www.` twin: sites list
    /// both, as default.settings.php's example does) are replaced by the new host's, in place.
    private func hostPatterns(_ value: PHPValue, oldHost: String?, newHost: String) -> Rewrite {
        guard case .array(let entries) = value else { return .kept("not an array") }
        var patterns: [String] = []
        for e in entries {
            guard case .string(let p) = e.value else { return .kept("an entry is not a string") }
            patterns.append(p)
        }
        let newPattern = "^" + NSRegularExpression.escapedPattern(for: newHost) + "$"
        var out: [String] = []
        var replaced = false
        let oldHosts = oldHost.map { h in [h, h.hasPrefix("www.") ? String(h.dropFirst(4)) : "www." + h] } ?? []
        for p in patterns {
            if oldHosts.contains(where: { Self.matches(p, $0) }) {
                if !replaced && !patterns.contains(newPattern) { out.append(newPattern) }
                replaced = true
            } else {
                out.append(p)
            }
        }
        if !out.contains(newPattern) && !patterns.contains(where: { Self.matches($0, newHost) }) { out.append(newPattern) }
        guard out != patterns else { return .keep }
        return .set("[\n" + out.map { "  " + ConfigRewriter.literal($0) + ",\n" }.joined() + "]")
    }

    static func matches(_ pattern: String, _ host: String) -> Bool {
        guard let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return false }
        return re.firstMatch(in: host, range: NSRange(host.startIndex..., in: host)) != nil
    }
}
