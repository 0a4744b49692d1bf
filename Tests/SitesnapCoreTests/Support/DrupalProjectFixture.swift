import Foundation

/// The composer Drupal 10 project of `Tests/Fixtures/drupal10-composer`, assembled in a temporary
/// folder: the fixture `drupal10` (a tarball-layout site) becomes the docroot `web/`, its `vendor/`
/// moves beside it, the project files and the extra extensions of `drupal10-composer` are laid over
/// it, and settings.php names the config sync folder `../config/sync` (the real layout, without a
/// second copy of drupal10's files in the repository).
enum DrupalProjectFixture {
    /// Builds the project as `<tmp>/<name>` and returns its path.
    static func make(_ name: String = "acme-project") throws -> String {
        let fm = FileManager.default
        let root = TestEnvironment.makeTempDir("composer") + "/" + name
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        try fm.copyItem(atPath: TestEnvironment.fixtures + "/drupal10", toPath: root + "/web")
        try fm.moveItem(atPath: root + "/web/vendor", toPath: root + "/vendor")
        try fm.removeItem(atPath: root + "/web/autoload.php")
        let overlay = TestEnvironment.fixtures + "/drupal10-composer"
        for rel in try fm.subpathsOfDirectory(atPath: overlay).sorted() {
            var isDir: ObjCBool = false
            fm.fileExists(atPath: overlay + "/" + rel, isDirectory: &isDir)
            if isDir.boolValue {
                try fm.createDirectory(atPath: root + "/" + rel, withIntermediateDirectories: true)
            } else {
                try fm.copyItem(atPath: overlay + "/" + rel, toPath: root + "/" + rel)
            }
        }
        let settings = root + "/web/sites/default/settings.php"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        let line = "$settings['config_sync_directory'] = 'sites/default/files/config_abc/sync';"
        precondition(text.contains(line))
        try text.replacingOccurrences(of: line, with: "$settings['config_sync_directory'] = '../config/sync';")
            .write(toFile: settings, atomically: true, encoding: .utf8)
        return root
    }
}
