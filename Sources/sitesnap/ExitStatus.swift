/// The exit statuses sitesnap documents (docs/commands.md, "Exit status", and each command's `--help`).
/// Only `ExitStatusMap` chooses among them.
enum ExitStatus {
    static let success: Int32 = 0
    /// verify or restore's check found a mismatch; diff-db found differences.
    static let differences: Int32 = 1
    /// Bad input or refused (site, config, option, snapshot reference, archive content); diff-db: any error.
    static let badInput: Int32 = 2
    static let database: Int32 = 3
    /// Repository, archive, spool or restored tree I/O.
    static let io: Int32 = 4
    /// backup: written but part of the site is not in it (or, with --strict, nothing written);
    /// verify: the archive is intact but was written incomplete.
    static let incomplete: Int32 = 5
    /// A usage error from the argument parser (EX_USAGE).
    static let usage: Int32 = 64
    /// SIGINT, SIGTERM or SIGHUP (128 + SIGINT, the shell's convention).
    static let interrupted: Int32 = 130
}

/// How a command's work ended when it did not throw.
enum Outcome: Equatable {
    case ok
    /// verify: a bad entry; restore: its check found differences; diff-db: differences.
    case differences
    /// backup: written with warnings that left part of the site out; verify: intact but incomplete.
    case incomplete
}

/// Which statuses a command uses.
enum ExitPolicy: Equatable {
    /// The documented statuses: 0, 1, 2, 3, 4, 5, 64, 130.
    case documented
    /// diff(1)'s: 0 no differences, 1 differences, 2 any trouble (every error, usage errors too).
    case diff
}
