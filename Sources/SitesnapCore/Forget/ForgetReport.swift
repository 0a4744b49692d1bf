import SitesnapSystem
import SnapshotStore

/// What `forget` or `delete` kept and removed, and why (printed as text or `--json`).
public struct ForgetReport: Encodable, Sendable {
    /// One snapshot in the report.
    public struct Item: Encodable, Sendable {
        public var id: String
        public var createdAt: String?
        public var site: String?
        public var label: String?
        public var tags: [String]
        /// Why it is kept: each rule that keeps it ("daily snapshot", "has tags a,b", "in use: ...").
        public var reasons: [String]

        init(_ s: SnapshotSummary, reasons: [String] = []) {
            id = s.id
            createdAt = s.manifest?.createdAt
            site = s.manifest?.site.root
            label = s.manifest?.label
            tags = s.tags
            self.reasons = reasons
        }

        enum CodingKeys: String, CodingKey {
            case id, site, label, tags, reasons
            case createdAt = "created_at"
        }
    }

    /// The snapshots of one site: the policy is applied to each site on its own.
    public struct Group: Encodable, Sendable {
        public var site: String
        public var kept: [Item]
        /// Removed (with `--dry-run`: to be removed).
        public var removed: [Item]
    }

    /// The policy as restic words it ("keep 3 daily, 2 monthly snapshots"); nil for `delete`.
    public var policy: String?
    public var dryRun: Bool
    public var groups: [Group]
    /// Snapshots without a readable manifest copy (no site, no time): never judged by a policy.
    public var leftAlone: [String] = []
    /// Snapshots the policy or `delete` would remove that a restore holds: not removed this time.
    public var inUse: [String] = []
    /// The error of each snapshot in `inUse`, for the CLI to report.
    public var refusals: [SitesnapError] = []

    enum CodingKeys: String, CodingKey {
        case policy, groups
        case dryRun = "dry_run"
        case leftAlone = "left_alone"
        case inUse = "in_use"
    }
}
