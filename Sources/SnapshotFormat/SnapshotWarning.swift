import Foundation

/// Something that did not stop the backup but that the operator should know.
public struct SnapshotWarning: Codable, Equatable, Sendable {
    /// "unreadable", "special-file", "changed-while-reading", "non-transactional", ...
    public var kind: String
    /// The file (relative to the site root) or table concerned.
    public var subject: String
    public var message: String

    /// Kinds that say something about the snapshot without anything being left out of it (a MyISAM
    /// table is in the dump, only outside the consistent transaction; see `noticeKinds`). Every other kind means data of
    /// the site is not in the snapshot: the snapshot is incomplete (exit status 5, marked by list and
    /// verify). Kept as a list of the harmless kinds so that a kind added later counts as incomplete.
    /// A table a prefix array names that does not exist, or one dropped since the previous snapshot,
    /// holds no data that could be missing; a table left out with --allow-missing-table was left out
    /// on the operator's word. Triggers hidden from a user without the TRIGGER privilege (WordPress's
    /// own recommended grants lack it) are code that a restore does not run unless --trust-code, and
    /// the tables' rows are all there: a notice, or nearly every such backup would be "incomplete".
    public static let noticeKinds: Set<String> = ["non-transactional", "missing-prefixed-table", "dropped-since-previous",
                                                  "allowed-missing-table", "triggers-hidden"]

    /// Whether this warning means some of the site is not in the snapshot.
    public var leavesDataOut: Bool { !Self.noticeKinds.contains(kind) }

    package init(kind: String, subject: String, message: String) {
        self.kind = kind
        self.subject = subject
        self.message = message
    }
}

extension Manifest {
    /// The warnings that mean some of the site is not in the snapshot (see `SnapshotWarning.leavesDataOut`).
    public var incompleteWarnings: [SnapshotWarning] { warnings.filter(\.leavesDataOut) }
}
