import ArchiveKit
import Glibc
import SnapshotFormat

/// Decides, folder by folder during the tree walk, which entries the exclude rules leave out.
///
/// Path rules (`path`, `contents`) are split into components once; each folder carries the rules
/// whose leading components matched its path so far (`Folder.live`), so a child is tested only
/// against the component at its depth of those few rules (below the first levels, usually none),
/// plus the `name` rules. Names are matched as raw bytes (`fnmatch` on the name the kernel gave),
/// so a name that is not UTF-8 is matched exactly too.
struct ExcludeMatcher: Sendable {
    let rules: [ExcludeRule]
    /// NUL-terminated pattern components of each rule (one for `name` rules).
    private let parts: [[[CChar]]]
    private let keeps: [[[CChar]]]
    private let nameRules: [Int]
    private let pathRules: [Int]

    /// What a folder's children are matched against.
    struct Folder: Sendable {
        /// Path rules whose first `depth` components match this folder's path.
        var live: [Int]
        /// Components of this folder's path below the root.
        var depth: Int
        /// The `contents` rule whose folder this is: its children are out, but for `keep`.
        var contentsOf: Int?
    }

    enum Decision {
        case excluded(rule: Int)
        /// In; if it is a folder, its children are matched with `Folder`.
        case included(Folder)
    }

    init(_ rules: [ExcludeRule]) {
        self.rules = rules
        func c(_ s: Substring) -> [CChar] { Array(String(s).utf8CString) }
        let parts = rules.map { r in
            r.kind == .name ? [Array(r.pattern.utf8CString)] : r.pattern.split(separator: "/").map(c)
        }
        self.parts = parts
        keeps = rules.map { ($0.keep ?? []).map { Array($0.utf8CString) } }
        nameRules = rules.indices.filter { rules[$0].kind == .name }
        pathRules = rules.indices.filter { rules[$0].kind != .name && !parts[$0].isEmpty }
    }

    /// The site root's state.
    var root: Folder { Folder(live: pathRules, depth: 0, contentsOf: nil) }

    /// Whether child `name` (raw bytes, NUL-terminated) of `folder` is left out. Needs no lstat: a
    /// `contents` rule that matches a file leaves it in (the returned `Folder` is only used for folders).
    func decide(_ name: UnsafePointer<CChar>, in folder: Folder) -> Decision {
        for r in nameRules where fnmatch(parts[r][0], name, 0) == 0 { return .excluded(rule: r) }
        if let r = folder.contentsOf, !keeps[r].contains(where: { fnmatch($0, name, 0) == 0 }) {
            return .excluded(rule: r)
        }
        var child = Folder(live: [], depth: folder.depth + 1, contentsOf: nil)
        for r in folder.live {
            let p = parts[r]
            guard folder.depth < p.count, fnmatch(p[folder.depth], name, 0) == 0 else { continue }
            if folder.depth + 1 < p.count {
                child.live.append(r)
            } else if rules[r].kind == .path {
                return .excluded(rule: r)
            } else if child.contentsOf == nil {
                child.contentsOf = r
            }
        }
        return .included(child)
    }

    /// Whether relative `path` (a `RawName` string) is left out, walking its components from the
    /// root; for tests and single lookups.
    func excludes(_ path: String) -> Bool {
        var folder = root
        let comps = path.split(separator: "/")
        for comp in comps {
            var name = RawName.bytes(String(comp)).map { CChar(bitPattern: $0) }
            name.append(0)
            switch decide(name, in: folder) {
            case .excluded: return true
            case .included(let f): folder = f
            }
        }
        return false
    }
}
