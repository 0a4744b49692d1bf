import SnapshotFormat
import SnapshotStore

/// The names of tables (`t:<bare>`) and of every profile location's objects (`<location>:<identifier>`)
/// in a snapshot, read once per snapshot: what existed without an extension and with it.
struct SnapshotNames {
    let scan: ObjectScan
    private var cache: [String: Set<String>] = [:]
    private var codeCache: [String: [[CodeName]]] = [:]

    /// The code names of `exts` in `snapshot` (those it holds), read once per snapshot.
    mutating func code(of exts: [ExtensionInfo], in snapshot: SnapshotReader, reader: ExtensionCode) throws -> [[CodeName]] {
        if let c = codeCache[snapshot.manifest.id], c.count == exts.count { return c }
        let held = exts.map { e in snapshot.manifest.extensions.first { $0.isSameExtension(as: e) } ?? ExtensionInfo(kind: e.kind, slug: e.slug, name: e.name, file: "") }
        let names = try reader.names(of: held, in: snapshot)
        codeCache[snapshot.manifest.id] = names
        return names
    }

    init(scan: ObjectScan) { self.scan = scan }

    /// Whether the names of `snapshot` were read already.
    func knows(_ snapshot: SnapshotReader) -> Bool { cache[snapshot.manifest.id] != nil }

    /// The names in `snapshot`, read once per snapshot; `visit` sees every object of its location
    /// tables as they are read (not when the names were known already).
    mutating func of(_ snapshot: SnapshotReader, visit: (FoundObject) throws -> Void = { _ in }) throws -> Set<String> {
        if let c = cache[snapshot.manifest.id] { return c }
        var out = Set<String>()
        let prefix = snapshot.manifest.database?.tablePrefix ?? scan.tablePrefix
        let tables = snapshot.manifest.database?.tables ?? []
        for t in tables {
            out.insert("t:" + (t.name.hasPrefix(prefix) ? String(t.name.dropFirst(prefix.count)) : t.name))
        }
        var seen = Set<String>()
        for bare in scan.spec.objects.map(\.table) where seen.insert(bare).inserted {
            guard let t = tables.first(where: { $0.name == prefix + bare }) else { continue }
            let reader = DumpRowReader(source: try snapshot.open(entry: t.entry), name: "\(snapshot.path): \(t.entry)")
            try scan.scan(reader, locations: scan.locations(onTable: bare), primaryKey: t.orderKey) { obj in
                out.insert("\(obj.location):\(obj.identifier)")
                try visit(obj)
            }
        }
        cache[snapshot.manifest.id] = out
        return out
    }
}

/// The rows attributed so far (strong evidence), by object kind: for references, dependencies and
/// derived tables. Seeded with the extension's own rows in the snapshot with it, so that a row pointing
/// at an extension row AFTER no longer has (an uninstall that left its menu items) is still tied to it.
struct Attributed {
    private(set) var rows: [String: [[String: String?]]] = [:]
    private(set) var names: [String: Set<String>] = [:]

    mutating func add(_ kind: String, _ obj: FoundObject) {
        rows[kind, default: []].append(obj.key.merging(obj.columns) { a, _ in a })
        names[kind, default: []].insert(obj.identifier)
        // The name as stored too (`system.action.x` for the config_dependent `x`): what other rows list.
        if obj.path == nil { for case let v? in obj.key.values where !v.isEmpty { names[kind, default: []].insert(v) } }
    }
}
