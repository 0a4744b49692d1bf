import Foundation
import XCTest

/// Counts the opens of the files in one folder, by any process, with inotify(7) (`IN_OPEN`): how a
/// test proves which manifests and archives a command read, without a hook in the code under test.
/// One wrapper per inotify descriptor, closed on deinit.
final class FileOpens {
    private let fd: Int32

    /// Starts watching `folder` (its files, not its subfolders).
    init(folder: String) throws {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0, inotify_add_watch(fd, folder, UInt32(IN_OPEN)) >= 0 else {
            throw NSError(domain: "inotify", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }

    deinit { close(fd) }

    /// The opens of each file name since the last call (the folder's own opens left out).
    func take() -> [String: Int] {
        var counts: [String: Int] = [:]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            var at = 0
            // struct inotify_event: wd, mask, cookie, len (4 bytes each), then len bytes of NUL-padded name.
            while at + 16 <= n {
                let len = buffer[at + 12..<at + 16].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
                let name = buffer[at + 16..<at + 16 + len].prefix { $0 != 0 }
                if !name.isEmpty { counts[String(decoding: name, as: UTF8.self), default: 0] += 1 }
                at += 16 + len
            }
        }
        return counts
    }
}
