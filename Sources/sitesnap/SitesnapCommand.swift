import ArgumentParser

/// A sitesnap subcommand. `execute()` does the work and says how it ended, or throws; `Sitesnap.main`
/// hands either to `ExitStatusMap`, the one place that prints an error and decides the exit status.
protocol SitesnapCommand: ParsableCommand {
    /// How this command's outcomes and errors become exit statuses.
    static var exitPolicy: ExitPolicy { get }
    func execute() throws -> Outcome
}

extension SitesnapCommand {
    static var exitPolicy: ExitPolicy { .documented }

    /// argument-parser's entry point. `Sitesnap.main` calls `ExitStatusMap.run(_:)` itself; this is for
    /// any other caller of `run()`, which then gets the same message and status.
    func run() throws {
        let status = ExitStatusMap.run(self)
        if status != ExitStatus.success { throw ExitCode(status) }
    }
}
