import Foundation

/// Replaces a file so that a crash or a failed write leaves the old file (or none), never half of the
/// new one: the bytes go to a temporary file in the same folder (rename(2) is atomic only within one
/// file system), which is written whole, fsynced, renamed over the target, and the folder is fsynced
/// so the rename itself is durable.
///
/// Home-made because Foundation's `Data.write(to:options: .atomic)` neither fsyncs the file nor the
/// folder, picks its own mode, and reports errors as untyped NSErrors.
package enum AtomicFile {
    /// Writes `bytes` to `path` atomically, the new file with `mode` (umask not applied).
    ///
    /// With `keepFolder`, a folder its owner may not write (Drupal's 0555 `sites/default`) is made
    /// writable for the replacement only, and the folder's mode and times are put back afterwards, so
    /// the folder looks untouched. A replaced file's owner and group are kept where allowed.
    ///
    /// A symbolic link is followed (the file it names is replaced, the link stays); a path that names
    /// something other than a regular file (a FIFO, `/dev/stdout`) is written directly, as there is no
    /// file to replace.
    /// - Throws: `SystemError` naming the call that failed; the temporary file is removed then.
    package static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600,
                              keepFolder: Bool = false) throws(SystemError) {
        var st = stat()
        if stat(path, &st) == 0 && st.st_mode & S_IFMT != S_IFREG {
            let stream = try FileDescriptor(opening: path, flags: O_WRONLY | O_TRUNC)
            try stream.writeAll(bytes)
            return try stream.close()
        }
        var target = path
        if lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) {
            target = String(cString: real)
            free(real)
        }
        try replace(target, with: bytes, mode: mode, keepFolder: keepFolder)
    }

    private static func replace(_ path: String, with bytes: [UInt8], mode: mode_t, keepFolder: Bool) throws(SystemError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temp = (folder == "/" ? "" : folder) + "/.\(name).sitesnap-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let dir = try FileDescriptor(opening: folder, flags: O_RDONLY | O_DIRECTORY)
        var folderStat = stat()
        try Syscall.retrying("stat", path: folder) { fstat(dir.raw, &folderStat) }
        let folderMode = folderStat.st_mode & 0o7777
        let unlock = keepFolder && folderMode & 0o200 == 0
        if unlock { try Syscall.retrying("chmod", path: folder) { fchmod(dir.raw, folderMode | 0o200) } }
        defer {
            if keepFolder {
                if unlock { _ = fchmod(dir.raw, folderMode) }
                var times = [folderStat.st_atim, folderStat.st_mtim]
                _ = futimens(dir.raw, &times)
            }
        }
        do {
            let file = try FileDescriptor(opening: temp, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600)
            try file.writeAll(bytes)
            var old = stat()
            if lstat(path, &old) == 0 && (old.st_uid != geteuid() || old.st_gid != getegid()) {
                _ = fchown(file.raw, old.st_uid, old.st_gid)
            }
            try Syscall.retrying("chmod", path: temp) { fchmod(file.raw, mode) }
            try file.sync()
            try file.close()
            try Syscall.retrying("rename", path: path) { rename(temp, path) }
        } catch {
            unlink(temp)
            throw error
        }
        try dir.sync()
    }
}
