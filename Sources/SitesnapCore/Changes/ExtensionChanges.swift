import Foundation
import SnapshotFormat

/// The extensions added, removed, upgraded and downgraded between two inventories (manifests'
/// `extensions`, or the live site's scan), in that order, each sorted by kind and slug. An extension
/// is (kind, slug, group, client), as `ExtensionInfo.isSameExtension` has it.
enum ExtensionChanges {
    static func compare(before: [ExtensionInfo], after: [ExtensionInfo]) -> [ChangesReport.ExtensionChange] {
        func key(_ e: ExtensionInfo) -> String { [e.kind, e.group ?? "", e.slug, e.client ?? ""].joined(separator: "\u{0}") }
        let b = Dictionary(before.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let a = Dictionary(after.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var out: [ChangesReport.ExtensionChange] = []
        for k in Set(b.keys).union(a.keys) {
            let x = b[k], y = a[k]
            let e = (y ?? x)!
            let change: ChangesReport.ExtensionChangeKind
            switch (x, y) {
            case (nil, _): change = .added
            case (_, nil): change = .removed
            case let (x?, y?):
                guard x.version != y.version else { continue }
                guard let v = x.version, let w = y.version else { change = .changed; break }
                switch VersionOrder.compare(v, w) {
                case .orderedAscending: change = .upgraded
                case .orderedDescending: change = .downgraded
                case .orderedSame: change = .changed
                }
            }
            out.append(.init(change: change, kind: e.kind, slug: e.slug, name: e.name, group: e.group, client: e.client,
                             before: x?.version, after: y?.version))
        }
        let order = ChangesReport.ExtensionChangeKind.allCases
        return out.sorted {
            let (i, j) = (order.firstIndex(of: $0.change)!, order.firstIndex(of: $1.change)!)
            if i != j { return i < j }
            return ($0.kind, $0.group ?? "", $0.slug, $0.client ?? "") < ($1.kind, $1.group ?? "", $1.slug, $1.client ?? "")
        }
    }
}

/// Orders version strings the way PHP's `version_compare()` does in the cases extensions use: runs
/// of digits compare as numbers, a number is newer than text, and the usual pre-release words go
/// `dev` < `alpha`/`a` < `beta`/`b` < `RC` < (a release) < `pl`/`p`. Own code: no Swift package
/// orders these (semver libraries refuse `8.x-1.11` and `5.4.4-dev`).
enum VersionOrder {
    private enum Token: Equatable { case number(Int), word(Int) }

    static func compare(_ a: String, _ b: String) -> ComparisonResult {
        let x = tokens(a), y = tokens(b)
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? x[i] : nil, r = i < y.count ? y[i] : nil
            switch (l, r) {
            case let (.number(m)?, .number(n)?): if m != n { return m < n ? .orderedAscending : .orderedDescending }
            case let (.word(m)?, .word(n)?): if m != n { return m < n ? .orderedAscending : .orderedDescending }
            case (.number?, .word?): return .orderedDescending
            case (.word?, .number?): return .orderedAscending
            // One ran out: a pre-release word after it makes the other older, a number newer.
            case let (nil, .word(n)?): return n < releaseRank ? .orderedDescending : .orderedAscending
            case let (.word(m)?, nil): return m < releaseRank ? .orderedAscending : .orderedDescending
            case (nil, .number?): return .orderedAscending
            case (.number?, nil): return .orderedDescending
            case (nil, nil): return .orderedSame
            }
        }
        return .orderedSame
    }

    private static let releaseRank = 4

    private static func rank(_ w: String) -> Int {
        switch w.lowercased() {
        case "dev": return 0
        case "alpha", "a": return 1
        case "beta", "b": return 2
        case "rc", "c": return 3
        case "pl", "p": return 5
        default: return releaseRank  // any other word (`x` of `8.x-1.11`) sorts as a release
        }
    }

    private static func tokens(_ s: String) -> [Token] {
        var out: [Token] = []
        var run = "", digits = false
        func flush() {
            guard !run.isEmpty else { return }
            out.append(digits ? .number(Int(run.prefix(18)) ?? 0) : .word(rank(run)))
            run = ""
        }
        for c in s {
            if c.isASCII && c.isNumber {
                if !digits { flush() }
                digits = true
                run.append(c)
            } else if c.isLetter {
                if digits { flush() }
                digits = false
                run.append(c)
            } else {
                flush()
            }
        }
        flush()
        return out
    }
}
