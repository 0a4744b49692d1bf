import Foundation

/// An open file descriptor that closes itself in `deinit` (or earlier with `close()`); every call on it
/// goes through `Syscall.retrying`, so EINTR and short reads/writes are handled once, here.
///
/// Home-made because Foundation's `FileHandle` throws untyped NSErrors, has no `pread`/`fsync` with
/// errno, and its `write(_:)` on Linux traps instead of throwing on ENOSPC in older releases. A final
/// class rather than a `~Copyable` struct so that types which hand it between threads can hold it as
/// an ordinary stored property. Not thread-safe: one owner at a time.
package final class FileDescriptor {
    /// The raw descriptor, or -1 once closed. Valid only while `self` is alive.
    package private(set) var raw: Int32
    /// The path it was opened with (for error messages).
    package let path: String

    /// Takes ownership of `raw` (closed in `deinit`).
    package init(adopting raw: Int32, path: String) {
        self.raw = raw
        self.path = path
    }

    /// Opens `path` with `flags` (O_CLOEXEC is added) and `mode` for a created file.
    /// - Throws: `SystemError` ("open").
    package convenience init(opening path: String, flags: Int32, mode: mode_t = 0o600) throws(SystemError) {
        let fd = try Syscall.retrying("open", path: path) { open(path, flags | O_CLOEXEC, mode) }
        self.init(adopting: fd, path: path)
    }

    /// Opens the C string `cPath` (a path whose bytes are not UTF-8 reaches the kernel unchanged);
    /// `path` is shown in errors.
    package convenience init(opening cPath: UnsafePointer<CChar>, path: String, flags: Int32,
                             mode: mode_t = 0o600) throws(SystemError) {
        let fd = try Syscall.retrying("open", path: path) { open(cPath, flags | O_CLOEXEC, mode) }
        self.init(adopting: fd, path: path)
    }

    deinit { if raw >= 0 { Glibc.close(raw) } }

    /// Reads at most `buffer.count` bytes at the current offset. - Returns: bytes read, 0 at the end.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        try Syscall.retrying("read", path: path) { Glibc.read(raw, buffer.baseAddress, buffer.count) }
    }

    /// Reads at most `buffer.count` bytes at `offset` (the file offset is unchanged).
    package func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SystemError) -> Int {
        try Syscall.retrying("read", path: path) { pread(raw, buffer.baseAddress, buffer.count, off_t(offset)) }
    }

    /// Writes all of `bytes` at the current offset (retrying short writes).
    /// - Throws: `SystemError` ("write"), e.g. ENOSPC.
    package func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        try SitesnapSystem.writeAll(raw, bytes, path: path)
    }

    /// Writes all of `bytes` at the current offset.
    package func writeAll(_ bytes: [UInt8]) throws(SystemError) {
        // withUnsafeBytes rethrows untyped errors: carry the typed one out as a Result.
        try bytes.withUnsafeBytes { raw in Result { () throws(SystemError) in try writeAll(raw) } }.get()
    }

    /// Flushes the file's data and metadata to the disk.
    package func sync() throws(SystemError) {
        try Syscall.retrying("fsync", path: path) { fsync(raw) }
    }

    /// Closes now (idempotent). A failed close can mean lost writes (NFS): it throws.
    package func close() throws(SystemError) {
        guard raw >= 0 else { return }
        let fd = raw
        raw = -1
        // Linux closes the descriptor even when close(2) reports EINTR: never retry it.
        if Glibc.close(fd) != 0 && errno != EINTR { throw SystemError(operation: "close", path: path, code: errno) }
    }
}

/// Writes all of `bytes` to the raw descriptor `fd` at its current offset, retrying short writes and
/// EINTR (for descriptors owned elsewhere, e.g. by an archive writer).
/// - Throws: `SystemError` ("write"), e.g. ENOSPC.
package func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(SystemError) {
    var done = 0
    while done < bytes.count {
        let n = try Syscall.retrying("write", path: path) { write(fd, bytes.baseAddress! + done, bytes.count - done) }
        // write(2) returns 0 only for a zero-byte request; guard against a loop anyway.
        guard n > 0 else { throw SystemError(operation: "write", path: path, code: EIO) }
        done += n
    }
}
