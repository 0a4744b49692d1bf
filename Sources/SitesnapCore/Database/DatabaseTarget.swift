import Foundation
import MariaDBKit
import SiteKnowledge
import SitesnapSystem

/// A resolved database to connect to: connection options, table prefix and the config charset.
public struct DatabaseTarget: Sendable {
    public var options: ConnectOptions
    /// The site's table prefix ("" when the CMS uses none).
    public var tablePrefix: String
    /// The charset the CMS config names (informational: sitesnap always connects as utf8mb4).
    public var configCharset: String?
    /// Tables with a prefix of their own (unprefixed name -> prefix), from a per-table prefix array.
    public var tablePrefixes: [String: String] = [:]
    /// Where each setting read from the environment came from (`host`: "from environment DB_HOST");
    /// keys as in `SiteConfigReader.keys`. Never holds a value.
    public var origins: [String: String] = [:]
    /// From `resolveCollecting`: the computed settings it could not read, key -> expression (a
    /// password's without its literal defaults); such a key has no value in `options`.
    public var unreadable: [String: String] = [:]

    /// The full name of a CMS table given without prefix (`users` -> `shared_users` or `d7_users`).
    public func tableName(_ unprefixed: String) -> String {
        (tablePrefixes[unprefixed] ?? tablePrefix) + unprefixed
    }

    /// Where the server is, for messages: `socket /run/mysqld/mysqld.sock` or `db.example:3306`.
    public var displayLocation: String {
        if let s = options.socket, options.host == nil || options.host == "localhost" { return "socket \(s)" }
        if options.host == nil || options.host == "localhost" { return "localhost (default socket)" }
        return "\(options.host!):\(options.port == 0 ? 3306 : options.port)"
    }

    /// Merges the CMS config, `--defaults-file` and the flags (in rising precedence).
    /// - Throws: `SitesnapError.configValueNotLiteral` / `.configValueMissing` naming the key and the
    ///   flag to use, `.configLoadsAnotherFile` (Debian's WordPress loader), `.credentialFileUnreadable`,
    ///   `.invalidOption` for an unparseable host or port.
    /// - Parameter processEnvironment: the environment the config's `getenv()` values are read from
    ///   (under `overrides.envFile`'s variables); nil: the one sitesnap runs in.
    public static func resolve(config: SiteConfig?, profile: Profile?, overrides: DatabaseOverrides,
                               processEnvironment: [String: String]? = nil) throws -> DatabaseTarget {
        let (target, problem) = try resolveCollecting(config: config, profile: profile, overrides: overrides, processEnvironment: processEnvironment)
        if let problem { throw problem }
        return target
    }

    /// `resolve`, except that the computed settings it cannot read do not throw: they are returned
    /// as one error beside the target (whose `unreadable` names them), for `inspect`.
    /// - Throws: what `resolve` throws for anything else.
    public static func resolveCollecting(config: SiteConfig?, profile: Profile?, overrides: DatabaseOverrides,
                                         processEnvironment: [String: String]? = nil) throws -> (DatabaseTarget, SitesnapError?) {
        let defaults = try overrides.defaultsFile.map { try DefaultsFile(path: $0) }
        try refuseLoader(config: config, profile: profile, overrides: overrides, defaults: defaults)
        let environment = try ConfigEnvironment.load(envFile: overrides.envFile, process: processEnvironment ?? ProcessInfo.processInfo.environment)
        let values = DatabaseConfigValues(config: config, environment: environment)
        try values.checkRequirements()

        var options = ConnectOptions()
        // Database name and user.
        options.database = try overrides.name ?? defaults?.values["database"] ?? values.text("database", flag: "--db-name", required: true)
        options.user = try overrides.user ?? defaults?.values["user"] ?? values.text("user", flag: "--db-user", required: true)

        // Password: --db-password-file > defaults file > config.
        if let typed = overrides.password {
            options.password = typed
        } else if let pf = overrides.passwordFile {
            options.password = try readPasswordFile(pf)
        } else if let p = defaults?.values["password"] {
            options.password = p
        } else {
            options.password = try values.text("password", flag: "--db-password-file", required: false)
        }
        try resolveServer(into: &options, values: values, profile: profile, overrides: overrides, defaults: defaults)
        options.tls = try DatabaseTLS.options(config: config, spec: profile?.config.tls, environment: environment)

        let prefix = try overrides.tablePrefix ?? values.text("table_prefix", flag: "--table-prefix", required: false) ?? ""
        let charset = config?.text("charset")
        var target = DatabaseTarget(options: options, tablePrefix: prefix, configCharset: charset,
                                    tablePrefixes: overrides.tablePrefix == nil ? (config?.tablePrefixes ?? [:]) : [:],
                                    origins: values.origins)
        for p in values.problems { target.unreadable[p.id] = p.expression }
        return (target, values.problemError())
    }

