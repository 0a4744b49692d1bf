import Foundation
import SiteKnowledge
import SnapshotFormat

/// One object of a profile location found in a table dump: a row, or an entry inside a row's value.
struct FoundObject {
    /// Index of the location in the profile's `objects`.
    let location: Int
    /// The identifier as matched (prefixes and suffix stripped: `akismet_widget` of `widget_akismet_widget`).
    let identifier: String
    /// The name as core lists it (a Joomla plugin: `folder/element`).
    let coreName: String
    /// Rows: the primary key and identifier column; entries: the key of the row holding the value.
    let key: [String: String?]
    /// Entries: the path inside the value.
    let path: [String]?
    /// The row's columns the owner rules read.
    let columns: [String: String?]
    /// Modules the row depends on (Drupal config `dependencies`).
    let dependencies: [String]
    /// Entries: the whole value of the row (for the cleanup's value edit).
    let value: [UInt8]?
}

/// Streams one table's dump once and yields the objects of every profile location on that table.
struct ObjectScan {
    let spec: LeftoverSpec
    let tablePrefix: String

    /// Indexes of the locations on table `bare` (without prefix).
    func locations(onTable bare: String) -> [Int] {
        spec.objects.indices.filter { spec.objects[$0].table == bare }
    }

    /// Calls `body` for every object of `locations` in the dump; `primaryKey` names the key columns.
    func scan(_ reader: DumpRowReader, locations: [Int], primaryKey: [String], _ body: (FoundObject) throws -> Void) throws {
        try reader.open()
        let cols = reader.columns
        let index = Dictionary(cols.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let suffixes = locations.map { spec.objects[$0].stripSuffix.flatMap { try? NSRegularExpression(pattern: $0) } }
        let ownerIndexes = locations.map { li in columnsRead(by: spec.objects[li]).compactMap { c in index[c].map { (c, $0) } } }
        var row: [DumpValue] = []
        while try reader.nextRow(into: &row) {
            for (n, li) in locations.enumerated() {
                let loc = spec.objects[li]
                guard matchesWhere(loc, row, index) else { continue }
                let columns = Dictionary(ownerIndexes[n].map { ($0.0, row[$0.1].display) }, uniquingKeysWith: { a, _ in a })
                if let path = loc.path, let kc = loc.keyColumn, let vc = loc.valueColumn, let ki = index[kc], let vi = index[vc] {
                    guard row[ki].display == loc.keyValue.map(fill) else { continue }
                    let bytes = row[vi].bytes
                    guard let node = ValueEntries.decode(bytes) else { continue }
                    var key: [String: String?] = [kc: row[ki].display]
                    for c in primaryKey where c != kc { if let i = index[c] { key[c] = row[i].display } }
                    for e in ValueEntries.entries(node, path: path.map(fill)) {
                        guard let id = identifier(e.identifier, loc, suffixes[n]) else { continue }
                        try body(FoundObject(location: li, identifier: id, coreName: id, key: key, path: e.path, columns: columns,
                                             dependencies: [], value: bytes))
                    }
                } else if let column = loc.column, let ci = index[column], let raw = row[ci].display {
                    guard let id = identifier(raw, loc, suffixes[n]) else { continue }
                    var key: [String: String?] = [column: raw]
                    for c in (primaryKey.isEmpty ? [cols[0]] : primaryKey) { if let i = index[c] { key[c] = row[i].display } }
                    let group = loc.owner?.groupColumn.flatMap { columns[$0] ?? nil } ?? ""
                    try body(FoundObject(location: li, identifier: id, coreName: group.isEmpty ? id : group + "/" + id, key: key, path: nil,
                                         columns: columns, dependencies: dependencies(loc, row, index), value: nil))
                }
            }
        }
    }

    private func fill(_ s: String) -> String { s.replacingOccurrences(of: "{prefix}", with: tablePrefix) }

    private func matchesWhere(_ loc: LeftoverSpec.ObjectLocation, _ row: [DumpValue], _ index: [String: Int]) -> Bool {
        guard let w = loc.whereEquals else { return true }
        return w.allSatisfy { c, v in index[c].map { row[$0].display == fill(v) } ?? false }
    }

    /// The identifier of a raw name: prefixes and suffix stripped; nil when a required prefix is absent.
    private func identifier(_ raw: String, _ loc: LeftoverSpec.ObjectLocation, _ suffix: NSRegularExpression?) -> String? {
        if let skip = loc.skipPrefixes, skip.contains(where: { raw.hasPrefix($0) }) { return nil }
        var id = raw
        if let prefixes = loc.stripPrefixes {
            guard let p = prefixes.first(where: { raw.hasPrefix($0) && raw.count > $0.count }) else { return nil }
            id = String(raw.dropFirst(p.count))
        }
        if let suffix, let m = suffix.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)), let r = Range(m.range, in: id) {
            id.removeSubrange(r)
        }
        return id.isEmpty ? nil : id
    }

    /// The columns the owner rules read of a row of `loc`, and those other locations' references
    /// read of rows of its kind (`#__modules.asset_id` for the module's asset).
    private func columnsRead(by loc: LeftoverSpec.ObjectLocation) -> [String] {
        let referenced = spec.objects.compactMap { $0.owner?.refers }.filter { $0.kind == loc.kind }.map(\.column)
        guard let o = loc.owner else { return referenced }
        return [o.groupColumn, o.clientColumn, o.column, o.refers?.via].compactMap { $0 } + referenced
    }

    private func dependencies(_ loc: LeftoverSpec.ObjectLocation, _ row: [DumpValue], _ index: [String: Int]) -> [String] {
        guard let o = loc.owner, let paths = o.dependencies, let vc = o.valueColumn, let vi = index[vc],
              let node = ValueEntries.decode(row[vi].bytes) else { return [] }
        return paths.flatMap { ValueEntries.leaves(node, path: $0) }
    }
}
