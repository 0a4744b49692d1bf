import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat
import SnapshotStore

/// The database part of a backup: `DatabaseDumper` on a thread of its own, each table's spool file
/// copied straight into the archive (a `TarPartWriter` behind a `PipelinedWriter`) while the files are
/// read and compressed on the caller's thread. `gate` says when the part is complete (or failed); the
/// files part waits on it before it writes into the archive itself.
final class DatabaseDumpStep {
    let gate = DatabaseGate()
    /// Stops the dump when the user interrupts, or when the files part failed (`stop`).
    private let cancellation: Cancellation
    /// Written by the dump thread before `gate.finish`, read after `gate.wait`.
    private let dumped = Locked<DatabaseDumpInfo?>(nil)
    private var spoolDirectory: String?
    private var running = false

    init(interrupt: Cancellation?) {
        cancellation = Cancellation(probe: { interrupt?.stopReason })
    }

    /// Starts the dump of `plan.target` into `archive` (or marks the part done when there is no
    /// database to dump).
    /// - Throws: `SitesnapError`, `ArchiveError`, `CocoaError` (spool folder) before the thread starts.
    func start(_ plan: BackupPlan, into archive: any SnapshotSink, progress: @escaping @Sendable (BackupProgress) -> Void) throws {
        guard let target = plan.target else {
            gate.finish(nil)
            return
        }
        let dir = try archive.makeSpoolFolder()
        spoolDirectory = dir
        let part = PipelinedWriter(try TarPartWriter(fileDescriptor: archive.fileDescriptor, compression: plan.compression, endOfArchive: false,
                                                      writeback: true))
        let dumper = DatabaseDumper(target: target, allTables: plan.request.allTables, spoolDirectory: dir,
                                    cancellation: cancellation, progress: progress, expectations: plan.expectations)
        let gate = gate
        let dumped = dumped
        let mtime = plan.mtime
        running = true
        _ = WorkerPool(name: "sitesnap-dump") {  // joined through `gate`
            do {
                let info = try dumper.run { entry, path, size in
                    try DatabaseDumpStep.copy(file: path, size: size, into: part, entry: entry, mtime: mtime)
                }
                dumped.withLock { $0 = info }
                try part.close()
                gate.finish(nil)
            } catch {
                part.abandon()
                gate.finish(error)
            }
        }
    }

    /// Waits for the dump to complete and removes its spool folder.
    /// - Returns: what was dumped (nil without a database).
    /// - Throws: the dump's error.
    func join() throws -> DatabaseDumpInfo? {
        running = false
        defer { removeSpool() }
        try gate.wait()
        return dumped.withLock { $0 }
    }

    /// After a failure elsewhere: stops a running dump and waits for its thread (it writes into the
    /// archive's descriptor, which is closed next), then removes the spool folder.
    func stop() {
        if running {
            running = false
            cancellation.cancel(reason: "stopped")
            try? gate.wait()
        }
        removeSpool()
    }

    private func removeSpool() {
        if let s = spoolDirectory { try? FileManager.default.removeItem(atPath: s) }
        spoolDirectory = nil
    }

    /// Streams a spool file into the archive as `entry`.
    static func copy(file: String, size: Int64, into writer: PipelinedWriter, entry: String, mtime: Int64) throws {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SitesnapError.archiveWriteFailed(path: file, reason: FileSystemErrors.errno(errno)) }
        defer { close(fd) }
        try writer.writeHeader(ArchiveEntry(path: entry, kind: .regular(size: size), mode: 0o600, mtimeSeconds: mtime))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var done: Int64 = 0
        while done < size {
            let n = (try? Syscall.retrying("read", path: file) { read(fd, buffer.baseAddress, buffer.count) }) ?? -1
            guard n > 0 else { throw SitesnapError.archiveWriteFailed(path: file, reason: "spool file ended early") }
            try writer.writeData(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), path: entry)
            done += Int64(n)
        }
    }
}
