import Foundation

/// A part of a database URL (profile value key `url_part`).
public enum DatabaseURLPart: String, Codable, Sendable {
    case scheme, user, password, host, port, database
}

/// A database URL as Drupal 6 keeps its connection, `$db_url = 'mysqli://user:p%40ss@host:3311/db'`,
/// read the way includes/database.mysqli.inc (6.x) db_connect() reads it: PHP's parse_url(), then
/// urldecode() of user, password, host and path, the database being the path without its `/`.
///
/// Written here rather than with Foundation's URLComponents because PHP's parser is what the site
/// runs: it splits the user info at the last `@` and takes what it finds, where URLComponents
/// refuses characters PHP accepts (a space, a `%` that starts no escape), and urldecode() turns `+`
/// into a space, which no URL library does for the user info.
public struct DatabaseURL: Equatable, Sendable {
    public var scheme: String
    public var user: String
    public var password: String
    public var host: String
    public var port: Int?
    public var database: String

    public init(scheme: String, user: String, password: String, host: String, port: Int?, database: String) {
        self.scheme = scheme
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    /// Parses `text`; nil when it has no `scheme://`.
    public init?(_ text: String) {
        guard let sep = text.range(of: "://"), !text[..<sep.lowerBound].isEmpty else { return nil }
        scheme = String(text[..<sep.lowerBound])
        var rest = Substring(text[sep.upperBound...])
        if let q = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<q] }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        let path = slash < rest.endIndex ? rest[rest.index(after: slash)...] : ""
        var userInfo: Substring = ""
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
        }
        let colon = userInfo.firstIndex(of: ":")
        user = Self.urldecode(String(userInfo[..<(colon ?? userInfo.endIndex)]))
        password = colon.map { Self.urldecode(String(userInfo[userInfo.index(after: $0)...])) } ?? ""
        if let c = authority.lastIndex(of: ":"), !authority.hasPrefix("["), let p = Int(authority[authority.index(after: c)...]) {
            port = p
            authority = authority[..<c]
        } else {
            port = nil
        }
        host = Self.urldecode(String(authority))
        database = Self.urldecode(String(path))
    }

    /// One part as text (the port as digits; nil when the URL has none).
    public func part(_ p: DatabaseURLPart) -> String? {
        switch p {
        case .scheme: return scheme
        case .user: return user
        case .password: return password
        case .host: return host
        case .port: return port.map(String.init)
        case .database: return database
        }
    }

    /// The URL as text, user, password and database encoded as PHP's rawurlencode() does (so that
    /// urldecode() gives them back, a `+` included).
    public var text: String {
        let info = Self.rawurlencode(user) + (password.isEmpty ? "" : ":" + Self.rawurlencode(password))
        return scheme + "://" + (info.isEmpty ? "" : info + "@") + host + (port.map { ":\($0)" } ?? "") + "/" + Self.rawurlencode(database)
    }

    /// PHP's urldecode(): `+` is a space, `%XX` a byte; a `%` that starts no escape stays.
    static func urldecode(_ s: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "+") { out.append(UInt8(ascii: " ")); i += 1; continue }
            if b == UInt8(ascii: "%"), i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                let v = hi << 4 | lo
                out.append(v)
                i += 3
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// PHP's rawurlencode(): every byte but `A-Z a-z 0-9 - _ . ~` as `%XX`.
    static func rawurlencode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80 && (c.isLetter || c.isNumber || "-_.~".contains(c)) { out.append(c) } else { out += String(format: "%%%02X", b) }
        }
        return out
    }
}
