import Foundation

/// Every failure sitesnap reports to a user. Each case names the file, table or option involved and
/// what to do; none carries a password. `category` says what kind of failure it is; the CLI maps that
/// to an exit status per command (Sources/sitesnap/ExitStatusMap.swift), the engine never does.
public enum SitesnapError: Error, Equatable, LocalizedError {
    case siteRootMissing(path: String)
    case notACMSRoot(path: String, profiles: [String])
    case configNotFound(site: String, cms: String, candidates: [String])
    case configUnreadable(file: String, reason: String)
    case configSyntax(file: String, line: Int, message: String)
    case configValueNotLiteral(file: String, key: String, expression: String, flag: String)
    case configValueMissing(file: String, key: String, flag: String)
    /// Several computed settings at once, each "KEY (expression): pass --flag".
    case configValuesNotLiteral(file: String, keys: [String])
    /// A setting whose value the profile lists as not supported (`$dbtype = 'pgsql'`).
    case configValueUnsupported(file: String, key: String, value: String, reason: String)
    case configLoadsAnotherFile(file: String, includes: [String], hint: String)
    case credentialFileUnreadable(option: String, path: String, reason: String)
    case databaseUnreachable(target: String, message: String)
    case databaseAccessDenied(user: String, target: String, message: String)
    case databaseFailed(context: String, message: String, code: UInt32)
    case repositoryInsideSite(repository: String, site: String)
    case repositoryNotWritable(path: String, reason: String)
    case archiveWriteFailed(path: String, reason: String)
    case interrupted(signal: String)
    case snapshotNotFound(reference: String, repository: String)
    /// `candidates`: one line per matching snapshot (id, creation time, site, label), listed after
    /// the error line (`details`).
    case snapshotAmbiguous(reference: String, candidates: [String])
    /// `latest`, `latest~N` or a label that selects nothing, or selects among several sites.
    case snapshotSelectionFailed(reference: String, reason: String)
    /// `delete` or `forget` may not remove the snapshot now: a restore holds it, or a backup writes it.
    case snapshotInUse(id: String, reason: String)
    case snapshotUnreadable(path: String, reason: String)
    case profileInvalid(file: String, reason: String)
    case invalidOption(option: String, reason: String)
    case configNotRewritable(file: String, keys: [String])
    case unsafeTarget(what: String, reason: String)
    case targetNotEmpty(what: String, hint: String)
    case importFailed(table: String, statement: Int, message: String)
    case archiveEntryRefused(archive: String, entry: String, reason: String)
    /// A dump statement of a shape sitesnap never writes (restore).
    case statementRefused(table: String, statement: Int, reason: String)
    /// Writing the restored files or spooled dumps failed (restore; disk full, permissions).
    case restoreWriteFailed(path: String, reason: String)
    /// Writing the staging settings into the restored config file failed (restore; disk full, permissions).
    case restoreConfigWriteFailed(file: String, reason: String)
    /// Creating or writing the spool the restore copies each dump into before importing it failed.
    case restoreSpoolWriteFailed(path: String, reason: String)
    /// Creating or writing the spool `diff-db --live` dumps the live tables into failed (under TMPDIR).
    case diffSpoolWriteFailed(path: String, reason: String)
    indirect case restoreIncomplete(database: String, target: String, cause: SitesnapError)
    case snapshotTooNew(path: String, version: Int, supported: Int)
    /// `backup --strict` found warnings: nothing was written.
    case strictWarnings(count: Int, first: String)
    /// Tables the snapshot must hold (core tables, prefix-array tables, the previous snapshot's) that
    /// the database user cannot read: MariaDB hides them from the table list (backup).
    case tablesNotVisible(database: String, user: String, tables: [String], reasons: [String])
    /// The user answered no to what `restore --force` would remove.
    case restoreNotConfirmed(what: String)

