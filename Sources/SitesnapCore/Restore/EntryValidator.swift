import ArchiveKit

/// sitesnap's own check of every entry name before anything is extracted (on top of libarchive's
/// secure-extraction flags): only `manifest.json`, `database/<file>.sql` and `files[/<path>]`; no
/// absolute path, no empty, `.` or `..` component; only files, folders and symlinks; and no entry
/// below a path that an earlier entry made a symlink (a link pointing outside, then a file written
/// through it).
struct EntryValidator {
    private var symlinks = Set<String>()
    private var seen = Set<String>()

    /// - Throws: `SitesnapError.snapshotUnreadable` naming the entry and why it is refused.
    mutating func check(_ e: ArchiveEntry, archive: String) throws {
        func refuse(_ why: String) -> SitesnapError {
            .archiveEntryRefused(archive: archive, entry: e.path, reason: why)
        }
        let p = e.path
        if p.hasPrefix("/") { throw refuse("absolute path") }
        if p.contains("\0") || p.contains("\\") { throw refuse("odd characters in the name") }
        let parts = p.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { throw refuse("empty, '.' or '..' path component") }
        guard p == "manifest.json" || p == "files" || (p == "database" && e.kind == .directory) || p.hasPrefix("files/") || (p.hasPrefix("database/") && parts.count == 2 && p.hasSuffix(".sql")) else {
            throw refuse("not part of the snapshot layout (manifest.json, database/, files/)")
        }
        switch e.kind {
        case .regular, .directory, .symlink: break
        case .other: throw refuse("not a file, folder or symlink")
        }
        // No entry may lie below a symlink entry.
        var prefix = ""
        for part in parts.dropLast() {
            prefix += (prefix.isEmpty ? "" : "/") + part
            if symlinks.contains(prefix) { throw refuse("it lies below the symlink '\(prefix)', so it would be written wherever that link points") }
        }
        if seen.contains(p) { throw refuse("it appears twice") }
        seen.insert(p)
        if case .symlink = e.kind { symlinks.insert(p) }
    }
}
