import ArchiveKit
import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// Takes a snapshot: database first (one consistent transaction, table by table through a spool file),
/// then the file tree, then the manifest, into one pax tar archive written under a hidden temporary
/// name, fsynced and renamed into place only when complete (mode 0600).
///
/// On any failure or interruption the temporary file and the spool folder are removed, so no snapshot
/// appears; the site and its database are only read.
public enum BackupRunner {
    /// Runs a backup into `store` (the CLI builds it from `--repo`).
    /// - Throws: `SitesnapError` (bad site/config/options: before anything is written; database,
    ///   disk and interruption errors: after removing the partial archive).
    public static func run(_ request: BackupRequest, store snapshotStore: Repository, cancellation: Cancellation? = nil,
                           progress: @escaping (BackupProgress) -> Void = { _ in }) throws -> BackupResult {
        let started = Date()
        guard request.includeFiles || request.includeDatabase else {
            throw SitesnapError.invalidOption(option: "--no-files --no-db", reason: "nothing left to back up")
        }
        let store = try ProfileStore(userDirectories: request.profileDirectories)
        let site = try SiteDetector.detect(root: request.siteRoot, profiles: store)
        var config: SiteConfig?
        var target: DatabaseTarget?
        if request.includeDatabase {
            let needConfig = request.database.name == nil || request.database.user == nil
            if request.database.configFile != nil || needConfig {
                config = try SiteConfigReader.read(site: site, override: request.database.configFile)
            } else {
                config = try? SiteConfigReader.read(site: site)
            }
            target = try DatabaseTarget.resolve(config: config, profile: site.profile, overrides: request.database)
        } else {
            config = try? SiteConfigReader.read(site: site, override: request.database.configFile)
        }
        let (compression, level) = try request.archiveCompression()
        let repo = snapshotStore
        try repo.prepare(siteRoot: site.root)
        let removedStale = StaleWork.sweep(repository: repo.path)

        let id = try repo.reserveID(siteRoot: site.root, label: request.label, date: started, fileExtension: request.fileExtension)
        let copyPath = repo.path + "/" + id + ".manifest.json"
        var published = false
        defer { if !published { unlink(copyPath) } }
        let finalPath = repo.path + "/" + id + request.fileExtension
        let partialPath = repo.path + "/." + id + request.fileExtension + ".partial-\(getpid())"
        let fd = open(partialPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw SitesnapError.repositoryNotWritable(path: repo.path, reason: FileSystemErrors.errno(errno))
        }
        // Held until the process ends: how a later backup or `list` tells a partial of a killed backup
        // (lock free) from one being written (StaleWork).
        flock(fd, LOCK_EX | LOCK_NB)
        var spoolDir: String?
        let filesSpool = repo.path + "/.\(id).files-spool-\(getpid())"
        var succeeded = false
        defer {
            if !succeeded {
                unlink(partialPath)
                // Here, not only in FilePartsWriter's deinit: its last release can happen on the writer
                // thread after this thread has left the process (a failed backup left the spool).
                unlink(filesSpool)
                if let s = spoolDir { try? FileManager.default.removeItem(atPath: s) }
            }
        }
        do {
            defer { if !succeeded { close(fd) } }
            let now = Int64(started.timeIntervalSince1970)
            var warnings: [SnapshotWarning] = []
            let rules = (request.noDefaultExcludes ? [] : site.profile.excludes.map(\.rule)) + request.excludes.map(ExcludeRule.option)
            let excludes = ExcludeMatcher(rules)
            // Read-ahead of the files starts now: the disk works while the server dumps the tables.
            let prefetcher = request.includeFiles ? FilePrefetcher(root: site.root, excludes: excludes) : nil
            defer { prefetcher?.stop() }
            // Progress comes from two threads (tables, files): one at a time.
            let progressLock = NSLock()
            let report: (BackupProgress) -> Void = { p in
                progressLock.lock()
                progress(p)
                progressLock.unlock()
            }

            // --- The archive is written in parts, each its own compression stream (TarPartWriter):
            // the database part first, dumped on a thread of its own straight into the archive, while
            // the files are compressed into a spool part that is appended once the dump is complete
            // (FilePartsWriter); then the manifest part, which ends the archive.
            let gate = DatabaseGate()
            // The dump stops when the user interrupts, or when the file part failed.
            let dumpCancellation = Cancellation(probe: { cancellation?.stopReason })
            final class Box: @unchecked Sendable { var info: DatabaseDumpInfo? }
            let dumped = Box()
            var dumpJoined = true
            defer {
                if !dumpJoined {
                    dumpCancellation.cancel(reason: "stopped")
                    try? gate.wait()
                }
            }
            if let target {
                let dir = repo.path + "/.sitesnap-spool-\(getpid())-\(UUID().uuidString.prefix(8))"
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                spoolDir = dir
                let databasePart = PipelinedWriter(try TarPartWriter(fileDescriptor: fd, compression: compression, endOfArchive: false))
                let dumper = DatabaseDumper(target: target, allTables: request.allTables, spoolDirectory: dir,
                                            cancellation: dumpCancellation, progress: report,
                                            expectations: TableExpectations.of(site: site, target: target, repository: repo,
                                                                               allowMissing: request.allowMissingTables))
                dumpJoined = false
                Thread.detachNewThread {
                    do {
                        dumped.info = try dumper.run { entry, path, size in
                            try copy(file: path, size: size, into: databasePart, entry: entry, mtime: now)
                        }
                        try databasePart.close()
                        gate.finish(nil)
                    } catch {
                        databasePart.abandon()
                        gate.finish(error)
                    }
                }
            } else {
                gate.finish(nil)
            }
            if let f = config?.file, request.includeFiles, !(f + "/").hasPrefix(site.root + "/") || f == site.root {
                warnings.append(SnapshotWarning(kind: "outside-site-root", subject: f,
                                                message: "the config file is outside the site root and is not in the snapshot; keep a copy of it"))
            }
            var files: FilesInfo?
            var fileResult = FileArchiver.Result()
            if request.includeFiles {
                let filesPart = PipelinedWriter(try FilePartsWriter(archiveFD: fd, spoolPath: filesSpool,
                                                                    compression: compression, gate: gate))
                var closed = false
                defer { if !closed { filesPart.abandon() } }
                fileResult = try FileArchiver(root: site.root, excludes: excludes, writer: filesPart, prefetcher: prefetcher,
                                              cancellation: cancellation, progress: report).run()
                try filesPart.close()
                closed = true
                var counted = rules
                for (i, n) in fileResult.excluded.enumerated() where i < counted.count { counted[i].entries = n }
                files = FilesInfo(excludes: rules.map(\.glob), excludeRules: counted, entries: fileResult.records)
            }
            dumpJoined = true
            try gate.wait()
            if let s = spoolDir { try? FileManager.default.removeItem(atPath: s) }
            spoolDir = nil
            let database = dumped.info
            if let target, let database {
                var dbWarnings: [SnapshotWarning] = []
                for o in database.skippedObjects ?? [] {
                    dbWarnings.append(SnapshotWarning(kind: "unreadable", subject: o,
                                                      message: "its definition is hidden from this database user (another definer, or no SHOW VIEW privilege for a view): not in the snapshot"))
                }
                if database.tables.isEmpty {
                    dbWarnings.append(SnapshotWarning(kind: "no-tables", subject: target.options.database ?? "",
                                                      message: "no table starts with the table prefix '\(target.tablePrefix)': the snapshot holds no table data (check --table-prefix, or use --all-tables)"))
                }
                if let hidden = database.triggersHiddenTables {
                    dbWarnings.append(SnapshotWarning(kind: "triggers-hidden", subject: hidden.joined(separator: ", "),
                                                      message: "the database user lacks the TRIGGER privilege on \(hidden.count == 1 ? "this table" : "these \(hidden.count) tables"): the server hides their triggers from it, so any they have are not in the snapshot (GRANT TRIGGER on them to include them)"))
                }
                for t in database.absentPrefixedTables ?? [] {
                    // A prefix with a dot names another database (Drupal 7 sites/default/default.settings.php:
                    // "'users' => 'shared.'", "a reference to a schema/database as a prefix"): the table
                    // may well exist there, and this snapshot of one database does not hold it.
                    if let dot = t.lastIndex(of: ".") {
                        dbWarnings.append(SnapshotWarning(kind: "other-database-table", subject: t,
                                                          message: "the config's prefix array puts this table in database \(t[..<dot]), and a snapshot holds one database: not in the snapshot (back that database up too)"))
                        continue
                    }
                    dbWarnings.append(SnapshotWarning(kind: "missing-prefixed-table", subject: t,
                                                      message: "the config's prefix array names this table, but the database has none: check the prefix array"))
                }
                for t in database.allowedMissingTables ?? [] {
                    dbWarnings.append(SnapshotWarning(kind: "allowed-missing-table", subject: t,
                                                      message: "not in the snapshot: left out on purpose with --allow-missing-table"))
                }
                for t in database.droppedTables ?? [] {
                    dbWarnings.append(SnapshotWarning(kind: "dropped-since-previous", subject: t,
                                                      message: "the previous snapshot of this site had this table; it no longer exists (dropped since, e.g. by an extension's uninstall)"))
                }
                for t in database.nonTransactionalTables {
                    dbWarnings.append(SnapshotWarning(kind: "non-transactional", subject: t,
                                                      message: "engine without transactions: not covered by the consistent snapshot"))
                }
                warnings = dbWarnings + warnings
            }
            warnings += fileResult.warnings
            let leftOut = warnings.filter(\.leavesDataOut)
            if request.strict, let first = leftOut.first {
                throw SitesnapError.strictWarnings(count: leftOut.count, first: "\(first.kind): \(first.subject): \(first.message)")
            }
            let tables = database?.tables ?? []
            var manifest = Manifest(
                formatVersion: Manifest.formatVersion(for: files), tool: "sitesnap", toolVersion: SitesnapVersion.current,
                id: id, createdAt: Self.timestamp(started), label: request.label,
                site: SiteInfo(root: site.root, cms: site.profile.id, cmsName: site.profile.name, cmsVersion: site.version,
                               configFile: config?.file, tablePrefix: target?.tablePrefix ?? config?.text("table_prefix")),
                archive: ArchiveInfo(compression: request.compression.rawValue, level: level),
                database: database, files: files, extensions: ExtensionScanner.scan(site), warnings: warnings,
                totals: Totals(files: fileResult.files, directories: fileResult.directories, symlinks: fileResult.symlinks,
                               hardlinks: fileResult.hardlinks > 0 ? fileResult.hardlinks : nil, fileBytes: fileResult.bytes, tables: tables.count, rows: tables.reduce(0) { $0 + $1.rows },
                               databaseBytes: tables.reduce(0) { $0 + $1.bytes } + (database?.objects.reduce(0) { $0 + $1.bytes } ?? 0),
                               archiveBytes: 0))
            let manifestData = try manifest.encoded()
            let last = try TarPartWriter(fileDescriptor: fd, compression: compression, endOfArchive: true)
            try last.writeHeader(ArchiveEntry(path: "manifest.json", kind: .regular(size: Int64(manifestData.count)),
                                              mode: 0o600, mtimeSeconds: now))
            try manifestData.withUnsafeBytes { try last.writeData($0, path: "manifest.json") }
            try cancellation?.check()
            try last.close()
            // The compressor's last flush can take long (high levels): a signal during it still cancels.
            try cancellation?.check()
            guard fsync(fd) == 0 else { throw SitesnapError.archiveWriteFailed(path: finalPath, reason: FileSystemErrors.errno(errno)) }

            // Publish: the manifest copy first (so a listed archive always has one), then the archive.
            manifest.totals.archiveBytes = Int64((try? FileManager.default.attributesOfItem(atPath: partialPath)[.size] as? NSNumber)?.int64Value ?? 0)
            try writeAtomically(try manifest.encoded(), to: copyPath)
            guard rename(partialPath, finalPath) == 0 else {
                throw SitesnapError.archiveWriteFailed(path: finalPath, reason: FileSystemErrors.errno(errno))
            }
            succeeded = true
            published = true
            close(fd)  // only now: its lock marks the partial as being written until it is renamed
            syncDirectory(repo.path)
            return BackupResult(id: id, archive: finalPath, manifestCopy: copyPath, cms: site.profile.name,
                                cmsVersion: site.version, totals: manifest.totals, warnings: warnings,
                                complete: leftOut.isEmpty, removedStale: removedStale,
                                seconds: Date().timeIntervalSince(started))
        } catch let e as ArchiveError {
            let cause = e.code > 0 ? FileSystemErrors.errno(e.code) : e.message
            throw SitesnapError.archiveWriteFailed(path: finalPath, reason: "\(cause) (\(e.context))")
        } catch let e as CocoaError {
            throw SitesnapError.archiveWriteFailed(path: finalPath, reason: FileSystemErrors.reason(e))
        }
    }

