import ArchiveKit
import Foundation
import MariaDBKit
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// Restores a snapshot onto a staging folder and a staging database, never onto the source site.
///
/// Order: every check that needs no pass over the archive first (target folder and database are not
/// the source nor a system location (`SystemLocations`), the target can be put in place
/// (`TargetPlacement`), are empty or `force` — then confirmed, `confirmRemoval` — the config can be
/// rewritten) — nothing is written before they pass. Then killed restores' hidden folders beside the
/// target are removed and this one's lock taken (`ExtractionFolder`). Then one pass over the
/// archive, planned from the manifest copy beside it: each entry is checked against the manifest
/// before it is used and its SHA-256 as it streams (`ArchiveAudit`);
/// dumps are imported statement by statement, files are extracted (libarchive's secure flags) into a
/// hidden temporary folder beside the target; the archive's own manifest must equal the copy. A refused
/// archive or a signal leaves nothing (folder removed, this site's tables dropped, the database too if
/// the restore created it). The config is rewritten in the hidden folder,
/// then the URL change, the staging settings and a verification of every file and table; the folder is
/// renamed into place only then.
public enum RestoreRunner {
    /// - Parameter store: the repository `request.snapshot` is resolved in (the CLI builds it from `--repo`).
    /// - Parameter password: asked when no password file or defaults file gives one and a terminal is
    ///   there (the CLI prompts); nil means use the source site's password.
    /// - Throws: `SitesnapError` (unsafe target, not empty without force, config not rewritable, refused
    ///   entry, import failure with table and statement, database and I/O errors).
    public static func run(_ request: RestoreRequest, store snapshotStore: Repository, cancellation: Cancellation? = nil,
                           password: (() -> String?)? = nil) throws -> RestoreResult {
        let started = Date()
        let repo = snapshotStore
        StaleWork.sweep(repository: repo.path)  // killed backups' leftovers, never a live one's
        let snapshotPath = try repo.resolve(request.snapshot)
        // Planned from the manifest copy beside the archive when there is one (no extra pass over the
        // archive); the restore pass refuses the archive unless its own manifest.json is the same.
        let snapshot = try SnapshotReader(path: snapshotPath)
        let m = snapshot.manifest
        let store = try ProfileStore(userDirectories: request.profileDirectories)
        guard let profile = store.profiles.first(where: { $0.id == m.site.cms }) else {
            throw SitesnapError.invalidOption(option: request.snapshot, reason: "no CMS profile '\(m.site.cms)' (add one with --profiles)")
        }
        guard let stagingName = request.database.name, !stagingName.isEmpty else {
            throw SitesnapError.invalidOption(option: "--db-name", reason: "name the staging database")
        }
        // --- Never a system database or folder (`SystemLocations`), whatever the flags.
        if let why = SystemLocations.refusal(database: stagingName) {
            throw SitesnapError.unsafeTarget(what: "database \(stagingName)", reason: why)
        }

        // --- The target folder: never the source site, inside it or above it.
        guard !request.target.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SitesnapError.invalidOption(option: "--target", reason: "give the staging folder to create (it is empty)")
        }
        let target = Repository.resolveExisting(URL(fileURLWithPath: request.target).standardizedFileURL.path)
        if let why = SystemLocations.refusal(folder: request.target, resolved: target) {
            throw SitesnapError.unsafeTarget(what: "folder \(request.target)", reason: why + "; no flag overrides this")
        }
        for (what, folder) in [("the snapshot repository", repo.path), ("the folder of the archive", URL(fileURLWithPath: snapshotPath).deletingLastPathComponent().path),
                               ("the current folder", FileManager.default.currentDirectoryPath), ("your home folder", NSHomeDirectory())] {
            let f = Repository.resolveExisting(folder)
            let refuseAbove = what != "the current folder" && what != "your home folder"
            if target == f || (refuseAbove && f.hasPrefix(target + "/")) {
                throw SitesnapError.unsafeTarget(what: "folder \(target)", reason: "it is \(what)\(target == f ? "" : " or a folder above it"), which --force would wipe")
            }
        }
        let source = Repository.resolveExisting(m.site.root)
        if target == source || target.hasPrefix(source + "/") || source.hasPrefix(target + "/") || target == "/" {
            throw SitesnapError.unsafeTarget(what: "folder \(target)", reason: "it is the snapshot's source site \(source), or inside or above it")
        }
        var isDir: ObjCBool = false
        let targetExists = FileManager.default.fileExists(atPath: target, isDirectory: &isDir)
        if targetExists && !isDir.boolValue {
            throw SitesnapError.unsafeTarget(what: target, reason: "it is a file")
        }
        // A snapshot without files (--no-files) leaves the target folder as it is.
        let targetHasContent = m.files != nil && targetExists && !((try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []).isEmpty
        if targetHasContent && !request.force {
            throw SitesnapError.targetNotEmpty(what: "target folder \(target)", hint: "add --force to replace its content (never merged).")
        }
        // The hidden folder goes beside the target even without files (a --no-files snapshot): its
        // parent is checked either way, the target itself only when it is to be replaced.
        try TargetPlacement.check(target: target, exists: m.files != nil && targetExists)

        // --- The source config (from the snapshot) gives the connection defaults.
        let configRel = m.site.configFile.flatMap { f -> String? in f.hasPrefix(m.site.root + "/") ? String(f.dropFirst(m.site.root.count + 1)) : nil }
        if let f = m.site.configFile, configRel == nil {
            throw SitesnapError.unsafeTarget(what: "folder \(target)", reason: "the snapshot's config \(f) was outside the site root, so it is not in the snapshot; the restored copy would read whatever config sits near the target (for WordPress: the folder above), possibly production's. Move the config into the site root and take a new snapshot")
        }
        var configBytes: [UInt8]?
        var sourceTarget: DatabaseTarget?
        if let rel = configRel {
            configBytes = try readEntry(snapshot, "files/" + rel)
        }
        // Connection defaults come from the source site's config as it is on this machine, never from
        // the archive (an archive's config could name any user, e.g. root).
        if let live = m.site.configFile,
           let sc = try? SiteConfigReader.read(site: DetectedSite(root: m.site.root, profile: profile, version: nil), override: live) {
            sourceTarget = try? DatabaseTarget.resolve(config: sc, profile: profile, overrides: DatabaseOverrides())
        }
        var o = request.database
        if o.passwordFile == nil && o.defaultsFile == nil, let ask = password, let typed = ask() {
            o.password = typed
        }
        // Other CMSs' core tables: how another site sharing the staging database is recognised.
        let otherCoreTables = store.profiles.filter { $0.id != profile.id }.map { $0.database?.coreTables ?? [] }
        return try runResolved(request, snapshot, profile, otherCoreTables, target, source, targetExists, configRel, configBytes, sourceTarget, o, started, cancellation)
    }