    public var errorDescription: String? {
        switch self {
        case .configValuesNotLiteral, .configValueUnsupported, .configNotRewritable: return configMessage
        case .siteRootMissing(let p):
            return "site root \(p) does not exist or is not a directory; pass the folder that holds the CMS."
        case .notACMSRoot(let p, let profiles):
            return "\(p) is not a WordPress, Joomla! or Drupal root (no marker files of the profiles \(profiles.joined(separator: ", ")) found); pass the folder that holds wp-load.php, configuration.php or core/lib/Drupal.php, or add a profile with --profiles DIR."
        case .configNotFound(let site, let cms, let candidates):
            return "\(cms) site \(site) has no config file (looked for \(candidates.joined(separator: ", "))); point at it with --config FILE."
        case .configUnreadable(let f, let r):
            return "cannot read config file \(f): \(r); fix its permissions or pass another with --config FILE."
        case .configSyntax(let f, let line, let m):
            return "cannot parse config file \(f) at line \(line): \(m)."
        case .configValueNotLiteral(let f, let key, let expr, let flag):
            return "\(key) in \(f) is computed by code (\(expr)), not a literal sitesnap can read; pass the value with \(flag)."
        case .configValueMissing(let f, let key, let flag):
            return "\(f) does not set \(key); pass the value with \(flag)."
        case .configLoadsAnotherFile(let f, let includes, let hint):
            return "\(f) takes its database settings from a file it loads (\(includes.joined(separator: "; "))), not from itself. \(hint)"
        case .credentialFileUnreadable(let option, let path, let r):
            return "cannot read \(option) \(path): \(r)."
        case .databaseUnreachable(let target, let m):
            return "cannot reach the database server at \(target): \(m). Check that it is running, or pass --db-host/--db-port/--db-socket."
        case .databaseAccessDenied(let user, let target, let m):
            return "the database server at \(target) refused user '\(user)': \(m). Check the password (--db-password-file or --defaults-file) and --db-user."
        case .databaseFailed(let context, let m, let code):
            return "database error while \(context): \(m) (error \(code))."
        case .repositoryInsideSite(let repo, let site):
            return "snapshot repository \(repo) is inside the site root \(site): snapshots would back up themselves. Choose another --repo (or SITESNAP_REPO)."
        case .repositoryNotWritable(let p, let r):
            return "snapshot repository \(p) is not writable: \(r). Choose another --repo (or SITESNAP_REPO)."
        case .archiveWriteFailed(let p, let r):
            return "writing snapshot \(p) failed: \(r). No snapshot was written; the partial file was removed."
        case .interrupted(let s):
            return "interrupted by \(s). Nothing half-written was left looking finished: a backup removes its partial snapshot, a restore its hidden folder and the tables (or the database) it created."
        case .snapshotNotFound(let ref, let repo):
            return "no snapshot '\(ref)' (not a file, and no id, label or id prefix in \(repo)); run `sitesnap list` to see ids."
        case .snapshotAmbiguous(let ref, let candidates):
            return "snapshot '\(ref)' is ambiguous: \(candidates.count) snapshots match (listed below); give a full id, more of it, or --site."
        case .snapshotSelectionFailed(let ref, let r):
            return "cannot select snapshot '\(ref)': \(r)."
        case .snapshotInUse(let id, let r):
            return "snapshot \(id) is not removed: \(r)."
        case .snapshotUnreadable(let p, let r):
            return "cannot read snapshot \(p): \(r)."
        case .profileInvalid(let f, let r):
            return "CMS profile \(f) is invalid: \(r)."
        case .invalidOption(let o, let r):
            return "\(o): \(r)."
        case .unsafeTarget(let what, let r):
            // Name the option to change: the database refusals are "database NAME", the rest folders.
            return "refusing to restore onto \(what): \(r). Nothing was written; choose another \(what.hasPrefix("database ") ? "--db-name" : "--target")."
        case .targetNotEmpty(let what, let hint):
            return "\(what) is not empty. Nothing was written; \(hint)"
        case .restoreIncomplete(let db, let target, let cause):
            return (cause.errorDescription ?? "\(cause)") + " The staging database \(db) is incomplete (it holds the table sitesnap_restore_incomplete) and \(target) was not created or replaced; drop the database or restore again with --force."
        case .strictWarnings(let n, let first):
            return "\(n == 1 ? "1 warning" : "\(n) warnings") under --strict (first: \(first)). No snapshot was written; make those paths readable to this user (or remove the special files) or leave them out with --exclude, then back up again."
        case .snapshotTooNew(let p, let v, let s):
            return "snapshot \(p) has format version \(v); this sitesnap reads up to \(s). Use a newer sitesnap."
        case .archiveEntryRefused(let a, let e, let r):
            return "snapshot \(a): entry '\(e)' is refused (\(r)); nothing was restored (what the restore had written is removed). The archive was not made by sitesnap, or was tampered with."
        case .statementRefused(let table, let n, let r):
            return "the dump of table \(table) is refused at statement \(n): \(r) (a sitesnap dump never holds it); nothing was restored (what the restore had written is removed). The archive was not made by sitesnap, or was tampered with."
        case .restoreWriteFailed(let p, let r):
            return "writing the restore into \(p) failed: \(r). The staging folder was not created or replaced; free space or fix permissions, then restore again."
        case .restoreConfigWriteFailed(let f, let r):
            return "writing the staging database settings into the restored config \(f) failed: \(r). The staging folder was not created or replaced; free space or fix permissions, then restore again."
        case .restoreSpoolWriteFailed(let p, let r):
            return "writing the restore's dump spool \(p) failed: \(r). Free space in the target's parent folder or fix its permissions, then restore again."
        case .diffSpoolWriteFailed(let p, let r):
            return "writing the spool of the live tables \(p) failed: \(r). Nothing was compared; point TMPDIR at a writable folder with free space."
        case .tablesNotVisible(let db, let user, let tables, let reasons):
            return Self.tablesNotVisibleMessage(database: db, user: user, tables: tables, reasons: reasons)
        case .restoreNotConfirmed(let what):
            return "restore not confirmed: \(what) kept. Nothing was written; answer y, or pass --yes to answer for scripts."
        case .importFailed(let table, let n, let m):
            return "importing table \(table) failed at statement \(n): \(m). The restore stopped; the staging database is incomplete."
        }
    }