    /// ISO 8601 UTC with milliseconds, e.g. "2026-11-29T17:53:21.123Z" (orders snapshots taken within
    /// one second).
    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    /// Streams a spool file into the archive as `entry`.
    static func copy(file: String, size: Int64, into writer: PipelinedWriter, entry: String, mtime: Int64) throws {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SitesnapError.archiveWriteFailed(path: file, reason: FileSystemErrors.errno(errno)) }
        defer { close(fd) }
        try writer.writeHeader(ArchiveEntry(path: entry, kind: .regular(size: size), mode: 0o600, mtimeSeconds: mtime))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var done: Int64 = 0
        while done < size {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SitesnapError.archiveWriteFailed(path: file, reason: "spool file ended early") }
            try writer.writeData(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), path: entry)
            done += Int64(n)
        }
    }

    /// Writes `data` to `path` through a temporary file, fsync and rename (mode 0600).
    static func writeAtomically(_ data: Data, to path: String) throws {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SitesnapError.archiveWriteFailed(path: path, reason: FileSystemErrors.errno(errno)) }
        let ok = data.withUnsafeBytes { raw -> Bool in
            var off = 0
            while off < raw.count {
                let n = write(fd, raw.baseAddress! + off, raw.count - off)
                if n <= 0 { return false }
                off += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            let reason = FileSystemErrors.errno(errno)
            unlink(tmp)
            throw SitesnapError.archiveWriteFailed(path: path, reason: reason)
        }
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

/// The tool's version, recorded in manifests and printed by `--version`.
public enum SitesnapVersion {
    public static let current = "0.1.0"
}
