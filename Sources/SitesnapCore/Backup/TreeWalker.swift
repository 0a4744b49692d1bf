import Foundation

/// A depth-first walk of a site tree in byte order of names (own walker rather than libarchive's
/// `archive_read_disk`, whose order follows readdir and is not reproducible). Symlinks are reported,
/// never followed. Shared by the archiver and its read-ahead, so both see the same entries in the same
/// order.
struct TreeWalker {
    let root: String
    let excludes: [String]
    let cancellation: Cancellation?

    /// Calls `visit(relativePath, lstat)` for the root (`""`) and then every entry that is not excluded,
    /// a folder before what it holds. Returns warnings: folders that cannot be read, names that are not
    /// UTF-8 (not visited), entries that vanished.
    /// - Throws: `SitesnapError.siteRootMissing`, `.interrupted`, and whatever `visit` throws.
    func walk(_ visit: (String, stat) throws -> Void) throws -> [SnapshotWarning] {
        var warnings: [SnapshotWarning] = []
        var st = stat()
        guard lstat(root, &st) == 0 else { throw SitesnapError.siteRootMissing(path: root) }
        try visit("", st)
        try walk(rel: "", warnings: &warnings, visit)
        return warnings
    }

    /// The bytes of a directory entry's name.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let p = UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: UInt8.self)
        return Array(UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))))
    }

    private func walk(rel: String, warnings: inout [SnapshotWarning], _ visit: (String, stat) throws -> Void) throws {
        let dirPath = rel.isEmpty ? root : root + "/" + rel
        guard let dir = opendir(dirPath) else {
            warnings.append(SnapshotWarning(kind: "unreadable", subject: rel.isEmpty ? "." : rel,
                                            message: "folder not read: \(FileSystemErrors.errno(errno))"))
            return
        }
        var names: [[UInt8]] = []
        while let e = readdir(dir) {
            // The name is read in place up to its NUL: copying `e.pointee.d_name` (a 256-byte tuple)
            // can read past the end of glibc's buffer, since an entry is only d_reclen bytes long
            // (this crashed on a 22,000-file tree).
            let name = Self.name(of: e)
            if name == [46] || name == [46, 46] { continue }
            names.append(name)
        }
        closedir(dir)
        names.sort { $0.lexicographicallyPrecedes($1) }
        for nameBytes in names {
            try cancellation?.check()
            let name = String(decoding: nameBytes, as: UTF8.self)
            let childRel = rel.isEmpty ? name : rel + "/" + name
            guard Array(name.utf8) == nameBytes else {
                // Manifest paths are JSON strings (UTF-8) and pax names UTF-8: such a name cannot be
                // stored faithfully. Said plainly, with the bytes escaped, rather than mangled.
                let shown = (rel.isEmpty ? "" : rel + "/") + nameBytes.map { $0 < 0x80 && $0 >= 0x20 ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
                warnings.append(SnapshotWarning(kind: "unsupported-name", subject: shown,
                                                message: "the name is not valid UTF-8, so it (and anything in it) is not in the snapshot; rename it, e.g. with convmv -f latin1 -t utf8"))
                continue
            }
            if excludes.contains(where: { Glob.excludes($0, path: childRel) }) { continue }
            var st = stat()
            guard lstat(root + "/" + childRel, &st) == 0 else {
                warnings.append(SnapshotWarning(kind: "unreadable", subject: childRel, message: FileSystemErrors.errno(errno)))
                continue
            }
            try visit(childRel, st)
            if (st.st_mode & S_IFMT) == S_IFDIR {
                try walk(rel: childRel, warnings: &warnings, visit)
            }
        }
    }
}
