import Foundation
import SiteKnowledge
import SnapshotFormat

/// Says which part of the site owns a path, from the profile's `files` (`FileOwnership`) and the
/// extensions either side has: an extension's folder first (the deepest one that holds the path),
/// then core, uploads, caches, else other. One dictionary look-up per folder above the path and a
/// few `fnmatch` calls on its first components: no per-file memory.
struct FileOwners {
    /// An owner as the report groups by it.
    struct Owner: Hashable, Comparable {
        var kind: ChangesReport.OwnerKind
        /// The extension's kind and slug (group/slug for grouped kinds), nil for the others.
        var extensionKind: String? = nil
        var slug: String? = nil

        var label: String {
            guard let extensionKind, let slug else { return kind.rawValue }
            return kind == .core ? "core \(extensionKind) \(slug)" : "\(extensionKind) \(slug)"
        }

        static func < (a: Owner, b: Owner) -> Bool {
            a.kind.order != b.kind.order ? a.kind.order < b.kind.order : a.label < b.label
        }
    }

    private let core: [[Component]]
    private let uploads: [[Component]]
    private let caches: [[Component]]
    /// Extension folder (from the root) -> owner.
    private let folders: [String: Owner]

    /// - Parameter extensions: both sides' extensions (AFTER's last, so its values win).
    init(profile: Profile?, extensions: [ExtensionInfo]) {
        let spec = profile?.files
        func split(_ ps: [String]) -> [[Component]] { ps.map { $0.split(separator: "/").map(Component.init) } }
        core = split(spec?.core ?? [])
        uploads = split(spec?.uploads ?? [])
        caches = split(spec?.caches ?? [])
        let coreNames = Set(profile?.database?.leftovers?.core?.names["extension"] ?? [])
        var folders: [String: Owner] = [:]
        for e in extensions {
            guard let rule = spec?.extensions.first(where: { $0.kinds.contains(e.kind) }) else { continue }
            let dir = (e.file as NSString).deletingLastPathComponent
            let slug = e.group.map { "\($0)/\(e.slug)" } ?? e.slug
            let isCore = spec?.coreKinds?.contains(e.kind) == true || coreNames.contains(slug) || coreNames.contains(e.slug)
                || Self.matches(core, dir + "/x")
            let owner = Owner(kind: isCore ? .core : .extension, extensionKind: e.kind, slug: slug)
            for template in rule.folders {
                let folder = template.replacingOccurrences(of: "{dir}", with: dir).replacingOccurrences(of: "{slug}", with: e.slug)
                    .replacingOccurrences(of: "{group}", with: e.group ?? "").replacingOccurrences(of: "{client}", with: e.client ?? "")
                if folder.isEmpty || folder.contains("//") || folders[folder] != nil { continue }
                folders[folder] = owner
            }
        }
        self.folders = folders
    }

    /// The owner of the entry at `path` (relative to the site root).
    func owner(of path: String) -> Owner {
        var p = Substring(path)
        while !p.isEmpty {
            if let o = folders[String(p)] { return o }
            guard let slash = p.lastIndex(of: "/") else { break }
            p = p[..<slash]
        }
        if Self.matches(core, path) { return Owner(kind: .core) }
        if Self.matches(caches, path) { return Owner(kind: .caches) }
        if Self.matches(uploads, path) { return Owner(kind: .uploads) }
        return Owner(kind: .other)
    }

    /// One component of a pattern: a literal name (compared as is, the usual case) or a glob.
    enum Component {
        case literal(String)
        case glob([CChar])

        init(_ s: Substring) {
            self = s.contains(where: { "*?[".contains($0) }) ? .glob(Array(String(s).utf8CString)) : .literal(String(s))
        }

        func matches(_ name: Substring) -> Bool {
            switch self {
            case .literal(let l): return l.utf8.elementsEqual(name.utf8)
            case .glob(let g): return String(name).withCString { fnmatch(g, $0, 0) == 0 }
            }
        }
    }

    /// True when one pattern's components match the first components of `path` (a changed path is
    /// looked up once; most patterns fail on its first component).
    private static func matches(_ patterns: [[Component]], _ path: String) -> Bool {
        guard !patterns.isEmpty, !path.isEmpty else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return patterns.contains { pattern in
            pattern.count <= parts.count && zip(pattern, parts).allSatisfy { $0.matches($1) }
        }
    }
}
