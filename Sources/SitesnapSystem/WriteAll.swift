import Foundation

/// Writes all of `bytes` to `fd` at its current offset, retrying short writes and EINTR.
/// - Throws: `SitesnapError.archiveWriteFailed` naming `path` (e.g. "no space left on device").
package func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
    var done = 0
    while done < bytes.count {
        let w = write(fd, bytes.baseAddress! + done, bytes.count - done)
        if w < 0 && errno == EINTR { continue }
        guard w > 0 else { throw SitesnapError.archiveWriteFailed(path: path, reason: FileSystemErrors.errno(errno)) }
        done += w
    }
}
