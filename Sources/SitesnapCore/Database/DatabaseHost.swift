import Foundation
import SiteKnowledge

/// A host setting split into host, port and socket, the way the CMS's database driver does it. The
/// forms (profile `host_forms`):
/// - `port`: `host:3307` — WordPress `wpdb::parse_db_host()` (wp-includes/class-wpdb.php), Joomla's
///   `MysqliDriver::connect()` (joomla/database src/Mysqli/MysqliDriver.php);
/// - `socket`: `localhost:/run/mysqld/mysqld.sock`, `:/path` — both; Joomla also takes any non-numeric
///   "port" as a socket path;
/// - `ipv6`: `[::1]:3306` or a bare IPv6 address — both;
/// - `unix_uri`: `unix:/path/to.sock` — Joomla only.
/// With no forms (Drupal), the setting is a host name and nothing else.
public struct DatabaseHost: Equatable, Sendable {
    /// WordPress's forms, the default when a profile names none.
    public static let defaultForms: Set<HostForm> = [.port, .socket, .ipv6]

    public var host: String?
    public var port: UInt32?
    public var socket: String?

    public init(host: String?, port: UInt32? = nil, socket: String? = nil) {
        self.host = host
        self.port = port
        self.socket = socket
    }

    /// Parses `value` with the given forms; returns nil for a port that is not a number 1...65535.
    public static func parse(_ value: String, forms: Set<HostForm> = defaultForms) -> DatabaseHost? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if forms.isEmpty { return DatabaseHost(host: trimmed.isEmpty ? nil : trimmed) }
        if forms.contains(.unixURI), trimmed.hasPrefix("unix:"), trimmed.count > 5 {
            return DatabaseHost(host: "localhost", socket: String(trimmed.dropFirst(5)))
        }
        var rest = Substring(trimmed)
        var socket: String?
        if forms.contains(.socket), let r = rest.range(of: ":/") {
            socket = String(rest[rest.index(after: r.lowerBound)...])
            rest = rest[..<r.lowerBound]
        }
        var host = String(rest)
        var port: UInt32?
        if !forms.contains(.port) && !forms.contains(.ipv6) {
            // Only the socket form: the rest is the host.
        } else if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = UInt32(after.dropFirst()), p > 0, p < 65536 else { return nil }
                port = p
            } else if !after.isEmpty { return nil }
        } else if rest.filter({ $0 == ":" }).count == 1, let colon = rest.firstIndex(of: ":") {
            host = String(rest[..<colon])
            let p = rest[rest.index(after: colon)...]
            if !p.isEmpty {
                guard let v = UInt32(p), v > 0, v < 65536 else { return nil }
                port = v
            }
        }
        return DatabaseHost(host: host.isEmpty ? nil : host, port: port, socket: socket)
    }
}
