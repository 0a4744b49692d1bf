import Foundation
import SitesnapSystem
import SnapshotFormat

/// The folder store: a folder of snapshots, `<id>.tar.zst` (or `.tar.gz`, `.tar`) archives, each with
/// a `<id>.manifest.json` copy of its manifest beside it. Partial archives being written are hidden
/// (`.<id><ext>.partial-<pid>`) and never listed (`FolderSink`); `StaleWork` removes those of killed
/// backups.
public struct Repository: SnapshotStore, Sendable {
    public let path: String

    /// The repository: `explicit` (--repo), else `$SITESNAP_REPO`, else `$XDG_DATA_HOME/sitesnap/snapshots`,
    /// else `~/.local/share/sitesnap/snapshots`.
    public init(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let e = explicit, !e.isEmpty {
            path = URL(fileURLWithPath: e).standardizedFileURL.path
        } else if let r = environment["SITESNAP_REPO"], !r.isEmpty {
            path = URL(fileURLWithPath: r).standardizedFileURL.path
        } else if let x = environment["XDG_DATA_HOME"], !x.isEmpty {
            path = x + "/sitesnap/snapshots"
        } else {
            path = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/sitesnap/snapshots"
        }
    }

    package static let archiveExtensions = [".tar.zst", ".tar.gz", ".tar"]

    package var location: String { path }

    package func sweepStale() -> [String] { StaleWork.sweep(repository: path) }

    /// A source reading the archive at `key` (a path, from `resolve` or `Entry.archivePath`).
    /// - Throws: `SitesnapError.snapshotUnreadable` when it is missing or unreadable.
    package func source(_ key: String) throws -> any SnapshotSource { try FolderSource(archivePath: key) }

    /// Reserves an id and opens the hidden partial archive (`FolderSink`).
    /// - Throws: `SitesnapError.repositoryNotWritable`.
    package func beginSnapshot(_ plan: NewSnapshot) throws -> any SnapshotSink { try FolderSink(repository: self, plan) }

    package func hold(_ key: String) throws -> any SnapshotHold { try FolderHold(archive: key, repository: path) }

    /// Removes an archive of this folder with its copies (`FolderRemoval`); an archive elsewhere
    /// (given by path) is refused: it is not this repository's to remove.
    /// - Throws: `SitesnapError.snapshotInUse`, `.snapshotNotFound`, `.repositoryNotWritable`, `.invalidOption`.
    package func remove(_ key: String) throws {
        guard URL(fileURLWithPath: key).deletingLastPathComponent().standardizedFileURL.path == URL(fileURLWithPath: path).standardizedFileURL.path else {
            throw SitesnapError.invalidOption(option: key, reason: "that archive is not in the repository \(path); remove it yourself")
        }
        try FolderRemoval.remove(archive: key, repository: path)
    }

    /// The marker that the warning about unencrypted archives was given for this folder.
    package static let unencryptedNoticeMarker = ".sitesnap-unencrypted-noticed"

