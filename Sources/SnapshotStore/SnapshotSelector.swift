import Foundation
import SitesnapSystem

/// What a user typed where a SNAPSHOT is taken (verify, restore, diff-db, delete), and how it picks
/// one snapshot of a store. It sees a store only through `SnapshotStore` (`directKey`, `listIDs`,
/// `list`), so every store gets the same selection.
///
/// The forms, tried in this order:
/// 1. `latest`, `latest~N`: the newest snapshot of the site (`--site`, else the only site in the
///    store), or the N-th before it, by creation time (then id);
/// 2. what only the store understands (`directKey`: for the folder store, the path of an archive file);
/// 3. an exact id (from the ids alone: no manifest is read, `--site` is not consulted);
/// 4. a label given at backup (`--label`), among the snapshots of `--site` when given;
/// 5. a unique id prefix, among the snapshots of `--site` when given.
/// Several matches of 4 or 5 throw `snapshotAmbiguous` with every candidate (id, date, site, label).
package struct SnapshotSelector: Sendable, Equatable {
    package enum Form: Sendable, Equatable {
        /// `latest` (0) or `latest~N` (N).
        case latest(back: Int)
        /// An id, a label or an id prefix.
        case name(String)
    }

    /// As typed.
    package let text: String
    package let form: Form
    /// `--site`: narrows `latest`, labels and prefixes.
    package let site: SiteFilter?

    /// - Throws: `SitesnapError.snapshotSelectionFailed` for `latest~` without a whole number.
    package init(_ text: String, site: String? = nil) throws {
        self.text = text
        self.site = site.map(SiteFilter.init)
        if text == "latest" {
            form = .latest(back: 0)
        } else if text.hasPrefix("latest~") {
            guard let n = Int(text.dropFirst("latest~".count)), n >= 0 else {
                throw SitesnapError.snapshotSelectionFailed(reference: text, reason: "give latest~N with N a whole number (latest~1 is the one before the latest)")
            }
            form = .latest(back: n)
        } else {
            form = .name(text)
        }
    }

    /// The key (`SnapshotStore.source(_:)`) of the one snapshot this selects in `store`. Reads the
    /// manifest summaries (`list`) only for forms that need them (`latest`, labels, prefixes).
    /// - Throws: `SitesnapError.snapshotNotFound`, `.snapshotAmbiguous`, `.snapshotSelectionFailed`.
    package func resolve(in store: some SnapshotStore) throws -> String {
        if case .name = form, let key = store.directKey(text) { return key }
        if case .name(let name) = form, let exact = store.listIDs().first(where: { $0.id == name }) { return exact.key }
        return try choose(from: store.list(), location: store.location).archivePath
    }

    /// The snapshot this selects among `summaries` (oldest first, as `SnapshotStore.list` gives them).
    /// `location` names the store in messages.
    /// - Throws: `SitesnapError.snapshotNotFound`, `.snapshotAmbiguous`, `.snapshotSelectionFailed`.
    package func choose(from summaries: [SnapshotSummary], location: String) throws -> SnapshotSummary {
        let candidates = site.map { s in summaries.filter(s.matches) } ?? summaries
        switch form {
        case .latest(let back):
            return try latest(back: back, candidates: candidates, all: summaries)
        case .name(let name):
            if let exact = summaries.first(where: { $0.id == name }) { return exact }
            let labelled = candidates.filter { $0.manifest?.label == name }
            if labelled.count == 1 { return labelled[0] }
            if labelled.count > 1 { throw ambiguous(labelled) }
            let prefixed = candidates.filter { $0.id.hasPrefix(name) }
            if prefixed.count == 1 { return prefixed[0] }
            if prefixed.count > 1 { throw ambiguous(prefixed) }
            if let site, !summaries.filter({ $0.id.hasPrefix(name) || $0.manifest?.label == name }).isEmpty {
                throw SitesnapError.snapshotSelectionFailed(reference: text, reason: "no snapshot of site \(site.text) has that label or id prefix (snapshots of other sites do)")
            }
            throw SitesnapError.snapshotNotFound(reference: text, repository: location)
        }
    }

    private func latest(back: Int, candidates: [SnapshotSummary], all: [SnapshotSummary]) throws -> SnapshotSummary {
        let dated = candidates.filter { $0.manifest != nil }
        let sites = SiteFilter.sites(dated)
        if let site, sites.isEmpty {
            let known = SiteFilter.sites(all)
            throw SitesnapError.snapshotSelectionFailed(reference: text, reason: "no snapshot of site \(site.text)" + (known.isEmpty ? "" : "; sites: \(known.joined(separator: ", "))"))
        }
        guard !sites.isEmpty else {
            throw SitesnapError.snapshotSelectionFailed(reference: text, reason: "the repository holds no snapshot with a readable manifest copy")
        }
        guard sites.count == 1 else {
            throw SitesnapError.snapshotSelectionFailed(reference: text, reason: "the repository holds snapshots of \(sites.count) sites: \(sites.joined(separator: ", ")); choose one with --site")
        }
        guard back < dated.count else {
            throw SitesnapError.snapshotSelectionFailed(reference: text, reason: "site \(sites[0]) has \(dated.count == 1 ? "1 snapshot" : "\(dated.count) snapshots"), so latest~\(dated.count - 1) is the oldest")
        }
        return dated[dated.count - 1 - back]
    }

    private func ambiguous(_ matches: [SnapshotSummary]) -> SitesnapError {
        .snapshotAmbiguous(reference: text, candidates: matches.map(Self.describe))
    }

    /// One candidate as an ambiguity lists it: id, creation time, site, label.
    package static func describe(_ s: SnapshotSummary) -> String {
        [s.id, s.manifest?.createdAt ?? "(no manifest copy)", s.manifest?.site.root ?? "?", s.manifest?.label ?? ""]
            .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
}
