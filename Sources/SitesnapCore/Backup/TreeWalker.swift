import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// A depth-first walk of a site tree in byte order of names (own walker rather than libarchive's
/// `archive_read_disk`, whose order follows readdir and is not reproducible). Symlinks are reported,
/// never followed. Shared by the archiver and its read-ahead, so both see the same entries in the same
/// order.
///
/// Names are bytes: each is passed on as a `RawName` string, whatever its encoding, and reach the
/// kernel as the bytes readdir gave. Streaming: one folder's names in memory at a time per level.
///
/// Like tar, it works relative to an open descriptor of each folder (`fstatat`, `openat`): the
/// kernel resolves one name per call instead of the whole path, no path is built for a system call,
/// and a folder is entered with O_NOFOLLOW (a folder swapped for a symlink after its lstat is not
/// followed). One descriptor is open per level being walked.
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

    /// Where an entry is, for `*at` system calls: `name` (NUL-terminated raw bytes) in the folder open
    /// as `folder` (`AT_FDCWD` and the root's path for the root). Valid only during the visit.
    struct Place {
        let folder: Int32
        let name: UnsafePointer<CChar>
    }

    /// Calls `visit(relativePath, lstat)` for the root (`""`) and then every entry that is not excluded,
    /// a folder before what it holds.
    /// - Throws: `SitesnapError.siteRootMissing`, `.interrupted`, and whatever `visit` throws.
    func walk(_ visit: (String, stat) throws -> Void) throws -> Outcome {
        try walk { rel, st, _ in try visit(rel, st) }
    }

    /// As `walk(_:)`, with each entry's `Place`.
    func walk(_ visit: (String, stat, Place) throws -> Void) throws -> Outcome {
        var outcome = Outcome(excluded: Array(repeating: 0, count: excludes.rules.count))
        var st = stat()
        guard lstat(root, &st) == 0 else { throw SitesnapError.siteRootMissing(path: root) }
        try root.withCString { try visit("", st, Place(folder: AT_FDCWD, name: $0)) }
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try walk(fd: fd, relString: "", folder: excludes.root, outcome: &outcome, visit)
        return outcome
    }

    /// The bytes of a directory entry's name, NUL-terminated.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> [CChar] {
        let p = namePointer(entry)
        return Array(UnsafeBufferPointer(start: p, count: strlen(p) + 1))
    }

    /// The name of a directory entry, in place: read up to its NUL (copying `d_name`, a 256-byte
    /// tuple, can read past the end of glibc's buffer, since an entry is only d_reclen bytes long;
    /// this crashed on a 22,000-file tree).
    private static func namePointer(_ entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self)
    }

    /// A folder's names, NUL-terminated, end to end in one buffer (one allocation per folder, not one
    /// per name), and where each starts, in byte order.
    private struct Names {
        var bytes: [CChar] = []
        var starts: [Int] = []

        /// Reads and sorts the names of the open folder `dir` (consumed: closed by `closedir`'s caller).
        init(_ dir: OpaquePointer) {
            while let e = readdir(dir) {
                let p = TreeWalker.namePointer(e)
                let n = strlen(p)
                if (n == 1 && p[0] == 46) || (n == 2 && p[0] == 46 && p[1] == 46) { continue }
                starts.append(bytes.count)
                bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n + 1))
            }
            // Byte order: strcmp compares as unsigned bytes.
            bytes.withUnsafeBufferPointer { b in
                starts.sort { strcmp(b.baseAddress! + $0, b.baseAddress! + $1) < 0 }
            }
        }
    }

    private func walk(fd: Int32, relString: String, folder: ExcludeMatcher.Folder, outcome: inout Outcome,
                      _ visit: (String, stat, Place) throws -> Void) throws {
        guard fd >= 0, let dir = fdopendir(fd) else {
            let reason = FileSystemErrors.errno(errno)
            if fd >= 0 { close(fd) }
            outcome.warnings.append(SnapshotWarning(kind: "unreadable", subject: relString.isEmpty ? "." : RawName.display(relString),
                                                    message: "folder not read: \(reason)"))
            return
        }
        defer { closedir(dir) }  // closes `fd`, used below for the children
        let names = Names(dir)
        try names.bytes.withUnsafeBufferPointer { b in
            for (i, start) in names.starts.enumerated() {
                if i & 63 == 0 { try cancellation?.check() }
                try child(b.baseAddress! + start, fd: fd, relString: relString, folder: folder, outcome: &outcome, visit)
            }
        }
    }

    private func child(_ name: UnsafePointer<CChar>, fd: Int32, relString: String, folder: ExcludeMatcher.Folder,
                       outcome: inout Outcome, _ visit: (String, stat, Place) throws -> Void) throws {
        // Decided before lstat: an excluded entry costs no system call (a cache folder's
        // thousands of files are never looked at).
        let child: ExcludeMatcher.Folder
        switch excludes.decide(name, in: folder) {
        case .excluded(let rule):
            outcome.excluded[rule] += 1
            return
        case .included(let f):
            child = f
        }
        let childString = Self.join(relString, name)
        var st = stat()
        guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
            outcome.warnings.append(SnapshotWarning(kind: "unreadable", subject: RawName.display(childString), message: FileSystemErrors.errno(errno)))
            return
        }
        try visit(childString, st, Place(folder: fd, name: name))
        if (st.st_mode & S_IFMT) == S_IFDIR {
            let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            try walk(fd: sub, relString: childString, folder: child, outcome: &outcome, visit)
        }
    }

    /// `rel + "/" + name` as a `RawName` string; an ASCII name (the usual case) in one allocation.
    static func join(_ rel: String, _ name: UnsafePointer<CChar>) -> String {
        let n = strlen(name)
        let bytes = UnsafeRawBufferPointer(start: name, count: n)
        guard !bytes.contains(where: { $0 >= 0x80 }) else {
            let s = RawName.string(bytes)
            return rel.isEmpty ? s : rel + "/" + s
        }
        if rel.isEmpty { return String(decoding: bytes, as: UTF8.self) }
        var rel = rel
        return rel.withUTF8 { r in
            String(unsafeUninitializedCapacity: r.count + 1 + n) { out in
                _ = out.initialize(fromContentsOf: r)
                out[r.count] = 47
                _ = UnsafeMutableBufferPointer(rebasing: out[(r.count + 1)...]).initialize(fromContentsOf: bytes)
                return r.count + 1 + n
            }
        }
    }
}