    /// A config that includes another file and sets the database name at most as a conditional
    /// fallback (Debian's WordPress loader): the settings in force live in that other file.
    /// - Throws: `SitesnapError.configLoadsAnotherFile` with the profile's hint and the files found.
    private static func refuseLoader(config: SiteConfig?, profile: Profile?, overrides: DatabaseOverrides,
                                     defaults: DefaultsFile?) throws {
        guard let config, config.values["database"] == nil || config.values["database"]?.conditional == true,
              !config.includes.isEmpty, overrides.name == nil, defaults?.values["database"] == nil else { return }
        var hint = profile?.config.includeHint ?? "Point sitesnap at it with --config FILE."
        let found = (profile?.config.includeCandidates ?? []).flatMap { pattern in
            Glob.expand(String(pattern.drop { $0 == "/" }), in: "/").map { "/" + $0 }
        }
        if !found.isEmpty { hint += " Found here: \(found.joined(separator: ", "))." }
        throw SitesnapError.configLoadsAnotherFile(file: config.file, includes: config.includes, hint: hint)
    }

    /// Host, port and socket: the flags and the defaults file over the config, whose host may carry a
    /// port or socket in the forms the CMS's driver parses (profile `host_forms`).
    /// - Throws: `SitesnapError.invalidOption` for an unparseable host or port.
    private static func resolveServer(into options: inout ConnectOptions, values: DatabaseConfigValues, profile: Profile?,
                                      overrides: DatabaseOverrides, defaults: DefaultsFile?) throws {
        let forms = profile?.config.hostForms.map { Set($0) } ?? DatabaseHost.defaultForms
        var host: DatabaseHost?
        if overrides.host == nil && defaults?.values["host"] == nil && overrides.socket == nil,
           let h = try values.text("host", flag: "--db-host", required: false), !h.isEmpty {
            guard let parsed = DatabaseHost.parse(h, forms: forms) else {
                throw SitesnapError.invalidOption(option: "\(values.keyName("host")) in \(values.file)",
                                                  reason: "'\(h)' is not host, host:port, host:/socket or [ipv6]:port; pass --db-host/--db-port/--db-socket")
            }
            host = parsed
        }
        if let h = overrides.host ?? defaults?.values["host"] {
            guard let parsed = DatabaseHost.parse(h) else {
                throw SitesnapError.invalidOption(option: "--db-host", reason: "'\(h)' is not host, host:port or [ipv6]:port")
            }
            host = parsed
        }
        options.host = host?.host
        options.socket = overrides.socket ?? defaults?.values["socket"] ?? host?.socket
        if options.socket == nil, overrides.host == nil, let s = try? values.text("socket", flag: "--db-socket", required: false), !s.isEmpty {
            options.socket = s
        }
        options.port = try port(values: values, host: host, overrides: overrides, defaults: defaults) ?? 0
        // A driver that uses the socket setting whenever it is set (Drupal: isset(unix_socket)) ignores
        // host and port then; so does sitesnap, unless a flag or the defaults file names the server.
        if profile?.config.socketOverridesHost == true, let a = values.config?.values["socket"], a.value != .null,
           overrides.host == nil, overrides.port == nil, overrides.socket == nil,
           defaults?.values["host"] == nil, defaults?.values["port"] == nil, defaults?.values["socket"] == nil {
            let s = try values.text("socket", flag: "--db-socket", required: false) ?? ""
            options.host = "localhost"
            options.socket = s.isEmpty ? nil : s  // '' is set too: the client's default socket
            options.port = 0
        }
        if options.socket != nil && options.host == nil { options.host = "localhost" }
    }

