/// What a dump entry may contain. Every statement is checked before it runs, so that a forged archive
/// cannot make an import reach outside the staging database or the server's settings: the statement
/// shapes sitesnap writes (see docs/snapshot-format.md) and nothing else.
///
/// Checks run on the statement with its string literals emptied (`'...'` -> `''`), so text inside
/// values cannot hide or fake keywords.
enum DumpKind {
    case table(String)
    case views
    case routines

    /// Why `statement` is refused, or nil.
    func refusal(_ statement: [UInt8]) -> String? {
        let bytes = Self.withoutStrings(statement)
        // INSERTs are checked on bytes (they are most of a dump: speed matters).
        if case .table(let name) = self, bytes.starts(with: Array("INSERT INTO \(MariaDBConnection_quote(name)) (".utf8)) {
            return Self.insertRefusal(bytes)
        }
        let s = String(decoding: bytes, as: UTF8.self)
        let upper = s.uppercased()
        if upper.hasPrefix("SET ") { return Self.setRefusal(s) }
        switch self {
        case .table(let name):
            let q = MariaDBConnection_quote(name)
            if s == "DROP TABLE IF EXISTS \(q)" { return nil }
            if s.hasPrefix("CREATE TABLE \(q) (") { return Self.createTableRefusal(upper) }
            return "not a DROP TABLE, CREATE TABLE or INSERT of table \(name) as sitesnap writes them"
        case .views:
            if upper.hasPrefix("DROP VIEW IF EXISTS `") && !upper.contains("`.`") && !upper.contains(",") { return nil }
            let view = #"^CREATE (OR REPLACE )?(ALGORITHM=[A-Z]+ )?(SQL SECURITY [A-Z]+ )?VIEW (`[^`.]+`|[A-Z0-9_$]+) (\([^)]*\) )?AS "#
            guard upper.range(of: view, options: .regularExpression) != nil else { return "not a view definition" }
            return Self.bodyRefusal(upper)
        case .routines:
            for p in ["DROP PROCEDURE IF EXISTS `", "DROP FUNCTION IF EXISTS `", "DROP TRIGGER IF EXISTS `"] where upper.hasPrefix(p) {
                return upper.contains("`.`") || upper.contains(",") ? "drops an object of another database" : nil
            }
            // SHOW CREATE keeps the name as typed: quoted or not, but never qualified by a database.
            let def = #"^CREATE (OR REPLACE )?(DEFINER=\S+ )?(AGGREGATE )?(PROCEDURE|FUNCTION|TRIGGER) (`[^`.]+`|[A-Z0-9_$]+)(\s|\()"#
            guard upper.range(of: def, options: .regularExpression) != nil else { return "not a routine or trigger definition" }
            return Self.bodyRefusal(upper)
        }
    }

    /// Only the session settings the dump header writes.
    private static func setRefusal(_ s: String) -> String? {
        if s == "SET NAMES utf8mb4" { return nil }
        let allowed = #"^SET SESSION (time_zone|sql_mode|foreign_key_checks|unique_checks) = ('[^']*'|''|[0-9]+)$"#
        return s.range(of: allowed, options: .regularExpression) != nil ? nil : "a SET statement other than the dump's session header"
    }

    /// No data or index directory (files outside the data folder), no engine that connects elsewhere,
    /// no CREATE ... SELECT.
    private static func createTableRefusal(_ upper: String) -> String? {
        let words = #"\b(DIRECTORY|SELECT|CONNECTION|UNION|LOAD_FILE|SYS_EXEC|SYS_EVAL|SLEEP|BENCHMARK)\b"#
        if let r = upper.range(of: words, options: .regularExpression) {
            return "CREATE TABLE with \(upper[r]), which sitesnap never writes"
        }
        let engines = #"ENGINE\s*=\s*(CONNECT|FEDERATED|FEDERATEDX|SPIDER|MERGE|MRG_MYISAM|OQGRAPH|SEQUENCE|BLACKHOLE|CSV)\b"#
        if upper.range(of: engines, options: .regularExpression) != nil { return "CREATE TABLE with an engine that reaches outside the table" }
        if upper.contains("`.`") { return "CREATE TABLE naming another database" }
        return nil
    }

    /// After `VALUES`: only tuples of literals (NULL, numbers, hex, emptied strings).
    private static func insertRefusal(_ b: [UInt8]) -> String? {
        let marker = Array(") VALUES\n".utf8)
        var start = -1
        var i = 0
        // The column list holds only backquoted names: find its end outside backquotes.
        var inName = false
        while i + marker.count <= b.count {
            if b[i] == UInt8(ascii: "`") { inName.toggle() }
            if !inName && b[i] == UInt8(ascii: ")") && b[i..<(i + marker.count)].elementsEqual(marker) { start = i + marker.count; break }
            i += 1
        }
        guard start >= 0 else { return "INSERT without VALUES" }
        if String(decoding: b[0..<start], as: UTF8.self).contains("`.`") { return "INSERT naming another database" }
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

    /// The statement with every single- or double-quoted string emptied (backslash escapes honoured),
    /// comments removed — except that the content of an executable comment `/*! ... */` (which the
    /// server runs) is kept and checked like any other text; backquoted identifiers kept.
    static func withoutStrings(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(b.count, 1 << 16))
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "`") {
                // An identifier: copied whole (a quote inside it is not a string).
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
            if c == UInt8(ascii: "/") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "*") {
                if i + 2 < b.count && (b[i + 2] == UInt8(ascii: "!") || b[i + 2] == UInt8(ascii: "M")) {
                    // Executable comment: drop the marker and version, keep the content.
                    i += 3
                    if i < b.count && b[i] == UInt8(ascii: "!") { i += 1 }
                    while i < b.count && b[i] >= 48 && b[i] <= 57 { i += 1 }
                    out.append(32)
                    continue
                }
                i += 2
                while i + 1 < b.count && !(b[i] == UInt8(ascii: "*") && b[i + 1] == UInt8(ascii: "/")) { i += 1 }
                i += 2
                out.append(32)
                continue
            }
            if c == UInt8(ascii: "*") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "/") { i += 2; out.append(32); continue }
            if (c == UInt8(ascii: "#")) || (c == UInt8(ascii: "-") && i + 2 < b.count && b[i + 1] == UInt8(ascii: "-") && (b[i + 2] == 32 || b[i + 2] == 9)) {
                while i < b.count && b[i] != 10 { i += 1 }
                out.append(32)
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
