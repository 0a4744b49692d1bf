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

    func run(before: DumpRowReader, after: DumpRowReader) throws -> Result {
        var result = Result()
        var a: [DumpValue] = [], b: [DumpValue] = []
        var hasA = try before.nextRow(into: &a)
        var hasB = try after.nextRow(into: &b)
        let colsA = before.columns, colsB = after.columns
        let common = colsA.filter(colsB.contains)
        let mapA = common.map { colsA.firstIndex(of: $0)! }, mapB = common.map { colsB.firstIndex(of: $0)! }
        let noise = rules.includeNoise ? [] : rules.noiseRows.compactMap { rule -> (Int, Int, [String])? in
            guard let ia = colsA.firstIndex(of: rule.column), let ib = colsB.firstIndex(of: rule.column) else { return nil }
            return (ia, ib, rule.prefixes)
        }
        func isNoise(_ row: [DumpValue], before: Bool) -> Bool {
            for (ia, ib, prefixes) in noise {
                let v = row[before ? ia : ib].bytes
                if prefixes.contains(where: { v.starts(with: Array($0.utf8)) }) { return true }
            }
            return false
        }
        var removedRows: [Pending] = [], addedRows: [Pending] = []
        let keyIdxA = orderKey.compactMap { colsA.firstIndex(of: $0) }, keyIdxB = orderKey.compactMap { colsB.firstIndex(of: $0) }

        if !orderKey.isEmpty && keyIdxA.count == orderKey.count && keyIdxB.count == orderKey.count {
            result.match = "primary key (\(orderKey.joined(separator: ", ")))"
            let order = RowOrder(beforeIndexes: keyIdxA, afterIndexes: keyIdxB, numeric: orderKeyNumeric)
            while hasA || hasB {
                let c = !hasA ? 1 : (!hasB ? -1 : order.compare(a, b))
                if c < 0 {
                    if isNoise(a, before: true) { result.noiseHidden += 1 } else { removedRows.append(Pending(row: a, columns: colsA)); result.removed += 1 }
                    hasA = try before.nextRow(into: &a)
                } else if c > 0 {
                    if isNoise(b, before: false) { result.noiseHidden += 1 } else { addedRows.append(Pending(row: b, columns: colsB)); result.added += 1 }
                    hasB = try after.nextRow(into: &b)
                } else {
                    if !mapA.indices.allSatisfy({ a[mapA[$0]] == b[mapB[$0]] }) {
                        if isNoise(a, before: true) && isNoise(b, before: false) {
                            result.noiseHidden += 1
                        } else {
                            result.changed += 1
                            if result.rows.count < maxRows {
                                // The key shown: the order key plus the natural key (option_name says more than option_id).
                                let shown = orderKey + (rules.naturalKey ?? []).filter { !orderKey.contains($0) && colsA.contains($0) }
                                result.rows.append(change(key: shown.map { ($0, a[colsA.firstIndex(of: $0)!]) }, a: a, colsA: colsA, b: b, colsB: colsB, matchedBy: nil))
                            } else { result.truncated = true }
                        }
                    }
                    hasA = try before.nextRow(into: &a)
                    hasB = try after.nextRow(into: &b)
                }
                if removedRows.count + addedRows.count > maxRows * 4 {
                    // Too many to pair by natural key: keep counting, stop keeping.
                    result.truncated = true
                    removedRows.removeLast(removedRows.count / 2)
                    addedRows.removeLast(addedRows.count / 2)
                }
            }
        } else {
            result.match = "multiset (no key)"
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
            while hasA {
                let d = digest(a, mapA)
                counts[d, default: (0, Pending(row: a, columns: colsA))].count += 1
                hasA = try before.nextRow(into: &a)
            }
            while hasB {
                let d = digest(b, mapB)
                counts[d, default: (0, Pending(row: b, columns: colsB))].count -= 1
                hasB = try after.nextRow(into: &b)
            }
            for (_, entry) in counts where entry.count != 0 {
                for _ in 0..<abs(entry.count) {
                    if entry.count > 0 { removedRows.append(entry.row); result.removed += 1 }
                    else { addedRows.append(entry.row); result.added += 1 }
                }
            }
        }

        // Natural key: pair removed and added rows with equal natural keys (in key order).
        if let nk = rules.naturalKey, !nk.isEmpty, !removedRows.isEmpty, !addedRows.isEmpty {
            result.match += ", then natural key (\(nk.joined(separator: ", ")))"
            func nkValue(_ p: Pending) -> [DumpValue]? {
                let idx = nk.compactMap { p.columns.firstIndex(of: $0) }
                return idx.count == nk.count ? idx.map { p.row[$0] } : nil
            }
            var addedByKey: [[DumpValue]: [Int]] = [:]
            for (i, p) in addedRows.enumerated() { if let k = nkValue(p) { addedByKey[k, default: []].append(i) } }
            var pairedAdded = Set<Int>(), pairedRemoved = Set<Int>()
            for (i, p) in removedRows.enumerated() {
                guard let k = nkValue(p), var list = addedByKey[k], !list.isEmpty else { continue }
                let j = list.removeFirst()
                addedByKey[k] = list
                pairedAdded.insert(j)
                pairedRemoved.insert(i)
                let q = addedRows[j]
                result.changed += 1
                result.added -= 1
                result.removed -= 1
                if result.rows.count < maxRows {
                    // The key: the natural key, plus AFTER's primary key (where the row now is).
                    let pkAfter = orderKey.filter { !nk.contains($0) }.compactMap { c in q.columns.firstIndex(of: c).map { (c, q.row[$0]) } }
                    result.rows.append(change(key: zip(nk, k).map { ($0, $1) } + pkAfter, a: p.row, colsA: p.columns, b: q.row, colsB: q.columns,
                                              matchedBy: "natural key (\(nk.joined(separator: ", ")))"))
                } else { result.truncated = true }
            }
            removedRows = removedRows.enumerated().filter { !pairedRemoved.contains($0.offset) }.map(\.element)
            addedRows = addedRows.enumerated().filter { !pairedAdded.contains($0.offset) }.map(\.element)
        }
        // Added and removed rows are keyed by the primary key (exact) plus the natural key (readable).
        let keyColumns = orderKey + (rules.naturalKey ?? []).filter { !orderKey.contains($0) }
        for p in removedRows {
            if result.rows.count >= maxRows { result.truncated = true; break }
            result.rows.append(whole(p, change: "removed", keyColumns: keyColumns))
        }
        for p in addedRows {
            if result.rows.count >= maxRows { result.truncated = true; break }
            result.rows.append(whole(p, change: "added", keyColumns: keyColumns))
        }
        return result
    }

    private func keyDict(_ pairs: [(String, DumpValue)]) -> [String: String?] {
        Dictionary(pairs.map { ($0.0, $0.1.display) }, uniquingKeysWith: { a, _ in a })
    }

    private func whole(_ p: Pending, change: String, keyColumns: [String]) -> DiffReport.RowChange {
        var cols: [String: DiffReport.ColumnChange] = [:]
        for (i, name) in p.columns.enumerated() {
            let v = p.row[i].display
            cols[name] = change == "added" ? .added(v) : .removed(v)
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
        return .init(key: keyDict(key), change: "changed", columns: cols, matchedBy: matchedBy)
    }
}
