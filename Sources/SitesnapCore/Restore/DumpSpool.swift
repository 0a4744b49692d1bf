import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// The database entries of the restore's pass over the archive. Each table dump is copied to a spool
/// file in one lex (`DumpSplitter`) that checks every statement against the statement policy
/// (`DumpKind`) and cuts the dump into parts; the dump has passed when no statement was refused and
/// its SHA-256 is the manifest's. The dumps wait on disk until every database entry the manifest
/// lists has passed, and only then go to the import connections (`release(to:)`): a forged statement
/// in any dump is refused before a single table is imported. The archive holds its dumps before its
/// files, so the import still overlaps the extraction of the files.
///
/// Views, routines and triggers are not run from an archive (listed instead: a view or a trigger can
/// reach any database the restoring user can); with `--trust-code` they are spooled beside the
/// folder and imported at the very end (`trustedCode`).
final class DumpSpool {
    /// A table dump that passed, waiting for the import.
    private struct Table {
        var name: String
        var spool: String
        var parts: [DumpSplitter.Part]
        var loadRows: Bool
    }

    /// The folder of the table spools (removed by `remove()`).
    let folder: String
    /// Spooled views, routines and triggers to import last (`--trust-code`): (spool file, entry).
    private(set) var trustedCode: [(path: String, entry: String)] = []
    /// The views and routines-and-triggers entries that are not imported (all of them without `--trust-code`).
    private(set) var leftOut: [String] = []
    private var waiting: [Table] = []
    /// Database entries the manifest lists that have not passed yet.
    private var pending: Set<String>
    private let tables: [String: String]
    private let tuning: RestoreTuning
    /// Whether the staging server takes LOAD DATA LOCAL (`LoadDataRows`).
    let serverLoadsData: Bool
    private let trustCode: Bool

    /// Creates `folder` (mode 0700).
    /// - Throws: `SitesnapError.restoreWriteFailed` when the folder cannot be made.
    init(folder: String, manifest m: Manifest, tuning: RestoreTuning, serverLoadsData: Bool, trustCode: Bool) throws {
        self.folder = folder
        self.tuning = tuning
        self.serverLoadsData = serverLoadsData
        self.trustCode = trustCode
        tables = Dictionary((m.database?.tables ?? []).map { ($0.entry, $0.name) }, uniquingKeysWith: { a, _ in a })
        pending = Set((m.database?.tables.map(\.entry) ?? []) + (m.database?.objects.map(\.entry) ?? []))
        try? FileManager.default.removeItem(atPath: folder)
        guard mkdir(folder, 0o700) == 0 else { throw SitesnapError.restoreSpoolWriteFailed(path: folder, reason: FileSystemErrors.errno(errno)) }
    }

    /// Whether every database entry of the manifest has passed (then the import may start).
    var allPassed: Bool { pending.isEmpty }

    /// Takes one admitted `database/` entry from `reader`: spools and checks a table dump (or, with
    /// `--trust-code`, a views or routines dump), else notes it left out.
    /// - Throws: `SitesnapError.archiveEntryRefused` (SHA-256), `.statementRefused`, the reader's
    ///   error for a dump that does not lex, `.restoreSpoolWriteFailed` (spool).
    func take(_ e: ArchiveEntry, from reader: ByteSource, audit: ArchiveAudit) throws {
        if let table = tables[e.path] {
            let spool = folder + "/\(UUID().uuidString).sql"
            // A large table: all its rows in one LOAD DATA (`RestoreTuning.loadDataBytes`).
            let loadRows = serverLoadsData && e.size >= tuning.loadDataBytes
            let s = try DumpSplitter.spool(reader, to: spool, partBytes: loadRows ? .max : tuning.dumpPartBytes,
                                           policy: (.table(table), table))
            try audit.confirm(e.path, sha: s.sha256)
            if let refusal = s.refusal { throw refusal }
            waiting.append(Table(name: table, spool: spool, parts: s.parts, loadRows: loadRows))
        } else {
            if trustCode {
                let spool = folder + ".code-\(leftOut.count).sql"
                trustedCode.append((spool, e.path))  // listed first: removed whatever happens next
                let s = try DumpSplitter.spool(reader, to: spool, partBytes: .max)
                try audit.confirm(e.path, sha: s.sha256)
                if let refusal = s.refusal { throw refusal }
            }
            leftOut.append(e.path)
        }
        pending.remove(e.path)
    }

    /// Hands the dumps that passed to `pool` (in archive order), once every one has.
    /// - Throws: an import worker's earlier error.
    func release(to pool: ImportPool?) throws {
        guard allPassed, let pool else { return }
        let ready = waiting
        waiting = []
        for t in ready {
            try pool.submit(table: t.name, kind: .table(t.name), spool: t.spool, parts: t.parts, loadRows: t.loadRows)
        }
    }

    /// Removes the table spools (those the import has not removed yet).
    func removeFolder() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Removes the spooled trusted code (after its import, or on failure).
    func removeTrustedCode() {
        for (p, _) in trustedCode { unlink(p) }
    }
}
