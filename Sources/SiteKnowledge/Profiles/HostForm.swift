/// A form of the database host setting that the CMS's driver parses (profile `host_forms`; see
/// `DatabaseHost` for which CMS parses which).
public enum HostForm: String, Codable, Hashable, Sendable {
    /// `host:3307`.
    case port
    /// `host:/path/to.sock`.
    case socket
    /// `[::1]:3306` or a bare IPv6 address.
    case ipv6
    /// `unix:/path/to.sock`.
    case unixURI = "unix_uri"
}
