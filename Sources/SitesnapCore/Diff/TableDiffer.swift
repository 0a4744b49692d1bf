import Crypto
import SnapshotFormat

/// What the profile says about one table for the diff.
struct TableRules {
    /// Natural key columns (the profile's `natural_keys`), if any.
    var naturalKey: [String]?
    /// Rows whose `column` starts with one of `prefixes` are noise.
    var noiseRows: [(column: String, prefixes: [String])] = []
    var includeNoise = false
}

/// Compares one table's rows between two dumps, streaming.
///
/// Rows are matched by the dump's order key (primary key, else a unique key) in one merge pass over
/// both dumps, both ordered the same way; memory holds the current row of each side plus the changes
/// found (at most `maxRows` kept, all counted). Then, when the profile names a natural key, removed and
/// added rows with equal natural keys are paired into changes (a row deleted and re-added under a new id
/// is a change). A table without any key is compared as a multiset: each distinct row is counted by its
/// SHA-256 on both sides (memory grows with the number of distinct rows of such tables only).
struct TableDiffer {
    let orderKey: [String]
    let orderKeyNumeric: [Bool]
    let rules: TableRules
    let maxRows: Int

    struct Result {
        var added: Int64 = 0
        var removed: Int64 = 0
        var changed: Int64 = 0
        var noiseHidden = 0
        var rows: [DiffReport.RowChange] = []
        var truncated = false
        var match = ""
    }

    private struct Pending {
        var row: [DumpValue]
        var columns: [String]
    }

    /// One side's dump and its current row.
    private struct Side {
        let reader: DumpRowReader
        var row: [DumpValue] = []
        var has = false

        init(_ reader: DumpRowReader) throws {
            self.reader = reader
            has = try reader.nextRow(into: &row)
        }

        mutating func advance() throws { has = try reader.nextRow(into: &row) }
    }

    /// What one comparison has found so far: the counts and kept changes, and the rows only one side
    /// has (paired by natural key at the end).
    private struct Pass {
        let colsA: [String], colsB: [String]
        /// Indexes of the columns both sides have, in BEFORE's order.
        let mapA: [Int], mapB: [Int]
        /// Noise rules by column index on each side (none with --include-noise).
        let noise: [(Int, Int, [String])]
        var result = Result()
        var removedRows: [Pending] = [], addedRows: [Pending] = []

        init(colsA: [String], colsB: [String], rules: TableRules) {
            self.colsA = colsA
            self.colsB = colsB
            let common = colsA.filter(colsB.contains)
            mapA = common.map { colsA.firstIndex(of: $0)! }
            mapB = common.map { colsB.firstIndex(of: $0)! }
            noise = rules.includeNoise ? [] : rules.noiseRows.compactMap { rule -> (Int, Int, [String])? in
                guard let ia = colsA.firstIndex(of: rule.column), let ib = colsB.firstIndex(of: rule.column) else { return nil }
                return (ia, ib, rule.prefixes)
            }
        }

        func isNoise(_ row: [DumpValue], before: Bool) -> Bool {
            for (ia, ib, prefixes) in noise {
                let v = row[before ? ia : ib].bytes
                if prefixes.contains(where: { v.starts(with: Array($0.utf8)) }) { return true }
            }
            return false
        }
    }

    func run(before: DumpRowReader, after: DumpRowReader) throws -> Result {
        var a = try Side(before), b = try Side(after)
        var pass = Pass(colsA: before.columns, colsB: after.columns, rules: rules)
        let keyIdxA = orderKey.compactMap { pass.colsA.firstIndex(of: $0) }, keyIdxB = orderKey.compactMap { pass.colsB.firstIndex(of: $0) }
        if !orderKey.isEmpty && keyIdxA.count == orderKey.count && keyIdxB.count == orderKey.count {
            pass.result.match = "primary key (\(orderKey.joined(separator: ", ")))"
            try merge(&a, &b, order: RowOrder(beforeIndexes: keyIdxA, afterIndexes: keyIdxB, numeric: orderKeyNumeric), &pass)
        } else {
            pass.result.match = "multiset (no key)"
            try countMultiset(&a, &b, &pass)
        }
        pairByNaturalKey(&pass)
        // Added and removed rows are keyed by the primary key (exact) plus the natural key (readable).
        let keyColumns = orderKey + (rules.naturalKey ?? []).filter { !orderKey.contains($0) }
        for p in pass.removedRows {
            if pass.result.rows.count >= maxRows { pass.result.truncated = true; break }
            pass.result.rows.append(whole(p, change: .removed, keyColumns: keyColumns))
        }
        for p in pass.addedRows {
            if pass.result.rows.count >= maxRows { pass.result.truncated = true; break }
            pass.result.rows.append(whole(p, change: .added, keyColumns: keyColumns))
        }
        return pass.result
    }

