/// A host setting split into host, port and socket, following WordPress's `wpdb::parse_db_host()`
/// (wp-includes/class-wpdb.php): `host`, `host:3307`, `localhost:/run/mysqld/mysqld.sock`,
/// `[::1]:3306`, a bare IPv6 address, or `:/path/to/socket`.
public struct DatabaseHost: Equatable, Sendable {
    public var host: String?
    public var port: UInt32?
    public var socket: String?

    public init(host: String?, port: UInt32? = nil, socket: String? = nil) {
        self.host = host
        self.port = port
        self.socket = socket
    }

    /// Parses `value`; returns nil for a port that is not a number 1...65535.
    public static func parse(_ value: String) -> DatabaseHost? {
        var rest = Substring(value.trimmingCharacters(in: .whitespaces))
        var socket: String?
        if let r = rest.range(of: ":/") {
            socket = String(rest[rest.index(after: r.lowerBound)...])
            rest = rest[..<r.lowerBound]
        }
        var host = String(rest)
        var port: UInt32?
        if rest.hasPrefix("[") {
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

import Foundation
