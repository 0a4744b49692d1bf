import Foundation
import SitesnapSystem
import SnapshotFormat

/// Spools one table dump from the archive to a file while finding its statement boundaries, so that
/// several connections can load one table: the first part runs everything up to and including the
/// `CREATE TABLE`; the `INSERT` statements after it are cut into parts of about `partBytes`, which may
/// run in any order and at the same time (each row carries its primary key; sitesnap writes no
/// statement that depends on another's order). Boundaries come from the same statement reader that
/// imports, so a part never starts inside a statement or a string; the statement policy (`DumpKind`)
/// runs in the same lex, so a forged statement is found while the archive is read, before any import.
enum DumpSplitter {
    /// A byte range of the spool file holding whole statements.
    struct Part: Equatable {
        var offset: Int64
        var length: Int64
        /// Number of the statement before the part's first (for error messages).
        var statementsBefore: Int
    }

    /// A spooled dump: its parts, the SHA-256 of its bytes, and why it may not be imported (nil: it may).
    struct Spooled {
        var parts: [Part]
        /// SHA-256 (hex) of all bytes copied, for `ArchiveAudit.confirm`.
        var sha256: String
        /// The first statement `policy` refuses (`SitesnapError.statementRefused`), or the reader's
        /// error for a dump that does not lex (an unterminated quote, an oversized statement). The
        /// caller throws it after it checked the SHA-256, so a damaged entry is named as damaged.
        var refusal: SitesnapError?
    }

    /// Copies `source` to a new file at `path` (mode 0600), lexing it once: each statement is checked
    /// with `policy` as it is read (the check that the import repeats on what it runs), and part
    /// boundaries are noted. After a refused statement the rest is only copied and hashed.
    /// - Parameter policy: the dump's kind and the table named in a refusal; nil: no statement checked
    ///   (views, routines and triggers the operator trusts).
    /// - Throws: `SitesnapError.restoreSpoolWriteFailed` (spool), archive read errors.
    static func spool(_ source: ByteSource, to path: String, partBytes: Int64,
                      policy: (kind: DumpKind, table: String)? = nil) throws -> Spooled {
        let file: FileDescriptor
        do { file = try FileDescriptor(opening: path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600) }
        catch { throw SitesnapError.restoreSpoolWriteFailed(path: path, reason: error.reason) }
        let tee = TeeSource(source, file: file)
        let reader = SQLStatementReader(source: tee)
        var parts: [Part] = []
        var start: Int64 = 0
        var before = 0
        var headDone = false
        var refusal: SitesnapError?
        do {
            while let s = try reader.next() {
                if let p = policy, case .refuse(let why) = p.kind.verdict(s) {
                    refusal = .statementRefused(table: p.table, statement: reader.number, reason: why)
                    break
                }
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
            refusal = e  // not a dump sitesnap wrote: never imported
        }
        let sha = try reader.finishHash()
        if refusal != nil {
            parts = []
            start = 0
            before = 0
        }
        if start < tee.written || parts.isEmpty {
            parts.append(Part(offset: start, length: tee.written - start, statementsBefore: before))
        }
        return Spooled(parts: parts, sha256: sha, refusal: refusal)
    }

    /// Passes bytes through, writing each to the spool file.
    private final class TeeSource: ByteSource {
        let source: ByteSource
        let file: FileDescriptor
        private(set) var written: Int64 = 0

        init(_ source: ByteSource, file: FileDescriptor) {
            self.source = source
            self.file = file
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let n = try source.read(into: buffer)
            do { try file.writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
            catch { throw SitesnapError.restoreSpoolWriteFailed(path: file.path, reason: error.reason) }
            written += Int64(n)
            return n
        }
    }
}
