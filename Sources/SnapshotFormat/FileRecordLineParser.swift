import ArchiveKit
import Foundation

/// Reads one `FileRecordLine` back: a flat JSON object whose values are strings, integers or null
/// (keys it does not know are skipped, so a later sitesnap may add some). Own parser for the reason
/// `FileRecordLine` gives; it accepts what RFC 8259 allows for such an object (whitespace, any key
/// order, every string escape including surrogate pairs) and nothing else.
package struct FileRecordLineParser {
    package struct Failure: Error { package var reason: String }

    private let p: UnsafeRawBufferPointer
    private var i = 0

    private init(_ p: UnsafeRawBufferPointer) { self.p = p }

    /// The record of one line (without its newline).
    /// - Throws: `Failure` saying what is wrong.
    package static func parse(_ line: UnsafeRawBufferPointer) throws -> FileRecord {
        var parser = FileRecordLineParser(line)
        return try parser.object()
    }

    private mutating func object() throws -> FileRecord {
        var type: FileType?, path: String?, pathHex: String?, target: String?, targetHex: String?, sha: String?
        var mode: Int64?, mtime: Int64?, mtimeNs: Int64?, size: Int64?, uid: Int64?, gid: Int64?
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") { i += 1 } else {
            while true {
                let k = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                switch k {
                case "type":
                    let t = try string()
                    guard let ft = FileType(rawValue: t) else { throw Failure(reason: "unknown type '\(t)'") }
                    type = ft
                case "path": path = try string()
                case "path_hex": pathHex = try string()
                case "target": target = try optionalString()
                case "target_hex": targetHex = try optionalString()
                case "sha256": sha = try optionalString()
                case "mode": mode = try integer()
                case "mtime": mtime = try integer()
                case "mtime_ns": mtimeNs = try integer()
                case "size": size = try optionalInteger()
                case "uid": uid = try optionalInteger()
                case "gid": gid = try optionalInteger()
                default: try skipValue()
                }
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
                try expect(UInt8(ascii: "}"))
                break
            }
        }
        skipSpace()
        guard i == p.count else { throw Failure(reason: "text after the object") }
        guard let type, let plain = path, let mode, let mtime, let mtimeNs else {
            throw Failure(reason: "it lacks one of type, path, mode, mtime, mtime_ns")
        }
        guard mode >= 0, mode <= Int64(UInt32.max) else { throw Failure(reason: "mode \(mode) is out of range") }
        return FileRecord(type: type, path: try Self.name(plain, hex: pathHex), mode: UInt32(mode), mtime: mtime, mtimeNs: mtimeNs,
                          size: size, sha256: sha, target: try target.map { try Self.name($0, hex: targetHex) }, uid: uid, gid: gid)
    }

    /// The name from its hex form when there is one (`FileRecord`'s rule).
    private static func name(_ plain: String, hex: String?) throws -> String {
        guard let hex else { return plain }
        guard let raw = RawName.fromHex(hex) else { throw Failure(reason: "a _hex name that is not an even run of hex digits") }
        return raw
    }

    private func peek() -> UInt8? { i < p.count ? p[i] : nil }

    private mutating func skipSpace() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 }
    }

    private mutating func expect(_ c: UInt8) throws {
        guard peek() == c else { throw Failure(reason: "expected '\(Character(Unicode.Scalar(c)))' at byte \(i + 1)") }
        i += 1
    }

    private mutating func null() -> Bool {
        guard p.count - i >= 4, p[i] == UInt8(ascii: "n"), p[i + 1] == UInt8(ascii: "u"), p[i + 2] == UInt8(ascii: "l"), p[i + 3] == UInt8(ascii: "l") else { return false }
        i += 4
        return true
    }

    private mutating func optionalString() throws -> String? { null() ? nil : try string() }
    private mutating func optionalInteger() throws -> Int64? { null() ? nil : try integer() }

    private mutating func integer() throws -> Int64 {
        let negative = peek() == UInt8(ascii: "-")
        if negative { i += 1 }
        var v: Int64 = 0
        let start = i
        while i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(p[i] - 0x30))
            guard !o1, !o2 else { throw Failure(reason: "a number out of range at byte \(start + 1)") }
            v = s
            i += 1
        }
        guard i > start else { throw Failure(reason: "expected a number at byte \(start + 1)") }
        if let c = peek(), c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            throw Failure(reason: "a number that is not an integer at byte \(start + 1)")
        }
        return negative ? -v : v
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        // Fast path: no escape before the closing quote (and, most often, nothing but ASCII).
        var high: UInt8 = 0
        while i < p.count, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "\\"), p[i] >= 0x20 { high |= p[i]; i += 1 }
        if peek() == UInt8(ascii: "\"") {
            defer { i += 1 }
            let b = UnsafeRawBufferPointer(rebasing: p[start..<i])
            // ASCII is UTF-8 as it is: decoded without the generic validation, whose metadata
            // lookups per call were a tenth of the index's parse.
            if high < 0x80 { return String(decoding: b.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }
            return try utf8(b)
        }
        var bytes = Array(p[start..<i])
        while true {
            guard let c = peek() else { throw Failure(reason: "a string that does not end") }
            i += 1
            switch c {
            case UInt8(ascii: "\""): return try bytes.withUnsafeBytes { try utf8($0) }
            case UInt8(ascii: "\\"): try escape(into: &bytes)
            case 0..<0x20: throw Failure(reason: "a control character in a string at byte \(i)")
            default: bytes.append(c)
            }
        }
    }

    private func utf8(_ b: UnsafeRawBufferPointer) throws -> String {
        guard let s = String(validating: b, as: UTF8.self) else { throw Failure(reason: "a string that is not UTF-8") }
        return s
    }

    private mutating func escape(into bytes: inout [UInt8]) throws {
        guard let e = peek() else { throw Failure(reason: "a string that does not end") }
        i += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard p.count - i >= 2, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else { throw Failure(reason: "a lone surrogate") }
                i += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw Failure(reason: "a lone surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let u = Unicode.Scalar(scalar) else { throw Failure(reason: "a lone surrogate") }
            bytes.append(contentsOf: Array(String(Character(u)).utf8))
        default: throw Failure(reason: "an unknown escape at byte \(i)")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard p.count - i >= 4 else { throw Failure(reason: "a short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = p[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw Failure(reason: "a bad \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    /// Skips a value of a key this sitesnap does not know (strings, numbers, literals; not nested).
    private mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            while let c = peek(), c >= UInt8(ascii: "a"), c <= UInt8(ascii: "z") { i += 1 }
        default:
            while let c = peek(), c != UInt8(ascii: ","), c != UInt8(ascii: "}") { i += 1 }
        }
    }
}
