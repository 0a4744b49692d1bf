import ArchiveKit

/// The order of a snapshot's `files/` entries and of its index: the backup's depth-first walk with
/// each folder's names in byte order, a folder right before what it holds. As one comparison of
/// paths: byte order with `/` below every other byte (`a`, `a/b`, `a-c`), on the raw bytes of names
/// that are not UTF-8 (`RawName`).
package enum WalkOrder {
    /// True when `a` comes before `b`.
    package static func precedes(_ a: String, _ b: String) -> Bool {
        if !RawName.isRaw(a) && !RawName.isRaw(b) { return precedes(a.utf8, b.utf8) }
        return precedes(RawName.bytes(a), RawName.bytes(b))
    }

    private static func precedes<A: Sequence, B: Sequence>(_ a: A, _ b: B) -> Bool where A.Element == UInt8, B.Element == UInt8 {
        a.lexicographicallyPrecedes(b) { x, y in rank(x) < rank(y) }
    }

    private static func rank(_ c: UInt8) -> UInt16 { c == UInt8(ascii: "/") ? 0 : UInt16(c) + 1 }
}
