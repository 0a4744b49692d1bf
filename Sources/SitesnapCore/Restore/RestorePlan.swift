import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// Everything a restore will do, decided before anything is written: made by `make`, which does every
/// check that needs no pass over the archive (and, for `--dry-run`, the pass that checks every entry),
/// and writes nothing. The steps (`RestoreExecution`, `RestoreSteps`) carry it out.
///
/// Checks, in this order: the snapshot and its CMS profile; the staging database name is no system
/// database (`SystemLocations`); the target folder (`RestoreTarget`: not the source nor a system
/// location, placeable, empty or `force`); the config is in the snapshot (`ConfigPlan`); the staging
/// connection (`StagingConnection`) and database (`StagingDatabaseCheck`: not the source, no other
/// site's tables overwritten, empty or `force`); the config can be rewritten for it; `--url` is not
/// the snapshot's own.
struct RestorePlan {
    let request: RestoreRequest
    let cancellation: Cancellation?
    let started: Date
    let snapshot: SnapshotReader
    let profile: Profile
    let target: RestoreTarget
    let config: ConfigPlan
    /// The staging host mapped to the restored site folder of a multisite (`MultisiteMap`).
    let multisite: MultisiteMap
    /// The staging connection settings (with the table prefix the restored site uses).
    let staging: DatabaseTarget
    let database: StagingDatabaseCheck
    /// What the restore does (the dry run's answer); the steps fill in what they did.
    var result: RestoreResult
    /// The store's hold on the snapshot (`SnapshotStore.hold`): kept from before its manifest is
    /// read until the plan is dropped at the restore's end.
    let hold: any SnapshotHold

    var manifest: Manifest { snapshot.manifest }
    var db: StagingDatabase { database.db }
    var tuning: RestoreTuning { request.tuning }
    /// What `--force` removes (empty: nothing).
    var removal: RestoreRemoval { result.removed ?? RestoreRemoval(database: database.db.name) }