    /// One merge pass over both dumps in `order` (the order key): a row only BEFORE has is removed,
    /// one only AFTER has is added, equal keys with different values are changed.
    private func merge(_ a: inout Side, _ b: inout Side, order: RowOrder, _ pass: inout Pass) throws {
        while a.has || b.has {
            let c = !a.has ? 1 : (!b.has ? -1 : order.compare(a.row, b.row))
            if c < 0 {
                if pass.isNoise(a.row, before: true) { pass.result.noiseHidden += 1 } else {
                    pass.removedRows.append(Pending(row: a.row, columns: pass.colsA)); pass.result.removed += 1
                }
                try a.advance()
            } else if c > 0 {
                if pass.isNoise(b.row, before: false) { pass.result.noiseHidden += 1 } else {
                    pass.addedRows.append(Pending(row: b.row, columns: pass.colsB)); pass.result.added += 1
                }
                try b.advance()
            } else {
                if !pass.mapA.indices.allSatisfy({ a.row[pass.mapA[$0]] == b.row[pass.mapB[$0]] }) { keyedChange(a.row, b.row, &pass) }
                try a.advance()
                try b.advance()
            }
            if pass.removedRows.count + pass.addedRows.count > maxRows * 4 {
                // Too many to pair by natural key: keep counting, stop keeping.
                pass.result.truncated = true
                pass.removedRows.removeLast(pass.removedRows.count / 2)
                pass.addedRows.removeLast(pass.addedRows.count / 2)
            }
        }
    }

    /// Two rows with the same order key and different values: a change (or noise on both sides).
    private func keyedChange(_ a: [DumpValue], _ b: [DumpValue], _ pass: inout Pass) {
        if pass.isNoise(a, before: true) && pass.isNoise(b, before: false) {
            pass.result.noiseHidden += 1
            return
        }
        pass.result.changed += 1
        guard pass.result.rows.count < maxRows else { pass.result.truncated = true; return }
        // The key shown: the order key plus the natural key (option_name says more than option_id).
        let colsA = pass.colsA
        let shown = orderKey + (rules.naturalKey ?? []).filter { !orderKey.contains($0) && colsA.contains($0) }
        pass.result.rows.append(change(key: shown.map { ($0, a[colsA.firstIndex(of: $0)!]) }, a: a, colsA: colsA, b: b, colsB: pass.colsB, matchedBy: nil))
    }

    /// A table without a key: each distinct row counted by its SHA-256 on both sides.
    private func countMultiset(_ a: inout Side, _ b: inout Side, _ pass: inout Pass) throws {
        var counts: [SHA256Digest: (count: Int, row: Pending)] = [:]
        func digest(_ row: [DumpValue], _ map: [Int]) -> SHA256Digest {
            var h = SHA256()
            for i in map {
                let v = row[i]
                var header = [v.kind.rawValue]
                withUnsafeBytes(of: UInt64(v.bytes.count).littleEndian) { header.append(contentsOf: $0) }
                h.update(data: header)
                h.update(data: v.bytes)
            }
            return h.finalize()
        }
        while a.has {
            counts[digest(a.row, pass.mapA), default: (0, Pending(row: a.row, columns: pass.colsA))].count += 1
            try a.advance()
        }
        while b.has {
            counts[digest(b.row, pass.mapB), default: (0, Pending(row: b.row, columns: pass.colsB))].count -= 1
            try b.advance()
        }
        for (_, entry) in counts where entry.count != 0 {
            for _ in 0..<abs(entry.count) {
                if entry.count > 0 { pass.removedRows.append(entry.row); pass.result.removed += 1 }
                else { pass.addedRows.append(entry.row); pass.result.added += 1 }
            }
        }
    }

