import Foundation
import SnapshotStore

/// Small WordPress-shaped sites written by tests: the marker files, a wp-config.php naming a test
/// database, and whatever files a test adds.
enum TinySite {
    /// Creates `<dir>/site` with wp-load.php, wp-includes/version.php and a wp-config.php.
    static func wordpress(database: String = "none", user: String = "none", password: String = "test-pass",
                          host: String? = nil, prefix: String = "wp_", extraConfig: String = "") throws -> String {
        let root = TestEnvironment.makeTempDir("tiny") + "/site"
        try FileManager.default.createDirectory(atPath: root + "/wp-includes", withIntermediateDirectories: true)
        try "<?php\n// marker\n".write(toFile: root + "/wp-load.php", atomically: true, encoding: .utf8)
        try "<?php\n$wp_version = '6.1.9';\n".write(toFile: root + "/wp-includes/version.php", atomically: true, encoding: .utf8)
        let h = host ?? "localhost:\(TestEnvironment.socket ?? "/nonexistent.sock")"
        // A PHP single-quoted literal: backslash and quote escaped.
        let pw = password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        try """
            <?php
            define( 'DB_NAME', '\(database)' );
            define( 'DB_USER', '\(user)' );
            define( 'DB_PASSWORD', '\(pw)' );
            define( 'DB_HOST', '\(h)' );
            define( 'DB_CHARSET', 'utf8' );
            $table_prefix = '\(prefix)';
            \(extraConfig)
            """.write(toFile: root + "/wp-config.php", atomically: true, encoding: .utf8)
        return root
    }
}

/// Joomla- and Drupal-shaped fixture sites (Tests/Fixtures/<name>) with their tables loaded.
enum FixtureSite {
    /// Copies the fixture to `<tmp>/site`, creates a test database and loads `sql` into it with the
    /// stock client, `#__` replaced by `prefix`. Returns (site root, database name).
    /// - Throws: when the load fails (with the client's message).
    static func load(_ fixture: String, sql: String, prefix: String) throws -> (site: String, db: String) {
        let socket = try TestEnvironment.requireDatabase()
        let site = TestEnvironment.makeTempDir(fixture) + "/site"
        try FileManager.default.copyItem(atPath: TestEnvironment.fixtures + "/" + fixture, toPath: site)
        let db = try TestDatabase.create(fixture)
        let r = try ProcessRunner.shell("sed 's/#__/\(prefix)/g' '\(TestEnvironment.fixtures)/\(sql)' | mariadb --no-defaults --socket='\(socket)' -uroot '\(db)'")
        guard r.status == 0 else { throw NSError(domain: "fixture", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: "loading \(sql): \(r.stderr)"]) }
        return (site, db)
    }

    /// Creates the config's database user on the test server (localhost and 127.0.0.1) with all
    /// rights on `db`, so that a backup can connect with the fixture's own config.
    static func grant(_ db: String, user: String, password: String) throws {
        let c = try TestDatabase.admin()
        for host in ["localhost", "127.0.0.1"] {
            try c.execute("CREATE USER IF NOT EXISTS '\(user)'@'\(host)' IDENTIFIED BY '\(password)'")
            try c.execute("GRANT ALL ON `\(db)`.* TO '\(user)'@'\(host)'")
        }
    }
}

/// Helpers over backup output.
enum Snapshots {
    /// Archives in `repo` (not hidden files).
    static func archives(_ repo: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: repo)) ?? []).filter { $0.contains(".tar") && !$0.hasPrefix(".") }.sorted()
    }

    /// Every entry name in `repo`, hidden ones included (to prove nothing partial is left).
    /// (But the repository's marker that the unencrypted-archives notice was given: it stays.)
    static func allFiles(_ repo: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: repo)) ?? []).filter { $0 != Repository.unencryptedNoticeMarker }.sorted()
    }

    /// Extracts `archive` with stock tar into a new folder and returns it.
    static func extract(_ archive: String) throws -> String {
        let dir = TestEnvironment.makeTempDir("x")
        let r = try ProcessRunner.run("/usr/bin/tar", ["--zstd", "-xpf", archive, "-C", dir])
        precondition(r.status == 0, r.stderr)
        return dir
    }

    /// Imports `<extracted>/database/*.sql` (shell glob order) into a fresh database with the stock client.
    static func importDump(_ extracted: String, into database: String) throws -> ProcessResult {
        let socket = try TestEnvironment.requireDatabase()
        return try ProcessRunner.shell("cat '\(extracted)'/database/*.sql | mariadb --no-defaults --socket='\(socket)' -uroot '\(database)'")
    }

    static func manifest(_ extracted: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: extracted + "/manifest.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// The file index of an extracted archive (`index.jsonl`), one object per line, as JSONSerialization
    /// reads each line (independent of sitesnap's own line parser).
    static func index(_ extracted: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: extracted + "/index.jsonl"))
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any] }
    }
}

/// A digest of a whole tree (paths, types, modes, mtimes, sizes, link targets, content), to prove a
/// source site was not changed.
enum TreeDigest {
    /// `wholeSeconds`: mtimes to the second, as stock tar restores a format 4 snapshot (its headers
    /// carry whole seconds; the index the nanoseconds, which `sitesnap restore` applies).
    static func of(_ root: String, wholeSeconds: Bool = false) throws -> String {
        let time = wholeSeconds ? "%Ts" : "%T@"
        let r = try ProcessRunner.shell("cd '\(root)' && find . -printf '%p %y %m \(time) %s %l\\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum")
        precondition(r.status == 0, r.stderr)
        return r.stdout
    }
}
