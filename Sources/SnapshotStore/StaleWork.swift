import Foundation

/// Finds and removes what a backup killed with SIGKILL (or a crash, or a power cut) left in a
/// repository: its hidden partial archive `.<id><ext>.partial-<pid>`, its spool folder
/// `.sitesnap-spool-<pid>-*`, files spool `.<id>.files-spool-<pid>` and index spool
/// `.<id>.index-spool-<pid>`, a manifest copy being written `<id>.manifest.json.tmp-<pid>`, the empty
/// `<id>.manifest.json` that reserved its id, and an index copy `<id>.index.jsonl` whose archive was
/// never renamed into place; and what a removal (`FolderRemoval`) interrupted after unlinking the
/// archive left: its manifest and index copies without an archive.
///
/// A running backup holds an exclusive `flock(2)` on its partial archive for its whole life (taken
/// right after creating it), so "its owner is gone" is a lock that can be taken, not a pid that no
/// longer answers (pids are reused). The few microseconds between creating a file and locking it,
/// and the reservation made just before, are covered by an age: nothing younger than `minimumAge`
/// whose pid still runs is touched.
public enum StaleWork {
    /// Seconds a lock-free leftover must be old when its pid is alive (the pid may be reused).
    static let minimumAge: TimeInterval = 60

    /// Removes the stale leftovers in `repository` and returns their names (empty when none; a folder
    /// that cannot be read or an entry that cannot be removed is left alone, never an error).
    @discardableResult
    public static func sweep(repository: String, now: Date = Date()) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: repository) else { return [] }
        let partials = names.compactMap { name -> (name: String, pid: Int32)? in
            guard name.hasPrefix("."), let r = name.range(of: ".partial-", options: .backwards),
                  let pid = Int32(name[r.upperBound...]) else { return nil }
            return (name, pid)
        }
        var live = Set<Int32>()
        var livePartials = Set<String>()
        for p in partials where isLive(path: repository + "/" + p.name, pid: p.pid, now: now) {
            live.insert(p.pid)
            livePartials.insert(p.name)
        }
        var removed: [String] = []
        func remove(_ name: String) {
            let path = repository + "/" + name
            let ok: Bool
            if name.hasPrefix(".sitesnap-spool-") {
                ok = (try? FileManager.default.removeItem(atPath: path)) != nil
            } else {
                ok = unlink(path) == 0
            }
            if ok { removed.append(name) }
        }
        for name in names {
            if let p = partials.first(where: { $0.name == name }) {
                if !live.contains(p.pid) { remove(name) }
            } else if let pid = ownerPID(name), !live.contains(pid), oldOrOrphaned(repository + "/" + name, pid: pid, now: now) {
                remove(name)
            } else if name.hasSuffix(".manifest.json"), !name.hasPrefix(".") {
                let id = String(name.dropLast(".manifest.json".count))
                let path = repository + "/" + name
                var st = stat()
                // Empty: a killed backup's reservation; not empty: the copy of an interrupted removal.
                guard stat(path, &st) == 0, age(st, now) >= minimumAge else { continue }
                let hasArchive = Repository.archiveExtensions.contains { names.contains(id + $0) }
                let writing = livePartials.contains { p in Repository.archiveExtensions.contains { p.hasPrefix("." + id + $0 + ".partial-") } }
                if !hasArchive && !writing { remove(name) }
            } else if name.hasSuffix(Repository.indexCopySuffix), !name.hasPrefix(".") {
                let id = String(name.dropLast(Repository.indexCopySuffix.count))
                var st = stat()
                guard stat(repository + "/" + name, &st) == 0, age(st, now) >= minimumAge else { continue }
                let hasArchive = Repository.archiveExtensions.contains { names.contains(id + $0) }
                let writing = livePartials.contains { p in Repository.archiveExtensions.contains { p.hasPrefix("." + id + $0 + ".partial-") } }
                if !hasArchive && !writing { remove(name) }
            }
        }
        return removed
    }

    /// The pid in the name of a backup's spool folder, files spool or manifest temp file.
    static func ownerPID(_ name: String) -> Int32? {
        if name.hasPrefix(".sitesnap-spool-") {
            return Int32(name.dropFirst(".sitesnap-spool-".count).prefix { $0 != "-" })
        }
        for marker in [".files-spool-", ".index-spool-", ".manifest.json.tmp-"] {
            if let r = name.range(of: marker, options: .backwards) { return Int32(name[r.upperBound...]) }
        }
        return nil
    }

    /// Whether the partial archive at `path` belongs to a backup that still runs: its lock is held,
    /// or it is too young to tell and its pid exists.
    static func isLive(path: String, pid: Int32, now: Date) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return true }  // cannot tell: leave it
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 { return true }
        flock(fd, LOCK_UN)
        var st = stat()
        guard fstat(fd, &st) == 0 else { return true }
        return age(st, now) < minimumAge && processExists(pid)
    }

    static func oldOrOrphaned(_ path: String, pid: Int32, now: Date) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0 else { return false }
        return !processExists(pid) || age(st, now) >= minimumAge
    }

    static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    static func age(_ st: stat, _ now: Date) -> TimeInterval {
        now.timeIntervalSince1970 - TimeInterval(st.st_mtim.tv_sec)
    }
}
