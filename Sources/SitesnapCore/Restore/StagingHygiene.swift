import Foundation
import SiteKnowledge
import SitesnapSystem
import SnapshotFormat

/// Staging hygiene of the restored config and files (profile `staging`; `--no-staging-safety` skips
/// it): settings set in place or appended to the config (Joomla `$mailonline`, Drupal `$config`
/// overrides), and files written into the copy (WordPress's mail-off must-use plugin). Each is one
/// line of the restore's output. The database rows of the same kind are `StagingSettings`.
enum StagingHygiene {
    /// The edits to the config `source` (as `ConfigRewriter` makes them) and the line for each.
    /// A setting the file computes, sets under a condition or lacks (with nothing to append) is
    /// left as it is and said so: the restore still goes on, as the staging database is safe either way.
    /// - Throws: what `PHPConfigReader` throws for a config it cannot read.
    static func configEdits(_ overrides: [StagingOverride], source: [UInt8], rel: String) throws -> (edits: [(Range<Int>, String, String)], lines: [String]) {
        let config = try PHPConfigReader.read(source, file: rel)
        var edits: [(Range<Int>, String, String)] = [], lines: [String] = [], appended: [String] = []
        for o in overrides {
            if let spec = o.value, let literal = o.literal {
                let a = ConfigValues.lookup(spec, in: config)
                if let why = unusable(a) {
                    lines.append("\(o.description): NOT set, \(spec.displayName) \(why) in \(rel) (left as it is)")
                    continue
                }
                guard let a else { continue }
                var text = literal
                if case .string = a.value, let s = o.stringLiteral { text = s }
                edits.append((a.valueRange, text, spec.displayName))
                lines.append("\(o.description) [\(rel): \(spec.displayName) = \(text)]")
            } else if let php = o.append {
                appended.append(php)
                lines.append("\(o.description) [\(rel): appended \(php.split(separator: "\n").joined(separator: " "))]")
            }
        }
        if !appended.isEmpty {
            edits.append((source.count..<source.count, appendix(appended, after: source), "staging overrides appended"))
        }
        return (edits, lines)
    }

    /// Why an assignment cannot be set in place, or nil when it can.
    private static func unusable(_ a: PHPAssignment?) -> String? {
        guard let a, !a.valueRange.isEmpty else { return "is not set" }
        if a.conditional { return "is set under a condition" }
        if case .expression = a.value { return "is computed by code" }
        return nil
    }

    /// PHP statements to append at the end of `source`. A file whose last tag is a closing `?>` ends
    /// outside PHP (whatever HTML follows the tag): PHP mode is opened again there, or the statements
    /// would be printed as text instead of run.
    static func appendix(_ statements: [String], after source: [UInt8]) -> String {
        let lastTag = ((try? PHPTokenizer.tokenize(source)) ?? []).last { $0.kind == .openTag || $0.kind == .closeTag }
        let lead = lastTag?.kind == .closeTag ? "<?php\n" : (source.last == UInt8(ascii: "\n") ? "\n" : "\n\n")
        return lead + "// Staging safety, added by sitesnap restore (--no-staging-safety leaves it out).\n"
            + statements.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()
    }

    /// The line for each file the restore writes.
    static func fileLines(_ profile: Profile, _ files: Lookup) throws -> [String] {
        try (profile.staging?.files ?? []).map { f in
            try inSnapshot(f, files) ? "\(f.description) [\(f.path)]"
                : "\(f.description): NOT written, the snapshot has no \(topFolder(f)) (a site that keeps it elsewhere)"
        }
    }

    /// Refuses, before anything is written, a staging file whose folder (or the file itself) the
    /// snapshot holds as something else than a folder (a symlinked `wp-content/mu-plugins`): the file
    /// could not be written inside the staging copy, and the restore would fail after its import.
    /// - Throws: `SitesnapError.invalidOption` naming the file, the entry and `--no-staging-safety`.
    static func checkFiles(_ profile: Profile, _ files: Lookup) throws {
        for f in profile.staging?.files ?? [] where try inSnapshot(f, files) {
            let parts = f.path.split(separator: "/").map(String.init)
            let folders = (1..<parts.count).map { parts.prefix($0).joined(separator: "/") }
            let records = try folders.compactMap { try files($0) }.filter { $0.type != .dir } + [try files(f.path)].compactMap { $0 }.filter { $0.type == .dir }
            guard let e = records.first else { continue }
            throw SitesnapError.invalidOption(option: "staging file \(f.path)",
                reason: "the snapshot's \(e.path) is a \(e.type.rawValue), not a place sitesnap writes into; nothing was written. Restore with --no-staging-safety and turn this off by hand (\(f.description))")
        }
    }

    /// The file's first folder (`wp-content`): it must be in the snapshot, as a file written where
    /// the CMS does not look would only say that something is off.
    private static func topFolder(_ f: StagingFile) -> String { String(f.path.split(separator: "/").first ?? "") }

    private static func inSnapshot(_ f: StagingFile, _ files: Lookup) throws -> Bool {
        try files(topFolder(f))?.type == .dir
    }

    /// A snapshot's record of a `files/` path (`SnapshotReader.fileRecord`), nil when it lacks it.
    typealias Lookup = (String) throws -> FileRecord?

    /// Every path the staging files' checks look up (read from the index in one pass).
    static func paths(_ profile: Profile) -> Set<String> {
        var out = Set<String>()
        for f in profile.staging?.files ?? [] {
            let parts = f.path.split(separator: "/").map(String.init)
            for n in 1...max(parts.count, 1) { out.insert(parts.prefix(n).joined(separator: "/")) }
        }
        return out
    }

    /// Writes the profile's staging files into the restored tree at `root`, each atomically (0644),
    /// creating missing folders (0755). Every folder of the tree keeps its times (and mode), so the
    /// restored tree still matches the manifest; a file of that name in the snapshot is replaced.
    /// - Throws: `SitesnapError.restoreWriteFailed` naming the path.
    static func writeFiles(_ profile: Profile, _ files: Lookup, root: String) throws {
        for f in profile.staging?.files ?? [] where try inSnapshot(f, files) {
            let path = root + "/" + f.path
            let parts = f.path.split(separator: "/").dropLast()
            var folder = root
            for p in parts {
                let next = folder + "/" + p
                var st = stat()
                if lstat(next, &st) != 0 {
                    try keepingTimes(of: folder) {
                        guard mkdir(next, 0o755) == 0 || errno == EEXIST, chmod(next, 0o755) == 0 else {
                            throw SitesnapError.restoreWriteFailed(path: next, reason: FileSystemErrors.errno(errno))
                        }
                    }
                } else if st.st_mode & S_IFMT != S_IFDIR {
                    throw SitesnapError.restoreWriteFailed(path: next, reason: "it is not a folder, so \(f.path) cannot be written")
                }
                folder = next
            }
            do { try AtomicFile.write(Array(f.content.utf8), to: path, mode: 0o644, keepFolder: true) }
            catch { throw SitesnapError.restoreWriteFailed(path: path, reason: error.reason) }
        }
    }

    /// Runs `body` (which adds an entry to `folder`) and puts the folder's access and modification
    /// times back.
    private static func keepingTimes(of folder: String, _ body: () throws -> Void) throws {
        var st = stat()
        let had = stat(folder, &st) == 0
        try body()
        if had {
            var times = [st.st_atim, st.st_mtim]
            _ = utimensat(AT_FDCWD, folder, &times, 0)
        }
    }
}