    /// `.tablesNotVisible`'s message: the tables grouped by why the snapshot must hold them, and the
    /// GRANT that lets the user read them.
    private static func tablesNotVisibleMessage(database db: String, user: String, tables: [String], reasons: [String]) -> String {
        // "wp_a, wp_b (a WordPress core table)": tables grouped by why they must be there.
        var groups: [(String, [String])] = []
        for (t, r) in zip(tables, reasons) {
            if let i = groups.firstIndex(where: { $0.0 == r }) { groups[i].1.append(t) } else { groups.append((r, [t])) }
        }
        let named = groups.map { "\($0.1.joined(separator: ", ")) (\($0.0))" }.joined(separator: "; ")
        let q = { (s: String) in "`" + s.replacingOccurrences(of: "`", with: "``") + "`" }
        // What the dump reads: rows and SHOW CREATE TABLE (SELECT), the table's triggers (TRIGGER:
        // without it information_schema hides them). Not LOCK TABLES: the dump is one consistent-
        // snapshot transaction. Up to three tables: one GRANT each; more: the database-wide one.
        let grants = tables.count > 3 ? "GRANT SELECT, TRIGGER ON \(q(db)).* TO \(user);"
            : tables.map { "GRANT SELECT, TRIGGER ON \(q(db)).\(q($0)) TO \(user);" }.joined(separator: " ")
        return "database user \(user) cannot read \(tables.count == 1 ? "table" : "tables") \(named) of database \(db), so the snapshot would miss \(tables.count == 1 ? "it" : "them"). Let it read \(tables.count == 1 ? "it" : "them") (as an administrator: \(grants)), or pass --allow-missing-table NAME to back up without \(tables.count == 1 ? "it" : "them"). No snapshot was written."
    }

    /// Lines that follow the error's one line (indented by the CLI): the candidates of an ambiguous
    /// snapshot reference; empty for every other error.
    public var details: [String] {
        if case .snapshotAmbiguous(_, let candidates) = self { return candidates }
        return []
    }

    /// What kind of failure this is. The CLI turns it into each command's exit status
    /// (docs/commands.md, "Exit status"); the engine and the layers below only throw.
    public enum Category: Sendable, Equatable {
        /// The site, its config, an option, a snapshot reference or an archive's content is refused.
        case badInput
        /// The database server is unreachable, refuses, or a statement failed.
        case database
        /// The repository, an archive, a spool or the restored tree cannot be read or written.
        case io
        /// `backup --strict`: warnings left part of the site out, so nothing was written.
        case incomplete
        /// A signal (SIGINT, SIGTERM, SIGHUP) stopped the work; what was half-written is removed.
        case interrupted
    }

    public var category: Category {
        switch self {
        case .databaseUnreachable, .databaseAccessDenied, .databaseFailed, .importFailed, .tablesNotVisible: return .database
        case .repositoryNotWritable, .archiveWriteFailed, .snapshotUnreadable, .restoreWriteFailed,
             .restoreConfigWriteFailed, .restoreSpoolWriteFailed, .diffSpoolWriteFailed: return .io
        case .interrupted: return .interrupted
        case .strictWarnings: return .incomplete
        case .restoreIncomplete(_, _, let cause): return cause.category
        default: return .badInput
        }
    }
}

/// Turns Foundation and POSIX errors into short reasons ("permission denied").
package enum FileSystemErrors {
    package static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            default: break
            }
        }
        return ns.localizedDescription
    }

    package static func errno(_ code: Int32) -> String { String(cString: strerror(code)) }
}

extension SitesnapError {
    /// The messages of the config cases added for computed settings and rewrites.
    var configMessage: String? {
        switch self {
        case .configValuesNotLiteral(let f, let keys):
            return "\(keys.count) database settings in \(f) are computed by code, not literals sitesnap can read: \(keys.joined(separator: "; "))."
        case .configValueUnsupported(let f, let key, let value, let reason):
            return "\(key) in \(f) is '\(value)': \(reason)."
        case .configNotRewritable(let f, let keys):
            let computed = keys.contains { $0.contains("(computed by code") }
            return "cannot rewrite \(f) safely: \(keys.joined(separator: ", ")). Nothing was written; make these plain literal settings in the snapshot's config"
                + (computed ? ", or pass --rewrite-computed to replace the computed ones by the staging values as literals." : ".")
        default: return nil
        }
    }
}