    private static func runResolved(_ request: RestoreRequest, _ snapshot: SnapshotReader, _ profile: Profile, _ otherCoreTables: [[String]], _ target: String,
                                    _ source: String, _ targetExists: Bool, _ configRel: String?, _ configBytes: [UInt8]?,
                                    _ sourceTarget: DatabaseTarget?, _ overrides: DatabaseOverrides, _ started: Date,
                                    _ cancellation: Cancellation?) throws -> RestoreResult {
        let m = snapshot.manifest
        // --- The staging connection: the source's host/port/user unless given.
        var staging = try DatabaseTarget.resolve(config: nil, profile: profile, overrides: DatabaseOverrides(
            host: overrides.host, port: overrides.port, socket: overrides.socket, name: overrides.name,
            user: overrides.user ?? sourceTarget?.options.user,
            passwordFile: overrides.passwordFile, defaultsFile: overrides.defaultsFile, tablePrefix: nil, password: overrides.password))
        if overrides.host == nil && overrides.socket == nil && overrides.port == nil, let s = sourceTarget {
            if staging.options.host == nil && staging.options.socket == nil {
                staging.options.host = s.options.host
                staging.options.port = s.options.port
                staging.options.socket = s.options.socket
            }
        }
        if overrides.passwordFile == nil && overrides.defaultsFile == nil && overrides.password == nil && staging.options.password == nil {
            staging.options.password = sourceTarget?.options.password
        }
        staging.tablePrefix = sourceTarget?.tablePrefix ?? m.database?.tablePrefix ?? ""

        if staging.options.user == nil {
            throw SitesnapError.invalidOption(option: "--db-user", reason: "the source site's config (\(m.site.configFile ?? "none")) cannot be read here to take its user; name the staging database user")
        }
        if m.database?.tables.contains(where: { $0.name == "sitesnap_restore_incomplete" }) == true {
            throw SitesnapError.archiveEntryRefused(archive: snapshot.path, entry: "sitesnap_restore_incomplete", reason: "a table with sitesnap's own marker name")
        }
        let db = try StagingDatabase(target: staging)
        if let why = SystemLocations.refusal(database: db.name) {
            throw SitesnapError.unsafeTarget(what: "database \(db.name)", reason: why)
        }
        if let why = SystemLocations.refusal(folder: target, dataDirectory: try db.dataDirectory()) {
            throw SitesnapError.unsafeTarget(what: "folder \(target)", reason: why)
        }
        // --- Never the source database on the same server (also for a --no-db snapshot, whose
        // config would otherwise point the staging copy at it).
        if let sourceDB = m.database?.name ?? sourceTarget?.options.database, sourceDB == db.name {
            var sameServer = true
            if let s = sourceTarget, let sc = try? MariaDBConnection(s.options) {
                sameServer = (try? StagingDatabase.identity(sc)) == (try? StagingDatabase.identity(db.connection))
                sc.close()
            }
            if sameServer {
                throw SitesnapError.unsafeTarget(what: "database \(sourceDB)", reason: "it is the snapshot's source database on the same server")
            }
        }
        // Only this site's tables count (and go with --force): other sites may share the database
        // with another table prefix. A snapshot without a database writes no table.
        var ownership = StagingDatabase.Ownership(prefix: m.database?.tablePrefix ?? staging.tablePrefix,
                                                  names: Set(m.database?.tables.map(\.name) ?? []))
        // Another site whose prefix extends this one (`wp_shop_` beside `wp_`) is not this site's to drop;
        // a snapshot that holds tables of that prefix itself would overwrite it: refused.
        if m.database != nil, try db.exists() {
            let own = (profile.database?.coreTables ?? []).filter { ownership.names.contains(ownership.prefix + $0) }
            ownership.otherPrefixes = try db.otherSitePrefixes(prefix: ownership.prefix,
                                                               signatures: [own.isEmpty ? profile.database?.coreTables ?? [] : own] + otherCoreTables)
            for p in ownership.otherPrefixes {
                let clash = ownership.names.filter { $0.hasPrefix(p) }.sorted()
                if !clash.isEmpty {
                    throw SitesnapError.unsafeTarget(what: "staging database \(db.name)",
                                                     reason: "it holds another site's tables of prefix '\(p)', and the snapshot holds tables of that prefix too (\(clash.prefix(3).joined(separator: ", "))\(clash.count > 3 ? ", ..." : "")), which --force would replace with the snapshot's; restore into another database, or drop that site's '\(p)' tables first if they are this snapshot's own")
                }
            }
        }
        let existing = m.database == nil ? [] : try db.existingTables(ownership)
        if !existing.isEmpty && !request.force {
            throw SitesnapError.targetNotEmpty(what: "staging database \(db.name) (\(existing.count) tables of prefix '\(ownership.prefix)': \(existing.prefix(3).joined(separator: ", "))\(existing.count > 3 ? ", ..." : ""))",
                                               hint: "add --force to replace them (never merged; tables of other prefixes stay).")
        }

        // --- Config rewrite plan (before anything is written).
        var configEdits: [(Range<Int>, String, String)] = []
        if let rel = configRel, let bytes = configBytes {
            let rewriter = ConfigRewriter(spec: profile.config, file: "\(rel) in \(m.id)")
            // The files the config includes where they stand (settings.local.php), from the snapshot.
            var included: [String: [UInt8]] = [:]
            let folder = URL(fileURLWithPath: "/" + rel).deletingLastPathComponent().path.dropFirst()
            for name in profile.config.followIncludes ?? [] {
                if let b = try readEntry(snapshot, "files/" + (folder.isEmpty ? name : folder + "/" + name)) { included[name] = b }
            }
            configEdits = try rewriter.plan(bytes, included: included, .init(database: db.name, user: staging.options.user ?? "",
                                                          password: staging.options.password ?? "", host: staging.options.host,
                                                          port: staging.options.port, socket: staging.options.socket,
                                                          targetRoot: target, siteURL: request.url))
        }

        // The snapshot's URL, read once from its dump (for the check, the plan and the fallback below).
        let snapshotURL = request.url != nil || request.dryRun ? oldURL(snapshot: snapshot, profile: profile, prefix: staging.tablePrefix) : nil
        if let url = request.url, let o = snapshotURL,
           URLReplacer(old: o, new: url).old == URLReplacer(old: url, new: o).old {
            throw SitesnapError.invalidOption(option: "--url \(url)", reason: "it is the snapshot's own URL; give the staging copy's URL")
        }
        // A dry run checks every entry against the manifest (names, types, sizes, SHA-256); a restore
        // does the same in its one pass, before each entry is used (SHA-256: before it is kept).
        if request.dryRun {
            try ArchiveAudit.run(snapshot, cancellation: cancellation, progress: request.progress)
        }

        let files = m.files?.entries.filter { $0.type == "file" } ?? []
        var result = RestoreResult(snapshot: m.id, target: target, database: db.name, dryRun: request.dryRun,
                                   files: Int64(files.count), bytes: files.reduce(0) { $0 &+ ($1.size ?? 0) },
                                   tables: m.database?.tables.count ?? 0, rows: m.database?.tables.reduce(0) { $0 &+ $1.rows } ?? 0,
                                   configKeys: configEdits.map(\.2), configFile: configEdits.isEmpty ? nil : configRel.map { target + "/" + $0 },
                                   oldURL: snapshotURL, newURL: request.url, urlReplacements: [], staging: [], verification: nil, seconds: 0)
        result.databaseConnection = "\(staging.options.user ?? "?")@\(staging.displayLocation)"
        result.restored = (m.files != nil ? ["files"] : []) + (m.database != nil ? ["database"] : []) + (configEdits.isEmpty ? [] : ["config"])
        result.notRestored = PartialSnapshot.notRestored(m, configRel: configRel, configRewritten: !configEdits.isEmpty, target: target,
                                                         database: db.name, url: request.url)
        // What --force removes: shown by --dry-run, asked on a terminal, reported after.
        var removal = RestoreRemoval(database: db.name, tables: existing)
        if m.files != nil && targetExists && request.force {
            let (entries, bytes) = FolderTree.summary(target)
            if entries > 0 { (removal.folder, removal.folderEntries, removal.folderBytes) = (target, entries, bytes) }
        }
        result.removed = removal.isEmpty ? nil : removal
        if request.dryRun {
            result.staging = request.stagingSafety && m.database != nil ? (profile.database?.staging ?? []).map { $0.description ?? "\($0.key) = \($0.value ?? "")" } : []
            result.seconds = Date().timeIntervalSince(started)
            return result
        }
        if !removal.isEmpty, let confirm = request.confirmRemoval, !confirm(removal) {
            throw SitesnapError.restoreNotConfirmed(what: [removal.folder, removal.tables.isEmpty ? nil : "the tables of \(db.name)"].compactMap { $0 }.joined(separator: " and "))
        }
        try cancellation?.check()

        // --- Write: database and files in one pass. A marker table says "incomplete" until verified.
        // Killed restores' hidden folders beside the target go first; then this one's lock is taken.
        result.staleRemoved = try ExtractionFolder.removeStale(target: target)
        let folder = try ExtractionFolder(target: target)
        defer { folder.release() }
        let databaseExisted = try db.exists()
        var marked = false
        do {
            if m.database != nil {
                try db.prepare(emptying: request.force && !existing.isEmpty, ownership)
                try db.run {
                    try db.connection.execute("CREATE TABLE \(StagingDatabase.marker) (note VARCHAR(255)) ENGINE=InnoDB")
                    marked = true
                    try db.connection.execute("INSERT INTO \(StagingDatabase.marker) VALUES (\(SQLLiteral.quote("restore of \(m.id) started \(Date()); dropped when it completes")))")
                }
            }
            return try writeStaging(request, snapshot, profile, folder, targetExists, configRel, configBytes, configEdits, staging, db, result, started, cancellation)
        } catch let e as SitesnapError {
            switch e {
            case .archiveEntryRefused, .statementRefused, .snapshotUnreadable, .interrupted:
                // A tampered, foreign or damaged archive, or a signal: what the restore wrote goes (the
                // folder went with its temporary name), so the staging side is as it was, or without
                // this site's tables after --force. The database too, when this restore created it.
                if m.database != nil { try? db.discard(dropDatabase: !databaseExisted, ownership) }
                if case .snapshotUnreadable(let p, let r) = e {
                    throw SitesnapError.snapshotUnreadable(path: p, reason: r + "; nothing was restored (what the restore had written is removed)")
                }
                throw e
            default:
                if m.database == nil { throw e }
                // Before the marker table exists (the staging database could not be created or used,
                // e.g. access denied) nothing was imported: say nothing of an incomplete database, and
                // drop one this restore created.
                guard marked else {
                    if !databaseExisted { try? db.discard(dropDatabase: true, ownership) }
                    throw e
                }
                throw SitesnapError.restoreIncomplete(database: db.name, target: target, cause: e)
            }
        }
    }

