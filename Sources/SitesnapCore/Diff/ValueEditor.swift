/// Placeholder until the value editor lands: no edit.
enum ValueEditor {
    static func removing(_ paths: [[String]], from bytes: [UInt8]) -> (cleaned: [UInt8], format: String)? { nil }
}
