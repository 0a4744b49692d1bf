import Foundation
import SiteKnowledge
import SnapshotFormat
import SnapshotStore

/// Finds what a removed extension left in the AFTER database, and says why each object is attributed.
///
/// Rules, in order (data from the profile's `database.leftovers`):
/// 1. **code**: the extension's own files (from the newest snapshot that holds them: BEFORE, else an
///    older one of the same site) are tokenized; string arguments of the profile's calls
///    (`add_option('af_settings')`, `wp_schedule_event(..., 'af_cron')`) name options, meta keys and
///    cron hooks; the profile's table patterns (`$wpdb->prefix . 'af_entries'`) name tables.
/// 2. **prefix**: a prefix shared by two or more of those names (`af_`) also matches objects.
/// 3. **appeared**: when the repository holds an older snapshot of the site without the extension,
///    tables absent there and present in the snapshot with the extension appeared with it. (Rows are
///    not attributed this way: core creates options and cron events lazily, at any time.)
/// Objects that already existed in that older snapshot are never attributed (the extension may have
/// edited a core option, but it does not own it).
struct LeftoverFinder {
    let spec: LeftoverSpec
    let prefix: String
    let before: SnapshotReader
    let repository: Repository

    /// A name the extension uses, and where it was found.
    private struct Identifier {
        var kind: String
        var name: String
        var file: String
        /// Named by a creating call (or a table definition): strong evidence of ownership.
        var creates = false
    }

    typealias AfterReader = (String) throws -> DumpRowReader?

    func find(extensions: [ExtensionInfo], afterTables: [String], afterReader: AfterReader) throws -> [DiffReport.Leftover] {
        var out: [DiffReport.Leftover] = []
        for ext in extensions {
            out += try find(ext, afterTables: afterTables, afterReader: afterReader)
        }
        return out
    }

