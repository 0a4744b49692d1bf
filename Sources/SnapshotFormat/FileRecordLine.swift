import ArchiveKit
import Foundation
import SitesnapSystem

/// One line of the file index (`index.jsonl`): a `FileRecord` as one compact JSON object with sorted
/// keys, the same object format 1 and 2 kept in the manifest's `files.entries`.
///
/// Own encoder and decoder rather than JSONEncoder/JSONDecoder: an index has one record per file (a
/// million on a large site), and Foundation's coders cost tens of microseconds and several
/// allocations per record (over 6 s of a 200,000-file backup's 22 s went to encoding the list). The
/// line is a flat object of strings and integers, which is all this reads; a line it cannot parse is
/// an error naming the line, never a guess.
package enum FileRecordLine {
    /// Appends `record` as one JSON line (with its newline) to `out`.
    package static func append(_ record: FileRecord, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        func key(_ k: StaticString) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            k.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        if let gid = record.gid { key("gid"); appendInt(gid, to: &out) }
        key("mode"); appendInt(Int64(record.mode), to: &out)
        key("mtime"); appendInt(record.mtime, to: &out)
        key("mtime_ns"); appendInt(record.mtimeNs, to: &out)
        key("path"); appendString(RawName.display(record.path, controls: false), to: &out)
        if RawName.isRaw(record.path) { key("path_hex"); appendString(RawName.hex(record.path), to: &out) }
        if let sha = record.sha256 { key("sha256"); appendString(sha, to: &out) }
        if let size = record.size { key("size"); appendInt(size, to: &out) }
        if let target = record.target {
            key("target"); appendString(RawName.display(target, controls: false), to: &out)
            if RawName.isRaw(target) { key("target_hex"); appendString(RawName.hex(target), to: &out) }
        }
        key("type"); appendString(record.type.rawValue, to: &out)
        if let uid = record.uid { key("uid"); appendInt(uid, to: &out) }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    private static func appendInt(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - n] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                n += 1
            } while m > 0
            out.append(contentsOf: d[(20 - n)...])
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, the rest as UTF-8.
    private static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(c)
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigit(c >> 4))
                out.append(hexDigit(c & 0xF))
            default:
                out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }
}
