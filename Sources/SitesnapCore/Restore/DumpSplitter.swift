import Foundation
import SitesnapSystem
import SnapshotFormat

/// Spools one table dump from the archive to a file while finding its statement boundaries, so that
/// several connections can load one table: the first part runs everything up to and including the
/// `CREATE TABLE`; the `INSERT` statements after it are cut into parts of about `partBytes`, which may
/// run in any order and at the same time (each row carries its primary key; sitesnap writes no
/// statement that depends on another's order). Boundaries come from the same statement reader that
/// imports, so a part never starts inside a statement or a string.
enum DumpSplitter {
    /// A byte range of the spool file holding whole statements.
    struct Part: Equatable {
        var offset: Int64
        var length: Int64
        /// Number of the statement before the part's first (for error messages).
        var statementsBefore: Int
    }

    /// Copies `source` to a new file at `path` (mode 0600). Returns the parts (at least one) and the
    /// SHA-256 (hex) of all bytes copied. A dump that does not parse is one part (its import then
    /// fails naming the statement).
    /// - Throws: `SitesnapError.restoreSpoolWriteFailed` (spool), archive read errors.
    static func spool(_ source: ByteSource, to path: String, partBytes: Int64) throws -> (parts: [Part], sha256: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SitesnapError.restoreSpoolWriteFailed(path: path, reason: FileSystemErrors.errno(errno)) }
        defer { close(fd) }
        let tee = TeeSource(source, fd: fd, path: path)
        let reader = SQLStatementReader(source: tee)
        var parts: [Part] = []
        var start: Int64 = 0
        var before = 0
        var headDone = false
        do {
            while let s = try reader.next() {
                let end = reader.position
                if !headDone {
                    guard s.count >= 6, String(decoding: s.prefix(6), as: UTF8.self).uppercased() == "CREATE" else { continue }
                    headDone = true
                } else if end - start < partBytes {
                    continue
                }
                parts.append(Part(offset: start, length: end - start, statementsBefore: before))
                start = end
                before = reader.number
            }
        } catch let e as SitesnapError {
            if case .restoreSpoolWriteFailed = e { throw e }
            parts = []  // not a dump sitesnap wrote: one part, refused or failing at import
            start = 0
            before = 0
        }
        let sha = try reader.finishHash()
        if start < tee.written || parts.isEmpty {
            parts.append(Part(offset: start, length: tee.written - start, statementsBefore: before))
        }
        return (parts, sha)
    }

    /// Passes bytes through, writing each to the spool file.
    private final class TeeSource: ByteSource {
        let source: ByteSource
        let fd: Int32
        let path: String
        private(set) var written: Int64 = 0

        init(_ source: ByteSource, fd: Int32, path: String) {
            self.source = source
            self.fd = fd
            self.path = path
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let n = try source.read(into: buffer)
            do {
                try writeAll(fd, UnsafeRawBufferPointer(rebasing: buffer[0..<n]), path: path)
            } catch SitesnapError.archiveWriteFailed(_, let reason) {
                throw SitesnapError.restoreSpoolWriteFailed(path: path, reason: reason)
            }
            written += Int64(n)
            return n
        }
    }
}
