import ArgumentParser
import Foundation
import SitesnapCore
import SitesnapSystem
import SnapshotStore

struct ListCommand: SitesnapCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the snapshots in a repository, oldest first.",
        discussion: """
            Reads the manifest copies beside the archives, so it is instant. STATUS is
            "ok"; "INCOMPLETE" for a snapshot written with warnings that left part of
            the site out; "TRUNCATED" when the archive's size is not the one recorded
            when it was written (cut short or replaced: run `sitesnap verify`); "?"
            without a readable manifest copy. Leftovers of killed backups (hidden
            partial archives and spools whose process is gone) are removed first.

            --site narrows the list to one site (its root folder or folder name); --tag
            to the snapshots holding all the comma-separated tags given, repeated: any of
            the lists (restic's --tag). A TAGS column is shown when a snapshot has tags.

            Examples:
              sitesnap list
              sitesnap list --site /var/www/blog --tag before-update
              sitesnap list --repo /srv/snapshots --json

            Exit status: 0 (an empty or missing repository lists nothing); 4 the
            repository is a file or cannot be read.
            """
    )

    @OptionGroup var repo: RepositoryOptions
    @Option(name: .customLong("site"), help: ArgumentHelp("Only the snapshots of this site (its root folder, or its folder's name).", valueName: "site"))
    var site: String?
    @Option(name: .customLong("tag"), help: ArgumentHelp("Only snapshots holding all these comma-separated tags; repeatable (any of the lists).", valueName: "tags"))
    var tags: [String] = []
    @Flag(help: "Print the list as JSON on stdout.")
    var json = false

    struct Item: Codable {
        var id: String
        var archive: String
        var site: String?
        var cms: String?
        var cmsVersion: String?
        var createdAt: String?
        var label: String?
        var tags: [String]
        var bytes: Int64
        var files: Int64?
        var tables: Int?
        /// ok, incomplete, truncated or unknown (Repository.Entry.Health).
        var status: Repository.Entry.Health
        /// Warnings that left part of the site out (nil without a manifest copy).
        var warnings: Int?
        enum CodingKeys: String, CodingKey {
            case id, archive, site, cms, label, tags, bytes, files, tables, status, warnings
            case cmsVersion = "cms_version"
            case createdAt = "created_at"
        }
    }

    /// A label shown in one table cell: control characters replaced, at most 40 characters.
    static func oneLine(_ s: String) -> String {
        let clean = String(s.unicodeScalars.map { $0.properties.generalCategory == .control ? "·" : Character($0) })
        return clean.count > 40 ? String(clean.prefix(39)) + "…" : clean
    }

    static func statusCell(_ i: Item) -> String {
        switch i.status {
        case .ok: return "ok"
        case .incomplete: return "INCOMPLETE (\(i.warnings ?? 0))"
        case .truncated: return "TRUNCATED"
        case .unknown: return "?"
        }
    }

    func execute() throws -> Outcome {
        let repository = Repository(explicit: repo.path)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: repository.path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw SitesnapError.repositoryNotWritable(path: repository.path, reason: "it is a file, not a snapshot folder")
            }
            guard access(repository.path, R_OK | X_OK) == 0 else {
                throw SitesnapError.snapshotUnreadable(path: repository.path, reason: "cannot list the folder: \(String(cString: strerror(errno)))")
            }
        }
        Output.reportRemovedStale(StaleWork.sweep(repository: repository.path))
        let filter = site.map(SiteFilter.init)
        let lists = tags.map(RetentionPolicy.tagList)
        let chosen = repository.list().filter { e in
            (filter?.matches(e) ?? true) && (lists.isEmpty || lists.contains { RetentionPolicy.has(e.tags, $0) })
        }
        let items = chosen.map { e in
            Item(id: e.id, archive: e.archivePath, site: e.manifest?.site.root, cms: e.manifest?.site.cmsName,
                 cmsVersion: e.manifest?.site.cmsVersion, createdAt: e.manifest?.createdAt, label: e.manifest?.label, tags: e.tags,
                 bytes: e.archiveBytes, files: e.manifest?.totals.files, tables: e.manifest?.totals.tables,
                 status: e.health, warnings: e.manifest?.incompleteWarnings.count)
        }
        if json { try Output.printJSON(items); return .ok }
        if items.isEmpty {
            print("no snapshots in \(repository.path)" + (site != nil || !tags.isEmpty ? " match --site/--tag" : ""))
            return .ok
        }
        let withTags = items.contains { !$0.tags.isEmpty }
        let header = ["ID", "SITE", "CMS", "CREATED (UTC)", "LABEL"] + (withTags ? ["TAGS"] : []) + ["SIZE", "FILES", "TABLES", "STATUS"]
        let rows = items.map { i in
            [i.id, i.site ?? "?", "\(i.cms ?? "?") \(i.cmsVersion ?? "")", i.createdAt ?? "(no manifest copy)", Self.oneLine(i.label ?? "")]
                + (withTags ? [Self.oneLine(i.tags.joined(separator: ","))] : [])
                + [Output.bytes(i.bytes), i.files.map { Output.count($0) } ?? "?", i.tables.map(String.init) ?? "?", Self.statusCell(i)]
        }
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        for r in [header] + rows {
            print(r.indices.map { r[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces))
        }
        return .ok
    }
}