    /// True the first time it is asked for this folder: creates the marker (mode 0600) with O_EXCL,
    /// so that two backups at once say it once. False when the marker exists or cannot be made.
    package func takeUnencryptedNotice() -> Bool {
        let fd = open(path + "/" + Self.unencryptedNoticeMarker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    /// The name ending of the index copy beside an archive (`<id>.index.jsonl`).
    package static let indexCopySuffix = ".index.jsonl"

    /// `<dir>/<id>.index.jsonl` for `<dir>/<id>.tar.zst` (or .tar.gz, .tar); nil for another name.
    package static func indexCopyPath(_ archive: String) -> String? {
        manifestCopyPath(archive).map { String($0.dropLast(".manifest.json".count)) + indexCopySuffix }
    }

    /// `<dir>/<id>.manifest.json` for `<dir>/<id>.tar.zst` (or .tar.gz, .tar); nil for another name.
    package static func manifestCopyPath(_ archive: String) -> String? {
        for ext in archiveExtensions where archive.hasSuffix(ext) {
            return String(archive.dropLast(ext.count)) + ".manifest.json"
        }
        return nil
    }

    /// Creates the folder (mode 0700) if needed and checks it is writable and not inside `siteRoot`.
    /// - Throws: `SitesnapError.repositoryInsideSite`, `.repositoryNotWritable`.
    public func prepare(siteRoot: String?) throws {
        if let siteRoot {
            let repoResolved = Self.resolveExisting(path)
            let site = siteRoot.hasSuffix("/") ? siteRoot : siteRoot + "/"
            if repoResolved == siteRoot || (repoResolved + "/").hasPrefix(site) {
                throw SitesnapError.repositoryInsideSite(repository: path, site: siteRoot)
            }
        }
        // mkdir -p with mkdir(2), so that the reason is the errno ("Not a directory", "Read-only file system").
        var built = ""
        for part in path.split(separator: "/") {
            built += "/" + part
            var st = stat()
            if stat(built, &st) == 0 {
                if (st.st_mode & S_IFMT) != S_IFDIR {
                    throw SitesnapError.repositoryNotWritable(path: path, reason: "\(built) is a file, not a folder")
                }
                continue
            }
            if mkdir(built, 0o700) != 0 && errno != EEXIST {
                throw SitesnapError.repositoryNotWritable(path: path, reason: "cannot create \(built): \(FileSystemErrors.errno(errno))")
            }
        }
        if access(path, W_OK | X_OK) != 0 {
            throw SitesnapError.repositoryNotWritable(path: path, reason: FileSystemErrors.errno(errno))
        }
    }

    /// Resolves symlinks of the longest existing ancestor of `path` (the rest may not exist yet).
    package static func resolveExisting(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var url = existing.resolvingSymlinksInPath()
        for r in rest { url.appendPathComponent(r) }
        return url.path
    }

    /// A snapshot in the repository (the name the engine and CLI knew before the store protocol).
    public typealias Entry = SnapshotSummary

    /// All snapshots, oldest first (by id, which embeds the UTC time after the site name).
    public func list() -> [Entry] {
        var out: [Entry] = []
        for (id, archive) in archives() {
            let manifest = FileManager.default.contents(atPath: path + "/" + id + ".manifest.json").flatMap { try? Manifest.decode($0) }
            let size = (try? FileManager.default.attributesOfItem(atPath: archive)[.size] as? NSNumber)?.int64Value ?? 0
            out.append(Entry(id: id, archivePath: archive, manifest: manifest, archiveBytes: size))
        }
        return out.sorted { ($0.manifest?.createdAt ?? "", $0.id) < ($1.manifest?.createdAt ?? "", $1.id) }
    }

    /// The ids and archive paths of the committed snapshots, from the folder's names alone: no manifest
    /// is read (`list` decodes each one; `resolve` and a site's timeline need only the names).
    package func archives() -> [(id: String, archivePath: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.compactMap { name in
            guard !name.hasPrefix("."), let ext = Self.archiveExtensions.first(where: { name.hasSuffix($0) }) else { return nil }
            return (String(name.dropLast(ext.count)), path + "/" + name)
        }
    }

    /// The snapshots that may be of the site at `siteRoot`: ids start with its folder's name
    /// (`newID`), so only those need their manifest read to tell (a site named `blog-old` also passes
    /// for `blog`: the manifest decides).
    package func archives(ofSite siteRoot: String) -> [(id: String, archivePath: String)] {
        let stem = Self.sanitize(URL(fileURLWithPath: siteRoot).lastPathComponent) + "-"
        return archives().filter { $0.id.hasPrefix(stem) }
    }

    package func listIDs() -> [(id: String, key: String)] { archives().map { ($0.id, $0.archivePath) } }

    /// An archive file's path (anywhere), standardized; nil for anything else.
    package func directKey(_ reference: String) -> String? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: reference, isDirectory: &isDir), !isDir.boolValue else { return nil }
        return URL(fileURLWithPath: reference).standardizedFileURL.path
    }

    /// A new snapshot id: `<site>-<YYYYMMDDTHHMMSSZ>[-<label>]`, characters outside `[A-Za-z0-9._-]`
    /// replaced by `-`, made unique with `-2`, `-3`... when taken.
    public func newID(siteRoot: String, label: String?, date: Date, fileExtension: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var base = Self.sanitize(URL(fileURLWithPath: siteRoot).lastPathComponent) + "-" + f.string(from: date)
        if let label, !label.isEmpty { base += "-" + Self.sanitize(label) }
        var id = base
        var n = 2
        while FileManager.default.fileExists(atPath: path + "/" + id + fileExtension) || FileManager.default.fileExists(atPath: path + "/" + id + ".manifest.json") {
            id = base + "-\(n)"
            n += 1
        }
        return id
    }

    /// Picks a new id and reserves it by creating `<id>.manifest.json` empty with O_EXCL, so that two
    /// backups started in the same second cannot take the same id. The backup replaces the file with
    /// the manifest when it publishes, or removes it on failure.
    /// - Throws: `SitesnapError.repositoryNotWritable`.
    public func reserveID(siteRoot: String, label: String?, date: Date, fileExtension: String) throws -> String {
        for _ in 0..<1000 {
            let id = newID(siteRoot: siteRoot, label: label, date: date, fileExtension: fileExtension)
            let fd = open(path + "/" + id + ".manifest.json", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd); return id }
            if errno != EEXIST { throw SitesnapError.repositoryNotWritable(path: path, reason: FileSystemErrors.errno(errno)) }
        }
        throw SitesnapError.repositoryNotWritable(path: path, reason: "no free snapshot id")
    }

    package static func sanitize(_ s: String) -> String {
        let mapped = String(s.unicodeScalars.map { u -> Character in
            (u.isASCII && (CharacterSet.alphanumerics.contains(u) || u == "." || u == "_" || u == "-")) ? Character(u) : "-"
        })
        let trimmed = mapped.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return trimmed.isEmpty ? "site" : String(trimmed.prefix(80))
    }
}
