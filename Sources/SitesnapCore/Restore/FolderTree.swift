import Foundation
import SitesnapSystem

/// Counts and removes whole folder trees the restore owns (the hidden extraction folder, the old
/// target content after `--force`, stale folders of killed restores).
///
/// Own code rather than `FileManager.removeItem`, for two reasons: Foundation stops at a folder its
/// user may not write (Drupal's installer leaves `sites/default` 0555, and a non-root user's `rm -rf`
/// fails on it the same way), and it handles names as `String` (a name that is not UTF-8 is not
/// found again). Here every step is relative to an open folder (`openat`, `unlinkat`), names stay
/// the bytes `readdir` gave, symlinks are never followed, and a folder is made writable (0700, it is
/// removed anyway) before its entries are unlinked.
enum FolderTree {
    /// Entries below `path` (not counting `path` itself) and the bytes of their regular files; (0, 0)
    /// when it is not a folder.
    static func summary(_ path: String) -> (entries: Int64, bytes: Int64) {
        var entries: Int64 = 0, bytes: Int64 = 0
        func walk(_ dir: Int32) {
            for name in children(dir) {
                var st = stat()
                guard fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                entries += 1
                switch st.st_mode & S_IFMT {
                case S_IFREG: bytes += Int64(st.st_size)
                case S_IFDIR:
                    let fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    if fd >= 0 { walk(fd); close(fd) }
                default: break
                }
            }
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return (0, 0) }
        walk(fd)
        close(fd)
        return (entries, bytes)
    }

    /// Removes `path` and everything below it (a symlink or file: just it). Nothing there: no error.
    /// - Throws: `SitesnapError.restoreWriteFailed` naming the first entry that could not be removed.
    static func remove(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let parent = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else {
            if errno == ENOENT { return }
            throw SitesnapError.restoreWriteFailed(path: path, reason: FileSystemErrors.errno(errno))
        }
        defer { close(parent) }
        try url.lastPathComponent.withCString { try remove(parent, $0, shown: path) }
    }

    /// Removes `name` in the open folder `dir`; `shown` names it in errors.
    private static func remove(_ dir: Int32, _ name: UnsafePointer<CChar>, shown: String) throws {
        var st = stat()
        guard fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return }
            throw SitesnapError.restoreWriteFailed(path: shown, reason: FileSystemErrors.errno(errno))
        }
        if st.st_mode & S_IFMT == S_IFDIR {
            var fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd < 0 && errno == EACCES {
                // A folder without read permission (0000, 0311): ours, so make it readable first. It
                // was checked to be a folder, not a symlink, just above.
                _ = fchmodat(dir, name, 0o700, 0)
                fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            guard fd >= 0 else { throw SitesnapError.restoreWriteFailed(path: shown, reason: FileSystemErrors.errno(errno)) }
            defer { close(fd) }
            if st.st_mode & 0o700 != 0o700 { _ = fchmod(fd, 0o700) }
            for child in children(fd) {
                try child.withUnsafeBufferPointer { try remove(fd, $0.baseAddress!, shown: shown + "/" + String(decoding: child.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
            }
            guard unlinkat(dir, name, AT_REMOVEDIR) == 0 || errno == ENOENT else {
                throw SitesnapError.restoreWriteFailed(path: shown, reason: FileSystemErrors.errno(errno))
            }
        } else if unlinkat(dir, name, 0) != 0 && errno != ENOENT {
            throw SitesnapError.restoreWriteFailed(path: shown, reason: FileSystemErrors.errno(errno))
        }
    }

    /// The names in the open folder `dir` (NUL-terminated bytes, without `.` and `..`), read to the end
    /// first so that removing them does not disturb the listing.
    private static func children(_ dir: Int32) -> [[CChar]] {
        let copy = dup(dir)
        guard copy >= 0, let d = fdopendir(copy) else { return [] }
        defer { closedir(d) }
        rewinddir(d)
        var names: [[CChar]] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw -> [CChar] in
                let bytes = raw.bindMemory(to: CChar.self)
                let n = strnlen(bytes.baseAddress!, bytes.count)
                return Array(bytes[0..<n]) + [0]
            }
            if name == [46, 0] || name == [46, 46, 0] { continue }
            names.append(name)
        }
        return names
    }
}
