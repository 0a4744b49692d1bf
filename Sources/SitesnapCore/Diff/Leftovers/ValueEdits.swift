import Foundation

/// The value edits of strong entry leftovers: per row, its value without the entries.
enum ValueEdits {
    static func rowKey(_ table: String, _ key: [String: String?], _ column: String) -> String {
        table + "\u{1}" + column + "\u{1}" + key.keys.sorted().map { "\($0)=\(key[$0]!.map { "'" + $0 } ?? "NULL")" }.joined(separator: "\u{1}")
    }

    /// `dropEmpty`: whether a container left empty by a leftover's removal goes too (the profile's
    /// `drop_empty`: a cron timestamp without hooks).
    static func make(_ leftovers: [DiffReport.Leftover], values: [String: [UInt8]],
                     dropEmpty: (DiffReport.Leftover) -> Bool) -> [DiffReport.ValueEdit] {
        var groups: [String: [DiffReport.Leftover]] = [:]
        var order: [String] = []
        for l in leftovers where l.kind == .entry && l.evidence == .strong {
            let k = rowKey(l.table, l.key ?? [:], l.column ?? "")
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(l)
        }
        return order.compactMap { k in
            guard let ls = groups[k], let first = ls.first, let value = values[k] else { return nil }
            var seen = Set<[String]>()
            let paths = ls.compactMap(\.path).filter { seen.insert($0).inserted }
            guard let (cleaned, format) = ValueEditor.removing(paths, from: value, dropEmptied: ls.allSatisfy(dropEmpty)) else { return nil }
            return .init(table: first.table, key: first.key ?? [:], column: first.column ?? "", format: format,
                         current: String(decoding: value, as: UTF8.self), cleaned: String(decoding: cleaned, as: UTF8.self), removed: paths)
        }
    }
}
