import SnapshotFormat

/// The profile's `noise_columns` of one table, by column index: a changed row whose only changed
/// columns are noise columns (of a rule whose `where` the row meets on both sides) is noise. A rule
/// with `keys` makes a column noise only where its value is structured (JSON, PHP-serialized) on
/// both sides and changed only under those top-level keys (a plugin's `params` › `lastrun`).
struct NoiseColumns {
    struct Spec {
        var columns: [String]
        var `where`: [String: String]
        var keys: [String]?
    }

    /// One rule as indexes into BEFORE's and AFTER's columns.
    private struct Rule {
        var columnsA: Set<Int>
        var whereA: [(Int, [UInt8])], whereB: [(Int, [UInt8])]
        var keys: Set<String>?
    }
    private let rules: [Rule]

    /// Rules whose `where` columns either side lacks are left out (they cannot be checked).
    init(_ specs: [Spec], colsA: [String], colsB: [String]) {
        rules = specs.compactMap { spec in
            func idx(_ cols: [String]) -> [(Int, [UInt8])]? {
                let pairs = spec.where.sorted { $0.key < $1.key }.map { (cols.firstIndex(of: $0.key), Array($0.value.utf8)) }
                return pairs.allSatisfy { $0.0 != nil } ? pairs.map { ($0.0!, $0.1) } : nil
            }
            guard let wa = idx(colsA), let wb = idx(colsB) else { return nil }
            return Rule(columnsA: Set(spec.columns.compactMap { colsA.firstIndex(of: $0) }), whereA: wa, whereB: wb,
                        keys: spec.keys.map(Set.init))
        }
    }

    /// Whether `a` (BEFORE) and `b` (AFTER) differ only in noise columns; `mapA`/`mapB` are the
    /// indexes of the columns both sides have.
    func onlyNoiseDiffers(_ a: [DumpValue], _ b: [DumpValue], mapA: [Int], mapB: [Int]) -> Bool {
        guard !rules.isEmpty else { return false }
        let applying = rules.filter { r in
            r.whereA.allSatisfy { a[$0.0].kind != .null && a[$0.0].bytes == $0.1 }
                && r.whereB.allSatisfy { b[$0.0].kind != .null && b[$0.0].bytes == $0.1 }
        }
        guard !applying.isEmpty else { return false }
        let changed = mapA.indices.filter { a[mapA[$0]] != b[mapB[$0]] }
        return !changed.isEmpty && changed.allSatisfy { i in
            applying.contains { r in
                r.columnsA.contains(mapA[i]) && (r.keys.map { Self.changedOnlyUnder($0, a[mapA[i]], b[mapB[i]]) } ?? true)
            }
        }
    }

    private static func changedOnlyUnder(_ keys: Set<String>, _ x: DumpValue, _ y: DumpValue) -> Bool {
        guard let (p, f1) = StructuredValue.decode(x.bytes), let (q, f2) = StructuredValue.decode(y.bytes), f1 == f2 else { return false }
        let changes = p.changes(to: q)
        return !changes.isEmpty && changes.allSatisfy { $0.path.first.map(keys.contains) ?? false }
    }
}
