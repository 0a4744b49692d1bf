import ArchiveKit
import ArgumentParser
import Foundation
import MariaDBKit
import SitesnapSystem

/// The one map from what a command did (an outcome, or the error it threw) to the line on stderr and
/// the exit status, per command policy (docs/commands.md, "Exit status"). The engine only throws; no
/// other place in sitesnap picks a status.
enum ExitStatusMap {
    /// An error as the user sees it: one line (without the `sitesnap: error: ` lead) and a status.
    struct Report: Equatable {
        var message: String
        var status: Int32
        /// Lines printed after the message, indented (an ambiguous snapshot's candidates).
        var details: [String] = []
    }

    /// Runs `command`, prints its error if it throws, and returns the exit status.
    static func run(_ command: some SitesnapCommand) -> Int32 {
        let policy = type(of: command).exitPolicy
        do {
            return status(for: try command.execute(), policy: policy)
        } catch {
            let r = report(for: error, policy: policy)
            Progress.shared.clear()
            Output.error(r.message, details: r.details)
            return r.status
        }
    }

    static func status(for outcome: Outcome, policy: ExitPolicy) -> Int32 {
        switch (outcome, policy) {
        case (.ok, _): return ExitStatus.success
        case (.differences, _): return ExitStatus.differences
        case (.incomplete, .documented): return ExitStatus.incomplete
        case (.incomplete, .diff): return ExitStatus.badInput  // diff-db has no such outcome; never 1
        }
    }

    /// The message and status for an error a command threw. Under `.diff` every error is 2 (never 1,
    /// which means "differences"); under `.documented` the error's kind decides.
    static func report(for error: Error, policy: ExitPolicy) -> Report {
        let (message, status) = classify(error)
        let details = (error as? SitesnapError)?.details.map(oneLine) ?? []
        return Report(message: oneLine(message), status: policy == .diff ? ExitStatus.badInput : status, details: details)
    }

    /// What argument-parser's own errors (help, version, usage, `validate()`) become: help and version
    /// are printed on stdout with status 0; a usage error is its message and usage on stderr, 64
    /// (diff-db: 2, like diff(1)). Returns the status after printing.
    static func reportParseError(_ error: Error, policy: ExitPolicy) -> Int32 {
        if error is SitesnapError { return printed(report(for: error, policy: policy)) }
        let code = Sitesnap.exitCode(for: error).rawValue
        let text = Sitesnap.fullMessage(for: error)
        if code == ExitStatus.success {
            if !text.isEmpty { print(text) }
            return code
        }
        // argument-parser gives 1 (EXIT_FAILURE) for an error it does not know: not a usage error.
        guard code == ExitStatus.usage else { return printed(report(for: error, policy: policy)) }
        FileHandle.standardError.write(Data((text + "\n").utf8))
        return policy == .diff ? ExitStatus.badInput : ExitStatus.usage
    }

    /// The policy of the subcommand `arguments` name (the documented one for the root command).
    /// Read from the arguments because argument-parser does not say which command a parse error
    /// belongs to (its `CommandError` is internal); the root takes no option before the subcommand.
    static func policy(forArguments arguments: [String]) -> ExitPolicy {
        guard let name = arguments.first else { return .documented }
        let command = Sitesnap.configuration.subcommands.first {
            $0.configuration.commandName == name || $0.configuration.aliases.contains(name)
        }
        return (command as? any SitesnapCommand.Type)?.exitPolicy ?? .documented
    }

    private static func printed(_ r: Report) -> Int32 {
        Output.error(r.message, details: r.details)
        return r.status
    }

    /// sitesnap's own errors by their category; errors of the layers below that reached the CLI
    /// unwrapped by their kind (database, archive or file I/O); anything else is 2.
    private static func classify(_ error: Error) -> (String, Int32) {
        switch error {
        case let e as SitesnapError:
            return (e.errorDescription ?? "\(e)", status(for: e.category))
        case let e as MariaDBError:
            return ("database error: \(e)", ExitStatus.database)
        case let e as ArchiveError:
            return ("archive error: \(e)", ExitStatus.io)
        case let e as ValidationError:
            return (e.message, ExitStatus.badInput)
        default:
            let ns = error as NSError
            guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else {
                return ("\(error)", ExitStatus.badInput)
            }
            let path = ns.userInfo[NSFilePathErrorKey] as? String
            let reason = FileSystemErrors.reason(error)
            return (path.map { "\($0): \(reason)" } ?? reason, ExitStatus.io)
        }
    }

    private static func status(for category: SitesnapError.Category) -> Int32 {
        switch category {
        case .badInput: return ExitStatus.badInput
        case .database: return ExitStatus.database
        case .io: return ExitStatus.io
        case .incomplete: return ExitStatus.incomplete
        case .interrupted: return ExitStatus.interrupted
        }
    }

    /// Newlines and tabs as spaces: an error is one line on stderr.
    private static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
    }
}
