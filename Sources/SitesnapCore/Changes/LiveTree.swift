import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// The live site as index records, in the backup's walk order (`TreeWalker`, so `WalkOrder`), each
/// regular file hashed as it is read (1 MiB buffer), with the read-ahead the backup uses
/// (`FilePrefetcher`). Records are handed to `visit` one at a time: nothing is kept but the first
/// names of hard-linked files (as `FileArchiver`). What a backup would warn about (an unreadable
/// file or folder, a special file) is left out and counted in `skipped`.
struct LiveTree {
    let root: String
    let excludes: ExcludeMatcher
    let cancellation: Cancellation?
    static let chunk = 1 << 20

    /// Walks the tree; returns the number of entries left out.
    /// - Throws: `SitesnapError.siteRootMissing`, `.interrupted`, what `visit` throws.
    func walk(_ visit: (FileRecord) throws -> Void) throws -> Int {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunk, alignment: 16)
        defer { buffer.deallocate() }
        let prefetcher = FilePrefetcher(root: root, excludes: excludes)
        defer { prefetcher.stop() }
        var links: [UInt64: [UInt64: String]] = [:]
        var skipped = 0
        let outcome = try TreeWalker(root: root, excludes: excludes, cancellation: cancellation).walk { rel, st, place in
            var r = FileRecord(type: .file, path: rel, mode: UInt32(st.st_mode) & 0o7777, mtime: Int64(st.st_mtim.tv_sec),
                               mtimeNs: Int64(st.st_mtim.tv_nsec), uid: Int64(st.st_uid), gid: Int64(st.st_gid))
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                r.type = .dir
            case S_IFLNK:
                let n = readlinkat(place.folder, place.name, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int(PATH_MAX))
                guard n >= 0 else { skipped += 1; return }
                r.type = .symlink
                r.target = RawName.string(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            case S_IFREG where st.st_nlink > 1 && links[UInt64(st.st_dev)]?[UInt64(st.st_ino)] != nil:
                r.type = .hardlink
                r.target = links[UInt64(st.st_dev)]![UInt64(st.st_ino)]!
                prefetcher.consume(Int64(st.st_size))
            case S_IFREG:
                guard let (size, sha) = hash(place, buffer: buffer) else { skipped += 1; return }
                r.size = size
                r.sha256 = sha
                prefetcher.consume(size)
                if st.st_nlink > 1 { links[UInt64(st.st_dev), default: [:]][UInt64(st.st_ino)] = rel }
            default:
                skipped += 1
                return
            }
            try visit(r)
        }
        return skipped + outcome.warnings.count
    }

    /// Size and SHA-256 of the regular file at `place`, or nil when it cannot be opened or read.
    private func hash(_ place: TreeWalker.Place, buffer: UnsafeMutableRawBufferPointer) -> (Int64, String)? {
        let fd = openat(place.folder, place.name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = StreamingSHA256()
        var size: Int64 = 0
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 { if errno == EINTR { continue } else { return nil } }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            size += Int64(n)
        }
        return (size, hasher.finalizeHex())
    }
}
