/// Exit statuses that are not an error's own (see `SitesnapError.exitCode` for those), documented in
/// docs/commands.md and each command's `--help`.
public enum ExitStatus {
    /// backup: the snapshot was written but part of the site is not in it (its warnings say what);
    /// with `--strict`, nothing was written. verify: the archive is intact, but was written incomplete.
    public static let incomplete: Int32 = 5
}
