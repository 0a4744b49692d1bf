/// The connection rules of a config spec (profile keys `config.tls` and `config.requires`), apart
/// from `ConfigSpec` so that each file stays small.
extension ConfigSpec {
    public struct TLSSpec: Codable, Equatable, Sendable {
        /// TLS is on when this is set to a true value (Joomla `$dbencryption = 1`).
        public var enable: PHPValueSpec?
        /// Client flags: TLS is on when they hold `MYSQLI_CLIENT_SSL` (2048), server certificate
        /// checks follow `MYSQLI_CLIENT_SSL_VERIFY_SERVER_CERT` / `..._DONT_VERIFY_...`.
        public var clientFlags: PHPValueSpec?
        public var ca: PHPValueSpec?
        public var caPath: PHPValueSpec?
        public var cert: PHPValueSpec?
        public var key: PHPValueSpec?
        public var cipher: PHPValueSpec?
        /// Check the server certificate when true; unset: checked when a CA is given.
        public var verifyServerCert: PHPValueSpec?

        enum CodingKeys: String, CodingKey {
            case enable, ca, cert, key, cipher
            case clientFlags = "client_flags"
            case caPath = "ca_path"
            case verifyServerCert = "verify_server_cert"
        }

        /// Each setting with its name (`enable`, `client_flags`, `ca`, ...).
        public var settings: [(String, PHPValueSpec)] {
            [("enable", enable), ("client_flags", clientFlags), ("ca", ca), ("ca_path", caPath), ("cert", cert), ("key", key),
             ("cipher", cipher), ("verify_server_cert", verifyServerCert)].compactMap { n, v in v.map { (n, $0) } }
        }
    }

    public struct Requirement: Codable, Equatable, Sendable {
        public var value: PHPValueSpec
        /// The values sitesnap supports (compared case-insensitively, as Joomla's DatabaseFactory does).
        public var accepted: [String]
        /// Why another value is refused (said after the value).
        public var reason: String
    }
}
