import Foundation
import MariaDBKit
import SitesnapSystem
import SnapshotFormat

/// The staging-settings step (profile `staging`, e.g. WordPress's "discourage search engines"): each
/// setting row the restored tables hold is set to the profile's value, after the URL change.
enum StagingSettings {
    /// What the dry run says it would set.
    static func described(_ plan: RestorePlan) -> [String] {
        guard plan.request.stagingSafety && plan.manifest.database != nil else { return [] }
        return (plan.profile.database?.staging ?? []).map { $0.description ?? "\($0.key) = \($0.value ?? "")" }
    }

    /// Applies the settings (unless `--no-staging-safety`); appends each to `result.staging` and
    /// returns the tables it changed.
    static func apply(_ plan: RestorePlan, _ result: inout RestoreResult) throws -> Set<String> {
        guard plan.request.stagingSafety && plan.manifest.database != nil else { return [] }
        let tables = Set(plan.manifest.database?.tables.map(\.name) ?? [])
        var changed = Set<String>()
        for s in plan.profile.database?.staging ?? [] {
            let table = plan.staging.tablePrefix + s.table
            guard tables.contains(table), let value = s.value else { continue }
            try plan.db.run {
                try plan.db.connection.execute("UPDATE \(MariaDBConnection.quoteIdentifier(table)) SET \(MariaDBConnection.quoteIdentifier(s.valueColumn)) = \(SQLLiteral.quote(value)) WHERE \(MariaDBConnection.quoteIdentifier(s.keyColumn)) = \(SQLLiteral.quote(s.key))")
            }
            result.staging.append("\(s.description ?? "\(s.key) = \(value)") [\(table).\(s.key) = \(value)]")
            changed.insert(table)
        }
        return changed
    }
}
