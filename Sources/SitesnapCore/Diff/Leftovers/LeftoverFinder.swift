import Foundation
import SiteKnowledge
import SnapshotFormat
import SnapshotStore

/// Finds what removed extensions left in the AFTER database, each object with graded evidence
/// (`LeftoverJudge`), from the profile's `database.leftovers` data:
/// - tables, and the objects of every profile location (rows such as options and meta; entries inside
///   serialized values such as cron hooks, capabilities in core roles, modules in `core.extension`);
/// - evidence from the extension's code (read from the newest snapshot holding it), its unique
///   prefixes, what appeared between the snapshot without it and the one with it, and rows that name
///   it (owner rules, dependencies, references to its attributed rows);
/// - tables derived from attributed objects (Drupal field storage → field tables);
/// - the extension's entry in the CMS's record of installed extensions, when its files are gone.
/// Core-owned objects are never leftovers; weak evidence is reported as "possibly related".
struct LeftoverFinder {
    let spec: LeftoverSpec
    let tablePrefix: String
    let core: CoreOwnership

    /// AFTER as the finder reads it.
    struct After {
        let tables: [String]
        let extensions: [ExtensionInfo]
        /// A reader of a table's dump and its primary key columns (nil: no such table).
        let open: (String) throws -> (DumpRowReader, [String])?
    }

    init(spec: LeftoverSpec, tablePrefix: String) {
        self.spec = spec
        self.tablePrefix = tablePrefix
        core = CoreOwnership(spec.core, tablePrefix: tablePrefix)
    }

    func find(_ targets: [LeftoverTarget], after: After) throws -> (leftovers: [DiffReport.Leftover], edits: [DiffReport.ValueEdit]) {
        var names = SnapshotNames(scan: ObjectScan(spec: spec, tablePrefix: tablePrefix))
        var out: [DiffReport.Leftover] = []
        var values: [String: [UInt8]] = [:]
        var seen: [String: Int] = [:]
        // Every extension whose code may tell: those still installed, and the removed ones (a file
        // named after a removed submodule is not its installed parent's).
        var everyone = after.extensions
        for t in targets where !everyone.contains(where: { $0.isSameExtension(as: t.ext) }) { everyone.append(t.ext) }
        for t in targets {
            for l in try find(t, after: after, everyone: everyone, names: &names, values: &values) {
                // One object, one entry: the first extension that claims it (strongest evidence first);
                // another removed extension that also claims it is named in its reasons.
                let k = "\(l.kind) \(l.table) \(ValueEdits.rowKey(l.table, l.key ?? [:], l.column ?? "")) \(l.path ?? [])"
                if let i = seen[k] {
                    if out[i].evidence == .weak && l.evidence == .strong { out[i] = l }
                    else if out[i].extensionSlug != l.extensionSlug { out[i].reasons.append("also claimed by \(l.extensionSlug): \(l.reason)") }
                    continue
                }
                seen[k] = out.count
                out.append(l)
            }
        }
        let edits = ValueEdits.make(out, values: values) { l in
            spec.objects.contains { $0.kind == l.object && tablePrefix + $0.table == l.table && $0.dropEmpty == true }
        }
        return (out, edits)
    }

