import SitesnapSystem
/// Writes SQL literals for row values, as mysqldump does (client/mysqldump.c): numbers as-is, binary
/// strings and BIT as hex literals (`0x...`, MariaDB manual "Hexadecimal Literals"), text as a
/// single-quoted string with `mysql_real_escape_string()`'s escapes (\0 \n \r \\ \' \" \Z).
///
/// Own code instead of `mysql_real_escape_string` so values go straight into the output buffer without
/// a temporary allocation per value (the dump's hot loop).
package enum SQLLiteral {
    /// For each byte: 0 when it needs no escape, else the letter that follows the backslash.
    static let escapes: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        t[0] = UInt8(ascii: "0")
        t[10] = UInt8(ascii: "n")
        t[13] = UInt8(ascii: "r")
        t[26] = UInt8(ascii: "Z")
        t[Int(UInt8(ascii: "\\"))] = UInt8(ascii: "\\")
        t[Int(UInt8(ascii: "'"))] = UInt8(ascii: "'")
        t[Int(UInt8(ascii: "\""))] = UInt8(ascii: "\"")
        return t
    }()

    @inline(__always)
    package static func appendQuoted(_ bytes: UnsafeRawBufferPointer, to out: HashingWriter) {
        out.append(UInt8(ascii: "'"))
        var start = 0
        for i in 0..<bytes.count {
            let e = escapes[Int(bytes[i])]
            if e != 0 {
                if i > start { out.append(UnsafeRawBufferPointer(rebasing: bytes[start..<i])) }
                out.append(UInt8(ascii: "\\"))
                out.append(e)
                start = i + 1
            }
        }
        if bytes.count > start { out.append(UnsafeRawBufferPointer(rebasing: bytes[start..<bytes.count])) }
        out.append(UInt8(ascii: "'"))
    }

    @inline(__always)
    package static func appendHex(_ bytes: UnsafeRawBufferPointer, to out: HashingWriter) {
        if bytes.isEmpty {
            out.append(UInt8(ascii: "'"))
            out.append(UInt8(ascii: "'"))
            return
        }
        out.append(UInt8(ascii: "0"))
        out.append(UInt8(ascii: "x"))
        for b in bytes {
            out.append(Hex.digits[Int(b >> 4)])
            out.append(Hex.digits[Int(b & 0x0f)])
        }
    }

    /// A quoted string literal for `text` (for headers and metadata, not the hot loop).
    package static func quote(_ text: String) -> String {
        var out = "'"
        for u in text.unicodeScalars {
            switch u {
            case "\0": out += "\\0"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{1A}": out += "\\Z"
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "'"
    }
}
