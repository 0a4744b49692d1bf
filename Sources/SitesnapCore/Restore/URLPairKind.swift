import Foundation

/// What one side of `--replace OLD=NEW` is: a site URL, a host name, or an e-mail address. Anything
/// else is refused, so that `--replace '.=,'` cannot rewrite sentences in post content: the replacer
/// (`URLReplacer`) treats a non-URL as plain text matched where it is a whole name.
///
/// Written here rather than with `URL(string:)` alone: Foundation accepts hosts such as `.` or `a..b`,
/// and has no notion of a bare host name or an e-mail domain.
public enum URLPairKind: String, Sendable, Equatable {
    case url = "a URL"
    case host = "a host name"
    case email = "an e-mail address"

    /// The kind of `s`, or nil when it is none: a URL is http/https with a host (`localhost` too; no
    /// query or fragment); a host has letters, digits and hyphens in dot-separated labels, at least two, none
    /// empty; an e-mail address is `user@host` with such a host.
    public static func of(_ s: String) -> URLPairKind? {
        if s.hasPrefix("http://") || s.hasPrefix("https://") {
            guard let u = URL(string: s), let h = u.host, isHost(h, labels: 1), u.query == nil, u.fragment == nil else { return nil }
            return .url
        }
        if isHost(s) { return .host }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(isLocalPart), isHost(String(parts[1])) else { return nil }
        return .email
    }

    /// Letters, digits and hyphens in at least `labels` dot-separated labels, none empty (so no
    /// leading, trailing or doubled dot).
    static func isHost(_ s: String, labels minimum: Int = 2) -> Bool {
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= minimum && labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || ("0"..."9").contains($0) || $0 == "-" } }
    }

    /// The characters of an e-mail address's local part this check admits (RFC 5322's common ones).
    static func isLocalPart(_ c: Character) -> Bool {
        c.isLetter || ("0"..."9").contains(c) || "._%+-".contains(c)
    }
}
