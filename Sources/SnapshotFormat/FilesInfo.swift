import Foundation

public struct FilesInfo: Codable, Equatable, Sendable {
    /// Exclude rules in force (profile defaults, then --exclude), each as one glob (`cache/*` for a
    /// folder's contents).
    public var excludes: [String]
    /// The same rules in full, with the entries each left out. Absent before format 2's sitesnap.
    public var excludeRules: [ExcludeRule]?
    /// Formats 1 and 2: every archived path under `files/`, in archive order. Empty in format 3,
    /// whose list is the streamed index `index` names (read it through `FileIndexReader`).
    public var entries: [FileRecord]
    /// Format 3: the per-file index.
    public var index: FileIndexInfo?

    public init(excludes: [String], excludeRules: [ExcludeRule]? = nil, entries: [FileRecord] = [], index: FileIndexInfo? = nil) {
        self.excludes = excludes
        self.excludeRules = excludeRules
        self.entries = entries
        self.index = index
    }

    enum CodingKeys: String, CodingKey {
        case excludes, entries, index
        case excludeRules = "exclude_rules"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        excludes = try c.decode([String].self, forKey: .excludes)
        excludeRules = try c.decodeIfPresent([ExcludeRule].self, forKey: .excludeRules)
        index = try c.decodeIfPresent(FileIndexInfo.self, forKey: .index)
        // Formats 1 and 2 must have the list; format 3 has the index instead.
        entries = index == nil ? try c.decode([FileRecord].self, forKey: .entries) : []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(excludes, forKey: .excludes)
        try c.encodeIfPresent(excludeRules, forKey: .excludeRules)
        try c.encodeIfPresent(index, forKey: .index)
        if index == nil { try c.encode(entries, forKey: .entries) }
    }
}