    /// - Parameter password: asked when no password file or defaults file gives one (the CLI prompts
    ///   on a terminal); nil means use the source site's password.
    /// - Throws: `SitesnapError` (unsafe target, not empty without force, config not rewritable,
    ///   refused entry with `--dry-run`, database and I/O errors).
    static func make(_ request: RestoreRequest, store snapshotStore: Repository, cancellation: Cancellation?,
                     password: (() -> String?)?) throws -> RestorePlan {
        let started = Date()
        let repo = snapshotStore
        StaleWork.sweep(repository: repo.path)  // killed backups' leftovers, never a live one's
        let snapshotPath = try repo.resolve(request.snapshot, site: request.site)
        // Held until the restore ends (the plan keeps it): `delete` and `forget` refuse it meanwhile.
        let hold = try repo.hold(snapshotPath)
        // Planned from the manifest copy beside the archive when there is one (no extra pass over the
        // archive); the restore pass refuses the archive unless its own manifest.json is the same.
        let snapshot = try SnapshotReader(path: snapshotPath)
        let m = snapshot.manifest
        let store = try ProfileStore(userDirectories: request.profileDirectories)
        guard let profile = store.profile(for: m.site) else {
            throw SitesnapError.invalidOption(option: request.snapshot, reason: "no CMS profile '\(m.site.cms)' (add one with --profiles)")
        }
        guard let stagingName = request.database.name, !stagingName.isEmpty else {
            throw SitesnapError.invalidOption(option: "--db-name", reason: "name the staging database")
        }
        // Never a system database or folder (`SystemLocations`), whatever the flags.
        if let why = SystemLocations.refusal(database: stagingName) {
            throw SitesnapError.unsafeTarget(what: "database \(stagingName)", reason: why)
        }
        let target = try RestoreTarget.check(request.target, force: request.force, manifest: m, repository: repo.path, archive: snapshotPath)
        // The file records the plan looks up (config, staging files, multisite map), from one read of
        // the file index (format 3 keeps no list in memory).
        let root = m.site.root + "/"
        try snapshot.prefetchRecords(StagingHygiene.paths(profile).union([m.site.configFile, profile.multisite?.file].compactMap { f in
            f.map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : $0 }
        }))
        var config = try ConfigPlan.locate(snapshot, target: target.path)
        let source = StagingConnection.source(manifest: m, profile: profile, envFile: request.database.envFile)
        var overrides = request.database
        if overrides.passwordFile == nil && overrides.defaultsFile == nil, let ask = password, let typed = ask() {
            overrides.password = typed
        }
        let staging = try StagingConnection.resolve(overrides, source: source, manifest: m, profile: profile)
        // Other CMSs' core tables: how another site sharing the staging database is recognised.
        let otherCoreTables = store.profiles.filter { $0.id != profile.id }.map { $0.database?.coreTables ?? [] }
        let database = try StagingDatabaseCheck.run(staging, manifest: m, archive: snapshot.path, profile: profile, otherCoreTables: otherCoreTables,
                                                    source: source, target: target.path, force: request.force)
        // The snapshot's URL, read once (for the check, the dry run and the fallback of the URL step).
        let oldURL = try SiteURLChange.plannedOldURL(request, snapshot: snapshot, profile: profile, prefix: staging.tablePrefix, config: config)
        try config.plan(snapshot, profile: profile, settings: .init(database: database.db.name, user: staging.options.user ?? "",
                                                                    password: staging.options.password ?? "", host: staging.options.host,
                                                                    port: staging.options.port, socket: staging.options.socket,
                                                                    targetRoot: target.path, siteURL: request.url, oldURL: oldURL,
                                                                    keepTLS: staging.options.tls != nil),
                        rewriteComputed: request.rewriteComputed)
        if request.stagingSafety {
            try config.planStaging(profile)
            if m.files != nil { try StagingHygiene.checkFiles(profile, snapshot.fileRecord) }
        }
        let multisite = try MultisiteMap.plan(snapshot, profile: profile, configRel: config.rel, url: request.url)
        // A dry run checks every entry against the manifest (names, types, sizes, SHA-256); a restore
        // does the same in its one pass, before each entry is used (SHA-256: before it is kept).
        if request.dryRun {
            try ArchiveAudit.run(snapshot, cancellation: cancellation, progress: request.progress)
        }
        var plan = RestorePlan(request: request, cancellation: cancellation, started: started, snapshot: snapshot, profile: profile,
                               target: target, config: config, multisite: multisite, staging: staging, database: database,
                               result: RestoreResult(snapshot: m.id, target: target.path, database: database.db.name, dryRun: request.dryRun,
                                                     files: 0, bytes: 0, tables: 0, rows: 0, configKeys: [], configFile: nil, oldURL: oldURL,
                                                     newURL: request.url, urlReplacements: [], staging: [], verification: nil, seconds: 0),
                               hold: hold)
        plan.describe()
        return plan
    }

    /// Fills in `result` with what the restore will write and remove.
    private mutating func describe() {
        let m = manifest, path = target.path, name = database.db.name
        result.files = m.files == nil ? 0 : m.totals.files
        result.bytes = m.files == nil ? 0 : m.totals.fileBytes
        result.tables = m.database?.tables.count ?? 0
        result.rows = m.database?.tables.reduce(0) { $0 &+ $1.rows } ?? 0
        result.configKeys = config.edits.map(\.2)
        result.configKept = config.kept
        result.configNotes = config.notes
        result.notes = multisite.notes
        result.configFile = config.rewritten ? config.rel.map { path + "/" + $0 } : nil
        result.databaseConnection = "\(staging.options.user ?? "?")@\(staging.displayLocation)"
        result.restored = (m.files != nil ? ["files"] : []) + (m.database != nil ? ["database"] : []) + (config.rewritten ? ["config"] : [])
        result.notRestored = PartialSnapshot.notRestored(m, configRel: config.rel, configInSnapshot: config.bytes != nil,
                                                         configRewritten: config.rewritten, target: path,
                                                         database: name, url: request.url)
        // What --force removes: shown by --dry-run, asked on a terminal, reported after.
        var removal = RestoreRemoval(database: name, tables: database.existing)
        if m.files != nil && target.exists && request.force {
            let (entries, bytes) = FolderTree.summary(path)
            if entries > 0 { (removal.folder, removal.folderEntries, removal.folderBytes) = (path, entries, bytes) }
        }
        result.removed = removal.isEmpty ? nil : removal
        if request.stagingSafety { result.staging = config.staging + (m.files != nil ? ((try? StagingHygiene.fileLines(profile, snapshot.fileRecord)) ?? []) : []) }
    }

    /// The answer of `--dry-run`: the plan's result with the URL replacements (counted on the dumps)
    /// and the staging settings it would apply.
    /// - Throws: `SitesnapError` when a table dump cannot be read for the `--url` counts.
    func dryRunResult() throws -> RestoreResult {
        var r = result
        let urls = try SiteURLDryRun.counts(self)
        (r.urlReplacements, r.urlNotUpdated) = (urls.replacements, urls.notUpdated)
        r.staging += StagingSettings.described(self)
        r.seconds = Date().timeIntervalSince(started)
        return r
    }

    /// Asks before `--force` removes anything (`RestoreRequest.confirmRemoval`).
    /// - Throws: `SitesnapError.restoreNotConfirmed` when the answer is no; `.interrupted`.
    func confirm() throws {
        let removal = removal
        if !removal.isEmpty, let confirm = request.confirmRemoval, !confirm(removal) {
            throw SitesnapError.restoreNotConfirmed(what: [removal.folder, removal.tables.isEmpty ? nil : "the tables of \(db.name)"].compactMap { $0 }.joined(separator: " and "))
        }
        try cancellation?.check()
    }
}
