import CArchive
import Glibc

/// Starts the kernel's writeback of a file while it is being written (`sync_file_range` with
/// `SYNC_FILE_RANGE_WRITE`, which queues the dirty pages of a range for writing and returns), every
/// `interval` bytes; so the `fsync` that makes the whole file durable at the end finds most of it on
/// disk already, instead of writing the whole archive then.
///
/// Not durability itself (it neither waits nor writes metadata): the fsync still comes before the
/// rename. Advisory: a file system or file that refuses it (a pipe: ESPIPE; EINVAL) is left alone
/// from then on, and nothing fails.
public final class Writeback {
    /// How many bytes a writer passes between two looks at the file's offset (`advance`).
    public static let step = 1 << 20
    /// Bytes written before their writeback is started: 8 MiB.
    public static let interval: Int64 = 8 << 20
    private let fd: Int32
    /// Where the range not yet handed to writeback starts.
    private var started: Int64
    private var refused = false

    /// Starts from `fileDescriptor`'s current offset (not owned).
    public init(fileDescriptor: Int32) {
        fd = fileDescriptor
        started = Int64(lseek(fileDescriptor, 0, SEEK_CUR))
        refused = started < 0
    }

    /// Hands what was written since the last call to writeback, once it is `interval` bytes or more.
    public func advance() {
        guard !refused else { return }
        let end = Int64(lseek(fd, 0, SEEK_CUR))
        guard end - started >= Self.interval else { return }
        start(upTo: end)
    }

    /// Hands everything written up to offset `end` to writeback (after bytes were added by other
    /// means, such as `sendfile`).
    public func start(upTo end: Int64) {
        guard !refused, end > started else { return }
        if ss_sync_file_range_write(fd, started, end - started) != 0 { refused = true }
        started = end
    }

    /// False once the file refused it.
    public var isActive: Bool { !refused }
}