    /// Natural key: pairs removed and added rows with equal natural keys (in key order) into changes.
    private func pairByNaturalKey(_ pass: inout Pass) {
        guard let nk = rules.naturalKey, !nk.isEmpty, !pass.removedRows.isEmpty, !pass.addedRows.isEmpty else { return }
        pass.result.match += ", then natural key (\(nk.joined(separator: ", ")))"
        func nkValue(_ p: Pending) -> [DumpValue]? {
            let idx = nk.compactMap { p.columns.firstIndex(of: $0) }
            return idx.count == nk.count ? idx.map { p.row[$0] } : nil
        }
        var addedByKey: [[DumpValue]: [Int]] = [:]
        for (i, p) in pass.addedRows.enumerated() { if let k = nkValue(p) { addedByKey[k, default: []].append(i) } }
        var pairedAdded = Set<Int>(), pairedRemoved = Set<Int>()
        for (i, p) in pass.removedRows.enumerated() {
            guard let k = nkValue(p), var list = addedByKey[k], !list.isEmpty else { continue }
            let j = list.removeFirst()
            addedByKey[k] = list
            pairedAdded.insert(j)
            pairedRemoved.insert(i)
            let q = pass.addedRows[j]
            pass.result.changed += 1
            pass.result.added -= 1
            pass.result.removed -= 1
            if pass.result.rows.count < maxRows {
                // The key: the natural key, plus AFTER's primary key (where the row now is).
                let pkAfter = orderKey.filter { !nk.contains($0) }.compactMap { c in q.columns.firstIndex(of: c).map { (c, q.row[$0]) } }
                pass.result.rows.append(change(key: zip(nk, k).map { ($0, $1) } + pkAfter, a: p.row, colsA: p.columns, b: q.row, colsB: q.columns,
                                               matchedBy: "natural key (\(nk.joined(separator: ", ")))"))
            } else { pass.result.truncated = true }
        }
        pass.removedRows = pass.removedRows.enumerated().filter { !pairedRemoved.contains($0.offset) }.map(\.element)
        pass.addedRows = pass.addedRows.enumerated().filter { !pairedAdded.contains($0.offset) }.map(\.element)
    }

    private func keyDict(_ pairs: [(String, DumpValue)]) -> [String: String?] {
        Dictionary(pairs.map { ($0.0, $0.1.display) }, uniquingKeysWith: { a, _ in a })
    }

    private func whole(_ p: Pending, change: DiffReport.RowChange.Kind, keyColumns: [String]) -> DiffReport.RowChange {
        var cols: [String: DiffReport.ColumnChange] = [:]
        for (i, name) in p.columns.enumerated() {
            let v = p.row[i].display
            cols[name] = change == .added ? .added(v) : .removed(v)
            if p.row[i].kind == .binary { cols[name]?.binary = true }
        }
        var key = keyColumns.compactMap { k in p.columns.firstIndex(of: k).map { (k, p.row[$0]) } }
        if key.isEmpty { key = p.columns.enumerated().map { ($0.element, p.row[$0.offset]) } }
        return .init(key: keyDict(key), change: change, columns: cols, matchedBy: nil)
    }

    private func change(key: [(String, DumpValue)], a: [DumpValue], colsA: [String], b: [DumpValue], colsB: [String],
                        matchedBy: String?) -> DiffReport.RowChange {
        var cols: [String: DiffReport.ColumnChange] = [:]
        for (i, name) in colsA.enumerated() {
            guard let j = colsB.firstIndex(of: name), a[i] != b[j] else { continue }
            var c = DiffReport.ColumnChange(before: a[i].display, after: b[j].display)
            if a[i].kind == .binary || b[j].kind == .binary { c.binary = true }
            if let (x, format) = StructuredValue.decode(a[i].bytes), let (y, f2) = StructuredValue.decode(b[j].bytes), format == f2 {
                c.format = format.rawValue
                c.paths = x.changes(to: y)
            }
            cols[name] = c
        }
        return .init(key: keyDict(key), change: .changed, columns: cols, matchedBy: matchedBy)
    }
}
