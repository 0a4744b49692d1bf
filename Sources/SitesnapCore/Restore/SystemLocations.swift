import Foundation
import SnapshotStore

/// What a restore never writes to, whatever flags are given: the server's system databases and the
/// machine's system folders. (The source site, the repository and the like are checked by
/// `RestoreRunner` itself.)
///
/// Folder rules, on the path as given (made absolute, `..` removed) and again with symlinks resolved
/// (so `/tmp/link -> /etc` is `/etc`):
/// 1. `/` itself.
/// 2. The system folders of the Filesystem Hierarchy Standard 3.0 as Debian lays them out: `/bin`,
///    `/boot`, `/dev`, `/etc`, `/lib` and every `/lib*` (lib32, lib64, libx32), `/proc`, `/root`,
///    `/run`, `/sbin`, `/sys`, `/usr`, `/var` — the folder and everything inside it (`/usr/local/bin`,
///    `/var/lib/mysql`, `/dev/shm`), with one exception list: folders strictly *below* `/var/www`
///    (Debian's web root, Apache's `DocumentRoot /var/www/html`, hosting panels' `/var/www/vhosts/...`)
///    and below `/var/tmp` (temporary files kept across reboots, FHS 5.15).
/// 3. Folders that hold many sites or users as a whole, refused themselves (folders inside them are
///    fine): `/home`, `/srv`, `/tmp`, `/opt`, `/mnt`, `/media`, `/var/www`, `/var/tmp`.
/// 4. The home folder of the user running the restore, and every account's home folder in the user
///    database (`getpwent`: `/root`, `/home/alice`, www-data's `/var/www`, ...), the folder itself.
/// A folder that holds any of these is `/` (rule 1) or a system folder (rule 2).
enum SystemLocations {
    static let systemFolders = ["/bin", "/boot", "/dev", "/etc", "/proc", "/root", "/run", "/sbin", "/sys", "/usr", "/var"]
    /// Inside the system folders, restores may go strictly below these.
    static let allowedBelow = ["/var/www", "/var/tmp"]
    static let sharedFolders = ["/home", "/srv", "/tmp", "/opt", "/mnt", "/media", "/var/www", "/var/tmp"]

    /// Databases of the server itself (MariaDB 10.11 and MySQL 8: `mysql` holds the users and grants,
    /// the others are the server's views of itself).
    static let systemDatabases = ["mysql", "sys", "information_schema", "performance_schema"]

    /// Why `folder` may never be a restore target (nil: it may). `resolved` is the same folder with
    /// symlinks resolved.
    static func refusal(folder: String, resolved: String) -> String? {
        for p in Set([URL(fileURLWithPath: folder).standardizedFileURL.path, resolved]).sorted() {
            if let why = refusal(path: p) { return p == resolved && p != folder ? "it is \(p) once symlinks are resolved: \(why)" : why }
        }
        return nil
    }

    private static func refusal(path p: String) -> String? {
        if p == "/" { return "it is the root folder, which holds the whole system" }
        let top = "/" + (p.split(separator: "/").first.map(String.init) ?? "")
        if systemFolders.contains(top) || top.hasPrefix("/lib") {
            if !allowedBelow.contains(where: { p.hasPrefix($0 + "/") }) {
                return p == top ? "it is the system folder \(top)" : "it is inside the system folder \(top) (of the system folders, only folders below \(allowedBelow.joined(separator: " and ")) may be restore targets)"
            }
        }
        if sharedFolders.contains(p) { return "it is \(p), which holds other sites or users as a whole; restore into a folder inside it" }
        if let user = homeOwner(p) { return "it is the home folder of user \(user)" }
        return nil
    }

    /// The user whose home folder `path` is, if any (the running user's, then the user database's).
    private static func homeOwner(_ path: String) -> String? {
        let mine = Repository.resolveExisting(NSHomeDirectory())
        if path == mine || path == NSHomeDirectory() { return NSUserName() }
        setpwent()
        defer { endpwent() }
        while let pw = getpwent() {
            guard let dir = pw.pointee.pw_dir else { continue }
            let home = String(cString: dir)
            if home.count > 1 && (path == home || path == Repository.resolveExisting(home)) {
                return String(cString: pw.pointee.pw_name)
            }
        }
        return nil
    }

    /// Why `name` may never be a staging database (nil: it may). Compared case-insensitively (with
    /// `lower_case_table_names` 1 or 2 `MySQL` is `mysql`), and a name with MariaDB's `#mysql50#`
    /// prefix is refused outright: it names the folder in the data directory as written
    /// (`#mysql50#mysql` is the `mysql` folder, `#mysql50#.` the data directory itself).
    static func refusal(database name: String) -> String? {
        let lower = name.lowercased()
        if lower.hasPrefix("#mysql50#") {
            return "a #mysql50# name addresses the server's data directory by file name (it can name the data directory itself or a system database)"
        }
        let bare = lower.trimmingCharacters(in: .whitespaces)
        if systemDatabases.contains(bare) {
            return "it is the server's system database \(bare), which --force would empty"
        }
        return nil
    }

    /// Why the target folder may not be `folder`, given the server's data directory (nil: it may):
    /// the data directory itself, a folder inside it (the server would take it for a database) or
    /// one that holds it.
    static func refusal(folder: String, dataDirectory: String) -> String? {
        let d = Repository.resolveExisting(dataDirectory.hasSuffix("/") && dataDirectory.count > 1 ? String(dataDirectory.dropLast()) : dataDirectory)
        guard !d.isEmpty, d != "/" else { return nil }
        if folder == d || folder.hasPrefix(d + "/") || d.hasPrefix(folder + "/") {
            return "it is the database server's data directory \(d), inside it or above it"
        }
        return nil
    }
}
