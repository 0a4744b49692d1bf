/// Looks up profile value specs in a parsed PHP config.
package enum ConfigValues {
    /// The assignment a spec points at, after applying `arrayKey` to an array value; nil when unset.
    package static func lookup(_ spec: PHPValueSpec, in config: PHPConfig) -> PHPAssignment? {
        var found: PHPAssignment?
        if let c = spec.constant { found = config.constants[c] }
        else if let m = spec.member { found = config.classMembers[m] }
        else if let v = spec.variable { found = config.variable(v) }
        guard var result = found else { return nil }
        if let key = spec.arrayKey, case .array = result.value {
            guard let entry = result.value[PHPArrayKey(key)] else { return nil }
            result = PHPAssignment(value: entry.value, valueRange: entry.valueRange, line: result.line)
        }
        // A part of a database URL: the part's text, at the whole URL's range (a rewrite writes the
        // whole URL again, see ConfigRewriter); a computed URL stays computed.
        if let part = spec.urlPart, let text = result.value.scalarText {
            guard let url = DatabaseURL(text), let value = url.part(part) else { return nil }
            result.value = part == .port ? .integer(Int64(value) ?? 0) : .string(value)
        }
        return result
    }
}
