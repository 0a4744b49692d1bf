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
    private let pairs: [([UInt8], [UInt8])]
    /// Bytes that every replaceable value contains (the old host and path), for a quick filter.
    let needle: [UInt8]

    init(old: String, new: String) {
        func strip(_ u: String) -> String {
            var s = u
            while s.hasSuffix("/") { s.removeLast() }
            return s
        }
        self.old = strip(old)
        self.new = strip(new)
        let oldRest = Self.afterScheme(self.old), newRest = Self.afterScheme(self.new)
        let newEscaped = self.new.replacingOccurrences(of: "/", with: "\\/")
        var p: [(String, String)] = []
        for scheme in ["https:", "http:"] {
            p.append((scheme + "//" + oldRest, self.new))
            p.append((scheme + "\\/\\/" + oldRest.replacingOccurrences(of: "/", with: "\\/"), newEscaped))
        }
        p.append(("//" + oldRest, "//" + newRest))
        p.append(("\\/\\/" + oldRest.replacingOccurrences(of: "/", with: "\\/"), "\\/\\/" + newRest.replacingOccurrences(of: "/", with: "\\/")))
        pairs = p.map { (Array($0.0.utf8), Array($0.1.utf8)) }
        needle = Array((oldRest.split(separator: "/").first.map(String.init) ?? oldRest).utf8)
    }

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
        guard contains(value, needle) else { return .unchanged }
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
            for (from, to) in pairs where value.count - i >= from.count && value[i] == from[0] {
                let e = i + from.count
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
