import ArchiveKit
import SitesnapSystem
import SnapshotFormat

/// What `sitesnap backup` was asked to do.
public struct BackupRequest: Sendable {
    public enum Compression: String, Sendable, CaseIterable {
        case zstd, gzip, none
    }
    public var siteRoot: String
    /// `--repo`; nil means `$SITESNAP_REPO` or the default (see `Repository`).
    public var repository: String?
    public var label: String?
    /// `--tag`: kept in the manifest, listed and filtered by `list --tag`, kept by `forget --keep-tag`.
    public var tags: [String] = []
    /// Extra exclude globs (`--exclude`), added to the profile's.
    public var excludes: [String] = []
    /// `--no-default-excludes`: leave the profile's exclude rules out (only `excludes` apply).
    public var noDefaultExcludes = false
    public var includeFiles = true
    public var includeDatabase = true
    /// Dump every table of the database, not only those with the site's table prefix.
    public var allTables = false
    public var compression: Compression = .zstd
    /// Compression level: zstd 1...19 (default 3), gzip 1...9 (default 6).
    public var level: Int?
    /// zstd worker threads (libzstd through libarchive's "threads" option); 1 compresses in the
    /// calling thread. More threads are faster but each adds libzstd's job buffers to peak memory.
    public var threads = 1
    public var database = DatabaseOverrides()
    /// `--allow-missing-table NAME`: tables (full names) the backup may lack although the previous
    /// snapshot of the site had them or the profile lists them as core (e.g. a removed extension's).
    public var allowMissingTables: [String] = []
    /// Extra profile folders (`--profiles`).
    public var profileDirectories: [String] = []
    /// `--strict`: any warning that leaves part of the site out fails the backup (nothing written).
    public var strict = false

    public init(siteRoot: String) { self.siteRoot = siteRoot }

    var fileExtension: String {
        switch compression {
        case .zstd: return ".tar.zst"
        case .gzip: return ".tar.gz"
        case .none: return ".tar"
        }
    }

    /// - Throws: `SitesnapError.invalidOption` for a level out of range or nothing to back up.
    func archiveCompression() throws -> (ArchiveCompression, Int?) {
        guard (1...64).contains(threads) else {
            throw SitesnapError.invalidOption(option: "--threads \(threads)", reason: "use 1 to 64")
        }
        if threads > 1 && compression != .zstd {
            throw SitesnapError.invalidOption(option: "--threads \(threads)", reason: "only zstd compresses in several threads")
        }
        switch compression {
        case .zstd:
            let l = level ?? 3
            guard (1...19).contains(l) else { throw SitesnapError.invalidOption(option: "--level \(l)", reason: "zstd levels are 1 to 19") }
            return (.zstd(level: l, threads: threads), l)
        case .gzip:
            let l = level ?? 6
            guard (1...9).contains(l) else { throw SitesnapError.invalidOption(option: "--level \(l)", reason: "gzip levels are 1 to 9") }
            return (.gzip(level: l), l)
        case .none:
            if let l = level { throw SitesnapError.invalidOption(option: "--level \(l)", reason: "--compression none takes no level") }
            return (.none, nil)
        }
    }
}

/// What a finished backup reports (printed as text or `--json`).
public struct BackupResult: Codable, Sendable {
    public var id: String
    public var archive: String
    public var manifestCopy: String
    public var cms: String
    public var cmsVersion: String?
    public var totals: Totals
    public var warnings: [SnapshotWarning]
    /// False when a warning left part of the site out of the snapshot (exit status 5).
    public var complete: Bool
    /// Stale leftovers of killed backups removed from the repository before this one (names).
    public var removedStale: [String]
    /// Wall time of the backup, seconds.
    public var seconds: Double
    /// Database settings the config takes from the environment, each with where from
    /// (`host`: "from environment DB_HOST"); never a value.
    public var settingsFrom: [String: String] = [:]
    /// True when this backup was the first into a store that keeps archives unencrypted (a folder):
    /// the CLI then says once that the archives hold the site's secrets in plain text.
    public var unencryptedNotice = false

    enum CodingKeys: String, CodingKey {
        case id, archive, cms, totals, warnings, seconds, complete
        case settingsFrom = "settings_from"
        case removedStale = "removed_stale"
        case manifestCopy = "manifest_copy"
        case cmsVersion = "cms_version"
        case unencryptedNotice = "unencrypted_notice"
    }
}
