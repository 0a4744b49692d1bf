import Glibc

/// File names are bytes: Linux allows any byte but `/` and NUL in a name, and sites migrated from
/// Latin-1 hosts hold names such as `caf\xE9.txt` that are not UTF-8. Swift's `String(cString:)` and
/// `String(decoding:)` replace such bytes with U+FFFD, so a name would come back different.
///
/// sitesnap keeps every path in a `String` holding the name losslessly: valid UTF-8 stays as it is
/// (so every ordinary name is its own `String`), and each byte that is not part of valid UTF-8
/// becomes NUL followed by two uppercase hex digits. NUL cannot occur in a file name, so the form is
/// unambiguous. Such a string must reach the kernel and libarchive only through `withCString`/`bytes`
/// (a plain conversion would stop at the NUL). Shown to people with `display`.
public enum RawName {
    /// The lossless string of raw name bytes (a path, a link target).
    public static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        let b = Array(bytes)
        var i = 0
        while i < b.count {
            let n = validSequenceLength(b, at: i)
            if n > 0 {
                out.append(contentsOf: b[i..<(i + n)])
                i += n
            } else {
                out.append(0)
                out.append(hexDigit(b[i] >> 4))
                out.append(hexDigit(b[i] & 0xF))
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The string of a NUL-terminated C name.
    public static func string(cString p: UnsafePointer<CChar>) -> String {
        let b = UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p))
        // ASCII (nearly every name) is decoded as it is, without the generic validation's metadata
        // lookups (a name per archive entry: verify and restore read 200,000 of them).
        if !b.contains(where: { $0 >= 0x80 }) { return String(decoding: b, as: UTF8.self) }
        return string(b)
    }

    /// True when `s` holds bytes that are not UTF-8 (it needs `withCString` and a raw form in JSON).
    public static func isRaw(_ s: String) -> Bool { s.utf8.contains(0) }

    /// The raw bytes of `s` (no terminating NUL).
    public static func bytes(_ s: String) -> [UInt8] {
        guard isRaw(s) else { return Array(s.utf8) }
        var out: [UInt8] = []
        var it = s.utf8.makeIterator()
        while let c = it.next() {
            if c == 0, let h = it.next(), let l = it.next(), let hv = hexValue(h), let lv = hexValue(l) {
                out.append(hv << 4 | lv)
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Calls `body` with the raw bytes of `s` as a C string.
    public static func withCString<R>(_ s: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        guard isRaw(s) else { return try s.withCString(body) }
        var b = bytes(s)
        b.append(0)
        return try b.withUnsafeBufferPointer { try $0.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) } }
    }

    /// `s` for people: each byte that is not UTF-8 as `\xHH`; with `controls`, also the control
    /// characters U+0000-U+001F and U+007F (a newline in a name would break a line of text output).
    public static func display(_ s: String, controls: Bool = true) -> String {
        guard isRaw(s) || (controls && s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F })) else { return s }
        var out = ""
        var it = s.unicodeScalars.makeIterator()
        while let c = it.next() {
            if c.value == 0, let h = it.next(), let l = it.next() {
                out += "\\x" + String(h) + String(l)
            } else if controls && (c.value < 0x20 || c.value == 0x7F) {
                out += "\\x" + hex2(UInt8(c.value))
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The raw bytes of `s` in lowercase hex (the manifest's `path_hex`, `target_hex`).
    public static func hex(_ s: String) -> String {
        bytes(s).map { hex2($0).lowercased() }.joined()
    }

    /// The string of hex-encoded raw bytes, or nil when `hex` is not an even run of hex digits.
    public static func fromHex(_ hex: String) -> String? {
        let u = Array(hex.utf8)
        guard u.count % 2 == 0 else { return nil }
        var b: [UInt8] = []
        b.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let h = hexValue(u[i]), let l = hexValue(u[i + 1]), h << 4 | l != 0 else { return nil }
            b.append(h << 4 | l)
            i += 2
        }
        return string(b)
    }

    private static func hex2(_ v: UInt8) -> String {
        String(decoding: [hexDigit(v >> 4), hexDigit(v & 0xF)], as: UTF8.self)
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x41 + v - 10 }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (Unicode table 3-7: no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or 0. Own code: Swift's decoders replace a bad
    /// sequence with U+FFFD without saying which bytes it spanned.
    private static func validSequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let c = b[i]
        func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool { i + k < b.count && range.contains(b[i + k]) }
        switch c {
        case 0x01...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
