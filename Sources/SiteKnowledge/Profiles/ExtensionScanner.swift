import Foundation
import SitesnapSystem
import SnapshotFormat
import Yams

/// Reads the extension inventory of a site from the files named in its profile.
public enum ExtensionScanner {
    /// All extensions of `site`, in profile order then path order; one per (kind, group, client, slug):
    /// the first manifest found in a folder names it.
    public static func scan(_ site: DetectedSite) -> [ExtensionInfo] {
        var out: [ExtensionInfo] = []
        var seen = Set<[String]>()
        for source in site.profile.extensions {
            for rel in Glob.expand(source.glob, in: site.root) where !skipped(rel, source.skipDirs) {
                let path = site.root + "/" + rel
                let folder = URL(fileURLWithPath: rel).deletingLastPathComponent()
                let slug = slugOf(rel, source: source)
                if let name = source.fileName {
                    let dir = folder.lastPathComponent.replacingOccurrences(of: source.fileNameDrop ?? "\u{0}", with: "")
                    if URL(fileURLWithPath: rel).lastPathComponent != name.replacingOccurrences(of: "{dir}", with: dir) { continue }
                }
                let group = source.group.map { _ in folder.deletingLastPathComponent().lastPathComponent }
                let identity = [source.kind, group ?? "", source.client ?? "", slug]
                guard !seen.contains(identity) else { continue }
                guard var info = read(source, path: path) else { continue }
                if let placeholder = source.versionPlaceholder, info.version == placeholder { info.version = site.version }
                seen.insert(identity)
                out.append(ExtensionInfo(kind: info.kind ?? source.kind, slug: slug, name: info.name,
                                         version: info.version, file: rel, group: group, client: source.client))
            }
        }
        return out
    }

    private static func slugOf(_ rel: String, source: ExtensionSource) -> String {
        let url = URL(fileURLWithPath: rel)
        switch source.slug {
        case .dir: return url.deletingLastPathComponent().lastPathComponent
        case .stem: return String(url.lastPathComponent.split(separator: ".").first ?? "")
        case .relativeStem:
            let literal = source.glob.split(separator: "/").prefix { !$0.contains(where: { "*?[".contains($0) }) }
            let below = rel.split(separator: "/").dropFirst(literal.count).joined(separator: "/")
            return below.hasSuffix("." + url.pathExtension) ? String(below.dropLast(url.pathExtension.count + 1)) : below
        }
    }

    /// True when a folder of `rel` (not the file itself) is one of `dirs`.
    private static func skipped(_ rel: String, _ dirs: [String]?) -> Bool {
        guard let dirs, !dirs.isEmpty else { return false }
        return rel.split(separator: "/").dropLast().contains { dirs.contains(String($0)) }
    }

    private struct Found {
        var name: String
        var version: String?
        var kind: String?
    }

    private static func read(_ source: ExtensionSource, path: String) -> Found? {
        switch source.format {
        case .fileHeader:
            guard let nameField = source.nameField else { return nil }
            let headers = fileHeaders(path: path, fields: [nameField, source.versionField].compactMap { $0 })
            guard let name = headers[nameField], !name.isEmpty else { return nil }
            return Found(name: name, version: source.versionField.flatMap { headers[$0] })
        case .xmlManifest:
            guard let doc = XMLText.document(path), let root = doc.rootElement(),
                  ["extension", "install", "metafile"].contains(root.name ?? "") else { return nil }
            let name = root.elements(forName: "name").first?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let version = root.elements(forName: "version").first?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines)
            return Found(name: name, version: version)
        case .yaml:
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let dict = (try? Yams.load(yaml: text)) as? [String: Any] else { return nil }
            if let w = source.whereFields, !w.allSatisfy({ k, v in dict[k].map { "\($0)" } == v }) { return nil }
            let name = dict[source.nameField ?? "name"].map { "\($0)" } ?? ""
            let version = source.versionField.flatMap { dict[$0] }.map { "\($0)" }
            return Found(name: name, version: version)
        case .ini:
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            let values = drupalInfo(text)
            if let w = source.whereFields, !w.allSatisfy({ k, v in values[k] == v }) { return nil }
            return Found(name: values[source.nameField ?? "name"] ?? "", version: source.versionField.flatMap { values[$0] })
        }
    }

    /// WordPress file headers (`get_file_data()` in wp-includes/functions.php): within the first 8 KiB,
    /// a line `<prefix>Field Name: value` where the prefix is blanks, `*`, `#`, `@` or `/`.
    static func fileHeaders(path: String, fields: [String]) -> [String: String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [:] }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 8192)) ?? Data()
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r", with: "\n")
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let body = line.drop { " \t/*#@".contains($0) }
            for field in fields where result[field] == nil {
                if body.lowercased().hasPrefix(field.lowercased() + ":") {
                    var value = String(body.dropFirst(field.count + 1))
                    // _cleanup_header_comment(): drop a trailing `*/` or `?>`.
                    for end in ["*/", "?>"] { if let r = value.range(of: end) { value = String(value[..<r.lowerBound]) } }
                    result[field] = value.trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return result
    }

    /// Drupal 7 `.info` files (`drupal_parse_info_format()`): `key = value` lines, `;` comments,
    /// optional quotes; the last value of a key wins (the packaging script appends `version`). Not
    /// standard INI, so not parsed with an INI library.
    static func drupalInfo(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix(";") || line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].contains("[") else { continue }
            var v = parts[1]
            if v.count >= 2, let f = v.first, f == "\"" || f == "'", v.last == f { v = String(v.dropFirst().dropLast()) }
            out[parts[0]] = v
        }
        return out
    }
}
