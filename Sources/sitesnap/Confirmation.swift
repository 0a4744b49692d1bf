import Foundation
import SitesnapCore

/// The question `restore --force` asks on a terminal before it removes anything.
enum Confirmation {
    /// Whether to ask: stdin and stderr are terminals (a person is there to answer).
    static var canAsk: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 }

    /// Lines describing `r` (also printed by --dry-run and after the restore).
    static func describe(_ r: RestoreRemoval) -> [String] {
        var out: [String] = []
        if let f = r.folder {
            out.append("folder \(f): \(Output.count(r.folderEntries)) \(r.folderEntries == 1 ? "entry" : "entries"), \(Output.bytes(r.folderBytes))")
        }
        if !r.tables.isEmpty {
            let shown = r.tables.prefix(8).joined(separator: ", ") + (r.tables.count > 8 ? ", ..." : "")
            out.append("database \(r.database): \(Output.counted(Int64(r.tables.count), "table")) (\(shown))")
        }
        return out
    }

    /// Shows what goes and reads y/yes (anything else is no) from the terminal. Ctrl-C at the prompt
    /// ends the process at once (nothing is written yet): SIGINT gets its default action while asking,
    /// since sitesnap's handler only sets a flag and the read would just resume.
    static func ask(_ r: RestoreRemoval) -> Bool {
        var message = "restore --force will remove:\n"
        for line in describe(r) { message += "  \(line)\n" }
        message += "Remove them and restore? [y/N] "
        FileHandle.standardError.write(Data(message.utf8))
        var dfl = sigaction(), saved = sigaction()
        dfl.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&dfl.sa_mask)
        sigaction(SIGINT, &dfl, &saved)
        defer { sigaction(SIGINT, &saved, nil) }
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }
}
