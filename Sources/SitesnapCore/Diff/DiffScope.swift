import Foundation
import SiteKnowledge
import SitesnapSystem

/// Which tables a diff compares (`--table`, `--ignore-table`), which of them the profile calls noise,
/// and the profile's rules for each table's rows. Table globs match the full name or the name without
/// the table prefix.
struct DiffScope {
    let request: DiffRequest
    let prefix: String
    let profile: Profile?

    /// `name` without the site's table prefix.
    func bare(_ name: String) -> String { name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name }

    private func matches(_ glob: String, _ name: String) -> Bool {
        fnmatch(glob, name, 0) == 0 || fnmatch(glob, bare(name), 0) == 0
    }

    /// Whether table `name` is compared.
    func selected(_ name: String) -> Bool {
        (request.tables.isEmpty || request.tables.contains { matches($0, name) }) && !request.ignoreTables.contains { matches($0, name) }
    }

    /// Whether the profile calls table `name`'s changes noise.
    func isNoise(_ name: String) -> Bool {
        (profile?.database?.noiseTables ?? []).contains { fnmatch($0, bare(name), 0) == 0 }
    }

    /// The profile's natural key and noise rows of table `name`.
    func rules(_ name: String) -> TableRules {
        var r = TableRules()
        r.naturalKey = profile?.database?.naturalKeys?[bare(name)]
        r.noiseRows = (profile?.database?.noiseRows ?? []).filter { $0.table == bare(name) }.map { ($0.column, $0.prefixes) }
        r.noiseColumns = (profile?.database?.noiseColumns ?? []).filter { $0.table == bare(name) }.map { NoiseColumns.Spec(columns: $0.columns, where: $0.where ?? [:], keys: $0.keys) }
        r.includeNoise = request.includeNoise
        return r
    }

    /// - Throws: `SitesnapError.invalidOption` for a `--table` glob that matches no table of either side.
    func checkTableGlobs(against names: Set<String>) throws {
        for g in request.tables where !names.contains(where: { matches(g, $0) }) {
            throw SitesnapError.invalidOption(option: "--table \(g)", reason: "matches no table of either side (names are like \(names.sorted().prefix(3).joined(separator: ", ")))")
        }
    }
}