    private func find(_ ext: ExtensionInfo, afterTables: [String], afterReader: AfterReader) throws -> [DiffReport.Leftover] {
        let snapshots = Repository.Entry.sameSite(repository.list(), as: before.manifest)
        // The snapshot holding the extension's code: BEFORE if it has it, else the newest that does.
        var codeSnapshot: SnapshotReader? = before.manifest.extensions.contains { $0.slug == ext.slug && $0.kind == ext.kind } ? before : nil
        if codeSnapshot == nil, let e = snapshots.last(where: { $0.manifest?.extensions.contains { $0.slug == ext.slug } == true }) {
            codeSnapshot = try SnapshotReader(path: e.archivePath)
        }
        let info = codeSnapshot?.manifest.extensions.first { $0.slug == ext.slug } ?? ext
        let ids = try codeSnapshot.map { try identifiers(of: info, in: $0) } ?? []
        // Shared prefixes of the code's names, plus the slug itself as a prefix (acme-forms -> acme_forms_).
        let slugPrefixes = Set([ext.slug.replacingOccurrences(of: "-", with: "_") + "_", ext.slug + "_"]).filter { $0.count >= 4 }
        let prefixes = Array(Set(sharedPrefixes(ids.map(\.name))).union(slugPrefixes)).sorted()

        // An older snapshot without the extension: what existed before it. The repository lists
        // snapshots oldest first (creation time, then id).
        let codeID = codeSnapshot?.manifest.id ?? before.manifest.id
        let codeIndex = snapshots.firstIndex { $0.id == codeID } ?? snapshots.count
        let older = snapshots[..<codeIndex].last { e in
            guard let m = e.manifest else { return false }
            return !m.extensions.contains { $0.slug == ext.slug }
        }
        let olderReader = try older.map { try SnapshotReader(path: $0.archivePath) }
        let olderTables = Set(olderReader?.manifest.database?.tables.map(\.name) ?? [])
        let withTables = Set(codeSnapshot?.manifest.database?.tables.map(\.name) ?? [])

        var out: [DiffReport.Leftover] = []
        // Tables.
        let earlier = " (already in snapshot \(older?.id ?? ""), taken without the extension: left by an earlier install?)"
        for table in afterTables.sorted() {
            let existed = olderTables.contains(table)
            let bare = table.hasPrefix(prefix) ? String(table.dropFirst(prefix.count)) : table
            var reason: String?
            if let id = ids.first(where: { $0.kind == "table" && $0.name == bare }) {
                reason = "code: \(id.file) names table \(prefix)\(bare)"
            } else if let p = prefixes.first(where: { bare.hasPrefix($0) }) {
                reason = "prefix: the name starts with '\(p)', shared by the extension's names (\(info.file))"
            } else if !existed && olderReader != nil && withTables.contains(table) {
                reason = "appeared: not in snapshot \(older!.id), present in \(codeSnapshot?.manifest.id ?? before.manifest.id) with the extension"
            }
            if var reason {
                if existed { reason += earlier }
                out.append(.init(extensionSlug: ext.slug, kind: .table, object: "table", name: table, table: table, evidence: .strong, reasons: [reason]))
            }
        }
        // Rows and cron hooks.
        for location in spec.objects {
            let table = prefix + location.table
            guard afterTables.contains(table) else { continue }
            let existedBefore = try olderReader.map { o in try values(of: location, table: table, in: { try self.reader(o, $0) }) } ?? [:]
            guard let afterRows = try afterReader(table) else { continue }
            let found = try values(of: location, table: table, reading: afterRows)
            for (name, keys) in found.sorted(by: { $0.key < $1.key }) {
                // An object an older snapshot (without the extension) already had is attributed only on
                // strong evidence: a creating call or the extension's prefix. A core option the
                // extension merely updates (blogdescription) is not its leftover.
                let existed = existedBefore[name] != nil
                var reason: String?
                let byCode = ids.filter { $0.kind == location.kind && $0.name == name }
                if let id = byCode.first(where: { $0.creates }) ?? (existed ? nil : byCode.first) {
                    reason = "code: \(id.file) \(id.creates ? "creates" : "uses") \(location.kind) '\(name)'"
                } else if !existed, let id = ids.first(where: { $0.name == name && $0.kind != "table" }) {
                    reason = "code: \(id.file) names '\(name)'"
                } else if let p = prefixes.first(where: { name.hasPrefix($0) }) {
                    reason = "prefix: '\(name)' starts with '\(p)', shared by the extension's names (\(info.file))"
                }
                if existed, reason != nil { reason! += earlier }
                // No "appeared" rule for rows: WordPress core adds options and cron events lazily on
                // the first requests, which would be blamed on whatever extension came in meanwhile.
                guard let reason else { continue }
                for key in keys {
                    out.append(.init(extensionSlug: ext.slug, kind: location.path == nil ? .row : .entry, object: location.kind, name: name, table: table, key: key, evidence: .strong, reasons: [reason]))
                }
            }
        }
        return out
    }

    private func reader(_ snapshot: SnapshotReader, _ table: String) throws -> DumpRowReader? {
        guard let entry = snapshot.manifest.database?.tables.first(where: { $0.name == table })?.entry else { return nil }
        return DumpRowReader(source: try snapshot.open(entry: entry), name: "\(snapshot.path): \(entry)")
    }

    private func values(of location: LeftoverSpec.ObjectLocation, table: String, in open: (String) throws -> DumpRowReader?) throws -> [String: [[String: String?]]] {
        guard let r = try open(table) else { return [:] }
        return try values(of: location, table: table, reading: r)
    }

    /// Identifier value -> keys of the rows holding it (for cron: the hook names inside the cron option).
    private func values(of location: LeftoverSpec.ObjectLocation, table: String, reading r: DumpRowReader) throws -> [String: [[String: String?]]] {
        try r.open()
        var out: [String: [[String: String?]]] = [:]
        var row: [DumpValue] = []
        let cols = r.columns
        if let depth = location.path?.count.advanced(by: -1), let kc = location.keyColumn, let vc = location.valueColumn,
           let ki = cols.firstIndex(of: kc), let vi = cols.firstIndex(of: vc) {
            while try r.nextRow(into: &row) {
                guard row[ki].display == location.keyValue, let (tree, _) = StructuredValue.decode(row[vi].bytes),
                      case .container(let top) = tree else { continue }
                for (timestamp, hooks) in top {
                    for hook in hooks.keys(atDepth: depth - 1) {
                        out[hook, default: []].append([kc: location.keyValue, "timestamp": timestamp, "hook": hook])
                    }
                }
            }
            return out
        }
        guard let column = location.column, let ci = cols.firstIndex(of: column) else { return [:] }
        // Report each row by its primary key and the identifier column.
        let keyNames = cols.enumerated().filter { $0.offset == 0 || $0.element == column }
        while try r.nextRow(into: &row) {
            guard let v = row[ci].display else { continue }
            var key: [String: String?] = [:]
            for (i, n) in keyNames { key[n] = row[i].display }
            if out[v, default: []].count < 1000 { out[v, default: []].append(key) }
        }
        return out
    }