    private func find(_ t: LeftoverTarget, after: After, everyone: [ExtensionInfo], names: inout SnapshotNames,
                      values: inout [String: [UInt8]]) throws -> [DiffReport.Leftover] {
        let info = t.with?.manifest.extensions.first { $0.isSameExtension(as: t.ext) } ?? t.ext
        let code = try t.with.map { try ExtensionCode(spec: spec).names(of: info, in: $0) } ?? []
        let others = after.extensions.filter { !$0.isSameExtension(as: t.ext) }.flatMap { e -> [(slug: String, prefix: String)] in
            [(e.slug, e.slug.replacingOccurrences(of: "-", with: "_") + "_"), (e.slug, e.slug + ".")]
        }
        let prefixes = LeftoverJudge.uniquePrefixes(t.ext, code: code, core: core, others: others)
        var judge = LeftoverJudge(target: t, core: core, code: code, prefixes: prefixes.code, slugPrefixes: prefixes.slug, othersPrefixes: others)
        judge.othersCode = try othersCode(t, installed: after.extensions, everyone: everyone, cache: &names)
        let without = try t.without.map { try names.of($0) }
        let (with, seeded) = try withNames(t, &names)
        var attributed = seeded
        func history(_ key: String) -> (existed: Bool, appeared: Bool) {
            let existed = without?.contains(key) ?? false
            return (existed, !existed && without != nil && (with?.contains(key) ?? false))
        }
        var out = tables(after, t, judge, history)
        out += try objects(after, t, judge, history, &attributed, &values)
        out += derivedTables(after, t, attributed, already: Set(out.filter { $0.kind == .table }.map(\.table)))
        if t.state == .removed {
            // The record may also be a profile location (Drupal's core.extension): listed once.
            let listed = Set(out.filter { $0.kind == .entry }.map { "\($0.table) \($0.path ?? [])" })
            out += try recordEntries(after, t, values: &values).filter { !listed.contains("\($0.table) \($0.path ?? [])") }
        }
        out = Self.withoutNested(out)
        if t.state == .deactivated || t.state == .stillInstalled {
            // Its data is kept on purpose while it can be reactivated: shown, never cleaned up.
            let why = t.state == .deactivated ? "the extension is only deactivated: its data is kept for reactivation"
                                              : "the extension is still installed"
            out = out.map { l in var l = l; if l.evidence == .strong { l.evidence = .weak; l.reasons.insert(why, at: 0) }; return l }
        }
        let rank: [DiffReport.Leftover.Kind: Int] = [.table: 0, .row: 1, .entry: 2]
        return out.enumerated().sorted { a, b in
            (rank[a.element.kind]!, a.element.table, a.element.name, a.offset) < (rank[b.element.kind]!, b.element.table, b.element.name, b.offset)
        }.map(\.element)
    }

    /// The code names of the extensions installed in AFTER other than `t`, read from the snapshot with
    /// `t` (one pass over its files, kept for the next target with the same snapshot).
    private func othersCode(_ t: LeftoverTarget, installed: [ExtensionInfo], everyone: [ExtensionInfo],
                            cache: inout SnapshotNames) throws -> [(slug: String, names: [CodeName])] {
        guard let with = t.with else { return [] }
        let all = try cache.code(of: everyone, in: with, reader: ExtensionCode(spec: spec))
        return zip(everyone, all).filter { e, _ in !e.isSameExtension(as: t.ext) && installed.contains { $0.isSameExtension(as: e) } }
            .map { ($0.0.slug, $0.1) }
    }

    /// Entries inside another strong entry of the same value (a capability inside a role the extension
    /// added) go with it: listed once, removed once.
    static func withoutNested(_ all: [DiffReport.Leftover]) -> [DiffReport.Leftover] {
        let strongPaths = Dictionary(grouping: all.filter { $0.kind == .entry && $0.evidence == .strong }) {
            ValueEdits.rowKey($0.table, $0.key ?? [:], $0.column ?? "")
        }.mapValues { $0.compactMap(\.path) }
        return all.filter { l in
            guard l.kind == .entry, let path = l.path, let others = strongPaths[ValueEdits.rowKey(l.table, l.key ?? [:], l.column ?? "")] else { return true }
            return !others.contains { $0.count < path.count && Array(path.prefix($0.count)) == $0 }
        }
    }

