import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The staging folder a restore creates or replaces, checked before anything is written: never a
/// system folder (`SystemLocations`), the snapshot's source site (nor inside or above it), the
/// repository, the archive's folder, the current or home folder; not a file; empty unless `force`;
/// and a place the result can be renamed into (`TargetPlacement`).
struct RestoreTarget {
    /// The target, with the symlinks of the part that exists resolved.
    let path: String
    /// The snapshot's source site root, resolved the same way.
    let source: String
    /// Whether the target folder exists (then `force` replaces its content).
    let exists: Bool

    /// - Parameters: `requested`: the `--target` as given; `repository`, `archive`: the snapshot's
    ///   repository folder and archive path (folders `force` would wipe).
    /// - Throws: `SitesnapError.invalidOption` (empty), `.unsafeTarget`, `.targetNotEmpty`.
    static func check(_ requested: String, force: Bool, manifest m: Manifest, repository: String, archive: String) throws -> RestoreTarget {
        guard !requested.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SitesnapError.invalidOption(option: "--target", reason: "give the staging folder to create (it is empty)")
        }
        let target = Repository.resolveExisting(URL(fileURLWithPath: requested).standardizedFileURL.path)
        if let why = SystemLocations.refusal(folder: requested, resolved: target) {
            throw SitesnapError.unsafeTarget(what: "folder \(requested)", reason: why + "; no flag overrides this")
        }
        for (what, folder) in [("the snapshot repository", repository), ("the folder of the archive", URL(fileURLWithPath: archive).deletingLastPathComponent().path),
                               ("the current folder", FileManager.default.currentDirectoryPath), ("your home folder", NSHomeDirectory())] {
            let f = Repository.resolveExisting(folder)
            let refuseAbove = what != "the current folder" && what != "your home folder"
            if target == f || (refuseAbove && f.hasPrefix(target + "/")) {
                throw SitesnapError.unsafeTarget(what: "folder \(target)", reason: "it is \(what)\(target == f ? "" : " or a folder above it"), which --force would wipe")
            }
        }
        let source = Repository.resolveExisting(m.site.root)
        if target == source || target.hasPrefix(source + "/") || source.hasPrefix(target + "/") || target == "/" {
            throw SitesnapError.unsafeTarget(what: "folder \(target)", reason: "it is the snapshot's source site \(source), or inside or above it")
        }
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isDir)
        if exists && !isDir.boolValue {
            throw SitesnapError.unsafeTarget(what: target, reason: "it is a file")
        }
        // A snapshot without files (--no-files) leaves the target folder as it is.
        let hasContent = m.files != nil && exists && !((try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []).isEmpty
        if hasContent && !force {
            throw SitesnapError.targetNotEmpty(what: "target folder \(target)", hint: "add --force to replace its content (never merged).")
        }
        // The hidden folder goes beside the target even without files (a --no-files snapshot): its
        // parent is checked either way, the target itself only when it is to be replaced.
        try TargetPlacement.check(target: target, exists: m.files != nil && exists)
        return RestoreTarget(path: target, source: source, exists: exists)
    }
}
