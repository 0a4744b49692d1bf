import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small reads of XML files (Joomla! manifests) through Foundation's XML parser.
enum XMLText {
    /// The trimmed text of the first element named `name` (any depth), or nil.
    static func firstElement(named name: String, inFile path: String) -> String? {
        guard let doc = document(path) else { return nil }
        return (try? doc.nodes(forXPath: "//\(name)"))?.first?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func document(_ path: String) -> XMLDocument? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? XMLDocument(data: data, options: [])
    }
}
