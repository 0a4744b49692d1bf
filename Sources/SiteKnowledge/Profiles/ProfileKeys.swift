import Foundation
import Yams

/// Finds a key of a profile's YAML that no field of `Profile` reads: a typo (`also_read` for
/// `follow_includes`) must fail the load, not leave the profile silently without the setting.
///
/// Codable ignores unknown keys and Yams has no strict mode, so instead of a hand-written schema the
/// check re-encodes the decoded profile and looks for keys of the file the encoding does not have:
/// every field the decoder read is encoded again under the same key.
enum ProfileKeys {
    /// The dotted path of the first unknown key (`config.also_read`, `extensions.2.fromat`), or nil.
    static func unknownKey(in text: String, decoded profile: Profile) throws -> String? {
        let original = try Yams.load(yaml: text)
        let known = try Yams.load(yaml: YAMLEncoder().encode(profile))
        return firstExtra(original, known, path: [])
    }

    private static func firstExtra(_ original: Any?, _ known: Any?, path: [String]) -> String? {
        if let o = original as? [AnyHashable: Any] {
            // A mapping where a plain value is expected (or the reverse) was a decode error already;
            // a mapping re-encoded as something else (an exclude `{path: x}` is a mapping both ways).
            guard let k = known as? [AnyHashable: Any] else { return nil }
            for key in o.keys.sorted(by: { "\($0)" < "\($1)" }) {
                let name = "\(key)"
                guard let value = o[key] else { continue }
                if value is NSNull { continue }  // `key: ~`: decoded as absent, so not re-encoded
                guard let knownValue = k[key] else { return (path + [name]).joined(separator: ".") }
                if let deeper = firstExtra(value, knownValue, path: path + [name]) { return deeper }
            }
        } else if let o = original as? [Any], let k = known as? [Any], o.count == k.count {
            for (i, pair) in zip(o, k).enumerated() {
                if let deeper = firstExtra(pair.0, pair.1, path: path + [String(i)]) { return deeper }
            }
        }
        return nil
    }
}
