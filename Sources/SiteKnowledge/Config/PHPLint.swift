import Foundation
import SitesnapSystem

/// Asks PHP itself whether a config file parses: `php -n -l FILE` (lint: compile only, never run;
/// `-n`: no php.ini, so no extension or prepend file is loaded).
///
/// PHP is the ground truth for "PHP refuses this file", so when a `php` binary is on the PATH its verdict
/// decides; sitesnap's own check (`PHPSyntaxCheck`) is what is left when it is not. sitesnap must
/// work without PHP installed (a backup host, a container with only the files and the database
/// client), so PHP is never required. The installed PHP's version is the one asked: a config that
/// only an older PHP accepts (syntax removed in PHP 8) is refused by a PHP 8 `php -l`.
enum PHPLint {
    enum Verdict: Equatable {
        /// No `php` on the PATH (or it could not be run): sitesnap's own check applies.
        case unavailable
        case ok
        case error(line: Int, message: String)
    }

    /// The `php` executable on `$PATH`, if any.
    static func executable(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for dir in (environment["PATH"] ?? "").split(separator: ":") where !dir.isEmpty {
            let path = String(dir) + "/php"
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }

    /// Lints `file` with `php` (10 s at most; a hung PHP counts as unavailable).
    static func check(_ file: String) -> Verdict {
        guard let php = executable() else { return .unavailable }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: php)
        p.arguments = ["-n", "-d", "display_errors=stdout", "-d", "log_errors=0", "-l", file]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return .unavailable }
        let done = DispatchSemaphore(value: 0)
        let output = Locked(Data())
        let reading = out.fileHandleForReading
        DispatchQueue.global().async {
            let data = reading.readDataToEndOfFile()
            output.withLock { $0 = data }
            done.signal()
        }
        if done.wait(timeout: .now() + 10) == .timedOut {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            return .unavailable
        }
        p.waitUntilExit()
        if p.terminationStatus == 0 { return .ok }
        return parse(String(decoding: output.withLock { $0 }, as: UTF8.self), file: file)
    }

    /// Reads PHP's `Parse error: <message> in <file> on line <n>` (or `Fatal error:`, for errors found
    /// while compiling).
    static func parse(_ output: String, file: String) -> Verdict {
        for line in output.split(whereSeparator: \.isNewline) {
            let s = String(line)
            guard let kind = s.range(of: #"(Parse|Fatal) error:\s*"#, options: .regularExpression),
                  let at = s.range(of: #" on line [0-9]+$"#, options: [.regularExpression, .backwards]) else { continue }
            var message = String(s[kind.upperBound..<at.lowerBound])
            if let inFile = message.range(of: " in " + file, options: .backwards) { message = String(message[..<inFile.lowerBound]) }
            let n = Int(s[at].dropFirst(" on line ".count)) ?? 1
            return .error(line: n, message: "PHP says: " + message)
        }
        return .error(line: 1, message: "php -l rejects it: " + output.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " "))
    }
}
