import Foundation

/// Path globs relative to a folder, matched per path component with POSIX `fnmatch(3)`; `**` matches any
/// number of folders. fnmatch has no `**` and glob(3) no recursion, hence this small walker.
public enum Glob {
    /// The relative paths under `root` matching `pattern`, sorted. Symlinked folders are not followed
    /// by `**` (a link loop cannot make it spin). At most `maxDepth` levels below a `**`.
    public static func expand(_ pattern: String, in root: String, maxDepth: Int = 8) -> [String] {
        let parts = pattern.split(separator: "/").map(String.init)
        var out: [String] = []
        walk(parts[...], dir: root, rel: "", depthLeft: maxDepth, out: &out)
        return Array(Set(out)).sorted()
    }

    private static func walk(_ parts: ArraySlice<String>, dir: String, rel: String, depthLeft: Int, out: inout [String]) {
        guard let part = parts.first else { return }
        let rest = parts.dropFirst()
        if part == "**" {
            walk(rest, dir: dir, rel: rel, depthLeft: depthLeft, out: &out)
            guard depthLeft > 0 else { return }
            for name in entries(dir) where isRealDirectory(dir + "/" + name) {
                walk(parts, dir: dir + "/" + name, rel: rel + name + "/", depthLeft: depthLeft - 1, out: &out)
            }
            return
        }
        let literal = !part.contains(where: { "*?[".contains($0) })
        let names = literal ? (FileManager.default.fileExists(atPath: dir + "/" + part) ? [part] : []) : entries(dir).filter { fnmatch(part, $0, 0) == 0 }
        for name in names {
            let path = dir + "/" + name
            if rest.isEmpty {
                out.append(rel + name)
            } else if isDirectory(path) {
                walk(rest, dir: path, rel: rel + name + "/", depthLeft: depthLeft, out: &out)
            }
        }
    }

    private static func entries(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    private static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    private static func isRealDirectory(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
