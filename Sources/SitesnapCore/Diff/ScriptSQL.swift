import Foundation
import SnapshotFormat

/// What the cleanup and revert scripts write the same way: quoted names and values, key conditions,
/// one-line comments, and the check that stops a script when a statement did not find what AFTER held.
package enum ScriptSQL {
    /// A quoted identifier.
    static func name(_ n: String) -> String { "`" + n.replacingOccurrences(of: "`", with: "``") + "`" }

    /// A value literal; a binary column's `0x...` hex text stays a hex literal. Backslash escapes
    /// (`SQLLiteral.quote`): the scripts set an `sql_mode` without NO_BACKSLASH_ESCAPES first.
    static func literal(_ v: String?, binary: Bool? = nil) -> String {
        guard let v else { return "NULL" }
        if binary == true, v.hasPrefix("0x"), v.count > 2, v.dropFirst(2).allSatisfy(\.isHexDigit) { return v }
        return SQLLiteral.quote(v)
    }

    /// `a = '1' AND b IS NULL`, columns in name order.
    static func condition(_ key: [String: String?]) -> String {
        key.keys.sorted().map { k in key[k]!.map { "\(name(k)) = \(literal($0))" } ?? "\(name(k)) IS NULL" }.joined(separator: " AND ")
    }

    /// `text` as one comment line: line breaks inside (a name, a reason) cannot end the comment and
    /// become a statement, and other control characters (NUL stops the stock client, ESC would reach
    /// the operator's terminal) are written as `\xNN`.
    static func comment(_ text: String, indent: String = "") -> String {
        "-- \(indent)\(printable(text))\n"
    }

    /// `text` on one line without control characters: line breaks as ⏎, the others as `\xNN`.
    package static func printable(_ text: String) -> String {
        text.unicodeScalars.map { u -> String in
            if u == "\n" || u == "\r" || u == "\u{2028}" || u == "\u{2029}" { return "⏎" }
            if u.value < 0x20 && u != "\t" || u.value == 0x7F || (0x80...0x9F).contains(u.value) { return String(format: "\\x%02X", u.value) }
            return String(u)
        }.joined()
    }

    /// The stored procedure the cleanup calls after each guarded statement.
    static let check = "sitesnap_cleanup_expect"

    /// Creates `check`. Why a procedure with SIGNAL rather than a trick that needs none (a prepared
    /// `SELECT` from a table named after the leftover, a duplicate key in a temporary table): SIGNAL is
    /// the one way MySQL (5.5+, 8) and MariaDB both document to raise an error of our own; the client
    /// prints exactly our message (`ERROR 1644 (45000) at line N: sitesnap cleanup stopped: ...`), and
    /// the stock `mariadb`/`mysql` clients stop at the first error when reading a script from stdin.
    /// MariaDB's `BEGIN NOT ATOMIC ... END` would need no procedure but does not exist in MySQL. The
    /// cost: the user needs CREATE ROUTINE (granted with ALL on the database); without it the script
    /// stops at this first statement, before it changed anything. The affected-row count is passed in
    /// (`ROW_COUNT()` as the CALL's argument, evaluated before the body runs: the server sets it at the end
    /// of each statement, so it still holds the DELETE's or UPDATE's count; for UPDATE that is rows
    /// changed, or matched under CLIENT_FOUND_ROWS: 1 either way when the guard matches, since the
    /// cleanup only writes an UPDATE whose new value differs), and MESSAGE_TEXT holds at
    /// most 128 characters (`message(_:)` keeps to that).
    static let checkProcedure = """
        DROP PROCEDURE IF EXISTS \(check);
        DELIMITER ;;
        CREATE PROCEDURE \(check)(IN affected BIGINT, IN expected BIGINT, IN what VARCHAR(128) CHARACTER SET utf8mb4)
        BEGIN
          IF affected IS NULL OR affected <> expected THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = what;
          END IF;
        END;;
        DELIMITER ;

        """

    /// The call after a statement that must have changed exactly `expected` rows.
    static func expect(_ expected: Int, _ what: String) -> String {
        "CALL \(check)(ROW_COUNT(), \(expected), \(literal(message(what))));\n"
    }

    /// `text` shortened to MESSAGE_TEXT's 128 characters, the middle cut out.
    static func message(_ text: String) -> String {
        let flat = printable(text).replacingOccurrences(of: "⏎", with: " ")
        guard flat.count > 128 else { return flat }
        return String(flat.prefix(100)) + "…" + String(flat.suffix(27))
    }
}
