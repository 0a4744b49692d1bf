import ArchiveKit
import SitesnapSystem

/// sitesnap's own check of every entry name before anything is extracted (on top of libarchive's
/// secure-extraction flags): only `manifest.json`, `database/<file>.sql` and `files[/<path>]`; no
/// absolute path, no empty, `.` or `..` component; only files, folders, symlinks and hard links; no
/// entry below a path that an earlier entry made a symlink (a link pointing outside, then a file
/// written through it); and a hard link only to a regular file under `files/` written earlier in this
/// archive (so `link(2)` can only join two names inside the staging tree).
///
/// Names are `RawName` strings: any bytes but NUL and `/` are a valid name component (a backslash
/// too: it is an ordinary character on Linux). A NUL in the string can only be `RawName`'s escape of
/// a byte that is not UTF-8 (the reader builds names from C strings), and no escape contains `/` or `.`.
///
/// Memory: with `linkTargets` (format 3, whose audit merges the entries with the index in walk order,
/// so a `files/` entry cannot come twice), only those of the `files/` entries that hard links name are
/// remembered, and the symlinks; without it (formats 1 and 2, whose list is in memory anyway), every
/// entry.
struct EntryValidator {
    private var symlinks = Set<String>()
    /// Entries so far, and whether each is a regular file under `files/` (what a hard link may point
    /// at); one table rather than a second set of paths.
    private var seen: [String: Bool] = [:]
    /// The archive entries (`files/...`) that hard links name, or nil to remember every entry.
    private let linkTargets: Set<String>?

    init(linkTargets: Set<String>? = nil) { self.linkTargets = linkTargets }

    /// - Throws: `SitesnapError.snapshotUnreadable` naming the entry and why it is refused.
    mutating func check(_ e: ArchiveEntry, archive: String) throws {
        func refuse(_ why: String) -> SitesnapError {
            .archiveEntryRefused(archive: archive, entry: RawName.display(e.path), reason: why)
        }
        let p = e.path
        if p.hasPrefix("/") { throw refuse("absolute path") }
        let parts = p.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { throw refuse("empty, '.' or '..' path component") }
        guard p == "manifest.json" || p == "files" || (p == "database" && e.kind == .directory) || p.hasPrefix("files/") || (p.hasPrefix("database/") && parts.count == 2 && p.hasSuffix(".sql")) else {
            throw refuse("not part of the snapshot layout (manifest.json, database/, files/)")
        }
        switch e.kind {
        case .regular, .directory, .symlink: break
        case .hardlink(let target):
            guard p.hasPrefix("files/"), seen[target] == true else {
                throw refuse("a hard link to '\(RawName.display(target))', which is not a regular file written earlier under files/")
            }
            if let link = symlinkAbove(target) {
                throw refuse("a hard link to '\(RawName.display(target))', which lies below the symlink '\(RawName.display(link))'")
            }
        case .other: throw refuse("not a file, folder, symlink or hard link")
        }
        // No entry may lie below a symlink entry.
        if let link = symlinkAbove(p) {
            throw refuse("it lies below the symlink '\(RawName.display(link))', so it would be written wherever that link points")
        }
        if seen[p] != nil { throw refuse("it appears twice") }
        guard linkTargets == nil || !p.hasPrefix("files") || linkTargets!.contains(p) else { return }
        if case .regular = e.kind { seen[p] = p.hasPrefix("files/") } else { seen[p] = false }
        if case .symlink = e.kind { symlinks.insert(p) }
    }

    /// The first symlink entry among the folders above `path`, if any.
    private func symlinkAbove(_ path: String) -> String? {
        var prefix = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: false).dropLast() {
            prefix += (prefix.isEmpty ? "" : "/") + part
            if symlinks.contains(prefix) { return prefix }
        }
        return nil
    }
}