    /// The names in the snapshot with `t` (`SnapshotNames.of`) and its rows by owner rules (`seed`):
    /// one pass over its location tables when its names are not known yet (there were two). The scans
    /// must see the same objects for that, so both need the finder's table prefix.
    private func withNames(_ t: LeftoverTarget, _ names: inout SnapshotNames) throws -> (Set<String>?, Attributed) {
        guard let with = t.with else { return (nil, Attributed()) }
        guard !names.knows(with), with.manifest.database == nil || with.manifest.database?.tablePrefix == tablePrefix else {
            return (try names.of(with), try seed(t))
        }
        var attributed = Attributed()
        let known = try names.of(with) { obj in
            let loc = spec.objects[obj.location]
            if OwnerRules.reason(loc, obj, t.ext, attributed) != nil { attributed.add(loc.kind, obj) }
        }
        return (known, attributed)
    }

    /// The extension's rows in the snapshot with it, by owner rules alone.
    private func seed(_ t: LeftoverTarget) throws -> Attributed {
        var attributed = Attributed()
        guard let with = t.with, let tables = with.manifest.database?.tables else { return attributed }
        let prefix = with.manifest.database?.tablePrefix ?? tablePrefix
        let scan = ObjectScan(spec: spec, tablePrefix: prefix)
        for bare in locationTables() {
            guard let d = tables.first(where: { $0.name == prefix + bare }) else { continue }
            let reader = DumpRowReader(source: try with.open(entry: d.entry), name: "\(with.path): \(d.entry)")
            try scan.scan(reader, locations: scan.locations(onTable: bare), primaryKey: d.orderKey) { obj in
                let loc = spec.objects[obj.location]
                if OwnerRules.reason(loc, obj, t.ext, attributed) != nil { attributed.add(loc.kind, obj) }
            }
        }
        return attributed
    }

    /// The rows and entries of every location in AFTER that `judge` attributes. A row that depends on
    /// another (Drupal `field.field.*` on `field.storage.*`) may come first in key order: such rows are
    /// judged again once the table is read, until nothing more is attributed.
    private func objects(_ after: After, _ t: LeftoverTarget, _ judge: LeftoverJudge, _ history: (String) -> (existed: Bool, appeared: Bool),
                         _ attributed: inout Attributed, _ values: inout [String: [UInt8]]) throws -> [DiffReport.Leftover] {
        var out: [DiffReport.Leftover] = []
        let scan = ObjectScan(spec: spec, tablePrefix: tablePrefix)
        for bare in locationTables() {
            let table = tablePrefix + bare
            guard after.tables.contains(table), let (reader, pk) = try after.open(table) else { continue }
            var perName: [String: Int] = [:]
            var deferred: [FoundObject] = []
            /// Records the object if attributed; false when not (yet: `final` false defers all but strong
            /// evidence for a row with dependencies).
            func consider(_ obj: FoundObject, final: Bool) -> Bool {
                let loc = spec.objects[obj.location]
                let h = history("\(obj.location):\(obj.identifier)")
                let c = LeftoverJudge.Candidate(kind: loc.kind, codeKinds: loc.codeKinds ?? [loc.kind], name: obj.identifier, coreName: obj.coreName,
                                                existed: h.existed, appeared: h.appeared, owner: OwnerRules.reason(loc, obj, t.ext, attributed),
                                                ignoreCase: loc.ignoreCase == true,
                                                identity: loc.owner?.groupColumn != nil || loc.owner?.clientColumn != nil,
                                                entry: obj.path != nil)
                guard let (evidence, reasons) = judge.judge(c), final || evidence == .strong || obj.dependencies.isEmpty else { return false }
                perName[obj.identifier, default: 0] += 1
                guard perName[obj.identifier]! <= 1000 else { return true }
                if evidence == .strong { attributed.add(loc.kind, obj) }
                if let v = obj.value { values[ValueEdits.rowKey(table, obj.key, loc.valueColumn ?? "")] = v }
                out.append(.init(extensionSlug: t.ext.slug, kind: obj.path == nil ? .row : .entry, object: loc.kind, name: obj.identifier,
                                 table: table, key: obj.key, column: obj.path == nil ? nil : loc.valueColumn, path: obj.path,
                                 evidence: evidence, reasons: reasons))
                return true
            }
            try scan.scan(reader, locations: scan.locations(onTable: bare), primaryKey: pk) { obj in
                if !consider(obj, final: false) && !obj.dependencies.isEmpty { deferred.append(obj) }
            }
            var progress = true
            while progress && !deferred.isEmpty {
                let before = deferred.count
                deferred = deferred.filter { !consider($0, final: false) }
                progress = deferred.count < before
            }
            for obj in deferred { _ = consider(obj, final: true) }
        }
        return out
    }

