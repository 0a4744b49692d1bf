import Foundation
import SitesnapSystem

/// The folder a config candidate's `folder_from` names: a constant a file of the site defines, such as
/// Joomla's `defines.php` moving `JPATH_CONFIGURATION` out of the web root (includes/app.php, 5.3:
/// `include_once dirname(__DIR__) . '/defines.php'` before includes/defines.php defines the rest).
enum ConfigFolder {
    /// The absolute folder, or nil when the file does not exist or does not define the value.
    /// - Throws: `SitesnapError.configValueNotLiteral` naming the file and constant when the value is
    ///   computed by more than a path expression (or is a relative path, which PHP resolves against
    ///   the working folder); `.configSyntax`, `.configUnreadable` for the file itself.
    static func resolve(_ from: ConfigSpec.FolderFrom, root: String) throws -> String? {
        let file = URL(fileURLWithPath: root + "/" + from.file).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        let php = try SiteConfigReader.readChecked(path: file)
        guard let assignment = ConfigValues.lookup(from.value, in: php) else { return nil }
        var path: String?
        var source = ""
        switch assignment.value {
        case .string(let s): path = s; source = "'\(s)'"
        case .expression(let e):
            source = e
            var evaluator = PathExpression(folder: URL(fileURLWithPath: file).deletingLastPathComponent().path, constants: php.constants,
                                           splits: splits(php, text: (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""))
            path = evaluator.evaluate(e)
        default: source = "\(assignment.value)"
        }
        guard let p = path, p.hasPrefix("/") else {
            let why = path == nil ? source : "\(source), a relative path PHP resolves against its working folder"
            throw SitesnapError.configValueNotLiteral(file: file, key: from.value.displayName, expression: why,
                                                      flag: "--config FILE (the config file it points at)")
        }
        return URL(fileURLWithPath: p).standardizedFileURL.path
    }

    /// Variables set to `explode(SEP, X)` and read only once more (Joomla 3's defines.php:
    /// `$parts = explode(DIRECTORY_SEPARATOR, JPATH_BASE);` then `implode(DIRECTORY_SEPARATOR, $parts)`),
    /// by name: the source of SEP and X. A variable mentioned more often may be changed in between
    /// (administrator/includes/defines.php pops a part), so it is left out.
    static func splits(_ php: PHPConfig, text: String) -> [String: (String, String)] {
        var out: [String: (String, String)] = [:]
        for (path, a) in php.variableAssignments where path.count == 1 {
            guard case .string(let name) = path[0], case .expression(let e) = a.value,
                  text.components(separatedBy: "$" + name).count - 1 == 2,
                  let args = PathExpression.arguments(of: ["explode", "\\explode"], in: e), args.count == 2 else { continue }
            out[name] = (args[0], args[1])
        }
        return out
    }
}
