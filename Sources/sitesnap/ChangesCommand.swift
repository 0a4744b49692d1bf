import ArgumentParser
import Foundation
import SitesnapCore
import SitesnapSystem
import SnapshotStore

struct ChangesCommand: SitesnapCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "What changed between two snapshots, or a snapshot and the live site: extensions, files, server directives, database.",
        discussion: """
            For a site that stopped working since its last good snapshot: the CMS version
            and extensions added, removed, upgraded and downgraded; the files added,
            removed and modified, grouped by what owns them (core, each extension's
            folder, other, uploads, caches), with modified core files called out; every
            .htaccess, web.config, .user.ini, php.ini and nginx snippet in the site
            compared directive by directive, proxy, rewrite-to-proxy, auth and
            auto_prepend_file lines called out; and diff-db's table summary.

            --live compares with the site as it is now without taking a snapshot: files
            are hashed as they are read, the database is read as diff-db --live does.

            Examples:
              sitesnap changes blog-20261129T100000Z blog-20261201T090000Z
              sitesnap changes blog-20261129T100000Z --live
              sitesnap changes latest --live --site /var/www/blog
              sitesnap changes blog-20261129T100000Z --live --no-db --files
              sitesnap changes before.tar.zst after.tar.zst --json | jq '.directives'

            Exit status (like diff): 0 no changes; 1 changes; 2 any error (a missing or
            damaged snapshot, snapshots of different sites without --force, a live site
            that is not there, a database error, a usage error).
            """
    )
    static let exitPolicy = ExitPolicy.diff

    @Argument(help: "BEFORE: a snapshot (id, id prefix, label, latest, latest~N, archive path).")
    var before: String
    @Argument(help: "AFTER: a snapshot, as BEFORE; omit with --live.")
    var after: String?
    @Flag(help: "Compare BEFORE with the site as it is now.")
    var live = false
    @Option(name: .customLong("site"), help: ArgumentHelp("With --live: the site root (default: BEFORE's site root); also narrows latest, labels and id prefixes to that site's snapshots.", valueName: "dir"))
    var siteRoot: String?
    @OptionGroup var repo: RepositoryOptions
    @Flag(help: "List every changed path (uploads and caches too).")
    var files = false
    @Flag(name: .customLong("no-db"), help: "Leave the database out.")
    var noDB = false
    @Flag(help: "Compare snapshots of different sites anyway.")
    var force = false
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var profiles: ProfileOptions
    @Flag(help: "Print the report as JSON on stdout.")
    var json = false

    func execute() throws -> Outcome {
        var request = ChangesRequest(before: before)
        request.after = after
        request.live = live
        request.liveSiteRoot = siteRoot
        request.repository = repo.path
        request.listAllFiles = files
        request.skipDatabase = noDB
        request.force = force
        request.database = database.overrides
        request.profileDirectories = profiles.all
        let report = try ChangesEngine.run(request, store: Repository(explicit: repo.path), cancellation: Signals.cancellation())
        if json { try Output.printJSON(report) } else { ChangesText.print(report, listAll: files) }
        return report.hasChanges ? .differences : .ok
    }
}
