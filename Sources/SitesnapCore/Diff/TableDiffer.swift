import Crypto
import SnapshotFormat

/// What the profile says about one table for the diff.
struct TableRules {
    /// Natural key columns (the profile's `natural_keys`), if any.
    var naturalKey: [String]?
    /// Rows whose `column` starts with one of `prefixes` are noise.
    var noiseRows: [(column: String, prefixes: [String])] = []
    /// A changed row whose only changes are in these columns (see `NoiseColumns`) is noise.
    var noiseColumns: [NoiseColumns.Spec] = []
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
    /// The key rows are matched by (empty: the table is compared as a multiset).
    let orderKey: [String]
    let orderKeyNumeric: [Bool]
    let rules: TableRules
    let maxRows: Int
    /// True when both dumps are ordered by `orderKey` (merged in one pass); false when one side was
    /// dumped in another order (its key changed), so rows are matched by `orderKey` through a hash.
    let ordered: Bool

    init(orderKey: [String], orderKeyNumeric: [Bool], rules: TableRules, maxRows: Int, ordered: Bool = true) {
        self.orderKey = orderKey
        self.orderKeyNumeric = orderKeyNumeric
        self.rules = rules
        self.maxRows = maxRows
        self.ordered = ordered
    }

    /// Chooses the key from both manifests: rows are matched by a key whenever either side has one.
    /// A side without rows is in every order, so the other side's key orders both (a table empty in
    /// BEFORE, such as a plugin's first meta rows, is merged by its primary key). Sides ordered by
    /// different keys are matched by BEFORE's key (else AFTER's) through a hash.
    init(before b: TableDump, after a: TableDump, rules: TableRules, maxRows: Int) {
        if b.orderKey == a.orderKey || (a.rows == 0 && !b.orderKey.isEmpty) {
            self.init(orderKey: b.orderKey, orderKeyNumeric: b.orderKeyNumeric, rules: rules, maxRows: maxRows)
        } else if b.rows == 0 && !a.orderKey.isEmpty {
            self.init(orderKey: a.orderKey, orderKeyNumeric: a.orderKeyNumeric, rules: rules, maxRows: maxRows)
        } else {
            let known = b.orderKey.isEmpty ? a : b
            self.init(orderKey: known.orderKey, orderKeyNumeric: known.orderKeyNumeric, rules: rules, maxRows: maxRows, ordered: false)
        }
    }

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
        let noiseColumns: NoiseColumns
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
            noiseColumns = NoiseColumns(rules.includeNoise ? [] : rules.noiseColumns, colsA: colsA, colsB: colsB)
        }

        func isNoise(_ row: [DumpValue], before: Bool) -> Bool {
            for (ia, ib, prefixes) in noise {
                let v = row[before ? ia : ib].bytes
                if prefixes.contains(where: { v.starts(with: Array($0.utf8)) }) { return true }
            }
            return false
        }

        /// A row only BEFORE (`before`) or only AFTER has: kept for pairing, or counted as noise.
        mutating func unmatched(_ row: [DumpValue], before: Bool, maxRows: Int) {
            if isNoise(row, before: before) {
                result.noiseHidden += 1
            } else if before {
                removedRows.append(Pending(row: row, columns: colsA)); result.removed += 1
            } else {
                addedRows.append(Pending(row: row, columns: colsB)); result.added += 1
            }
            if removedRows.count + addedRows.count > maxRows * 4 {
                // Too many to pair by natural key: keep counting, stop keeping.
                result.truncated = true
                removedRows.removeLast(removedRows.count / 2)
                addedRows.removeLast(addedRows.count / 2)
            }
        }

        func sameValues(_ a: [DumpValue], _ b: [DumpValue]) -> Bool {
            mapA.indices.allSatisfy { a[mapA[$0]] == b[mapB[$0]] }
        }
    }

    func run(before: DumpRowReader, after: DumpRowReader) throws -> Result {
        var a = try Side(before), b = try Side(after)
        var pass = Pass(colsA: Self.columns(of: before, hasRows: a.has), colsB: Self.columns(of: after, hasRows: b.has), rules: rules)
        let keyIdxA = orderKey.compactMap { pass.colsA.firstIndex(of: $0) }, keyIdxB = orderKey.compactMap { pass.colsB.firstIndex(of: $0) }
        if !orderKey.isEmpty && keyIdxA.count == orderKey.count && keyIdxB.count == orderKey.count {
            pass.result.match = "primary key (\(orderKey.joined(separator: ", ")))"
            if ordered {
                try merge(&a, &b, order: RowOrder(beforeIndexes: keyIdxA, afterIndexes: keyIdxB, numeric: orderKeyNumeric), &pass)
            } else {
                try hashJoin(&a, &b, keys: (keyIdxA, keyIdxB), &pass)
            }
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

    /// The columns of one side's rows: the INSERTs' column list, or for a dump without rows (which has
    /// no INSERT) the columns of its CREATE TABLE, so that the other side's rows still map onto them.
    private static func columns(of reader: DumpRowReader, hasRows: Bool) -> [String] {
        hasRows || !reader.columns.isEmpty ? reader.columns : TableSchema(createStatement: reader.createStatement).columns.map(\.name)
    }

    /// One merge pass over both dumps in `order` (the order key): a row only BEFORE has is removed,
    /// one only AFTER has is added, equal keys with different values are changed.
    private func merge(_ a: inout Side, _ b: inout Side, order: RowOrder, _ pass: inout Pass) throws {
        while a.has || b.has {
            let c = !a.has ? 1 : (!b.has ? -1 : order.compare(a.row, b.row))
            if c < 0 {
                pass.unmatched(a.row, before: true, maxRows: maxRows)
                try a.advance()
            } else if c > 0 {
                pass.unmatched(b.row, before: false, maxRows: maxRows)
                try b.advance()
            } else {
                if !pass.sameValues(a.row, b.row) { keyedChange(a.row, b.row, &pass) }
                try a.advance()
                try b.advance()
            }
        }
    }

    /// Rows matched by key when the two dumps are in different orders (the table's key changed):
    /// BEFORE's rows are held by key (memory grows with them; a key BEFORE did not enforce may hold
    /// several), AFTER's streamed against them.
    private func hashJoin(_ a: inout Side, _ b: inout Side, keys: ([Int], [Int]), _ pass: inout Pass) throws {
        var held: [[DumpValue]: [[DumpValue]]] = [:]
        var beforeOrder: [[DumpValue]] = []
        while a.has {
            let k = keys.0.map { a.row[$0] }
            if held[k] == nil { beforeOrder.append(k) }
            held[k, default: []].append(a.row)
            try a.advance()
        }
        while b.has {
            let k = keys.1.map { b.row[$0] }
            if let row = held[k]?.first {
                held[k]?.removeFirst()
                if !pass.sameValues(row, b.row) { keyedChange(row, b.row, &pass) }
            } else {
                pass.unmatched(b.row, before: false, maxRows: maxRows)
            }
            try b.advance()
        }
        for k in beforeOrder { for row in held[k] ?? [] { pass.unmatched(row, before: true, maxRows: maxRows) } }
    }

    /// Two rows with the same order key and different values: a change (or noise on both sides).
    private func keyedChange(_ a: [DumpValue], _ b: [DumpValue], _ pass: inout Pass) {
        if (pass.isNoise(a, before: true) && pass.isNoise(b, before: false))
            || pass.noiseColumns.onlyNoiseDiffers(a, b, mapA: pass.mapA, mapB: pass.mapB) {
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
            var c: DiffReport.ColumnChange = change == .added ? .added(v) : .removed(v)
            if p.row[i].kind == .binary { c.binary = true }
            ColumnDecoding.decorate(&c, before: change == .removed ? p.row[i] : nil, after: change == .added ? p.row[i] : nil)
            cols[name] = c
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
            ColumnDecoding.decorate(&c, before: a[i], after: b[j])
            if let (x, format) = StructuredValue.decode(a[i].bytes), let (y, f2) = StructuredValue.decode(b[j].bytes), format == f2 {
                c.format = format.rawValue
                c.paths = x.changes(to: y)
            }
            cols[name] = c
        }
        return .init(key: keyDict(key), change: .changed, columns: cols, matchedBy: matchedBy)
    }
}
