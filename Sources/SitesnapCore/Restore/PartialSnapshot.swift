import Foundation
import SnapshotFormat

/// What a restore of a partial snapshot (`backup --no-db`, `--no-files`, a config that was excluded
/// or never found) leaves out, said as `RestoreResult.notRestored` lines. A snapshot without a
/// database creates no database; one without files leaves the target folder as it was; a config
/// that is not in the snapshot is not claimed rewritten; what an incomplete snapshot lacks (its
/// warnings) is listed.
enum PartialSnapshot {
    /// - Parameters: `configRel`: the config's path inside the site (nil: the snapshot names none);
    ///   `configInSnapshot`: whether the snapshot holds it;
    ///   `configRewritten`: whether the restore rewrites it.
    static func notRestored(_ m: Manifest, configRel: String?, configInSnapshot: Bool, configRewritten: Bool, target: String,
                            database: String, url: String?) -> [String] {
        var out: [String] = []
        if m.database == nil {
            out.append("database: the snapshot has none (taken with --no-db); \(database) was not created or changed"
                       + (configRewritten ? ", though the restored config points at it: load the site's tables into it" : ""))
            if url != nil { out.append("url: --url changed no table (the snapshot has no database)" + (configRewritten ? "; the config has it where the profile keeps a URL" : "")) }
        }
        if m.files == nil {
            out.append("files: the snapshot has none (taken with --no-files); \(target) was left as it was, and no config was written")
        } else if !configRewritten {
            if let rel = configRel {
                out.append(configInSnapshot ? "config: \(rel) was restored as archived (no database setting in it to rewrite); check \(target)/\(rel) before use"
                                      : "config: \(rel) is not in the snapshot (excluded); the restored site has no database settings: write them into \(target)/\(rel) (database \(database))")
            } else {
                out.append("config: the snapshot names no config file; the restored site has no database settings: write them by hand (database \(database))")
            }
        }
        // An incomplete snapshot (backup exit 5) restores what it holds; what it never held is said.
        for w in m.incompleteWarnings.prefix(20) {
            out.append("\(w.subject): not in the snapshot (\(w.kind) when it was taken: \(w.message))")
        }
        if m.incompleteWarnings.count > 20 {
            out.append("… \(m.incompleteWarnings.count - 20) more not in the snapshot (sitesnap verify \(m.id) lists them)")
        }
        return out
    }
}
