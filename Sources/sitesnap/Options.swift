import ArgumentParser
import SitesnapCore

/// Database connection flags shared by the commands that read a site's database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("The CMS config file to read instead of the usual one (e.g. Debian's /etc/wordpress/config-default.php).", valueName: "file"))
    var configFile: String?
    @Option(name: .customLong("db-host"), help: ArgumentHelp("Database host (host, host:port or [ipv6]:port); overrides the config.", valueName: "host"))
    var host: String?
    @Option(name: .customLong("db-port"), help: ArgumentHelp("Database TCP port; overrides the config.", valueName: "port"))
    var port: UInt32?
    @Option(name: .customLong("db-socket"), help: ArgumentHelp("Database Unix socket; overrides the config.", valueName: "path"))
    var socket: String?
    @Option(name: .customLong("db-name"), help: ArgumentHelp("Database name; overrides the config.", valueName: "name"))
    var name: String?
    @Option(name: .customLong("db-user"), help: ArgumentHelp("Database user; overrides the config.", valueName: "user"))
    var user: String?
    @Option(name: .customLong("db-password-file"), help: ArgumentHelp("File holding the database password (never pass a password on the command line).", valueName: "file"))
    var passwordFile: String?
    @Option(name: .customLong("defaults-file"), help: ArgumentHelp("MySQL option file ([client] user, password, host, port, socket, database), like ~/.my.cnf.", valueName: "file"))
    var defaultsFile: String?
    @Option(name: .customLong("table-prefix"), help: ArgumentHelp("Table prefix to use instead of the config's.", valueName: "prefix"))
    var tablePrefix: String?
    @Option(name: .customLong("env-file"), help: ArgumentHelp("KEY=VALUE lines (docker compose .env syntax) for the config's getenv() settings; they win over the environment sitesnap runs in.", valueName: "file"))
    var envFile: String?

    func validate() throws {
        if let port, !(1...65535).contains(port) { throw ValidationError("--db-port \(port): use a port from 1 to 65535") }
    }

    var overrides: DatabaseOverrides {
        var o = DatabaseOverrides(host: host, port: port, socket: socket, name: name, user: user, passwordFile: passwordFile,
                                  defaultsFile: defaultsFile, configFile: configFile, tablePrefix: tablePrefix)
        o.envFile = envFile
        return o
    }
}

/// `--profiles DIR`: extra CMS profiles.
struct ProfileOptions: ParsableArguments {
    @Option(name: .customLong("profiles"), help: ArgumentHelp("Folder of extra CMS profiles (*.yml); repeatable. Also $SITESNAP_PROFILES (colon-separated).", valueName: "dir"))
    var directories: [String] = []

    var all: [String] {
        let env = ProcessInfo.processInfo.environment["SITESNAP_PROFILES"]?.split(separator: ":").map(String.init) ?? []
        return directories + env
    }
}

/// `--repo DIR`.
struct RepositoryOptions: ParsableArguments {
    @Option(name: .customLong("repo"), help: ArgumentHelp("Snapshot repository folder (default: $SITESNAP_REPO, else ~/.local/share/sitesnap/snapshots).", valueName: "dir"))
    var path: String?
}

import Foundation

/// `--site`: narrows how a SNAPSHOT argument selects (`SnapshotSelector`).
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("site"), help: ArgumentHelp("The site whose snapshots latest, labels and id prefixes select among: its root folder, or its folder's name (blog for /var/www/blog).", valueName: "site"))
    var site: String?
}
