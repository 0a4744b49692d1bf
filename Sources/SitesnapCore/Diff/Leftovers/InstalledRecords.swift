import Foundation
import SiteKnowledge
import SnapshotFormat

/// The CMS's own record of which extensions are installed or active (the profile's
/// `leftovers.installed`): WordPress's `active_plugins`, Drupal's `core.extension`, Joomla's
/// `#__extensions` rows with `enabled = 1`, Drupal 7's `system` rows with `status = 1`.
struct InstalledRecords {
    let records: [LeftoverSpec.InstalledRecord]
    let tablePrefix: String

    /// One extension a record lists.
    struct Listed {
        var record: LeftoverSpec.InstalledRecord
        var slug: String
        /// Records inside a value: the row's key, the entry's path and the whole value.
        var key: [String: String?]
        var path: [String]?
        var value: [UInt8]?
    }

    var tables: Set<String> { Set(records.map(\.table)) }

    /// Everything the records on table `bare` list, read from `reader`.
    func listed(onTable bare: String, _ reader: DumpRowReader) throws -> [Listed] {
        let mine = records.filter { $0.table == bare }
        guard !mine.isEmpty else { return [] }
        try reader.open()
        let index = Dictionary(reader.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Listed] = []
        var row: [DumpValue] = []
        while try reader.nextRow(into: &row) {
            for r in mine { out += listed(r, row, index) }
        }
        return out
    }

    /// The names a record's `path` finds in a serialized value: the key itself when the path ends in
    /// `{key}`, else the value at the path (`*` then `{value}`: every leaf of a list).
    static func entries(_ bytes: [UInt8], path: [String]) -> [(path: [String], identifier: String)] {
        guard let node = ValueEntries.decode(bytes) else { return [] }
        var walk = path
        if walk.last != "{key}" { walk.append("{value}") }
        if walk.count >= 2, walk[walk.count - 2] == "*", walk.last == "{value}" { walk.remove(at: walk.count - 2) }
        return ValueEntries.entries(node, path: walk)
    }

    private func listed(_ r: LeftoverSpec.InstalledRecord, _ row: [DumpValue], _ index: [String: Int]) -> [Listed] {
        if let w = r.whereEquals, !w.allSatisfy({ c, v in index[c].map { row[$0].display == v } ?? false }) { return [] }
        let slugRegex = r.slugPattern.flatMap { try? NSRegularExpression(pattern: $0) }
        func slug(_ s: String) -> String? {
            guard let re = slugRegex else { return s }
            guard let m = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)), m.numberOfRanges > 1,
                  let g = Range(m.range(at: 1), in: s) else { return nil }
            return String(s[g])
        }
        if let column = r.column, let ci = index[column], let name = row[ci].display {
            return slug(name).map { [Listed(record: r, slug: $0, key: [column: name], path: nil, value: nil)] } ?? []
        }
        guard let kc = r.keyColumn, let vc = r.valueColumn, let ki = index[kc], let vi = index[vc],
              row[ki].display == r.keyValue?.replacingOccurrences(of: "{prefix}", with: tablePrefix) else { return [] }
        let bytes = row[vi].bytes
        guard let path = r.path else {
            return slug(String(decoding: bytes, as: UTF8.self)).map { [Listed(record: r, slug: $0, key: [kc: row[ki].display], path: nil, value: nil)] } ?? []
        }
        return Self.entries(bytes, path: path).compactMap { e in
            slug(e.identifier).map { Listed(record: r, slug: $0, key: [kc: row[ki].display], path: e.path, value: bytes) }
        }
    }
}
