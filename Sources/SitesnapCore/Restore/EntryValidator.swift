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

/// Checks a whole archive against its manifest before a restore writes anything: every entry is one the
/// manifest lists (no extra entry, none missing), with the listed type, link target, size and SHA-256 —
/// what `sitesnap verify` checks — plus the entry-name rules of `EntryValidator`.
struct ArchiveAudit {
    /// - Throws: `SitesnapError.archiveEntryRefused` naming the first bad entry.
    static func run(_ snapshot: SnapshotReader, cancellation: Cancellation?, progress: (@Sendable (String) -> Void)? = nil) throws {
        let m = snapshot.manifest
        let want = Dictionary(m.expectedEntries().map { ($0.path, $0.entry) }, uniquingKeysWith: { a, _ in a })
        var validator = EntryValidator()
        var found = Set<String>()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        func refuse(_ entry: String, _ why: String) -> SitesnapError {
            .archiveEntryRefused(archive: snapshot.path, entry: entry, reason: why)
        }
        do {
            let r = try ArchiveReader(path: snapshot.path)
            while let e = try r.nextEntry() {
                try cancellation?.check()
                try validator.check(e, archive: snapshot.path)
                progress?("checking the archive: \(found.count) entries · \(e.path)")
                if e.path == "manifest.json" || e.path == "database" { continue }
                guard let w = want[e.path] else { throw refuse(e.path, "the manifest does not list it") }
                found.insert(e.path)
                var sha: String?
                if case .regular = e.kind {
                    var h = StreamingSHA256()
                    while true {
                        let n = try r.readData(into: buffer)
                        if n == 0 { break }
                        h.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                    }
                    sha = h.finalizeHex()
                }
                if let why = w.mismatch(e.kind, sha: sha) { throw refuse(e.path, why) }
            }
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: snapshot.path, reason: "damaged archive: \(e.message); run `sitesnap verify`")
        }
        if let missing = want.keys.sorted().first(where: { !found.contains($0) }) {
            throw refuse(missing, "the manifest lists it but the archive lacks it")
        }
    }
}
