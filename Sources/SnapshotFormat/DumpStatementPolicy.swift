import Foundation
/// What a dump entry may contain. Every statement is checked before it runs, so that a forged archive
/// cannot make an import reach outside the staging database or the server's settings: the statement
/// shapes sitesnap writes (see docs/snapshot-format.md) and nothing else.
///
/// Checks read the statement with `DumpLexer`'s tokens (an INSERT token by token; any other statement
/// with its string literals emptied, `'...'` -> `''`), so text inside values cannot hide or fake
/// keywords, and comment syntax is found wherever the server would see it.
package enum DumpKind: Sendable {
    case table(String)
    case views
    case routines
    /// Views, routines or triggers the operator chose to trust (`restore --trust-code`): every
    /// statement but the header runs as written.
    case trusted

    /// What to do with a statement of this dump.
    package enum Verdict: Equatable {
        case run
        /// A session setting of the dump header: the importer sets the session itself, so it is skipped.
        case skip
        case refuse(String)
    }

    /// The header lines sitesnap writes, exactly (the importer sets these itself; the dump's copies are
    /// never run, so a dump cannot change how the server reads strings, e.g. NO_BACKSLASH_ESCAPES).
    package static let header: Set<String> = ["SET NAMES utf8mb4", "SET SESSION time_zone = '+00:00'",
                                      "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'", "SET SESSION foreign_key_checks = 0",
                                      "SET SESSION unique_checks = 0"]

    /// Checks `statement`. The caller's session uses sitesnap's own settings (backslash escapes on), the
    /// same lexical rules `DumpLexer` applies.
    package func verdict(_ statement: [UInt8]) -> Verdict {
        if statement.count < 200, Self.header.contains(String(decoding: statement, as: UTF8.self)) { return .skip }
        if case .trusted = self { return .run }
        if let why = refusal(statement) { return .refuse(why) }
        return .run
    }

    /// Why `statement` is refused, or nil.
    package func refusal(_ statement: [UInt8]) -> String? {
        // INSERTs are checked token by token (they are most of a dump: speed matters).
        if case .table(let name) = self {
            let head = Array("INSERT INTO \(MariaDBConnection_quote(name)) (".utf8)
            if statement.starts(with: head) { return Self.insertRefusal(statement, head: head) }
        }
        // No comments at all outside strings: sitesnap never writes them, and they can hide text.
        guard let bytes = Self.withoutStrings(statement) else { return Self.commentRefusal }
        let s = String(decoding: bytes, as: UTF8.self)
        let upper = s.uppercased()
        switch self {
        case .table(let name):
            let q = MariaDBConnection_quote(name)
            if s == "DROP TABLE IF EXISTS \(q)" { return nil }
            if s.hasPrefix("CREATE TABLE \(q) (") { return Self.createTableRefusal(upper) }
            return "not a session setting, DROP TABLE, CREATE TABLE or INSERT of table \(name) as sitesnap writes them"
        case .views:
            return "views are not restored (a view can read any database the restoring user can)"
        case .routines:
            return "routines and triggers are not restored (code from an archive is never run)"
        case .trusted:
            return nil
        }
    }

    static let commentRefusal = "it contains a comment, which sitesnap never writes"

    /// Plain tables only: no SELECT, LIKE, directories, merge/remote engines; names unqualified.
    private static func createTableRefusal(_ upper: String) -> String? {
        let bare = upper.replacingOccurrences(of: #"`[^`]*`"#, with: "`I`", options: .regularExpression)
        let words = #"\b(DIRECTORY|SELECT|LIKE|CONNECTION|UNION|INSERT_METHOD|LOAD_FILE|SYS_EXEC|SYS_EVAL|SLEEP|BENCHMARK|AS\s+SELECT)\b"#
        if let r = bare.range(of: words, options: .regularExpression) {
            return "CREATE TABLE with \(bare[r]), which sitesnap never writes"
        }
        let engines = Set(["INNODB", "MYISAM", "ARIA", "MEMORY", "HEAP", "ROCKSDB", "XTRADB", "TOKUDB"])
        // Every ENGINE option (the = is optional in MariaDB) must name an allowed engine, unquoted.
        var search = bare.startIndex..<bare.endIndex
        while let r = bare.range(of: #"\bENGINE\b\s*=?\s*\S*"#, options: .regularExpression, range: search) {
            let engine = String(bare[r].dropFirst("ENGINE".count)).trimmingCharacters(in: CharacterSet(charactersIn: "= \n\t"))
                .prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !engines.contains(String(engine)) { return "CREATE TABLE with ENGINE \(engine.isEmpty ? "(quoted)" : String(engine)), which sitesnap does not restore" }
            search = r.upperBound..<bare.endIndex
        }
        // A dot only inside numbers (DEFAULT 0.00): never between names.
        let chars = Array(bare.utf8)
        for (i, c) in chars.enumerated() where c == UInt8(ascii: ".") {
            let before = i > 0 ? chars[i - 1] : 0, after = i + 1 < chars.count ? chars[i + 1] : 0
            if !(before >= 48 && before <= 57) || !(after >= 48 && after <= 57) { return "CREATE TABLE naming another database" }
        }
        return nil
    }

    /// The head exactly as sitesnap writes it — `INSERT INTO `t` (`a`,`b`) VALUES` and a newline — then
    /// only tuples of literals (NULL, numbers, hex, strings). A comment anywhere is named first.
    private static func insertRefusal(_ b: [UInt8], head: [UInt8]) -> String? {
        var lexer = DumpLexer(bytes: b)
        func token() -> DumpLexer.Token? { (try? lexer.next()) ?? nil }
        func refuse(_ why: String) -> String {
            while let t = token() { if t == .comment { return commentRefusal } }
            return why
        }
        while lexer.position < head.count { _ = token() }
        // Backquoted names separated by commas, then ") VALUES\n".
        while true {
            guard let name = token() else { return refuse("INSERT column list not closed") }
            if name == .comment { return commentRefusal }
            guard name == .identifier else { return refuse("INSERT column list that is not backquoted names") }
            if lexer.unterminated { return refuse("INSERT column list not closed") }
            let after = token()
            if after == .punctuation(UInt8(ascii: ",")) { continue }
            if after == .punctuation(UInt8(ascii: ")")) { break }
            if after == .comment { return commentRefusal }
            return refuse(after == nil ? "INSERT column list not closed" : "INSERT column list that is not backquoted names")
        }
        let close = Int(lexer.tokenStart)
        guard b.count >= close + valuesMarker.count, b[close..<(close + valuesMarker.count)].elementsEqual(valuesMarker) else {
            return refuse("INSERT without VALUES right after its columns")
        }
        while lexer.position < close + valuesMarker.count { _ = token() }
        while let t = token() {
            switch t {
            case .space, .null, .number, .hex, .punctuation(UInt8(ascii: "(")), .punctuation(UInt8(ascii: ")")), .punctuation(UInt8(ascii: ",")):
                continue
            case .string where !lexer.unterminated:
                continue
            case .comment:
                return commentRefusal
            default:
                return refuse("INSERT values that are not literals")
            }
        }
        return nil
    }

    package static let valuesMarker = Array(") VALUES\n".utf8)

    /// The statement with every single- or double-quoted string emptied (`''`), the rest as written;
    /// nil when it holds a comment (`DumpLexer`'s rules, which are the importer's session's).
    static func withoutStrings(_ b: [UInt8]) -> [UInt8]? {
        var lexer = DumpLexer(bytes: b)
        var out: [UInt8] = []
        out.reserveCapacity(min(b.count, 1 << 16))
        while let t = (try? lexer.next()) ?? nil {
            switch t {
            case .comment: return nil
            case .string: out.append(UInt8(ascii: "'")); out.append(UInt8(ascii: "'"))
            default: out.append(contentsOf: b[Int(lexer.tokenStart)..<Int(lexer.position)])
            }
        }
        return out
    }
}

import MariaDBKit
private func MariaDBConnection_quote(_ name: String) -> String { MariaDBConnection.quoteIdentifier(name) }
