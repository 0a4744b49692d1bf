import Foundation
import SnapshotFormat
import SnapshotStore

/// The manifests one diff has read, by archive path: each is read and decoded once per command,
/// and only those the diff needs (BEFORE, AFTER, and the snapshots of the same site for leftovers).
///
/// Before it, every `resolve` and the leftovers' timeline decoded every manifest copy of the
/// repository, of every site, and each snapshot the leftovers opened was decoded again: 9-10 reads of
/// each (issue 14). Readers are handed out new, sharing the decoded manifest: each keeps its own
/// position in its archive, as a reader opened anew did.
final class SnapshotShelf {
    private struct Kept {
        let manifest: Manifest
        /// The manifest copy it was read from; nil when it came from the archive itself.
        let copy: String?
    }

    /// Decoded manifests by archive path; nil: the copy was looked at and is missing or unreadable.
    private var kept: [String: Kept?] = [:]

    /// A reader of the archive at `path`, its manifest decoded the first time only.
    /// - Throws: what `SnapshotReader.init(path:)` throws.
    func open(_ path: String) throws -> SnapshotReader {
        if let k = kept[path] ?? nil {
            return SnapshotReader(source: try FolderSource(archivePath: path), manifest: k.manifest, manifestCopy: k.copy)
        }
        let r = try SnapshotReader(path: path)
        kept[path] = Kept(manifest: r.manifest, copy: r.manifestCopy)
        return r
    }

    /// The snapshots in `lookup` of the site `manifest` is of. Only those named as this site's
    /// snapshots are (`Repository.newID`: `<site>-<UTC second>[-...]`), and their manifest copies are
    /// read when the timeline needs them, each once; as `Repository.list` did, a snapshot without a
    /// readable copy is left out.
    func timeline(of manifest: Manifest, in lookup: Repository) -> SiteTimeline {
        let stem = Repository.sanitize(URL(fileURLWithPath: manifest.site.root).lastPathComponent) + "-"
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let candidates = lookup.archives(ofSite: manifest.site.root).compactMap { id, path -> SiteTimeline.Candidate? in
            // `blog-old-20261201T...` starts like a snapshot of `blog` but is another site's.
            let time = id.dropFirst(stem.count)
            guard time.count == 16 || time.dropFirst(16).hasPrefix("-"), let d = f.date(from: String(time.prefix(16))) else { return nil }
            return SiteTimeline.Candidate(id: id, archivePath: path, second: Int(d.timeIntervalSince1970))
        }
        return SiteTimeline(candidates, site: manifest) { [self] in copyManifest($0) }
    }

    /// The manifest of `path` as its copy says (nil: no readable copy), read at most once.
    private func copyManifest(_ path: String) -> Manifest? {
        if let k = kept[path] { return k?.copy != nil ? k?.manifest : nil }
        guard let copy = Repository.manifestCopyPath(path), let data = FileManager.default.contents(atPath: copy),
              let m = try? Manifest.decode(data), m.formatVersion <= Manifest.currentFormatVersion else {
            kept[path] = .some(nil)
            return nil
        }
        kept[path] = Kept(manifest: m, copy: copy)
        return m
    }
}
