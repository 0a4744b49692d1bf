import ArchiveKit
import Foundation
import MariaDBKit
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// Everything a backup will do, decided before it writes anything: the site and its profile, the
/// config and the database to dump, the compression, the repository, the exclude rules and the
/// tables the snapshot must hold. `make` runs every check that can refuse a backup up front, so a
/// refused backup leaves no trace; `BackupRunner` then carries the plan out step by step.
struct BackupPlan {
    let request: BackupRequest
    /// When the backup started: the snapshot's id and `created_at`.
    let started: Date
    let site: DetectedSite
    /// The CMS config (nil when unreadable and not needed, e.g. `--no-db` or every setting given).
    let config: SiteConfig?
    /// The database to dump; nil with `--no-db`.
    let target: DatabaseTarget?
    let compression: ArchiveCompression
    /// The compression level recorded in the manifest (nil for `--compression none`).
    let level: Int?
    let repository: Repository
    /// The profile's exclude rules (unless `--no-default-excludes`), then the `--exclude` globs.
    let rules: [ExcludeRule]
    let excludes: ExcludeMatcher
    /// The tables the snapshot must hold besides the prefix's (empty with `--no-db`).
    let expectations: TableExpectations

    /// Entry times in the archive (the start of the backup, seconds).
    var mtime: Int64 { Int64(started.timeIntervalSince1970) }

    /// Checks the request against the site, its config, the database and the repository.
    ///
    /// Writes nothing, with one exception: the repository folder is created when it does not exist
    /// yet (`Repository.prepare`, the check that it is writable).
    /// - Throws: `SitesnapError`: `.invalidOption` (nothing to back up, compression options), the
    ///   site, profile and config errors, `DatabaseTarget.resolve`'s, the repository's
    ///   (`.repositoryInsideSite`, `.repositoryNotWritable`), database connection errors and
    ///   `.tablesNotVisible` (a table the snapshot must hold that the user cannot read).
    static func make(_ request: BackupRequest, store snapshotStore: Repository, started: Date = Date()) throws -> BackupPlan {
        guard request.includeFiles || request.includeDatabase else {
            throw SitesnapError.invalidOption(option: "--no-files --no-db", reason: "nothing left to back up")
        }
        let store = try ProfileStore(userDirectories: request.profileDirectories)
        let site = try SiteDetector.detect(root: request.siteRoot, profiles: store)
        var request = request
        request.database.configFile = try request.database.configFile(for: site)
        request.database.siteDir = nil
        let (config, target) = try databaseSettings(request, site: site)
        let (compression, level) = try request.archiveCompression()
        let repo = snapshotStore
        try repo.prepare(siteRoot: site.root)
        let rules = (request.noDefaultExcludes ? [] : site.profile.excludes.map(\.rule)) + request.excludes.map(ExcludeRule.option)
        var expectations = TableExpectations()
        if let target {
            expectations = TableExpectations.of(site: site, target: target, repository: repo,
                                                allowMissing: request.allowMissingTables)
            try probeTables(target: target, allTables: request.allTables, expectations: expectations)
        }
        return BackupPlan(request: request, started: started, site: site, config: config, target: target,
                          compression: compression, level: level, repository: repo, rules: rules,
                          excludes: ExcludeMatcher(rules), expectations: expectations)
    }

    /// The config and the database target. The config must parse when the database is dumped and a
    /// setting is not given as a flag (or `--config` names it); otherwise it is read for the
    /// manifest only, and a config that does not read is left out.
    private static func databaseSettings(_ request: BackupRequest, site: DetectedSite) throws -> (SiteConfig?, DatabaseTarget?) {
        guard request.includeDatabase else {
            return (try? SiteConfigReader.read(site: site, override: request.database.configFile), nil)
        }
        let config: SiteConfig?
        let needConfig = request.database.name == nil || request.database.user == nil
        if request.database.configFile != nil || needConfig {
            config = try SiteConfigReader.read(site: site, override: request.database.configFile)
        } else {
            config = try? SiteConfigReader.read(site: site)
        }
        return (config, try DatabaseTarget.resolve(config: config, profile: site.profile, overrides: request.database))
    }

    /// Connects and checks that every table the snapshot must hold is visible to the database user
    /// (`TableCompleteness`), so that a backup it would refuse is refused before anything is written.
    /// The dump checks again inside its transaction; what that check finds is what the manifest records.
    /// - Throws: the connection's `SitesnapError`s, `.tablesNotVisible`, `.databaseFailed`.
    private static func probeTables(target: DatabaseTarget, allTables: Bool, expectations: TableExpectations) throws {
        let connection = try target.connect()
        defer { connection.close() }
        do {
            let database = try connection.query("SELECT DATABASE()").first?[0].flatMap { $0 } ?? (target.options.database ?? "")
            let visible = try connection.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
                .compactMap { $0[0] }
            let selection = TableSelection(target: target, allTables: allTables, expectations: expectations)
            _ = try TableCompleteness.check(connection, visible: Set(visible), expected: expectations,
                                            selected: selection.contains, database: database)
        } catch let e as MariaDBError {
            throw DatabaseErrors.map(e, target: target)
        }
    }

    /// Warnings for folders the config names that the snapshot cannot hold (a config sync folder
    /// outside the project), none without files.
    var foldersOutsideSite: [SnapshotWarning] {
        guard request.includeFiles, let f = config?.file else { return [] }
        return SiteFolders.find(site: site, configFile: f).filter { !$0.insideSite }.map(SiteFolders.warning)
    }

    /// A warning for a config file the snapshot cannot hold (outside the site root), if any.
    var configOutsideSite: SnapshotWarning? {
        guard let f = config?.file, request.includeFiles, !(f + "/").hasPrefix(site.root + "/") || f == site.root else { return nil }
        return SnapshotWarning(kind: "outside-site-root", subject: f,
                               message: "the config file is outside the site root and is not in the snapshot; keep a copy of it")
    }
}
