import Foundation
import SitesnapSystem

/// The hidden folders a restore writes beside its target, and the lock that tells a live restore's
/// folders from those of one that was killed (`kill -9`, a crash, a power cut).
///
/// Names, for target `<parent>/<name>` and process id `<pid>`, all starting `.<name>.sitesnap-`:
/// `-lock-<pid>` (the lock file), `-restore-<pid>` (the tree being built), `-restore-<pid>.spool`
/// (spooled dumps, with `.code-N.sql` beside it), `-old-<pid>` (the old target after `--force`,
/// until it is removed). The lock file is created and locked with flock(2) before anything else and
/// removed last; the kernel drops the lock when the process ends, however it ends. So a restore
/// that finds another pid's folders whose lock it can take knows their owner is gone (a pid alone
/// would not say: pids are reused), and removes them. A folder without a lock file (left by a
/// sitesnap from before these locks) is stale when its pid no longer runs.
final class ExtractionFolder {
    let parent: String
    let target: String
    /// The tree being built, renamed into place at the end.
    let path: String
    /// Where the old target goes with `--force` until it is removed.
    let old: String
    private let lockPath: String
    private var lockFD: Int32

    /// Takes this process's lock. Call `removeStale` first.
    /// - Throws: `SitesnapError.restoreWriteFailed` when the lock file cannot be created.
    init(target: String) throws {
        self.target = target
        parent = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let stem = Self.stem(target)
        let pid = getpid()
        path = parent + "/" + stem + "restore-\(pid)"
        old = parent + "/" + stem + "old-\(pid)"
        lockPath = parent + "/" + stem + "lock-\(pid)"
        lockFD = open(lockPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lockFD >= 0, flock(lockFD, LOCK_EX | LOCK_NB) == 0 else {
            let e = errno
            if lockFD >= 0 { close(lockFD) }
            throw SitesnapError.restoreWriteFailed(path: lockPath, reason: FileSystemErrors.errno(e))
        }
    }

    deinit { release() }

    /// Removes the lock file and drops the lock (after every other hidden folder is gone).
    func release() {
        guard lockFD >= 0 else { return }
        unlink(lockPath)
        close(lockFD)
        lockFD = -1
    }

    static func stem(_ target: String) -> String { "." + URL(fileURLWithPath: target).lastPathComponent + ".sitesnap-" }

    /// Removes the hidden folders and files beside `target` left by restores that are gone; returns
    /// what was removed.
    /// - Throws: `SitesnapError.unsafeTarget` when a live restore is writing the same target;
    ///   `.restoreWriteFailed` when a stale folder cannot be removed.
    static func removeStale(target: String) throws -> [String] {
        let parent = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let stem = stem(target)
        var byPid: [Int32: [String]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(stem) {
            let rest = name.dropFirst(stem.count)
            guard let dash = rest.firstIndex(of: "-"), ["restore", "old", "lock"].contains(rest[..<dash]) else { continue }
            let digits = rest[rest.index(after: dash)...].prefix(while: \.isNumber)
            guard let pid = Int32(digits) else { continue }
            byPid[pid, default: []].append(name)
        }
        // First which are stale (a live restore of the same target refuses before anything goes).
        var stale: [(lock: String, names: [String], held: Int32)] = []
        defer { for s in stale where s.held >= 0 { close(s.held) } }
        for (pid, names) in byPid.sorted(by: { $0.key < $1.key }) {
            let lock = stem + "lock-\(pid)"
            var held: Int32 = -1
            if names.contains(lock) {
                held = open(parent + "/" + lock, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
                if held < 0 { continue }
                if flock(held, LOCK_EX | LOCK_NB) != 0 {
                    close(held)
                    throw SitesnapError.unsafeTarget(what: "folder \(target)", reason: "another restore (pid \(pid)) is writing it right now; wait for it to end")
                }
            } else if pid != getpid() && (kill(pid, 0) == 0 || errno != ESRCH) {
                continue  // no lock file, and the pid runs: cannot tell, leave it
            }
            stale.append((lock, names, held))
        }
        var removed: [String] = []
        for s in stale {
            // The lock file last (held by us meanwhile): until it goes, others see these as stale too.
            for name in s.names.filter({ $0 != s.lock }) + s.names.filter({ $0 == s.lock }) {
                try FolderTree.remove(parent + "/" + name)
                if name != s.lock { removed.append(parent + "/" + name) }
            }
        }
        return removed
    }
}
