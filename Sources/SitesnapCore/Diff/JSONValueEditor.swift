import Foundation

/// The JSON half of `ValueEditor`: removes members of objects and elements of arrays by cutting their
/// bytes out of the text, so that everything else stays byte for byte (key order, number spelling,
/// escapes, white space). Home-made because Foundation's `JSONSerialization` (the only JSON library
/// in the package graph) re-encodes a whole document; it is still what validates the text first, so
/// the scanner below only ever sees well-formed JSON, and it decodes each key.
enum JSONValueEditor {
    static func removing(_ paths: [[String]], from bytes: [UInt8], dropEmptied: Bool) -> [UInt8]? {
        guard let f = bytes.first(where: { !isSpace($0) }), f == UInt8(ascii: "{") || f == UInt8(ascii: "["),
              (try? JSONSerialization.jsonObject(with: Data(bytes), options: [])) != nil else { return nil }
        var scanner = Scanner(bytes: bytes)
        guard let root = scanner.value(), case .container = root else { return nil }
        return Writer(bytes: bytes, dropEmptied: dropEmptied).remove(paths, from: root)?.bytes
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 13 || b == 9 }

    /// Where each part of the document is, as byte ranges.
    indirect enum Node {
        case leaf(Range<Int>)
        case container(range: Range<Int>, members: [Member])

        var range: Range<Int> {
            switch self {
            case .leaf(let r), .container(let r, _): return r
            }
        }
    }

    struct Member {
        /// The key (objects) or the index (arrays) as text.
        var key: String
        /// Where the member starts: its key's quote (objects) or its value (arrays).
        var start: Int
        var value: Node
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() { while i < bytes.count && isSpace(bytes[i]) { i += 1 } }

        mutating func value() -> Node? {
            skipSpace()
            guard i < bytes.count else { return nil }
            let start = i
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): return container()
            case UInt8(ascii: "\""): return string().map { .leaf($0) }
            default:
                while i < bytes.count && !isSpace(bytes[i]) && !",]}".utf8.contains(bytes[i]) { i += 1 }
                return .leaf(start..<i)
            }
        }

        mutating func string() -> Range<Int>? {
            let start = i
            i += 1
            while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            guard i < bytes.count else { return nil }
            i += 1
            return start..<i
        }

        mutating func container() -> Node? {
            let start = i
            let isObject = bytes[i] == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            i += 1
            var members: [Member] = []
            skipSpace()
            while i < bytes.count && bytes[i] != close {
                if bytes[i] == UInt8(ascii: ",") { i += 1; skipSpace() }
                let memberStart = i
                var key = String(members.count)
                if isObject {
                    guard let k = string(),
                          let text = (try? JSONSerialization.jsonObject(with: Data(bytes[k]), options: [.fragmentsAllowed])) as? String else { return nil }
                    key = text
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                }
                guard let v = value() else { return nil }
                members.append(Member(key: key, start: memberStart, value: v))
                skipSpace()
            }
            guard i < bytes.count else { return nil }
            i += 1
            return .container(range: start..<i, members: members)
        }
    }

    private struct Writer {
        let bytes: [UInt8]
        let dropEmptied: Bool

        /// The node's text without the entries `paths` name, and how many members it keeps.
        func remove(_ paths: [[String]], from node: Node) -> (bytes: [UInt8], count: Int)? {
            guard case .container(let range, let members) = node else { return nil }
            var edits: [Int: [UInt8]] = [:]
            var removed = Set<Int>()
            for (key, group) in Dictionary(grouping: paths, by: { $0[0] }) {
                let matches = members.indices.filter { members[$0].key == key }
                guard matches.count == 1, let i = matches.first else { return nil }
                let rests = group.map { Array($0.dropFirst()) }
                if rests.contains(where: \.isEmpty) {
                    guard rests.filter({ !$0.isEmpty }).allSatisfy({ exists($0, in: members[i].value) }) else { return nil }
                    removed.insert(i)
                    continue
                }
                guard let edited = remove(rests, from: members[i].value) else { return nil }
                if dropEmptied && edited.count == 0 { removed.insert(i) } else { edits[i] = edited.bytes }
            }
            let kept = members.indices.filter { !removed.contains($0) }
            guard let first = members.first, let last = members.last else { return nil }
            var out = Array(bytes[range.lowerBound..<first.start])
            for (n, i) in kept.enumerated() {
                if n > 0 {
                    // The separator that followed the previous kept member in the original text.
                    let previous = kept[n - 1]
                    out += bytes[members[previous].value.range.upperBound..<members[previous + 1].start]
                }
                let m = members[i]
                if let e = edits[i] { out += bytes[m.start..<m.value.range.lowerBound] + e }
                else { out += bytes[m.start..<m.value.range.upperBound] }
            }
            out += bytes[last.value.range.upperBound..<range.upperBound]
            return (out, kept.count)
        }

        func exists(_ path: [String], in node: Node) -> Bool {
            guard let first = path.first else { return true }
            guard case .container(_, let members) = node else { return false }
            let matches = members.filter { $0.key == first }
            return matches.count == 1 && exists(Array(path.dropFirst()), in: matches[0].value)
        }
    }
}
