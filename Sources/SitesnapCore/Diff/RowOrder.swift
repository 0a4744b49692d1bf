import SnapshotFormat
/// Compares order keys the way the dump ordered rows: numeric key columns as numbers, others byte-wise
/// (the dump uses `ORDER BY BINARY col`). See docs/snapshot-format.md, "Row order".
struct RowOrder {
    let beforeIndexes: [Int]
    let afterIndexes: [Int]
    let numeric: [Bool]

    /// -1, 0 or 1.
    func compare(_ a: [DumpValue], _ b: [DumpValue]) -> Int {
        for k in 0..<numeric.count {
            let x = a[beforeIndexes[k]], y = b[afterIndexes[k]]
            let c = numeric[k] ? Self.compareNumbers(x.bytes, y.bytes) : Self.compareBytes(x.bytes, y.bytes)
            if c != 0 { return c }
        }
        return 0
    }

    static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Integers and decimals compared exactly by sign, integer digits and fraction digits (any size);
    /// anything else (exponents) as Double.
    static func compareNumbers(_ a: [UInt8], _ b: [UInt8]) -> Int {
        func isDecimal(_ s: [UInt8]) -> Bool {
            let body = s.first == UInt8(ascii: "-") ? s.dropFirst() : s[...]
            return !body.isEmpty && body.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") }
                && body.filter { $0 == UInt8(ascii: ".") }.count <= 1
        }
        if isDecimal(a) && isDecimal(b) && (a.contains(UInt8(ascii: ".")) || b.contains(UInt8(ascii: "."))) {
            let na = a.first == UInt8(ascii: "-"), nb = b.first == UInt8(ascii: "-")
            func parts(_ s: [UInt8], _ neg: Bool) -> ([UInt8], [UInt8]) {
                let body = Array(neg ? s.dropFirst() : s[...])
                let dot = body.firstIndex(of: UInt8(ascii: ".")) ?? body.count
                var int = Array(body[..<dot]); while int.count > 1 && int.first == 48 { int.removeFirst() }
                if int.isEmpty { int = [48] }
                var frac = dot < body.count ? Array(body[(dot + 1)...]) : []
                while frac.last == 48 { frac.removeLast() }
                return (int, frac)
            }
            let (ia, fa) = parts(a, na), (ib, fb) = parts(b, nb)
            let zeroA = ia == [48] && fa.isEmpty, zeroB = ib == [48] && fb.isEmpty
            let negA = na && !zeroA, negB = nb && !zeroB
            if negA != negB { return negA ? -1 : 1 }
            var c = ia.count != ib.count ? (ia.count < ib.count ? -1 : 1) : compareBytes(ia, ib)
            if c == 0 { c = compareBytes(fa, fb) }
            return negA ? -c : c
        }
        func isInteger(_ s: [UInt8]) -> Bool {
            let digits = s.first == UInt8(ascii: "-") ? s.dropFirst() : s[...]
            return !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        if isInteger(a) && isInteger(b) {
            let na = a.first == UInt8(ascii: "-"), nb = b.first == UInt8(ascii: "-")
            if na != nb { return na ? -1 : 1 }
            var da = Array(na ? a.dropFirst() : a[...]), db = Array(nb ? b.dropFirst() : b[...])
            while da.count > 1 && da.first == 48 { da.removeFirst() }
            while db.count > 1 && db.first == 48 { db.removeFirst() }
            var c = da.count == db.count ? compareBytes(da, db) : (da.count < db.count ? -1 : 1)
            if na { c = -c }
            return c
        }
        let x = Double(String(decoding: a, as: UTF8.self)) ?? 0, y = Double(String(decoding: b, as: UTF8.self)) ?? 0
        return x == y ? 0 : (x < y ? -1 : 1)
    }
}