    /// Names the extension's files use (rule 1).
    private func identifiers(of ext: ExtensionInfo, in snapshot: SnapshotReader) throws -> [Identifier] {
        guard !ext.file.isEmpty else { return [] }
        let file = URL(fileURLWithPath: ext.file)
        let folder = file.deletingLastPathComponent().lastPathComponent == ext.slug ? file.deletingLastPathComponent().relativePath + "/" : ext.file
        var ids: [Identifier] = []
        let regexes = spec.tablePatterns.compactMap { try? NSRegularExpression(pattern: $0) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        try snapshot.forEachFile(under: "files/" + folder) { path, reader in
            let name = URL(fileURLWithPath: path).lastPathComponent
            guard spec.files.contains(where: { fnmatch($0, name, 0) == 0 }) else { return }
            var bytes: [UInt8] = []
            while bytes.count < 4 << 20 {
                let n = try reader.readData(into: buffer)
                if n == 0 { break }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
            let rel = String(path.dropFirst("files/".count))
            let text = String(decoding: bytes, as: UTF8.self)
            for re in regexes {
                for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) where m.numberOfRanges > 1 {
                    if let r = Range(m.range(at: 1), in: text) { ids.append(Identifier(kind: "table", name: String(text[r]), file: rel, creates: true)) }
                }
            }
            guard let tokens = try? PHPTokenizer.tokenize(bytes) else { return }
            ids += calls(in: tokens, file: rel)
        }
        return ids
    }

    /// String literal arguments of the profile's calls.
    private func calls(in tokens: [PHPToken], file: String) -> [Identifier] {
        let wanted = Dictionary(grouping: spec.calls, by: { $0.function.lowercased() })
        var out: [Identifier] = []
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard case .identifier(let name) = tokens[i].kind, let specs = wanted[name.lowercased()],
                  i + 1 < tokens.count, tokens[i + 1].kind == .punct("(") else { continue }
            // Split the arguments at top-level commas.
            var args: [[PHPToken]] = [[]]
            var depth = 0
            var j = i + 2
            while j < tokens.count {
                let t = tokens[j]
                if case .punct(let p) = t.kind {
                    if p == "(" || p == "[" || p == "{" { depth += 1 }
                    if p == ")" || p == "]" || p == "}" {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    if p == "," && depth == 0 { args.append([]); j += 1; continue }
                }
                args[args.count - 1].append(t)
                j += 1
            }
            for s in specs where s.argument >= 1 && s.argument <= args.count {
                let arg = args[s.argument - 1]
                if arg.count == 1, case .string(let value, false) = arg[0].kind, !value.isEmpty {
                    out.append(Identifier(kind: s.kind, name: value, file: file, creates: s.creates == true))
                }
            }
        }
        return out
    }

    /// Prefixes (up to and including the first `_`, at least 3 characters) shared by two or more names.
    private func sharedPrefixes(_ names: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for n in Set(names) {
            guard let u = n.dropFirst().firstIndex(of: "_") else { continue }
            let p = String(n[...u])
            if p.count >= 3 { counts[p, default: 0] += 1 }
        }
        return counts.filter { $0.value >= 2 }.map(\.key).sorted()
    }
}

extension Repository.Entry {
    /// Snapshots of the same site (root and CMS) as `manifest`, oldest first.
    static func sameSite(_ entries: [Repository.Entry], as manifest: Manifest) -> [Repository.Entry] {
        entries.filter { $0.manifest?.site.root == manifest.site.root && $0.manifest?.site.cms == manifest.site.cms }
    }
}
