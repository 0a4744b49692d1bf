import Foundation
import MariaDBKit
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The `--url` step: the site URL the staging tables hold (profile `site_url_rows`) is replaced by
/// the new one in every text column of the restored tables (`SiteURLRewriter`), after the import and
/// its table checks, before the staging settings.
enum SiteURLChange {
    /// Runs the step when the request gives a URL and the snapshot has a database; returns the tables
    /// it changed rows of, and sets `result.oldURL` (the database's own, else the planned one) and
    /// `result.urlReplacements`.
    static func run(_ plan: RestorePlan, _ result: inout RestoreResult) throws -> Set<String> {
        guard let url = plan.request.url, plan.manifest.database != nil else { return [] }
        let db = plan.db
        result.oldURL = try plan.request.oldURL ?? currentURL(db, profile: plan.profile, prefix: plan.staging.tablePrefix) ?? result.oldURL
        guard let oldURL = result.oldURL else { return [] }
        var writerOptions = plan.staging.options
        writerOptions.database = db.name
        let writer = try db.run { try MariaDBConnection(writerOptions) }
        defer { writer.close() }
        let tables = plan.manifest.database?.tables.map(\.name) ?? []
        let replacer = URLReplacer(old: oldURL, new: url, more: plan.request.replacements.map { ($0.old, $0.new) })
        let outcome = try db.run {
            try SiteURLRewriter(connection: db.connection, writer: writer, replacer: replacer, skipColumns: plan.request.skipColumns,
                                tablePrefix: plan.staging.tablePrefix, progress: plan.request.progress, cancellation: plan.cancellation).run(tables: tables)
        }
        result.urlReplacements = outcome.replacements
        result.urlNotUpdated = outcome.notUpdated
        return Set(result.urlReplacements.filter { $0.rows > 0 }.map(\.table))
    }

    /// The snapshot's site URL, decided before anything is written: `--old-url`, else the profile's
    /// URL rows in the dump (WordPress `home`), else the config's site URL setting (Joomla
    /// `$live_site`, Drupal `$base_url`), when it is a literal. Read when `--url` or `--dry-run` is given.
    /// - Throws: `SitesnapError.invalidOption` when `--url` is given for a snapshot with a database and
    ///   nothing names the old URL (Drupal 8+ keeps none, Joomla's `$live_site` is usually empty), or
    ///   when the old URL is the new one.
    static func plannedOldURL(_ request: RestoreRequest, snapshot: SnapshotReader, profile: Profile, prefix: String,
                              config: ConfigPlan) throws -> String? {
        guard request.url != nil || request.dryRun else { return nil }
        let found = request.oldURL ?? snapshotURL(snapshot, profile: profile, prefix: prefix) ?? config.siteURL(profile.config)
        guard let url = request.url else { return found }
        guard let old = found else {
            guard snapshot.manifest.database != nil else { return nil }
            let setting = profile.config.siteURL.map { " (its \($0.displayName) is empty or not set)" } ?? ""
            throw SitesnapError.invalidOption(option: "--url \(url)", reason: "the snapshot names no site URL to replace\(setting); give the production site's URL with --old-url URL")
        }
        if sameSite(old, url) {
            let option = request.oldURL.map { "--old-url \($0)" } ?? "--url \(url)"
            let reason = request.oldURL == nil ? "it is the snapshot's own URL (\(old)); give the staging copy's URL"
                : "it is the URL given to --url; give the production site's URL with --old-url and the staging copy's with --url"
            throw SitesnapError.invalidOption(option: option, reason: reason)
        }
        try checkSkippedURLRows(request, profile: profile, prefix: prefix, hasDatabase: snapshot.manifest.database != nil)
        return old
    }

    /// True when two site URLs name the same site: scheme and host compared without case (RFC 3986
    /// 3.1 and 3.2.2: both are case-insensitive), the path as it is, trailing slashes ignored. So
    /// `https://www.blog.example.com/` is production's `https://www.Blog.example.com`.
    static func sameSite(_ a: String, _ b: String) -> Bool {
        normalized(a) == normalized(b)
    }

    /// `scheme://authority` lowercased, the path kept, without trailing slashes.
    static func normalized(_ url: String) -> String {
        let u = URLReplacer.strip(url)
        guard let r = u.range(of: "://") else { return u.lowercased() }
        let rest = u[r.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        return u[..<r.upperBound].lowercased() + rest[..<authorityEnd].lowercased() + rest[authorityEnd...]
    }

    /// `--skip-column` may not match the column of a profile site URL row (WordPress
    /// `wp_options.option_value`, `home`/`siteurl`): those rows would keep production's URL while the
    /// output reports the change, and the staging site would redirect to production. Refused rather
    /// than writing those rows by key anyway: the glob asks for the column to be left alone, and a
    /// restore that quietly writes part of it regardless does what it was told not to; a narrower glob
    /// says what the user meant.
    /// - Throws: `SitesnapError.invalidOption` naming the glob and the rows.
    static func checkSkippedURLRows(_ request: RestoreRequest, profile: Profile, prefix: String, hasDatabase: Bool) throws {
        guard request.url != nil, hasDatabase, !request.skipColumns.isEmpty else { return }
        let rows = profile.database?.siteURLRows ?? []
        for glob in request.skipColumns {
            let filter = SiteURLRewriter.ColumnFilter(skipColumns: [glob], tablePrefix: prefix)
            let hit = rows.filter { filter.skipped(prefix + $0.table, $0.valueColumn) }
            guard let first = hit.first else { continue }
            let same = hit.filter { $0.table == first.table && $0.valueColumn == first.valueColumn }
            let named = "\(prefix)\(first.table).\(first.valueColumn) (\(same.map(\.key).joined(separator: ", ")))"
            throw SitesnapError.invalidOption(option: "--skip-column \(glob)", reason: "it matches the site URL rows \(named), which would keep production's URL and make the staging site redirect there; give a narrower glob that leaves \(prefix)\(first.table).\(first.valueColumn) out")
        }
    }

    /// The site URL as the staging database holds it (profile `site_url_rows`).
    static func currentURL(_ db: StagingDatabase, profile: Profile, prefix: String) throws -> String? {
        for row in profile.database?.siteURLRows ?? [] {
            let q = "SELECT \(MariaDBConnection.quoteIdentifier(row.valueColumn)) FROM \(MariaDBConnection.quoteIdentifier(prefix + row.table)) WHERE \(MariaDBConnection.quoteIdentifier(row.keyColumn)) = \(SQLLiteral.quote(row.key))"
            if let v = try? db.connection.query(q).first?[0] ?? nil, !v.isEmpty { return v }
        }
        return nil
    }

    /// The site URL from the snapshot: the profile's URL rows in the dump (read without importing it).
    static func snapshotURL(_ snapshot: SnapshotReader, profile: Profile, prefix: String) -> String? {
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
