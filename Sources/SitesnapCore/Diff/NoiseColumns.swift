import SnapshotFormat

/// The profile's `noise_columns` of one table, by column index: a changed row whose only changed
/// columns are noise columns (of a rule whose `where` the row meets on both sides) is noise.
struct NoiseColumns {
    /// One rule: the noise columns and the `where` columns with the values they must hold, as
    /// indexes into BEFORE's and AFTER's columns.
    private struct Rule {
        var columnsA: Set<Int>
        var whereA: [(Int, [UInt8])], whereB: [(Int, [UInt8])]
    }
    private let rules: [Rule]

    /// Rules whose `where` columns either side lacks are left out (they cannot be checked).
    init(_ specs: [(columns: [String], where: [String: String])], colsA: [String], colsB: [String]) {
        rules = specs.compactMap { spec in
            func idx(_ cols: [String]) -> [(Int, [UInt8])]? {
                let pairs = spec.where.sorted { $0.key < $1.key }.map { (cols.firstIndex(of: $0.key), Array($0.value.utf8)) }
                return pairs.allSatisfy { $0.0 != nil } ? pairs.map { ($0.0!, $0.1) } : nil
            }
            guard let wa = idx(colsA), let wb = idx(colsB) else { return nil }
            return Rule(columnsA: Set(spec.columns.compactMap { colsA.firstIndex(of: $0) }), whereA: wa, whereB: wb)
        }
    }

    /// Whether `a` (BEFORE) and `b` (AFTER) differ only in noise columns; `mapA`/`mapB` are the
    /// indexes of the columns both sides have.
    func onlyNoiseDiffers(_ a: [DumpValue], _ b: [DumpValue], mapA: [Int], mapB: [Int]) -> Bool {
        guard !rules.isEmpty else { return false }
        var noise = Set<Int>()
        for r in rules where r.whereA.allSatisfy({ a[$0.0].kind != .null && a[$0.0].bytes == $0.1 })
            && r.whereB.allSatisfy({ b[$0.0].kind != .null && b[$0.0].bytes == $0.1 }) {
            noise.formUnion(r.columnsA)
        }
        let changed = mapA.indices.filter { a[mapA[$0]] != b[mapB[$0]] }.map { mapA[$0] }
        return !changed.isEmpty && changed.allSatisfy(noise.contains)
    }
}
