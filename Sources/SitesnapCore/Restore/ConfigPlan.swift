import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The site's config in the snapshot, and the edits that point the staging copy at the staging
/// database (planned before anything is written; written into the hidden folder by `write(into:)`).
struct ConfigPlan {
    /// The config's path inside the site (nil: the snapshot names none).
    let rel: String?
    /// Its bytes in the snapshot (nil: not in the snapshot, e.g. excluded).
    let bytes: [UInt8]?
    /// (byte range, new text, setting name) edits (`ConfigRewriter`); empty: not rewritten.
    private(set) var edits: [(Range<Int>, String, String)] = []
    /// URL settings left as they are, with why (`ConfigURLSettings`).
    private(set) var kept: [String] = []
    /// Computed settings kept as they are or replaced by literals (`ConfigRewriter` notes).
    private(set) var notes: [String] = []

    var rewritten: Bool { !edits.isEmpty }

    /// Finds the config in the snapshot and reads its bytes.
    /// - Throws: `SitesnapError.unsafeTarget` when the config was outside the site root (the
    ///   restored copy would read whatever config sits near the target); archive read errors.
    static func locate(_ snapshot: SnapshotReader, target: String) throws -> ConfigPlan {
        let m = snapshot.manifest
        let rel = m.site.configFile.flatMap { f -> String? in f.hasPrefix(m.site.root + "/") ? String(f.dropFirst(m.site.root.count + 1)) : nil }
        if let f = m.site.configFile, rel == nil {
            throw SitesnapError.unsafeTarget(what: "folder \(target)", reason: "the snapshot's config \(f) was outside the site root, so it is not in the snapshot; the restored copy would read whatever config sits near the target (for WordPress: the folder above), possibly production's. Move the config into the site root and take a new snapshot")
        }
        return ConfigPlan(rel: rel, bytes: try rel.flatMap { try readEntry(snapshot, "files/" + $0) })
    }

    /// Plans the edits for `settings` (the staging database and target).
    /// - Throws: `SitesnapError.configNotRewritable` naming the file and keys.
    mutating func plan(_ snapshot: SnapshotReader, profile: Profile, settings: ConfigRewriter.Settings, rewriteComputed: Bool = false) throws {
        guard let rel, let bytes else { return }
        try Self.checkConfigFolder(snapshot, profile: profile)
        var rewriter = ConfigRewriter(spec: profile.config, file: "\(rel) in \(snapshot.manifest.id)")
        var settings = settings
        settings.sourceRoot = snapshot.manifest.site.root
        settings.sourceFolders = ((profile.project?.folders ?? []) + (profile.folders ?? [])).map(\.value)
        rewriter.rewriteComputed = rewriteComputed
        // The files the config includes where they stand (settings.local.php), from the snapshot.
        var included: [String: [UInt8]] = [:]
        let folder = URL(fileURLWithPath: "/" + rel).deletingLastPathComponent().path.dropFirst()
        for name in profile.config.followIncludes ?? [] {
            if let b = try Self.readEntry(snapshot, "files/" + (folder.isEmpty ? name : folder + "/" + name)) { included[name] = b }
        }
        (edits, kept, notes) = try rewriter.planFull(bytes, included: included, settings)
    }

    /// Refuses a config folder named by an absolute literal path (Joomla's defines.php
    /// `define('JPATH_CONFIGURATION', '/srv/site/private')`): the restored defines.php would still
    /// name the source's folder, so the staging copy would run on production's configuration.php. A
    /// path built from `__DIR__` (or Joomla's JPATH_BASE) follows the copy and is fine.
    /// - Throws: `SitesnapError.configNotRewritable` naming the file and setting.
    static func checkConfigFolder(_ snapshot: SnapshotReader, profile: Profile) throws {
        for c in profile.config.candidates {
            guard let from = c.folderFrom, let b = try readEntry(snapshot, "files/" + from.file),
                  let config = try? PHPConfigReader.read(b, file: from.file),
                  let a = ConfigValues.lookup(from.value, in: config), case .string(let path) = a.value, path.hasPrefix("/") else { continue }
            throw SitesnapError.configNotRewritable(file: "\(from.file) in \(snapshot.manifest.id)",
                keys: ["\(from.value.displayName) (the absolute path \(path): the staging copy would read the configuration.php there, the source's; build it from __DIR__, e.g. __DIR__ . '/private')"])
        }
    }

    /// The site URL the config sets (profile `config.site_url`), when it is a non-empty literal.
    func siteURL(_ spec: ConfigSpec) -> String? {
        guard let bytes, let setting = spec.siteURL, let config = try? PHPConfigReader.read(bytes, file: rel ?? ""),
              let a = ConfigValues.lookup(setting, in: config), !a.conditional, case .string(let s) = a.value,
              s.hasPrefix("http://") || s.hasPrefix("https://") else { return nil }
        return s
    }

    /// What the staging hygiene set in the config (`StagingHygiene`), one line each.
    private(set) var staging: [String] = []

    /// Adds the profile's staging settings (`staging.config`) to the edits; after `plan`.
    /// - Throws: what reading the config throws.
    mutating func planStaging(_ profile: Profile) throws {
        guard let rel, let bytes, let overrides = profile.staging?.config, !overrides.isEmpty else { return }
        let (more, lines) = try StagingHygiene.configEdits(overrides, source: bytes, rel: rel)
        edits += more
        staging = lines
    }

    /// The rewrite step: the config inside the hidden folder `temp`, rewritten in place (its mode and
    /// folder untouched). Nothing to do when the plan has no edits.
    /// - Throws: `SitesnapError.restoreWriteFailed`.
    func write(into temp: String) throws {
        guard let rel, let bytes, rewritten else { return }
        try Self.rewriteInPlace(temp + "/" + rel, ConfigRewriter.apply(edits, to: bytes))
    }

    /// Replaces the file at `path` with `bytes` atomically (a crash leaves the old config or the new
    /// one, never half), keeping its mode; a read-only folder (Drupal's installer leaves settings.php
    /// 0444 in a 0555 folder) is made writable for the rename only, and keeps its mode and times.
    /// - Throws: `SitesnapError.restoreConfigWriteFailed`.
    static func rewriteInPlace(_ path: String, _ bytes: [UInt8]) throws {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw SitesnapError.restoreConfigWriteFailed(file: path, reason: "the restored config is not a regular file")
        }
        do { try AtomicFile.write(bytes, to: path, mode: st.st_mode & 0o7777, keepFolder: true) }
        catch { throw SitesnapError.restoreConfigWriteFailed(file: path, reason: error.reason) }
    }

    /// The bytes of one (small, at most 4 MiB read) file entry of the snapshot; nil when the manifest
    /// does not list it.
    static func readEntry(_ snapshot: SnapshotReader, _ entry: String) throws -> [UInt8]? {
        guard let rel = IndexMerge.relativePath(entry), let record = try snapshot.fileRecord(rel) else { return nil }
        // A hard link's bytes are those of the file it is another name of.
        let r = try snapshot.open(entry: record.type == .hardlink ? "files/" + (record.target ?? "") : entry)
        var out: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while out.count < 4 << 20 {
            let n = try r.readData(into: buffer)
            if n == 0 { break }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return out
    }
}
