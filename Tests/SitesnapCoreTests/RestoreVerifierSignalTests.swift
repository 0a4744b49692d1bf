import Foundation
@testable import SitesnapCore
@testable import SitesnapSystem
@testable import SnapshotFormat
import XCTest

/// `--read-back` reads every restored file through `FileDescriptor`: a read interrupted by a signal
/// (EINTR) is retried. It used to end the loop, so the file looked short and was reported as
/// differing. A FIFO written slowly makes read(2) block, so the signals land while it waits.
final class RestoreVerifierSignalTests: XCTestCase {
    func testReadBackRetriesAReadInterruptedBySignals() throws {
        let root = TestEnvironment.makeTempDir("verify-eintr")
        let path = root + "/slow.txt"
        XCTAssertEqual(mkfifo(path, 0o640), 0)
        XCTAssertEqual(chmod(path, 0o640), 0)
        let pieces = ["first piece, ", "second piece, ", "third piece, ", "the end\n"]
        let content = Array(pieces.joined().utf8)
        var h = StreamingSHA256()
        content.withUnsafeBytes { h.update($0) }
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0)
        let record = FileRecord(type: .file, path: "slow.txt", mode: 0o640, mtime: Int64(st.st_mtim.tv_sec), mtimeNs: 0,
                                size: Int64(content.count), sha256: h.finalizeHex(), target: nil)

        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0  // no SA_RESTART: a blocked read returns EINTR
        sigemptyset(&action.sa_mask)
        var old = sigaction()
        sigaction(SIGUSR2, &action, &old)
        defer { sigaction(SIGUSR2, &old, nil) }
        let reader = pthread_self()
        let stop = Locked(false)
        let interrupted = Locked(0)
        let threads = WorkerPool(name: "verify-eintr", jobs: [
            {   // the slow writer
                let fd = open(path, O_WRONLY)
                for p in pieces {
                    usleep(30_000)
                    _ = Array(p.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                }
                close(fd)
            },
            {   // the signals
                while !stop.withLock({ $0 }) {
                    pthread_kill(reader, SIGUSR2)
                    interrupted.withLock { $0 += 1 }
                    usleep(1000)
                }
            },
        ])
        let v = RestoreVerifier.verifyFiles([record], target: root, rewritten: [], readBack: true)
        stop.withLock { $0 = true }
        threads.join()
        XCTAssertGreaterThan(interrupted.withLock { $0 }, 50, "signals sent while the read waited")
        XCTAssertEqual(v.filesDiffering, [])
        XCTAssertEqual(v.bytesChecked, Int64(content.count))
    }
}
