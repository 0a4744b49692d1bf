import ArchiveKit
@testable import SitesnapSystem
@testable import SnapshotFormat
import XCTest
@testable import SitesnapCore

/// File names are bytes and hard links stay hard links, from the site through the archive (stock
/// tar sees the same), the manifest, restore and both verifications.
final class FileNamesAndLinksTests: XCTestCase {
    private func sh(_ command: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try ProcessRunner.shell(command)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return r.stdout
    }

    /// A WordPress-shaped site with a database of one table; returns (site, database).
    private func site() throws -> (String, String) {
        let db = try TestDatabase.create("names")
        let c = try TestDatabase.admin(database: db)
        try c.execute("CREATE TABLE wp_options (option_id INT PRIMARY KEY, option_name VARCHAR(64), option_value TEXT)")
        try c.execute("INSERT INTO wp_options VALUES (1, 'blog_public', '1')")
        return (try TinySite.wordpress(database: db, user: db + "_u"), db)
    }

    /// Backs `site` up (exit 0, no warning) and restores it as root into a new staging folder;
    /// returns (archive, restored folder, restore JSON).
    private func roundTrip(_ site: String) throws -> (String, String, [String: Any]) {
        let socket = try TestEnvironment.requireDatabase()
        let repo = TestEnvironment.makeTempDir("repo")
        let b = try ProcessRunner.sitesnap(["backup", site, "--repo", repo, "--json"])
        XCTAssertEqual(b.status, 0, b.stderr)
        let backup = try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((backup["warnings"] as? [Any])?.count, 0, "\(backup["warnings"] ?? "")")
        let archive = backup["archive"] as! String
        let v = try ProcessRunner.sitesnap(["verify", archive])
        XCTAssertEqual(v.status, 0, v.stdout + v.stderr)
        let target = TestEnvironment.makeTempDir("stg") + "/site"
        let staging = try TestDatabase.create("names_stg")
        let r = try ProcessRunner.sitesnap(["restore", archive, "--target", target, "--db-name", staging, "--db-user", "root",
                                            "--db-password-file", "/dev/null", "--db-socket", socket, "--json"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let restored = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
        XCTAssertEqual((restored["verification"] as? [String: Any])?["ok"] as? Bool, true, r.stdout)
        return (archive, target, restored)
    }

    /// Every entry below `root` as raw bytes (readdir, not Foundation, which would decode names):
    /// hex of the path, type and mode, size, SHA-256 of the content, link target in hex.
    private func byteTree(_ root: String, except: Set<String> = ["wp-config.php"]) -> [String] {
        var out: [String] = []
        func walk(_ rel: [UInt8]) {
            let dirPath = Array(root.utf8) + (rel.isEmpty ? [] : [47] + rel) + [0]
            guard let d = dirPath.withUnsafeBufferPointer({ $0.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) } }) else { return }
            var names: [[UInt8]] = []
            while let e = readdir(d) {
                let n = TreeWalker.name(of: e).dropLast().map { UInt8(bitPattern: $0) }
                if n != [46] && n != [46, 46] { names.append(n) }
            }
            closedir(d)
            for n in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let childRel = rel.isEmpty ? n : rel + [47] + n
                if except.contains(String(decoding: childRel, as: UTF8.self)) { continue }
                let full = Array(root.utf8) + [47] + childRel + [0]
                var st = stat()
                _ = full.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &st) } }
                var line = childRel.map { String(format: "%02x", $0) }.joined() + " " + String(st.st_mode, radix: 8) + " \(st.st_size)"
                switch st.st_mode & S_IFMT {
                case S_IFREG:
                    let data = full.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { p -> [UInt8] in
                        let fd = open(p.baseAddress!, O_RDONLY)
                        defer { close(fd) }
                        var b = [UInt8](repeating: 0, count: Int(st.st_size))
                        _ = read(fd, &b, b.count)
                        return b
                    } }
                    var h = StreamingSHA256()
                    data.withUnsafeBytes { h.update($0) }
                    line += " " + h.finalizeHex()
                case S_IFLNK:
                    var t = [UInt8](repeating: 0, count: 4096)
                    let n = full.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { readlink($0.baseAddress!, &t, 4096) } }
                    line += " -> " + t[0..<max(n, 0)].map { String(format: "%02x", $0) }.joined()
                case S_IFDIR:
                    walk(childRel)
                default: break
                }
                out.append(line)
            }
        }
        walk([])
        return out
    }

    func testNamesThatAreNotUTF8RoundTripAsBytes() throws {
        let (site, _) = try site()
        // Latin-1 names, as on sites migrated from old hosts: a file, a folder and a file in it, a
        // symlink whose target is not UTF-8 either; one mode that is not the default.
        _ = try sh("""
            cd '\(site)' && printf 'latin-1 name' > "$(printf 'caf\\351.txt')" && chmod 0640 "$(printf 'caf\\351.txt')" && \
            mkdir "$(printf 'd\\351j\\340')" && printf 'inside' > "$(printf 'd\\351j\\340/\\377.bin')" && chmod 0750 "$(printf 'd\\351j\\340')" && \
            ln -s "$(printf 'caf\\351.txt')" "$(printf 'l\\351')" && printf 'back\\\\slash' > 'back\\slash.txt'
            """)
        let before = byteTree(site)
        XCTAssertEqual(before.filter { $0.hasPrefix("636166e92e747874 ") }.count, 1, "the test tree holds caf\\xE9.txt")
        let (archive, target, _) = try roundTrip(site)

        // Stock tar lists the same bytes (octal escapes are GNU tar's default quoting).
        let list = try sh("tar --zstd -tf '\(archive)' 2>/dev/null")
        for name in ["files/caf\\351.txt", "files/d\\351j\\340/", "files/d\\351j\\340/\\377.bin", "files/l\\351", "files/back\\\\slash.txt"] {
            XCTAssertTrue(list.split(separator: "\n").contains(Substring(name)), "tar lists \(name): \(list)")
        }
        // The manifest: a readable escape plus the exact bytes.
        let x = try Snapshots.extract(archive)
        XCTAssertEqual(try Snapshots.manifest(x)["format_version"] as? Int, 4)
        let entries = try Snapshots.index(x)
        let cafe = try XCTUnwrap(entries.first { $0["path_hex"] as? String == "636166e92e747874" })
        XCTAssertEqual(cafe["path"] as? String, "caf\\xE9.txt")
        let link = try XCTUnwrap(entries.first { $0["type"] as? String == "symlink" && $0["target_hex"] != nil })
        XCTAssertEqual(link["target"] as? String, "caf\\xE9.txt")
        XCTAssertEqual(link["target_hex"] as? String, "636166e92e747874")

        // The restored tree has the same names (bytes), types, modes, sizes, contents, link targets.
        XCTAssertEqual(byteTree(target), before)
        XCTAssertTrue(try sh("ls -b '\(target)'").contains("caf\\351.txt"))
    }

    func testHardLinksStayHardLinks() throws {
        let (site, _) = try site()
        _ = try sh("cd '\(site)' && mkdir -p wp-content/uploads && head -c 200000 /dev/urandom > wp-content/uploads/a.bin && ln wp-content/uploads/a.bin wp-content/b.bin && ln wp-content/uploads/a.bin z.bin")
        let (archive, target, _) = try roundTrip(site)
        // One copy of the data, under the first name in walk order (wp-content/b.bin); the other
        // names are tar hard links (stock tar shows "link to").
        let list = try sh("tar --zstd -tvf '\(archive)'")
        XCTAssertTrue(list.contains("files/wp-content/uploads/a.bin link to files/wp-content/b.bin"), list)
        XCTAssertTrue(list.contains("files/z.bin link to files/wp-content/b.bin"), list)
        let size = try sh("tar --zstd -xOf '\(archive)' | wc -c").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertLessThan(Int(size)!, 400_000, "the 200,000 bytes are in the archive once")
        let x = try Snapshots.extract(archive)
        let m = try Snapshots.manifest(x)
        let entries = try Snapshots.index(x)
        let a1 = try XCTUnwrap(entries.first { $0["path"] as? String == "wp-content/uploads/a.bin" })
        XCTAssertEqual(a1["type"] as? String, "hardlink")
        XCTAssertEqual(a1["target"] as? String, "wp-content/b.bin")
        XCTAssertNil(a1["sha256"])
        XCTAssertEqual((m["totals"] as! [String: Any])["hardlinks"] as? Int, 2)
        // Restored as hard links: one inode, three names.
        var a = stat(), bb = stat(), z = stat()
        XCTAssertEqual(lstat(target + "/wp-content/uploads/a.bin", &a), 0)
        XCTAssertEqual(lstat(target + "/wp-content/b.bin", &bb), 0)
        XCTAssertEqual(lstat(target + "/z.bin", &z), 0)
        XCTAssertEqual(a.st_nlink, 3)
        XCTAssertEqual(a.st_ino, bb.st_ino)
        XCTAssertEqual(a.st_ino, z.st_ino)
        // The staging mail-off plugin aside (StagingHygieneTests).
        XCTAssertEqual(byteTree(target, except: ["wp-config.php", "wp-content/mu-plugins"]), byteTree(site))
    }

    /// A forged archive's hard link may only name a regular file written earlier under files/.
    func testHardLinkToAnythingButAnEarlierFileIsRefused() throws {
        func entry(_ path: String, _ kind: ArchiveEntry.Kind) -> ArchiveEntry { ArchiveEntry(path: path, kind: kind, mode: 0o644, mtimeSeconds: 0) }
        func refused(_ entries: [ArchiveEntry]) -> Bool {
            var v = EntryValidator()
            do { for e in entries { try v.check(e, archive: "a.tar") } } catch { return true }
            return false
        }
        let start = [entry("files", .directory), entry("files/a", .regular(size: 1)), entry("files/d", .directory),
                     entry("files/s", .symlink(target: "/etc")), entry("database/1-0001-t.sql", .regular(size: 1))]
        XCTAssertFalse(refused(start + [entry("files/b", .hardlink(target: "files/a"))]))
        for target in ["files/x", "files/../etc/passwd", "/etc/passwd", "etc/passwd", "files/d", "files/s", "files/s/passwd",
                       "database/1-0001-t.sql", "files/b"] {
            XCTAssertTrue(refused(start + [entry("files/b", .hardlink(target: target))]), target)
        }
        XCTAssertTrue(refused(start + [entry("database/x.sql", .hardlink(target: "files/a"))]))
    }

    /// RawName keeps any bytes: every ill-formed UTF-8 sequence (Unicode table 3-7) is escaped byte
    /// by byte, well-formed text is left alone, and the manifest's JSON round-trips both.
    func testRawNameIsLosslessAndTheManifestKeepsTheBytes() throws {
        let cases: [([UInt8], String?)] = [
            (Array("café/ü.txt".utf8), nil),
            ([0x63, 0x61, 0x66, 0xE9], "caf\\xE9"),                // Latin-1
            ([0xC0, 0x80], "\\xC0\\x80"),                          // overlong NUL
            ([0xED, 0xA0, 0x80, 0x41], "\\xED\\xA0\\x80A"),          // a surrogate
            ([0xF4, 0x90, 0x80, 0x80], "\\xF4\\x90\\x80\\x80"),      // above U+10FFFF
            ([0xE2, 0x82, 0x2F, 0xE2, 0x82, 0xAC], "\\xE2\\x82/€"),   // truncated, then a whole €
            ([0x5C, 0x78, 0x45, 0x39], nil),                        // the text \xE9 itself
        ]
        for (bytes, shown) in cases {
            let s = RawName.string(bytes)
            XCTAssertEqual(RawName.bytes(s), bytes)
            XCTAssertEqual(RawName.isRaw(s), shown != nil, "\(bytes)")
            XCTAssertEqual(RawName.display(s), shown ?? String(decoding: bytes, as: UTF8.self))
            XCTAssertEqual(RawName.fromHex(RawName.hex(s)), s)
            var out: [UInt8] = []
            RawName.withCString(s) { p in out = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p))) }
            XCTAssertEqual(out, bytes, "the kernel gets the bytes")
            let record = FileRecord(type: .symlink, path: s, mode: 0o777, mtime: 1, mtimeNs: 2, target: s)
            let json = try JSONEncoder().encode(record)
            XCTAssertEqual(try JSONDecoder().decode(FileRecord.self, from: json), record)
            XCTAssertEqual(String(decoding: json, as: UTF8.self).contains("path_hex"), shown != nil)
        }
        XCTAssertEqual(RawName.display("a\nb"), "a\\x0Ab", "control characters are escaped for text")
        XCTAssertNil(RawName.fromHex("6"))
        XCTAssertNil(RawName.fromHex("00"), "no NUL in a name")
    }
}
