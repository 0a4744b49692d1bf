import Foundation
import SiteKnowledge
import SnapshotFormat
import SnapshotStore

/// Reads an extension's files from a snapshot for the names its code uses: string arguments of the
/// profile's calls, table names of its table patterns (creating and reading), declared names.
///
/// PHP is read with the project's own tokenizer (no PHP parser library exists for Swift; the
/// tokenizer also serves config reading); the profile's patterns are ICU regular expressions.
struct ExtensionCode {
    let spec: LeftoverSpec

    /// Where `ext`'s files are inside the site: its file's folder when that folder is named after the
    /// slug (`plugins/akismet/`); else the files in its file's folder whose names start with the slug
    /// and a dot (a single-file plugin `plugins/hello.php`; a Drupal submodule `flag/flag_actions.*`
    /// beside its parent module's files).
    static func root(of ext: ExtensionInfo) -> (folder: String, namePrefix: String?) {
        let parent = URL(fileURLWithPath: ext.file).deletingLastPathComponent()
        let folder = parent.relativePath == "." ? "" : parent.relativePath + "/"
        return parent.lastPathComponent == ext.slug ? (folder, nil) : (folder, ext.slug + ".")
    }

    func names(of ext: ExtensionInfo, in snapshot: SnapshotReader) throws -> [CodeName] {
        guard !ext.file.isEmpty else { return [] }
        return try names(of: [ext], in: snapshot)[0]
    }

    /// The names of each of `exts` (in that order), read in one pass over the snapshot's files.
    func names(of exts: [ExtensionInfo], in snapshot: SnapshotReader) throws -> [[CodeName]] {
        let roots = exts.map { e -> (folder: String, namePrefix: String?)? in
            guard !e.file.isEmpty else { return nil }
            let r = Self.root(of: e)
            return ("files/" + r.folder, r.namePrefix)
        }
        guard roots.contains(where: { $0 != nil }) else { return exts.map { _ in [] } }
        let creating = spec.tablePatterns.compactMap { try? NSRegularExpression(pattern: $0) }
        let reading = (spec.tableReadPatterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        let declared = (spec.namePatterns ?? []).compactMap { p in (try? NSRegularExpression(pattern: p.regex)).map { (p.kind, $0) } }
        var out: [[CodeName]] = exts.map { _ in [] }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        let common = roots.count == 1 ? roots[0]!.folder : "files/"
        try snapshot.forEachFile(under: common) { path, reader in
            let name = URL(fileURLWithPath: path).lastPathComponent
            guard spec.files.contains(where: { fnmatch($0, name, 0) == 0 }) else { return }
            let folder = String(path[..<(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)])
            // A file named after an extension of its own (flag_actions.install in flag/) is that one's only.
            let named = roots.indices.filter { i in roots[i].map { r in r.namePrefix.map { folder == r.folder && name.hasPrefix($0) } ?? false } ?? false }
            let owners = named.isEmpty ? roots.indices.filter { i in roots[i].map { $0.namePrefix == nil && path.hasPrefix($0.folder) } ?? false } : named
            guard !owners.isEmpty else { return }
            var bytes: [UInt8] = []
            while bytes.count < 4 << 20 {
                let n = try reader.readData(into: buffer)
                if n == 0 { break }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
            let rel = String(path.dropFirst("files/".count))
            let text = String(decoding: bytes, as: UTF8.self)
            var found = Self.matches(creating, in: text, kind: "table", use: .creates, file: rel)
            found += Self.matches(reading, in: text, kind: "table", use: .reads, file: rel)
            for (kind, re) in declared { found += Self.matches([re], in: text, kind: kind, use: .creates, file: rel) }
            if name.hasSuffix(".php") || name.hasSuffix(".module") || name.hasSuffix(".install") || name.hasSuffix(".inc"),
               let tokens = try? PHPTokenizer.tokenize(bytes) {
                found += calls(in: tokens, file: rel)
            }
            for i in owners { out[i] += found }
        }
        return out
    }

    /// Group 1 of each match; a matched group 2 makes it a run-time prefix.
    private static func matches(_ regexes: [NSRegularExpression], in text: String, kind: String, use: CodeName.Use, file: String) -> [CodeName] {
        var out: [CodeName] = []
        for re in regexes {
            for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) where m.numberOfRanges > 1 {
                guard let r = Range(m.range(at: 1), in: text), !text[r].isEmpty else { continue }
                let prefix = m.numberOfRanges > 2 && m.range(at: 2).location != NSNotFound
                out.append(CodeName(kind: kind, name: String(text[r]), isPrefix: prefix, use: use, file: file))
            }
        }
        return out
    }

    /// String literal arguments of the profile's calls; a literal followed by `.` (concatenation) is a
    /// prefix the code completes at run time.
    private func calls(in tokens: [PHPToken], file: String) -> [CodeName] {
        let wanted = Dictionary(grouping: spec.calls, by: { $0.function.lowercased() })
        var out: [CodeName] = []
        for i in tokens.indices {
            guard case .identifier(let name) = tokens[i].kind, let specs = wanted[name.lowercased()],
                  i + 1 < tokens.count, tokens[i + 1].kind == .punct("(") else { continue }
            let args = Self.arguments(tokens, from: i + 2)
            for s in specs where s.argument >= 1 && s.argument <= args.count {
                let arg = args[s.argument - 1]
                guard let first = arg.first, case .string(let value, false) = first.kind, !value.isEmpty else {
                    if s.creates == true, !arg.isEmpty { out.append(CodeName(kind: s.kind, name: CodeName.dynamic, use: .creates, file: file)) }
                    continue
                }
                let concatenated = arg.count > 1 && arg[1].kind == .punct(".")
                guard arg.count == 1 || concatenated else { continue }
                let use: CodeName.Use = s.creates == true ? .creates : (s.reads == true ? .reads : .writes)
                out.append(CodeName(kind: s.kind, name: value, isPrefix: concatenated, use: use, file: file))
            }
        }
        return out
    }

    /// The arguments of a call whose `(` is just before `start`, split at top-level commas.
    private static func arguments(_ tokens: [PHPToken], from start: Int) -> [[PHPToken]] {
        var args: [[PHPToken]] = [[]]
        var depth = 0
        var j = start
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
        return args
    }
}
