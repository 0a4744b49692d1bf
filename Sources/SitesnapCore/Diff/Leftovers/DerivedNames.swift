import Crypto
import Foundation
import SiteKnowledge

/// Table names of a profile's `derived_tables` rule, for one match's groups.
enum DerivedNames {
    static func tables(_ d: LeftoverSpec.DerivedTables, groups: [String]) -> [String] {
        func fill(_ template: String, hash: String) -> String {
            var s = template.replacingOccurrences(of: "{hash}", with: hash)
            for (i, g) in groups.enumerated().reversed() where i > 0 { s = s.replacingOccurrences(of: "{\(i)}", with: g) }
            return s
        }
        let plain = d.tables.map { fill($0, hash: "") }
        guard let max = d.maxLength, let hashed = d.hashedTables else { return plain }
        // DefaultTableMapping::generateFieldTableName(): sha256 of "<entity type>-<field name>", 10 digits.
        let digest = SHA256.hash(data: Array(groups.dropFirst().joined(separator: "-").utf8))
        let hash = String(digest.map { String(format: "%02x", $0) }.joined().prefix(10))
        return zip(plain, hashed).map { $0.count > max ? fill($1, hash: hash) : $0 }
    }
}
