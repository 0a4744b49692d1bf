import Foundation
import XCTest

/// Expected output kept in files (Tests/sitesnapTests/Golden/<name>.txt), compared whole, in the
/// style of argument-parser's `AssertExecuteCommand`. `SITESNAP_UPDATE_GOLDEN=1 scripts/test --filter
/// sitesnapTests` writes the files from the current output instead (review the diff, then commit).
enum Golden {
    static let folder = TestEnvironment.packageRoot + "/Tests/sitesnapTests/Golden"
    static var updating: Bool { ProcessInfo.processInfo.environment["SITESNAP_UPDATE_GOLDEN"] == "1" }

    /// The environment every golden run gets: argument-parser wraps help at $COLUMNS (else at the
    /// terminal's width, else 80), so it is fixed.
    static let environment = ["COLUMNS": "100", "LINES": "50"]

    /// A run as text: the command line, the status, stdout and stderr.
    static func transcript(_ arguments: [String], _ r: ProcessResult) -> String {
        "$ sitesnap \(arguments.joined(separator: " "))\nstatus: \(r.status)\n--- stdout\n\(r.stdout)--- stderr\n\(r.stderr)"
    }

    /// Compares `actual` with the golden file `name`, or writes it when updating.
    static func assertMatches(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = folder + "/\(name).txt"
        if updating {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            XCTFail("no golden file \(path): run with SITESNAP_UPDATE_GOLDEN=1 to write it", file: file, line: line)
            return
        }
        if expected != actual {
            let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
            let i = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
            XCTFail("""
                \(name): differs from \(path) at line \(i + 1):
                  expected: \(i < e.count ? e[i] : "(end)")
                  actual:   \(i < a.count ? a[i] : "(end)")
                whole output:
                \(actual)
                """, file: file, line: line)
        }
    }
}

/// Replaces what differs from run to run (folders, database names, ids' times, sizes, durations,
/// pids) with placeholders, so that a golden file holds only what a change of code can change.
struct GoldenNormalizer {
    /// Literal replacements, longest first when applied.
    var literals: [(String, String)] = []

    mutating func name(_ value: String, _ placeholder: String) { literals.append((value, placeholder)) }

    func apply(_ text: String) -> String {
        var s = text
        for (value, placeholder) in literals.sorted(by: { $0.0.count > $1.0.count }) {
            s = s.replacingOccurrences(of: value, with: placeholder)
        }
        let patterns: [(String, String)] = [
            (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#, "<time>"),  // created_at
            (#"\d{8}T\d{6}Z"#, "<stamp>"),  // the time in a snapshot id
            (#"\d+(\.\d+)? (B|KiB|MiB|GiB|TiB)\b"#, "<size>"),
            (#"\d+\.\d s\b"#, "<seconds> s"),
            (#"sitesnap-(restore|lock|old)-\d+"#, "sitesnap-$1-<pid>"),
            (#"(?<=\S)  +"#, "  "),  // column widths follow the real values; indentation is kept
        ]
        for (pattern, template) in patterns {
            s = s.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return s
    }
}
