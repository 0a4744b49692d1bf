import ArchiveKit
import Foundation
import SitesnapSystem

/// Reads ahead of the archiver: walks the same tree in the same order on a thread of its own and asks
/// the kernel to start reading each regular file (`posix_fadvise(POSIX_FADV_WILLNEED)`, which queues
/// the reads and returns), at most `window` bytes ahead of what the archiver has consumed.
///
/// Started before the database dump, it fills the page cache while the server is busy; during the
/// file walk it keeps several reads in flight where a single reader would wait for each in turn.
/// It holds no data itself (the page cache does, and may drop it under memory pressure), so the
/// process's memory does not grow with the window.
final class FilePrefetcher: Sendable {
    private struct State {
        var advised: Int64 = 0
        var consumed: Int64 = 0
        var stopped = false
    }
    private let state = Locked(State())
    private let thread: WorkerPool
    let window: Int64

    /// The default window: 768 MiB, or an eighth of the machine's memory when that is less (it is page
    /// cache, which the kernel may take back, not this process's memory). On the 2-core bench machine
    /// 128 MiB took the small site's backup from 2.2 s to 1.75 s, 512 MiB to 1.65 s; on the 2.4 GB
    /// site, whose files wait while the tables are dumped, 256 MiB gave 9.37-9.52 s, 768 MiB
    /// 8.79-8.80 s, 1.5 GiB 9.24-9.27 s (the files read from disk during the dump, not after it).
    static var defaultWindow: Int64 { min(768 << 20, Int64(ProcessInfo.processInfo.physicalMemory / 8)) }

    /// Starts the read-ahead thread. `window` in bytes.
    init(root: String, excludes: ExcludeMatcher, window: Int64 = FilePrefetcher.defaultWindow) {
        self.window = window
        let walker = TreeWalker(root: root, excludes: excludes, cancellation: nil)
        let state = self.state
        thread = WorkerPool(name: "sitesnap-prefetch") {
            // Nice 19 for this thread only (Linux: setpriority on PRIO_PROCESS 0 is the calling
            // thread): when the files are in the page cache already, its walk (an lstat, open,
            // fadvise and close per file) is of no use and took a tenth of the CPU from the archiver
            // and compressor on 2 cores; when they are not, the archiver waits for the disk and
            // leaves the CPU to it.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            _ = try? walker.walk { _, st, place in
                // Waits while the window is full; stops the walk once `stop()` was called.
                let stopped = state.withLock(when: { $0.stopped || $0.advised - $0.consumed <= window }) { $0.stopped }
                if stopped { throw Stopped() }
                guard (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return }
                let fd = openat(place.folder, place.name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
                guard fd >= 0 else { return }
                _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
                close(fd)
                state.withLock { $0.advised += Int64(st.st_size) }
            }
        }
    }

    private struct Stopped: Error {}

    /// Bytes advised so far (for tests).
    var advisedBytes: Int64 { state.withLock { $0.advised } }

    /// The archiver has read `bytes` more of the tree.
    func consume(_ bytes: Int64) {
        state.withLock { $0.consumed += bytes }
    }

    /// Stops the thread and waits for it.
    func stop() {
        state.withLock { $0.stopped = true }
        thread.join()
    }
}