    /// The port: `--db-port` or the host's, else the defaults file's, else the config's (nil: none).
    private static func port(values: DatabaseConfigValues, host: DatabaseHost?, overrides: DatabaseOverrides,
                             defaults: DefaultsFile?) throws -> UInt32? {
        var port = overrides.port ?? host?.port
        if port == nil, let p = defaults?.values["port"] {
            guard let v = UInt32(p) else { throw SitesnapError.invalidOption(option: "port in --defaults-file", reason: "'\(p)' is not a number") }
            port = v
        }
        if port == nil, overrides.host == nil, let p = try? values.text("port", flag: "--db-port", required: false), !p.isEmpty {
            guard let v = UInt32(p) else { throw SitesnapError.invalidOption(option: "\(values.keyName("port")) in \(values.file)", reason: "'\(p)' is not a number; pass --db-port") }
            port = v
        }
        return port
    }

    /// Reads a password file: its whole content minus one trailing newline.
    /// - Throws: `SitesnapError.credentialFileUnreadable` naming `--db-password-file`.
    static func readPasswordFile(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw SitesnapError.credentialFileUnreadable(option: "--db-password-file", path: path,
                                                         reason: errno == ENOENT ? "no such file" : FileSystemErrors.errno(errno))
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        // A password file is small: at most 64 KiB is read.
        let data = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        var s = String(decoding: data, as: UTF8.self)
        if s.hasSuffix("\r\n") { s.removeLast(2) } else if s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    /// Opens a connection, turning client errors into user-facing `SitesnapError`s.
    /// - Throws: `.databaseUnreachable`, `.databaseAccessDenied`, `.databaseFailed`.
    public func connect() throws -> MariaDBConnection {
        do {
            return try MariaDBConnection(options)
        } catch let e as MariaDBError {
            throw DatabaseErrors.map(e, target: self)
        }
    }
}

/// Maps `MariaDBError` into `SitesnapError`.
enum DatabaseErrors {
    static func map(_ e: MariaDBError, target: DatabaseTarget?) -> SitesnapError {
        let location = target?.displayLocation ?? "the server"
        if e.isConnectionProblem && e.context.hasPrefix("connecting") {
            return .databaseUnreachable(target: location, message: e.message)
        }
        if e.code == .ER_DBACCESS_DENIED_ERROR {
            return .databaseFailed(context: "opening database '\(target?.options.database ?? "?")' at \(location) as '\(target?.options.user ?? "?")'",
                                   message: e.message + "; check --db-name, or let the user create and use it (as an administrator: GRANT ALL ON `\(target?.options.database ?? "NAME")`.* TO '\(target?.options.user ?? "USER")'@'HOST'), or connect as another user (--db-user, --defaults-file)", code: e.code.rawValue)
        }
        if e.isAccessDenied {
            return .databaseAccessDenied(user: target?.options.user ?? "?", target: location, message: e.message)
        }
        if e.code == .ER_BAD_DB_ERROR {
            return .databaseFailed(context: "connecting to \(location)", message: e.message + "; check --db-name or the config's database name", code: e.code.rawValue)
        }
        return .databaseFailed(context: e.context, message: e.message, code: e.code.rawValue)
    }
}
