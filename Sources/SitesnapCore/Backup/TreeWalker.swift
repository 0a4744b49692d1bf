import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// A depth-first walk of a site tree in byte order of names (own walker rather than libarchive's
/// `archive_read_disk`, whose order follows readdir and is not reproducible). Symlinks are reported,
/// never followed. Shared by the archiver and its read-ahead, so both see the same entries in the same
/// order.
///
/// Names are bytes: each is passed on as a `RawName` string, whatever its encoding, and paths reach
/// the kernel as the bytes readdir gave. Streaming: one folder's names in memory at a time per level.
struct TreeWalker {
    let root: String
    let excludes: ExcludeMatcher
    let cancellation: Cancellation?

    struct Outcome {
        /// Folders that cannot be read, entries that vanished.
        var warnings: [SnapshotWarning] = []
        /// Per rule of `excludes`: the entries it left out (a folder counts once).
        var excluded: [Int64]
    }

    /// Calls `visit(relativePath, lstat)` for the root (`""`) and then every entry that is not excluded,
    /// a folder before what it holds.
    /// - Throws: `SitesnapError.siteRootMissing`, `.interrupted`, and whatever `visit` throws.
    func walk(_ visit: (String, stat) throws -> Void) throws -> Outcome {
        var outcome = Outcome(excluded: Array(repeating: 0, count: excludes.rules.count))
        var st = stat()
        guard lstat(root, &st) == 0 else { throw SitesnapError.siteRootMissing(path: root) }
        try visit("", st)
        try walk(rel: [], relString: "", folder: excludes.root, outcome: &outcome, visit)
        return outcome
    }

    /// The bytes of a directory entry's name, NUL-terminated.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> [CChar] {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let p = UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self)
        return Array(UnsafeBufferPointer(start: p, count: strlen(p) + 1))
    }

    private func walk(rel: [CChar], relString: String, folder: ExcludeMatcher.Folder, outcome: inout Outcome,
                      _ visit: (String, stat) throws -> Void) throws {
        let rootBytes = Array(root.utf8CString.dropLast())
        let dirPath = rel.isEmpty ? rootBytes + [0] : rootBytes + [47] + rel + [0]
        guard let dir = opendir(dirPath) else {
            outcome.warnings.append(SnapshotWarning(kind: "unreadable", subject: rel.isEmpty ? "." : RawName.display(relString),
                                                    message: "folder not read: \(FileSystemErrors.errno(errno))"))
            return
        }
        var names: [[CChar]] = []
        while let e = readdir(dir) {
            // The name is read in place up to its NUL: copying `e.pointee.d_name` (a 256-byte tuple)
            // can read past the end of glibc's buffer, since an entry is only d_reclen bytes long
            // (this crashed on a 22,000-file tree).
            let name = Self.name(of: e)
            if name == [46, 0] || name == [46, 46, 0] { continue }
            names.append(name)
        }
        closedir(dir)
        // Byte order (CChar is signed: compare as unsigned bytes).
        names.sort { a, b in a.lexicographicallyPrecedes(b) { UInt8(bitPattern: $0) < UInt8(bitPattern: $1) } }
        for name in names {
            try cancellation?.check()
            let bare = name.dropLast()
            let childRel = rel.isEmpty ? Array(bare) : rel + [47] + bare
            // Decided before lstat: an excluded entry costs no system call (a cache folder's
            // thousands of files are never looked at).
            let child: ExcludeMatcher.Folder
            switch excludes.decide(name, in: folder) {
            case .excluded(let rule):
                outcome.excluded[rule] += 1
                continue
            case .included(let f):
                child = f
            }
            var st = stat()
            let full = rootBytes + [47] + childRel + [0]
            guard lstat(full, &st) == 0 else {
                let shown = RawName.display(RawName.string(childRel.map { UInt8(bitPattern: $0) }))
                outcome.warnings.append(SnapshotWarning(kind: "unreadable", subject: shown, message: FileSystemErrors.errno(errno)))
                continue
            }
            let isFolder = (st.st_mode & S_IFMT) == S_IFDIR
            let nameString = RawName.string(bare.lazy.map { UInt8(bitPattern: $0) })
            let childString = relString.isEmpty ? nameString : relString + "/" + nameString
            try visit(childString, st)
            if isFolder {
                try walk(rel: childRel, relString: childString, folder: child, outcome: &outcome, visit)
            }
        }
    }
}
