import ArgumentParser
import Foundation
import SitesnapCore
import SitesnapSystem

/// Printing helpers: results to stdout, messages and progress to stderr.
enum Output {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func printJSON<T: Encodable>(_ value: T) throws {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try e.encode(value), as: UTF8.self))
    }

    /// The error's one line, then `details` (an ambiguous snapshot's candidates) indented below it.
    static func error(_ message: String, details: [String] = []) {
        let lines = ["sitesnap: error: \(message)"] + details.map { "  " + $0 }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("sitesnap: warning: \(message)\n".utf8))
    }

    static func notice(_ message: String) {
        FileHandle.standardError.write(Data("sitesnap: notice: \(message)\n".utf8))
    }

    /// "removed 2 leftovers of killed backups: ..." on stderr, when there were any.
    static func reportRemovedStale(_ names: [String]) {
        guard !names.isEmpty else { return }
        notice("removed \(names.count == 1 ? "1 leftover" : "\(names.count) leftovers") of killed backups from the repository: \(names.joined(separator: ", "))")
    }

    static func bytes(_ n: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(n), u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        return u == 0 ? "\(n) B" : String(format: "%.1f %@", v, units[u])
    }

    /// "1 row", "2 rows".
    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// "1 symlink", "2,760 files": a count with thousands separators and the word's plural.
    static func counted(_ n: Int64, _ word: String) -> String { "\(count(n)) \(word)\(n == 1 ? "" : "s")" }

    static func count(_ n: Int64) -> String {
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.locale = Locale(identifier: "en_US_POSIX")
        f.groupingSeparator = ","
        f.usesGroupingSeparator = true
        return f.string(from: NSNumber(value: n)) ?? String(n)
    }
}

/// A one-line progress display on stderr, only when stderr is a terminal; at most 10 updates a second.
final class Progress: Sendable {
    static let shared = Progress()
    private struct State {
        var last = Date.distantPast
        var shown = false
    }
    private let state = Locked(State())
    let enabled = Output.stderrIsTerminal

    func update(_ text: @autoclosure () -> String, force: Bool = false) {
        guard enabled else { return }
        state.withLock { s in
            let now = Date()
            guard force || now.timeIntervalSince(s.last) >= 0.1 else { return }
            s.last = now
            var line = text()
            // One line, never wider than the terminal (a wrapped line would not be overwritten).
            var size = winsize()
            let width = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 10 ? Int(size.ws_col) - 1 : 79
            if line.count > width { line = String(line.prefix(width - 1)) + "…" }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            s.shown = true
        }
    }

    func clear() {
        guard enabled else { return }
        state.withLock { s in
            if s.shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            s.shown = false
        }
    }
}

/// The last signal received (0: none). Written by the handler, which may do nothing else safely.
nonisolated(unsafe) private var receivedSignal: Int32 = 0

/// Turns SIGINT, SIGTERM and SIGHUP into a cancellation the core polls (it then removes partial output).
/// A plain sigaction handler that only stores the signal number: async-signal-safe, and unlike a
/// dispatch signal source it sees the signal whichever thread it lands on.
enum Signals {
    static func cancellation() -> Cancellation {
        let handler: @convention(c) (Int32) -> Void = { sig in receivedSignal = sig }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART  // blocking reads (files, the server) resume; the flag is polled
            sigaction(sig, &action, nil)
        }
        signal(SIGPIPE, SIG_IGN)
        return Cancellation(probe: {
            switch receivedSignal {
            case 0: return nil
            case SIGINT: return "SIGINT (Ctrl-C)"
            case SIGTERM: return "SIGTERM"
            default: return "SIGHUP"
            }
        })
    }
}
