import Foundation
import SiteKnowledge

/// Replaces a site URL with another inside a stored value, safely for PHP-serialized data: the value is
/// parsed with a byte-length parser (`PHPSerialized`), strings are replaced recursively (serialized data
/// inside serialized strings too), and lengths are recomputed outward; multibyte characters count in
/// bytes; objects keep their classes. A value that looks serialized but does not parse is left alone
/// and reported. The forms replaced: `http://old`, `https://old` (both to the new URL), JSON-escaped
/// `http:\/\/old`, and protocol-relative `//old` (to `//new`).
///
/// This is the engine a `search-replace` command can use too.
struct URLReplacer {
    let old: String
    let new: String
    /// (from, to, whether the byte before a match must end a word too: only for plain strings, whose
    /// start no `//` anchors).
    private let pairs: [(from: [UInt8], to: [UInt8], anchored: Bool)]
    /// Bytes of which every replaceable value contains one (each old host), for a quick filter.
    let needles: [[UInt8]]

    /// - Parameters: `old`/`new` are the site URLs; `more` are further (old, new) replacements
    ///   (`--replace`): a URL (`https://cdn.example.com`) in all the forms above, anything else
    ///   (`mail.example.com`, `admin@example.com`) as plain text, also JSON-escaped, where it is a
    ///   whole name (not inside `webmail.example.com` or `mail.example.com.au`).
    init(old: String, new: String, more: [(String, String)] = []) {
        self.old = Self.strip(old)
        self.new = Self.strip(new)
        var p: [(String, String, Bool)] = []
        var n: [String] = []
        for (o, w) in [(self.old, self.new)] + more.map({ (Self.strip($0.0), Self.strip($0.1)) }) {
            let isURL = o.contains("://") || o.hasPrefix("//")
            let oldRest = Self.afterScheme(o)
            n.append(oldRest.split(separator: "/").first.map(String.init) ?? oldRest)
            guard isURL else {
                p.append((o, w, true))
                if o.contains("/") { p.append((Self.escaped(o), Self.escaped(w), true)) }
                continue
            }
            let newRest = Self.afterScheme(w)
            for scheme in ["https:", "http:"] {
                p.append((scheme + "//" + oldRest, w, false))
                p.append((Self.escaped(scheme + "//" + oldRest), Self.escaped(w), false))
            }
            p.append(("//" + oldRest, "//" + newRest, false))
            p.append((Self.escaped("//" + oldRest), Self.escaped("//" + newRest), false))
        }
        // The longest first, so that a more specific replacement wins where two start at one byte.
        pairs = p.enumerated().sorted { ($0.element.0.utf8.count, -$0.offset) > ($1.element.0.utf8.count, -$1.offset) }
            .map { (Array($0.element.0.utf8), Array($0.element.1.utf8), $0.element.2) }
        needles = n.filter { !$0.isEmpty }.map { Array($0.utf8) }
    }

    /// A URL without its trailing slashes.
    static func strip(_ u: String) -> String {
        var s = u
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }

    /// JSON's escaped form (`http:\/\/host\/path`, as PHP's json_encode writes it by default).
    static func escaped(_ s: String) -> String { s.replacingOccurrences(of: "/", with: "\\/") }

    static func afterScheme(_ url: String) -> String {
        if let r = url.range(of: "://") { return String(url[r.upperBound...]) }
        if url.hasPrefix("//") { return String(url.dropFirst(2)) }
        return url
    }

    enum Outcome: Equatable {
        case unchanged
        case replaced([UInt8], count: Int)
        /// Looked serialized but did not parse: left alone.
        case unparseable
    }

    func replace(_ value: [UInt8]) -> Outcome {
        guard needles.contains(where: { contains(value, $0) }) else { return .unchanged }
        if let s = PHPSerialized.parse(value) {
            var count = 0
            let out = walk(s, count: &count, depth: 0)
            return count == 0 ? .unchanged : .replaced(out.serialized, count: count)
        }
        if Self.looksSerialized(value) { return .unparseable }
        let (out, n) = plain(value)
        return n == 0 ? .unchanged : .replaced(out, count: n)
    }

    private func walk(_ v: PHPSerialized, count: inout Int, depth: Int) -> PHPSerialized {
        switch v {
        case .string(let b):
            if depth < 8, let inner = PHPSerialized.parse(b) {
                var c = 0
                let r = walk(inner, count: &c, depth: depth + 1)
                if c > 0 { count += c; return .string(r.serialized) }
                return v
            }
            let (out, n) = plain(b)
            count += n
            return n == 0 ? v : .string(out)
        case .array(let m):
            return .array(m.map { ($0.key, walk($0.value, count: &count, depth: depth + 1)) })
        case .object(let c, let m):
            return .object(className: c, members: m.map { ($0.key, walk($0.value, count: &count, depth: depth + 1)) })
        default:
            return v
        }
    }

    /// True when the bytes after a match end the URL's host: not a letter, digit or `_`, and not `.`,
    /// `-` or `:` followed by one (so `old.example.testing`, `old.example.test.cdn.com` and
    /// `old.example.test:8080` are other sites and stay, while a sentence's final `.` is fine).
    @inline(__always) static func isBoundary(_ b: UInt8?, _ next: UInt8?) -> Bool {
        func word(_ c: UInt8?) -> Bool {
            guard let c else { return false }
            return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_")
        }
        guard let b else { return true }
        if word(b) { return false }
        if b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: ":") { return !word(next) }
        return true
    }

    /// Replaces every pair in order, left to right, without re-scanning replaced text; a match counts
    /// only when followed by a boundary (see `isBoundary`).
    func plain(_ value: [UInt8]) -> ([UInt8], Int) {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var i = 0, n = 0
        outer: while i < value.count {
            for (from, to, anchored) in pairs where value.count - i >= from.count && value[i] == from[0] {
                let e = i + from.count
                if anchored && i > 0 && !Self.startsName(value[i - 1]) { continue }
                if value[i..<e].elementsEqual(from), Self.isBoundary(e < value.count ? value[e] : nil, e + 1 < value.count ? value[e + 1] : nil) {
                    out.append(contentsOf: to)
                    i += from.count
                    n += 1
                    continue outer
                }
            }
            out.append(value[i])
            i += 1
        }
        return (out, n)
    }

    /// True when a plain replacement may start after byte `b`: not inside a name (`webmail.` for
    /// `mail.`): `b` is no letter, digit, `_`, `-` or `.`.
    @inline(__always) static func startsName(_ b: UInt8) -> Bool {
        !((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: "."))
    }

    static func looksSerialized(_ v: [UInt8]) -> Bool {
        guard v.count >= 4, let f = v.first, "aOsCiNbd".utf8.contains(f), v[1] == UInt8(ascii: ":") else { return false }
        return v.last == UInt8(ascii: "}") || v.last == UInt8(ascii: ";")
    }

    private func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        while i <= hay.count - needle.count {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
