import Foundation
/// What a dump entry may contain. Every statement is checked before it runs, so that a forged archive
/// cannot make an import reach outside the staging database or the server's settings: the statement
/// shapes sitesnap writes (see docs/snapshot-format.md) and nothing else.
///
/// Checks run on the statement with its string literals emptied (`'...'` -> `''`), so text inside
/// values cannot hide or fake keywords.
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
    /// same lexical rules `withoutStrings` applies.
    package func verdict(_ statement: [UInt8]) -> Verdict {
        if statement.count < 200, Self.header.contains(String(decoding: statement, as: UTF8.self)) { return .skip }
        if case .trusted = self { return .run }
        if let why = refusal(statement) { return .refuse(why) }
        return .run
    }

    /// Why `statement` is refused, or nil.
    package func refusal(_ statement: [UInt8]) -> String? {
        let bytes = Self.withoutStrings(statement)
        // No comments at all outside strings: sitesnap never writes them, and they can hide text.
        if Self.hasComment(bytes) { return "it contains a comment, which sitesnap never writes" }
        // INSERTs are checked on bytes (they are most of a dump: speed matters).
        if case .table(let name) = self {
            let head = Array("INSERT INTO \(MariaDBConnection_quote(name)) (".utf8)
            if bytes.starts(with: head) { return Self.insertRefusal(bytes, columnsStart: head.count) }
        }
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

    /// Comment syntax outside strings: /* */ (also /*! */), #, -- .
    static func hasComment(_ b: [UInt8]) -> Bool {
        var i = 0
        var inName = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "`") { inName.toggle(); i += 1; continue }
            if !inName {
                if c == UInt8(ascii: "#") { return true }
                if c == UInt8(ascii: "/") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "*") { return true }
                if c == UInt8(ascii: "*") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "/") { return true }
                if c == UInt8(ascii: "-") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "-") { return true }
            }
            i += 1
        }
        return false
    }

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
    /// only tuples of literals (NULL, numbers, hex, emptied strings).
    private static func insertRefusal(_ b: [UInt8], columnsStart: Int) -> String? {
        // Past "INSERT INTO `t` (": backquoted names separated by commas, then ") VALUES\n".
        var i = columnsStart
        while true {
            guard i < b.count, b[i] == UInt8(ascii: "`") else { return "INSERT column list that is not backquoted names" }
            i += 1
            while i < b.count {
                if b[i] == UInt8(ascii: "`") {
                    if i + 1 < b.count && b[i + 1] == UInt8(ascii: "`") { i += 2; continue }
                    break
                }
                i += 1
            }
            i += 1
            guard i < b.count else { return "INSERT column list not closed" }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: ")") { break }
            return "INSERT column list that is not backquoted names"
        }
        let marker = Array(") VALUES\n".utf8)
        guard b.count >= i + marker.count, b[i..<(i + marker.count)].elementsEqual(marker) else { return "INSERT without VALUES right after its columns" }
        let start = i + marker.count
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) }
        var j = start
        while j < b.count {
            let c = b[j]
            switch c {
            case 32, 10, 13, 9, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","):
                j += 1
            case UInt8(ascii: "'") where j + 1 < b.count && b[j + 1] == UInt8(ascii: "'"):
                j += 2
            case UInt8(ascii: "N") where j + 3 < b.count && b[j + 1] == UInt8(ascii: "U") && b[j + 2] == UInt8(ascii: "L") && b[j + 3] == UInt8(ascii: "L"):
                j += 4
            case UInt8(ascii: "0") where j + 1 < b.count && b[j + 1] == UInt8(ascii: "x"):
                j += 2
                while j < b.count && isHex(b[j]) { j += 1 }
            case UInt8(ascii: "-"), UInt8(ascii: "."), 48...57:
                j += 1
                while j < b.count && (isDigit(b[j]) || b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E")
                                      || b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-")) { j += 1 }
            default:
                return "INSERT values that are not literals"
            }
        }
        return nil
    }

    /// A view, routine or trigger body may only use tables of the staging database: no `db`.`table`
    /// after a keyword that names a table, no USE, no server settings.
    private static func bodyRefusal(_ upper: String) -> String? {
        let names = #"(UPDATE|INTO|FROM|JOIN|TABLE|TABLES|DELETE|ON)\s+`?[A-Z0-9_$]+`?\s*\.\s*`?[A-Z0-9_$]+"#
        if upper.range(of: names, options: .regularExpression) != nil { return "it names a table of another database" }
        // Keywords only (backquoted names such as `user` are not keywords).
        let bare = upper.replacingOccurrences(of: #"`[^`]*`"#, with: "`I`", options: .regularExpression)
        let words = #"\b(USE|GLOBAL|OUTFILE|DUMPFILE|LOAD_FILE|LOAD|GRANT|REVOKE|USER|DATABASE|SCHEMA|SHUTDOWN|SYS_EXEC|SYS_EVAL|PREPARE|EXECUTE|INSTALL|UNINSTALL|SERVER)\b"#
        if let r = bare.range(of: words, options: .regularExpression) {
            let upper = bare
            return "it contains \(upper[r]), which sitesnap does not restore"
        }
        return nil
    }

    /// The statement with every single- or double-quoted string emptied (backslash escapes honoured,
    /// as the importer's session has them); backquoted identifiers and everything else kept.
    static func withoutStrings(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(b.count, 1 << 16))
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "`") {
                out.append(c)
                i += 1
                while i < b.count {
                    out.append(b[i])
                    if b[i] == UInt8(ascii: "`") {
                        if i + 1 < b.count && b[i + 1] == UInt8(ascii: "`") { out.append(b[i + 1]); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                out.append(UInt8(ascii: "'")); out.append(UInt8(ascii: "'"))
                i += 1
                while i < b.count {
                    if b[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if b[i] == c {
                        if i + 1 < b.count && b[i + 1] == c { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }
}

import MariaDBKit
private func MariaDBConnection_quote(_ name: String) -> String { MariaDBConnection.quoteIdentifier(name) }
