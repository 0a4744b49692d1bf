import Foundation
import SitesnapSystem

/// Checks that a restore can put its result at the target at all, before anything is written (and
/// by `--dry-run`): the restore builds the tree in a hidden folder beside the target and renames it
/// into place, and with `--force` renames the old target aside first. rename(2) works only inside
/// one file system and never moves a mount point, so:
/// - the target's parent folder must exist, be a folder, be writable by this user and not be on a
///   read-only file system;
/// - an existing target must not be a mount point (another device than its parent, or listed in
///   /proc/self/mountinfo, which also catches a bind mount of the same file system);
/// - in a sticky folder such as /tmp, an existing target of another user cannot be renamed by us.
/// `moveIntoPlace` does those renames at the end of the restore.
enum TargetPlacement {
    /// - Throws: `SitesnapError.unsafeTarget` saying what to do.
    static func check(target: String, exists: Bool) throws {
        let parent = URL(fileURLWithPath: target).deletingLastPathComponent().path
        func refuse(_ reason: String) -> SitesnapError { .unsafeTarget(what: "folder \(target)", reason: reason) }
        var ps = stat()
        guard stat(parent, &ps) == 0, ps.st_mode & S_IFMT == S_IFDIR else {
            throw refuse("its parent folder \(parent) does not exist (the restore creates only the target itself); create it first (mkdir -p \(parent))")
        }
        var vfs = statvfs()
        if statvfs(parent, &vfs) == 0 && vfs.f_flag & UInt(ST_RDONLY) != 0 {
            throw refuse("\(parent) is on a read-only file system; restore onto a writable one")
        }
        if access(parent, W_OK | X_OK) != 0 {
            if errno == EROFS { throw refuse("\(parent) is on a read-only file system; restore onto a writable one") }
            throw refuse("user \(NSUserName()) may not create folders in \(parent) (the restore builds the site in a hidden folder there and renames it into place); choose a parent folder you can write, or fix its permissions")
        }
        guard exists else { return }
        var ts = stat()
        guard lstat(target, &ts) == 0 else { return }
        if ts.st_dev != ps.st_dev || mountPoints().contains(target) {
            throw refuse("it is a mount point (a file system is mounted there), and the restore replaces its target by renaming a hidden folder built in \(parent), which cannot replace a mount point or cross file systems; restore into a folder inside it, e.g. \(target)/site")
        }
        let me = geteuid()
        if me != 0 && ps.st_mode & S_ISVTX != 0 && ts.st_uid != me && ps.st_uid != me {
            throw refuse("it belongs to uid \(ts.st_uid) in the sticky folder \(parent), where only its owner may rename or replace it; choose another target or restore as its owner")
        }
    }

    /// Puts the finished tree `temp` at `target`: an existing target is renamed to `aside` first
    /// (removed by the caller once this returns), and renamed back when `temp` cannot take its place.
    /// - Throws: `SitesnapError.restoreWriteFailed`.
    static func moveIntoPlace(_ temp: String, target: String, aside: String, targetExists: Bool) throws {
        if targetExists {
            guard rename(target, aside) == 0 else { throw SitesnapError.restoreWriteFailed(path: target, reason: "cannot move the old content aside: " + FileSystemErrors.errno(errno)) }
        }
        guard rename(temp, target) == 0 else {
            let e = errno
            if targetExists { rename(aside, target) }
            throw SitesnapError.restoreWriteFailed(path: target, reason: "cannot rename \(temp) into place: " + FileSystemErrors.errno(e))
        }
    }

    /// Mount points of this process's mount namespace (field 5 of /proc/self/mountinfo, whose spaces,
    /// tabs, newlines and backslashes are written as octal escapes such as `\040`).
    static func mountPoints() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return [] }
        var out = Set<String>()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count > 4 else { continue }
            out.insert(unescape(String(fields[4])))
        }
        return out
    }

    private static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var bytes: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "\\"), i + 3 < u.count, let v = UInt8(String(decoding: u[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                bytes.append(v)
                i += 4
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