    /// The profile's location tables, in the order the profile lists them (a reference needs the
    /// rows it refers to attributed first).
    private func locationTables() -> [String] {
        var seen = Set<String>()
        return spec.objects.map(\.table).filter { seen.insert($0).inserted }
    }

    private func tables(_ after: After, _ t: LeftoverTarget, _ judge: LeftoverJudge,
                        _ history: (String) -> (existed: Bool, appeared: Bool)) -> [DiffReport.Leftover] {
        after.tables.sorted().compactMap { table in
            let bare = table.hasPrefix(tablePrefix) ? String(table.dropFirst(tablePrefix.count)) : table
            let h = history("t:" + bare)
            let c = LeftoverJudge.Candidate(kind: "table", codeKinds: ["table"], name: bare, coreName: bare, existed: h.existed,
                                            appeared: h.appeared, owner: nil, table: true)
            guard let (evidence, reasons) = judge.judge(c) else { return nil }
            return .init(extensionSlug: t.ext.slug, kind: .table, object: "table", name: bare, table: table, evidence: evidence, reasons: reasons)
        }
    }

    /// Tables named after attributed objects (`field.storage.paragraph.field_x` → `paragraph__field_x`).
    private func derivedTables(_ after: After, _ t: LeftoverTarget, _ attributed: Attributed, already: Set<String>) -> [DiffReport.Leftover] {
        var out: [DiffReport.Leftover] = []
        for d in spec.derivedTables ?? [] {
            guard let re = try? NSRegularExpression(pattern: d.name) else { continue }
            for name in attributed.names[d.kind] ?? [] {
                guard let m = re.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) else { continue }
                let groups = (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: name).map { String(name[$0]) } ?? "" }
                for table in DerivedNames.tables(d, groups: groups) where after.tables.contains(tablePrefix + table) && !already.contains(tablePrefix + table) {
                    out.append(.init(extensionSlug: t.ext.slug, kind: .table, object: "table", name: table, table: tablePrefix + table,
                                     evidence: .strong, reasons: ["derived: the table of \(d.kind) '\(name)', which is \(t.ext.slug)'s"]))
                }
            }
        }
        return out
    }

    /// The extension's entries in the CMS's record of installed extensions, though its files are gone.
    private func recordEntries(_ after: After, _ t: LeftoverTarget, values: inout [String: [UInt8]]) throws -> [DiffReport.Leftover] {
        let records = InstalledRecords(records: spec.installed ?? [], tablePrefix: tablePrefix)
        var out: [DiffReport.Leftover] = []
        for bare in records.tables.sorted() {
            guard after.tables.contains(tablePrefix + bare), let (reader, _) = try after.open(tablePrefix + bare) else { continue }
            for l in try records.listed(onTable: bare, reader) where l.slug == t.ext.slug && l.path != nil && l.record.kinds.contains(t.ext.kind) {
                let column = l.record.valueColumn ?? ""
                if let v = l.value { values[ValueEdits.rowKey(tablePrefix + bare, l.key, column)] = v }
                out.append(.init(extensionSlug: t.ext.slug, kind: .entry, object: "installed", name: l.slug, table: tablePrefix + bare, key: l.key,
                                 column: column, path: l.path, evidence: .strong,
                                 reasons: ["record: \(l.record.keyValue ?? bare) still lists \(t.ext.slug) as installed, but its files are gone"]))
            }
        }
        return out
    }
}
