/// A value in PHP's `serialize()` format (PHP manual, "serialize"; php-src ext/standard/var.c):
/// `N;` `b:1;` `i:5;` `d:0.5;` `s:3:"abc";` `a:1:{i:0;s:1:"x";}` `O:8:"stdClass":1:{...}`
/// `C:3:"Foo":4:{....}` `E:7:"Foo:Bar";` `r:1;` `R:1;`. Numbers keep their source text so that a
/// value can be written back byte for byte.
package indirect enum PHPSerialized: Equatable {
    case null
    case bool(Bool)
    case int(String)
    case double(String)
    /// Raw bytes: `s:` lengths count bytes, not characters.
    case string([UInt8])
    case array([(key: PHPSerialized, value: PHPSerialized)])
    case object(className: String, members: [(key: PHPSerialized, value: PHPSerialized)])
    /// `C:` custom serialization (Serializable): opaque payload.
    case custom(className: String, payload: [UInt8])
    case enumCase(String)
    case reference(kind: UInt8, index: String)

    package static func == (a: PHPSerialized, b: PHPSerialized) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)), let (.double(x), .double(y)), let (.enumCase(x), .enumCase(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.object(c1, x), .object(c2, y)):
            return c1 == c2 && x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.custom(c1, p1), .custom(c2, p2)): return c1 == c2 && p1 == p2
        case let (.reference(k1, i1), .reference(k2, i2)): return k1 == k2 && i1 == i2
        default: return false
        }
    }

    /// Parses `bytes` as one complete serialized value; nil when it is not exactly that (a value that
    /// looks serialized but does not parse is never guessed at).
    package static func parse(_ bytes: [UInt8]) -> PHPSerialized? {
        guard bytes.count >= 2, let first = bytes.first, "NbidsaOCErR".utf8.contains(first), bytes[1] == UInt8(ascii: ":") || bytes[1] == UInt8(ascii: ";") else { return nil }
        var p = Parser(bytes: bytes)
        guard let v = p.value(depth: 0), p.i == bytes.count else { return nil }
        return v
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func expect(_ c: Character) -> Bool {
            guard i < bytes.count, bytes[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }

        /// Text up to `terminator` (exclusive), consuming the terminator.
        mutating func until(_ terminator: Character) -> String? {
            let t = terminator.asciiValue!
            let start = i
            while i < bytes.count && bytes[i] != t { i += 1 }
            guard i < bytes.count else { return nil }
            let s = String(decoding: bytes[start..<i], as: UTF8.self)
            i += 1
            return s
        }

        mutating func quotedLength() -> [UInt8]? {
            guard let n = until(":").flatMap(Int.init), n >= 0, expect("\""), i + n <= bytes.count else { return nil }
            let s = Array(bytes[i..<(i + n)])
            i += n
            guard expect("\"") else { return nil }
            return s
        }

        mutating func members(depth: Int) -> [(key: PHPSerialized, value: PHPSerialized)]? {
            guard let n = until(":").flatMap(Int.init), n >= 0, expect("{") else { return nil }
            var out: [(key: PHPSerialized, value: PHPSerialized)] = []
            for _ in 0..<n {
                guard let k = value(depth: depth + 1), let v = value(depth: depth + 1) else { return nil }
                switch k {
                case .int, .string: break
                default: return nil
                }
                out.append((k, v))
            }
            guard expect("}") else { return nil }
            return out
        }

        mutating func value(depth: Int) -> PHPSerialized? {
            guard depth < 512, i + 1 < bytes.count else { return nil }
            let tag = bytes[i]
            if tag == UInt8(ascii: "N") { i += 1; return expect(";") ? .null : nil }
            i += 1
            guard expect(":") else { return nil }
            switch tag {
            case UInt8(ascii: "b"):
                guard let t = until(";"), t == "0" || t == "1" else { return nil }
                return .bool(t == "1")
            case UInt8(ascii: "i"):
                guard let t = until(";"), Int64(t) != nil else { return nil }
                return .int(t)
            case UInt8(ascii: "d"):
                guard let t = until(";"), Double(t) != nil || ["INF", "-INF", "NAN"].contains(t) else { return nil }
                return .double(t)
            case UInt8(ascii: "s"):
                guard let s = quotedLength(), expect(";") else { return nil }
                return .string(s)
            case UInt8(ascii: "a"):
                return members(depth: depth).map { .array($0) }
            case UInt8(ascii: "O"):
                guard let name = quotedLength(), expect(":"), let m = members(depth: depth) else { return nil }
                return .object(className: String(decoding: name, as: UTF8.self), members: m)
            case UInt8(ascii: "C"):
                guard let name = quotedLength(), expect(":"), let n = until(":").flatMap(Int.init), expect("{"), i + n <= bytes.count else { return nil }
                let payload = Array(bytes[i..<(i + n)])
                i += n
                guard expect("}") else { return nil }
                return .custom(className: String(decoding: name, as: UTF8.self), payload: payload)
            case UInt8(ascii: "E"):
                guard let s = quotedLength(), expect(";") else { return nil }
                return .enumCase(String(decoding: s, as: UTF8.self))
            case UInt8(ascii: "r"), UInt8(ascii: "R"):
                guard let t = until(";"), Int(t) != nil else { return nil }
                return .reference(kind: tag, index: t)
            default:
                return nil
            }
        }
    }

    /// The value as `serialize()` would write it, lengths recomputed.
    package var serialized: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    func write(into out: inout [UInt8]) {
        func s(_ t: String) { out.append(contentsOf: Array(t.utf8)) }
        switch self {
        case .null: s("N;")
        case .bool(let b): s(b ? "b:1;" : "b:0;")
        case .int(let t): s("i:\(t);")
        case .double(let t): s("d:\(t);")
        case .string(let bytes): s("s:\(bytes.count):\""); out.append(contentsOf: bytes); s("\";")
        case .array(let m):
            s("a:\(m.count):{")
            for (k, v) in m { k.write(into: &out); v.write(into: &out) }
            s("}")
        case .object(let c, let m):
            s("O:\(c.utf8.count):\"\(c)\":\(m.count):{")
            for (k, v) in m { k.write(into: &out); v.write(into: &out) }
            s("}")
        case .custom(let c, let p):
            s("C:\(c.utf8.count):\"\(c)\":\(p.count):{"); out.append(contentsOf: p); s("}")
        case .enumCase(let e): s("E:\(e.utf8.count):\"\(e)\";")
        case .reference(let k, let i): out.append(k); s(":\(i);")
        }
    }

    /// A short text for a leaf (or a summary for a container), for change listings.
    package var leafText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let t), .double(let t): return t
        case .string(let b): return String(decoding: b, as: UTF8.self)
        case .array(let m): return "array(\(m.count))"
        case .object(let c, let m): return "\(c) object(\(m.count))"
        case .custom(let c, _): return "\(c) (custom)"
        case .enumCase(let e): return e
        case .reference(_, let i): return "reference #\(i)"
        }
    }

    /// A key's text for paths.
    package var keyText: String {
        switch self {
        case .int(let t): return t
        case .string(let b): return String(decoding: b, as: UTF8.self)
        default: return leafText
        }
    }
}