    private static func writeStaging(_ request: RestoreRequest, _ snapshot: SnapshotReader, _ profile: Profile, _ folder: ExtractionFolder,
                                     _ targetExists: Bool, _ configRel: String?, _ configBytes: [UInt8]?,
                              _ configEdits: [(Range<Int>, String, String)], _ staging: DatabaseTarget, _ db: StagingDatabase,
                              _ initial: RestoreResult, _ started: Date, _ cancellation: Cancellation?) throws -> RestoreResult {
        let m = snapshot.manifest
        var result = initial
        let target = folder.target, temp = folder.path
        guard mkdir(temp, 0o700) == 0 else {
            throw SitesnapError.restoreWriteFailed(path: temp, reason: FileSystemErrors.errno(errno))
        }
        var placed = false
        // Removed with FolderTree: folders the archive made 0555 do not stop it (as they would rm -rf).
        defer { if !placed { try? FolderTree.remove(temp) } }
        var trustedCode: [(String, String)] = []
        defer { for (p, _) in trustedCode { unlink(p) } }
        var filesCheck: RestoreVerifier.FilesCheck?
        let checkFiles = { RestoreVerifier.FilesCheck(manifest: m, target: temp, configRel: configEdits.isEmpty ? nil : configRel,
                                                      readBack: request.readBack) }
        defer { _ = filesCheck?.wait() }  // never remove the folder under a running check
        let tableChecks = RestoreVerifier.TableChecks()
        let skipped = try extract(snapshot, into: temp, db: db, cancellation: cancellation, progress: request.progress,
                                  trustCode: request.trustCode, trustedCode: &trustedCode, tableChecks: tableChecks) {
            // Files are all written: their check overlaps the rest of the database import.
            filesCheck = checkFiles()
        }
        for entry in skipped where !request.trustCode {
            let object = m.database?.objects.first { $0.entry == entry }
            let what = object?.kind == "view" ? "views" : "routines and triggers"
            result.notRestored.append("\(what) (\(object?.name ?? "")): not run from an archive; review \(entry) in the snapshot, then load it by hand (tar -xOf \(snapshot.path) \(entry) | mariadb \(db.name)) or restore with --trust-code")
        }

        // Config rewrite inside the temporary tree, in place (mode and folder untouched).
        if let rel = configRel, let bytes = configBytes, !configEdits.isEmpty {
            try rewriteInPlace(temp + "/" + rel, ConfigRewriter.apply(configEdits, to: bytes))
        }
        try cancellation?.check()
        // --- URL and staging settings.
        var rewritten = Set<String>()
        let tables = m.database?.tables.map(\.name) ?? []
        if let url = request.url, m.database != nil {
            result.oldURL = try currentURL(db, profile: profile, prefix: staging.tablePrefix) ?? result.oldURL
            if let oldURL = result.oldURL {
                var writerOptions = staging.options
                writerOptions.database = db.name
                let writer = try db.run { try MariaDBConnection(writerOptions) }
                defer { writer.close() }
                result.urlReplacements = try db.run {
                    try SiteURLRewriter(connection: db.connection, writer: writer, replacer: URLReplacer(old: oldURL, new: url),
                                        progress: request.progress, cancellation: cancellation).run(tables: tables)
                }
                rewritten.formUnion(result.urlReplacements.filter { $0.rows > 0 }.map(\.table))
            }
        }
        if request.stagingSafety && m.database != nil {
            for s in profile.database?.staging ?? [] {
                let table = staging.tablePrefix + s.table
                guard tables.contains(table), let value = s.value else { continue }
                try db.run {
                    try db.connection.execute("UPDATE \(MariaDBConnection.quoteIdentifier(table)) SET \(MariaDBConnection.quoteIdentifier(s.valueColumn)) = \(SQLLiteral.quote(value)) WHERE \(MariaDBConnection.quoteIdentifier(s.keyColumn)) = \(SQLLiteral.quote(s.key))")
                }
                result.staging.append("\(s.description ?? "\(s.key) = \(value)") [\(table).\(s.key) = \(value)]")
                rewritten.insert(table)
            }
        }

        // Trusted views, routines and triggers last: after sitesnap's own updates, so no trigger fires on them.
        for (path, entry) in trustedCode {
            try db.importDump(try FileByteSource(path: path), table: entry, kind: .trusted, cancellation: cancellation)
        }

        // --- Verification.
        request.progress?("verifying every file and table against the manifest")
        let files = filesCheck ?? checkFiles()
        result.verification = try RestoreVerifier.verify(manifest: m, files: files, db: db, rewritten: rewritten,
                                                          alreadyChecked: tableChecks.all)
        // Into place only now, when everything is written and checked: a failure before this point
        // leaves no target (the temporary folder is removed). A snapshot without files leaves the
        // target as it was. The old content (with --force) is moved aside, then removed.
        if m.files != nil {
            try cancellation?.check()
            let old = folder.old
            if targetExists {
                guard rename(target, old) == 0 else { throw SitesnapError.restoreWriteFailed(path: target, reason: "cannot move the old content aside: " + FileSystemErrors.errno(errno)) }
            }
            guard rename(temp, target) == 0 else {
                let e = errno
                if targetExists { rename(old, target) }
                throw SitesnapError.restoreWriteFailed(path: target, reason: "cannot rename \(temp) into place: " + FileSystemErrors.errno(e))
            }
            placed = true
            if targetExists { try FolderTree.remove(old) }
        }

        if result.verification?.ok == true && m.database != nil {
            try db.run { try db.connection.execute("DROP TABLE IF EXISTS \(StagingDatabase.marker)") }
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    /// Writes `bytes` over the file at `path` in place, keeping its mode: a read-only file (Drupal's
    /// installer leaves settings.php 0444) is made writable by its owner for the write only.
    /// - Throws: `SitesnapError.restoreConfigWriteFailed`.
    private static func rewriteInPlace(_ path: String, _ bytes: [UInt8]) throws {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw SitesnapError.restoreConfigWriteFailed(file: path, reason: "the restored config is not a regular file")
        }
        let mode = st.st_mode & 0o7777
        let writable = mode & 0o200 != 0
        if !writable && chmod(path, mode | 0o200) != 0 {
            throw SitesnapError.restoreConfigWriteFailed(file: path, reason: FileSystemErrors.errno(errno))
        }
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw SitesnapError.restoreConfigWriteFailed(file: path, reason: FileSystemErrors.errno(errno)) }
        let ok = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) == $0.count }
        let e = errno
        if !writable { fchmod(fd, mode) }
        close(fd)
        if !ok { throw SitesnapError.restoreConfigWriteFailed(file: path, reason: FileSystemErrors.errno(e)) }
    }

    /// Imports database entries and extracts `files/` into `temp` (paths relative to it: the current
    /// folder is switched to it for libarchive's SECURE_NOABSOLUTEPATHS, then switched back).
    /// Returns the views and routines-and-triggers entries, which are not imported; with `trustCode`,
    /// also their spooled copies (path, entry) to import last.
    private static func extract(_ snapshot: SnapshotReader, into temp: String, db: StagingDatabase, cancellation: Cancellation?,
                                progress: (@Sendable (String) -> Void)?, trustCode: Bool = false,
                                trustedCode: inout [(String, String)], tableChecks: RestoreVerifier.TableChecks,
                                filesWritten: () -> Void) throws -> [String] {
        var count = 0
        var skippedObjects: [String] = []
        let m = snapshot.manifest
        let tablesByEntry = Dictionary((m.database?.tables ?? []).map { ($0.entry, $0.name) }, uniquingKeysWith: { a, _ in a })
        var audit = ArchiveAudit(manifest: m, archive: snapshot.path, copy: snapshot.manifestCopy)
        let ownersUnknown = m.files?.entries.contains { $0.uid == nil } ?? false
        // Dumps are spooled beside the temporary tree and imported by two connections meanwhile.
        let spoolDir = temp + ".spool"
        try? FileManager.default.removeItem(atPath: spoolDir)
        guard mkdir(spoolDir, 0o700) == 0 else { throw SitesnapError.restoreSpoolWriteFailed(path: spoolDir, reason: FileSystemErrors.errno(errno)) }
        defer { try? FileManager.default.removeItem(atPath: spoolDir) }
        var options = db.target
        options.options.database = db.name
        // Each table is checked (dumped again, hashed) by the worker that loaded it, right away: the
        // check overlaps the other imports, and sees the rows before --url or staging changes them.
        let manifestTables = Dictionary((m.database?.tables ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let serverLoadsData = try m.database != nil && db.serverAllowsLocalData()
        // No pool without a database (a --no-db snapshot: the database was not created).
        let pool = m.database == nil ? nil : try ImportPool(workers: 2, cancellation: cancellation,
                                  connect: { try StagingDatabase(target: options, selectDatabase: true, loadData: serverLoadsData) },
                                  tableLoaded: { db, name in
                                      guard let t = manifestTables[name] else { return }
                                      tableChecks.record(name, try RestoreVerifier.check(table: t, on: db))
                                  })
        var poolFinished = false
        defer { if !poolFinished { pool?.stop() } }
        let cwd = FileManager.default.currentDirectoryPath
        guard chdir(temp) == 0 else { throw SitesnapError.restoreWriteFailed(path: temp, reason: FileSystemErrors.errno(errno)) }
        defer { _ = chdir(cwd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        do {
            let reader = try ArchiveReader(path: snapshot.path)
            let disk = try DiskWriter()
            // Files are written and hashed on a second thread while this one decompresses.
            let checker = audit  // its checksums; entries are admitted on this thread
            var hasher = StreamingSHA256()
            let chunks = ChunkPool()
            let writer = BackgroundQueue<DiskOp>(name: "sitesnap-extract") { op in
                do {
                    try perform(op)
                } catch let e as ArchiveError {
                    // The disk writer's errors (the reader's are the archive's, below).
                    throw SitesnapError.restoreWriteFailed(path: temp, reason: "\(e.message) (\(e.context))")
                }
            }
            func perform(_ op: DiskOp) throws {
                switch op {
                case .header(let e):
                    hasher = StreamingSHA256()
                    try disk.writeHeader(e)
                case .data(let bytes, let count, let rel):
                    defer { chunks.recycle(bytes) }
                    try bytes.withUnsafeBytes { all in
                        let raw = UnsafeRawBufferPointer(rebasing: all[0..<count])
                        hasher.update(raw)
                        try disk.writeData(raw, path: rel)
                    }
                case .finish(let rel, let archivePath, let regular):
                    if regular { try checker.confirm(archivePath, sha: hasher.finalizeHex()) }
                    try disk.finishEntry(path: rel)
                case .close:
                    try disk.close()
                }
            }
            var writerDone = false
            defer { if !writerDone { writer.abandon() } }
            while let e = try reader.nextEntry() {
                try cancellation?.check()
                count += 1
                progress?("restoring: \(count) entries · \(RawName.display(e.path))")
                if e.path == "manifest.json" {
                    try audit.confirmManifest(reader)
                    continue
                }
                guard try audit.admit(e) else { continue }
                if e.path.hasPrefix("database/") {
                    let kind: DumpKind
                    if let t = tablesByEntry[e.path] { kind = .table(t) }
                    else if m.database?.objects.contains(where: { $0.entry == e.path && $0.kind == "view" }) == true { kind = .views }
                    else { kind = .routines }
                    if case .table = kind {
                        let spool = spoolDir + "/\(UUID().uuidString).sql"
                        // A large table: all its rows in one LOAD DATA (see `loadDataBytes`).
                        let loadRows = serverLoadsData && e.size >= loadDataBytes
                        let (parts, sha) = try DumpSplitter.spool(reader, to: spool, partBytes: loadRows ? .max : dumpPartBytes)
                        try audit.confirm(e.path, sha: sha)
                        try pool?.submit(table: tablesByEntry[e.path] ?? e.path, kind: kind, spool: spool, parts: parts, loadRows: loadRows)
                    } else {
                        // Views, routines and triggers are not run from an archive (listed instead): a
                        // view or a trigger can reach any database the restoring user can. With
                        // --trust-code they are spooled and imported at the very end.
                        if trustCode {
                            let spool = spoolDir + ".code-\(skippedObjects.count).sql"
                            trustedCode.append((spool, e.path))  // listed first: removed whatever happens next
                            try audit.confirm(e.path, sha: try DumpSplitter.spool(reader, to: spool, partBytes: .max).sha256)
                        }
                        skippedObjects.append(e.path)
                    }
                    continue
                }
                guard e.path == "files" || e.path.hasPrefix("files/") else { continue }
                let rel = e.path == "files" ? "" : String(e.path.dropFirst("files/".count))
                var entry = e
                entry.path = rel.isEmpty ? "." : rel
                if case .hardlink(let t) = e.kind {
                    // Admitted only to a regular file written earlier under files/ (EntryValidator):
                    // link(2) joins two names inside the staging tree.
                    entry.kind = .hardlink(target: String(t.dropFirst("files/".count)))
                }
                if ownersUnknown {
                    // A snapshot without owners in its manifest: the archive's header alone does not
                    // choose who owns the files (it matters only when restoring as root).
                    entry.uid = Int64(getuid())
                    entry.gid = Int64(getgid())
                }
                try writer.enqueue(.header(entry))
                var regular = false
                if case .regular = e.kind {
                    regular = true
                    while true {
                        // Decompressed straight into a pooled buffer, which the writer thread returns.
                        var chunk = chunks.buffer(size: 1 << 20)
                        let n = try chunk.withUnsafeMutableBytes { try reader.readData(into: $0) }
                        if n == 0 { chunks.recycle(chunk); break }
                        try writer.enqueue(.data(chunk, n, rel))
                    }
                }
                try writer.enqueue(.finish(rel: rel, archivePath: e.path, regular: regular))
            }
            try writer.enqueue(.close)
            writerDone = true
            try writer.finish()
            try audit.finish()
            // libarchive leaves the times of "." (the tree's root) alone: set them as archived.
            if let root = m.files?.entries.first(where: { $0.path.isEmpty && $0.type == "dir" }) {
                let t = timespec(tv_sec: Int(root.mtime), tv_nsec: Int(root.mtimeNs))
                var times = [t, t]
                _ = utimensat(AT_FDCWD, temp, &times, 0)
            }
            filesWritten()
            progress?("restoring: waiting for the database import")
            poolFinished = true
            try pool?.finish()
        } catch let e as ArchiveError {
            throw SitesnapError.snapshotUnreadable(path: snapshot.path, reason: "damaged archive: \(e.message) (\(e.context)); run `sitesnap verify`")
        } catch SitesnapError.archiveWriteFailed(let path, let reason) {
            throw SitesnapError.restoreWriteFailed(path: path, reason: reason)
        }
        return skippedObjects
    }

    /// Dump size from which a table's rows are loaded with one LOAD DATA on one connection, bytes.
    /// `LoadDataRows` halves the server's work per row, but InnoDB holds the table's AUTO-INC lock
    /// through a LOAD DATA (innodb_autoinc_lock_mode 1, the default), so parts of one table cannot load
    /// side by side, and one LOAD into the empty table is InnoDB's bulk load. Measured on 2 cores:
    /// wp_postmeta of 214 MB (2,000,000 rows) 12.9 s restored this way against 13.8-14.1 s as INSERT
    /// parts on two connections; at 21 MB (200,000 rows) the INSERT parts were faster (1.43-1.64 s
    /// against 1.56-2.09 s). Tests lower it.
    nonisolated(unsafe) static var loadDataBytes: Int64 = 64 << 20

    /// Size of the parts a large table's INSERTs are cut into, bytes (each part is loaded by whichever
    /// import connection is free). 8 MiB: a 2-connection import of 200,000 postmeta rows took 1.0-1.3 s
    /// on 2 cores with it. Tests lower it to make every statement a part.
    nonisolated(unsafe) static var dumpPartBytes: Int64 = 8 << 20

    /// What the extraction thread does, in order.
    private enum DiskOp {
        case header(ArchiveEntry)
        case data([UInt8], Int, String)
        case finish(rel: String, archivePath: String, regular: Bool)
        case close
    }

    /// The bytes of one (small) entry.
    static func readEntry(_ snapshot: SnapshotReader, _ entry: String) throws -> [UInt8]? {
        guard let record = snapshot.manifest.files?.entries.first(where: { "files/" + $0.path == entry }) else { return nil }
        // A hard link's bytes are those of the file it is another name of.
        let r = try snapshot.open(entry: record.type == "hardlink" ? "files/" + (record.target ?? "") : entry)
        var out: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while out.count < 4 << 20 {
            let n = try r.readData(into: buffer)
            if n == 0 { break }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return out
    }

    /// The site URL as the staging database holds it (profile `site_url_rows`).
    static func currentURL(_ db: StagingDatabase, profile: Profile, prefix: String) throws -> String? {
        for row in profile.database?.siteURLRows ?? [] {
            let q = "SELECT \(MariaDBConnection.quoteIdentifier(row.valueColumn)) FROM \(MariaDBConnection.quoteIdentifier(prefix + row.table)) WHERE \(MariaDBConnection.quoteIdentifier(row.keyColumn)) = \(SQLLiteral.quote(row.key))"
            if let v = try? db.connection.query(q).first?[0] ?? nil, !v.isEmpty { return v }
        }
        return nil
    }

    /// The site URL from the snapshot: the profile's URL rows in the dump, else the config's site URL.
    static func oldURL(snapshot: SnapshotReader, profile: Profile, prefix: String) -> String? {
        for row in profile.database?.siteURLRows ?? [] {
            guard let t = snapshot.manifest.database?.tables.first(where: { $0.name == prefix + row.table }),
                  let source = try? snapshot.open(entry: t.entry) else { continue }
            let reader = DumpRowReader(source: source, name: t.entry)
            guard (try? reader.open()) != nil, let k = reader.columns.firstIndex(of: row.keyColumn),
                  let v = reader.columns.firstIndex(of: row.valueColumn) else { continue }
            var values: [DumpValue] = []
            while (try? reader.nextRow(into: &values)) == true {
                if values[k].display == row.key, let url = values[v].display, !url.isEmpty { return url }
            }
        }
        return nil
    }
}
