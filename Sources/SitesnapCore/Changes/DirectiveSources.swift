import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The text of the directive files that changed, from where each side keeps them: a snapshot's
/// archive (one pass, only those `files/` entries read, the pass ending at the last one wanted) or
/// the live site. A file over `DirectiveSyntax.maxBytes`, or one that is not UTF-8 text, is read as
/// empty lines are: it has no directives.
enum DirectiveSources {
    /// Entry text by path (relative to the site root) for the `wanted` paths the snapshot holds.
    /// - Throws: `SitesnapError.snapshotUnreadable` for a damaged archive.
    static func read(_ wanted: Set<String>, from snapshot: SnapshotReader) throws -> [String: String] {
        guard !wanted.isEmpty else { return [:] }
        var out: [String: String] = [:]
        let r = try snapshot.openArchive()
        do {
            while out.count < wanted.count, let e = try r.nextEntry() {
                guard let rel = IndexMerge.relativePath(e.path), wanted.contains(rel), case .regular(let size) = e.kind else { continue }
                out[rel] = size <= DirectiveSyntax.maxBytes ? String(decoding: try r.readRest(), as: UTF8.self) : ""
            }
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: snapshot.path, reason: "damaged archive: \(e.message); run `sitesnap verify`")
        }
        return out
    }

    /// The text of the `wanted` files under the live site's `root`.
    static func read(_ wanted: Set<String>, live root: String) -> [String: String] {
        var out: [String: String] = [:]
        for rel in wanted {
            let path = root + "/" + rel
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                  (attrs[.size] as? Int64 ?? 0) <= Int64(DirectiveSyntax.maxBytes),
                  let data = FileManager.default.contents(atPath: path) else { continue }
            out[rel] = String(decoding: data, as: UTF8.self)
        }
        return out
    }
}
