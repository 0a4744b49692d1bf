import ArgumentParser
import SitesnapCore

struct InspectCommand: SitesnapCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what sitesnap detects in a site: CMS, version, config, database settings, extensions.",
        discussion: """
            Reads files only; does not connect to the database. The password is never
            shown, only whether one is set. Lists the directives of the site's .htaccess,
            web.config, .user.ini, php.ini and nginx files that proxy, route or
            authenticate requests or prepend PHP code.

            Examples:
              sitesnap inspect /var/www/blog
              sitesnap inspect /var/www/drupal --json

            Exit status: 0 a CMS was detected (config problems are listed); 2 not a CMS
            root.
            """
    )

    @Argument(help: "The site root.")
    var siteRoot: String
    @Option(name: .customLong("site-dir"), help: ArgumentHelp("Multisite: the site folder whose config is read (Drupal sites/NAME/settings.php); needed when sites/sites.php maps several.", valueName: "name"))
    var siteDir: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var profiles: ProfileOptions
    @Flag(help: "Print the report as JSON on stdout.")
    var json = false

    func execute() throws -> Outcome {
        var overrides = database.overrides
        overrides.siteDir = siteDir
        let r = try SiteInspector.inspect(root: siteRoot, overrides: overrides, profileDirectories: profiles.all)
        if json { try Output.printJSON(r); return .ok }
        print("site       \(r.root)")
        print("cms        \(r.cmsName) \(r.version ?? "(version unknown)")")
        if let d = r.docroot { print("docroot    \(d)/ (the site root is the project around it)") }
        print("config     \(r.configFile ?? "(none found)")")
        for d in r.siteDirs {
            print("site dir   \(d.name)\(d.hosts.isEmpty ? "" : " (" + d.hosts.joined(separator: ", ") + ")")\(d.configExists ? "" : ": no config")")
        }
        for f in r.folders {
            print("folder     \(f.path) (\(f.name)\(f.insideSite ? "" : ", outside the site root: not in a snapshot"))")
        }
        if let d = r.database { printDatabase(d) }
        print("extensions \(r.extensions.count)")
        for e in r.extensions {
            // The slug as the CMS keys it: Joomla's plugin group before it, its client after it.
            let slug = (e.group.map { $0 + "/" } ?? "") + e.slug + (e.client.map { " (\($0))" } ?? "")
            print("  \(e.kind.padding(toLength: 11, withPad: " ", startingAt: 0)) \(slug) — \(e.name) \(e.version ?? "")")
        }
        if !r.directives.isEmpty { print("directives \(r.directives.count) that route or authenticate requests (see sitesnap changes)") }
        for d in r.directives { print("  \(d.path):\(d.line) \(d.text)  ! \(d.callout): \(d.reason)") }
        for p in r.problems { print("problem: \(p)") }
        return .ok
    }

    /// The database settings, each computed one as such and each read from the environment with
    /// where from ("from environment DB_HOST"); the password never.
    private func printDatabase(_ d: InspectReport.Database) {
        func line(_ label: String, _ keys: [String], _ value: String) {
            if let k = keys.first(where: { d.computed[$0] != nil }) {
                print("\(label) (computed: \(d.computed[k]!))")
                return
            }
            let from = keys.compactMap { k in d.origins[k].map { "\(k) \($0)" } }
            print(label + " " + value + (from.isEmpty ? "" : " (\(from.joined(separator: ", ")))"))
        }
        var location = d.host ?? "localhost"
        if let p = d.port { location += ":\(p)" }
        if let s = d.socket { location += " (socket \(s))" }
        line("db host   ", ["host", "port", "socket"], location)
        line("db name   ", ["database"], d.name ?? "?")
        line("db user   ", ["user"], d.user ?? "?")
        line("password  ", ["password"], d.passwordSet ? "set (not shown)" : "not set")
        line("prefix    ", ["table_prefix"], d.tablePrefix.map { $0.isEmpty ? "(none)" : $0 } ?? "?")
        if let c = d.charset { print("charset    \(c) (sitesnap always connects as utf8mb4)") }
        if let t = d.tls { print("tls        \(t)") }
    }
}

import Foundation
