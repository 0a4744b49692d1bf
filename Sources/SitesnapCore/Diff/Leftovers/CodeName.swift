/// A name an extension's code uses, and how.
struct CodeName: Equatable {
    enum Use: Equatable {
        /// A creating call (`add_option`, `add_role`), a `CREATE TABLE`, a declared name: strong
        /// evidence even for an object that existed before (an earlier install left it).
        case creates
        /// A writing call (`update_option`, `wp_schedule_event` ...): strong evidence.
        case writes
        /// Only read (`get_option`, a JOIN): weak evidence.
        case reads
    }
    var kind: String
    var name: String
    /// The name is the beginning of names the code completes at run time (`'statistics_' . $name`).
    var isPrefix = false
    var use: Use
    /// The file, relative to the site root.
    var file: String

    /// The name of a call whose argument is built at run time (`add_role($slug, ...)`): the code
    /// creates objects of the kind, names unknown. Matches no identifier.
    static let dynamic = "\u{0}dynamic"

    func matches(_ identifier: String, ignoringCase: Bool = false) -> Bool {
        if name == Self.dynamic { return false }
        let (id, n) = ignoringCase ? (identifier.lowercased(), name.lowercased()) : (identifier, name)
        return isPrefix ? id.hasPrefix(n) : id == n
    }

    var describe: String {
        let verb = switch use { case .creates: "creates"; case .writes: "writes"; case .reads: "only reads" }
        return "code: \(file) \(verb) \(kind) '\(name)\(isPrefix ? "…" : "")'"
    }
}
