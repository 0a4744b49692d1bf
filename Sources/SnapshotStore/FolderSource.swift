import ArchiveKit
import Foundation
import SitesnapSystem
import SnapshotFormat

/// A snapshot archive file (in a repository folder or anywhere), with the manifest copy beside it
/// when there is one (`<id>.manifest.json` next to `<id>.tar.zst`).
package struct FolderSource: SnapshotSource {
    /// The archive's path.
    package let location: String

    /// - Throws: `SitesnapError.snapshotUnreadable` when the file is missing or unreadable.
    package init(archivePath: String) throws {
        guard FileManager.default.isReadableFile(atPath: archivePath) else {
            throw SitesnapError.snapshotUnreadable(path: archivePath, reason: FileManager.default.fileExists(atPath: archivePath) ? "permission denied" : "no such file")
        }
        location = archivePath
    }

    package func manifestCopy() -> (data: Data, location: String)? {
        guard let copy = Repository.manifestCopyPath(location), let data = FileManager.default.contents(atPath: copy) else { return nil }
        return (data, copy)
    }

    package func indexCopy() -> (source: ByteSource, location: String)? {
        guard let copy = Repository.indexCopyPath(location), let source = try? FileByteSource(path: copy) else { return nil }
        return (source, copy)
    }

    package func openArchive() throws -> ArchiveReader { try ArchiveReader(path: location) }
}
