import Foundation

public struct FilesInfo: Codable, Equatable, Sendable {
    /// Exclude rules in force (profile defaults, then --exclude), each as one glob (`cache/*` for a
    /// folder's contents).
    public var excludes: [String]
    /// The same rules in full, with the entries each left out. Absent before format 2's sitesnap.
    public var excludeRules: [ExcludeRule]?
    /// Every archived path under `files/`, in archive order.
    public var entries: [FileRecord]

    public init(excludes: [String], excludeRules: [ExcludeRule]? = nil, entries: [FileRecord]) {
        self.excludes = excludes
        self.excludeRules = excludeRules
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey {
        case excludes, entries
        case excludeRules = "exclude_rules"
    }
}
