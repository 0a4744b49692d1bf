import Foundation
import SitesnapSystem
import SnapshotFormat
import Yams

/// Loads CMS profiles: the ones shipped with sitesnap plus any in user directories (which win on the
/// same `id`). Shipped profiles are found beside the executable (SwiftPM's
/// `sitesnap_SiteKnowledge.resources/profiles`), in `../share/sitesnap/profiles`, or in the source checkout.
public struct ProfileStore: Sendable {
    /// Loaded profiles, user ones first.
    public let profiles: [Profile]

    /// Loads profiles.
    /// - Parameter userDirectories: extra folders of `*.yml` profiles (from `--profiles` and `$SITESNAP_PROFILES`).
    /// - Throws: `SitesnapError.profileInvalid` naming the file for a profile that does not parse;
    ///   `.invalidOption` when a user directory does not exist.
    public init(userDirectories: [String] = []) throws {
        var seen = Set<String>()
        var list: [Profile] = []
        for dir in userDirectories {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw SitesnapError.invalidOption(option: "--profiles \(dir)", reason: "no such directory")
            }
        }
        // The shipped profiles' keys are checked by the tests (ProfileStoreTests, *LeftoverProfileTests
        // load them with the check); at run time the check was 64 % of a diff-db of two small
        // snapshots (each profile parsed again and re-encoded), so only the user's are checked.
        let dirs = userDirectories.map { ($0, true) } + [Self.builtinDirectory()].compactMap { $0.map { ($0, false) } }
        for (dir, checkKeys) in dirs {
            for profile in try Self.load(directory: dir, checkKeys: checkKeys) where !seen.contains(profile.id) {
                seen.insert(profile.id)
                list.append(profile)
            }
        }
        profiles = list
    }

    /// The profile a snapshot of `site` was taken with, rebased under its docroot (a project's), or nil.
    public func profile(for site: SiteInfo) -> Profile? {
        profiles.first { $0.id == site.cms }?.rebased(docroot: site.docroot)
    }

    /// The folder holding the shipped profiles, or nil when none is found.
    public static func builtinDirectory() -> String? {
        var candidates: [String] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var exeDirs = [exe.deletingLastPathComponent().path]
        if let selfExe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            exeDirs.append(URL(fileURLWithPath: selfExe).deletingLastPathComponent().path)
        }
        for dir in exeDirs {
            candidates.append(dir + "/sitesnap_SiteKnowledge.resources/profiles")
            candidates.append(dir + "/../share/sitesnap/profiles")
        }
        // A source checkout: <repo>/Sources/SiteKnowledge/Profiles/ProfileStore.swift -> <repo>/profiles.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("profiles").path
        candidates.append(source)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/wordpress.yml") }
    }

    /// Parses every `*.yml` / `*.yaml` in `directory`, sorted by file name; `checkKeys` refuses a key
    /// no field reads (`ProfileKeys`).
    /// - Throws: `SitesnapError.profileInvalid`.
    public static func load(directory: String, checkKeys: Bool = true) throws -> [Profile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return try names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { name in
            let path = directory + "/" + name
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let profile = try YAMLDecoder().decode(Profile.self, from: text)
                if checkKeys, let key = try ProfileKeys.unknownKey(in: text, decoded: profile) {
                    throw SitesnapError.profileInvalid(file: path, reason: "unknown key '\(key)' (a typo, or a key this version of sitesnap does not know; see docs/profiles.md)")
                }
                return profile
            } catch let e as SitesnapError {
                throw e
            } catch let e as DecodingError {
                throw SitesnapError.profileInvalid(file: path, reason: Self.describe(e))
            } catch {
                throw SitesnapError.profileInvalid(file: path, reason: "\(error)")
            }
        }
    }

    /// `extensions.0.format`: list positions as numbers (the decoder names them "Index 0").
    private static func dotted(_ path: [CodingKey]) -> String {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func describe(_ e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let key, let ctx):
            return "missing key '\(dotted(ctx.codingPath + [key]))'"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
            return "bad value at '\(dotted(ctx.codingPath))': \(ctx.debugDescription)"
        @unknown default:
            return "\(e)"
        }
    }
}
