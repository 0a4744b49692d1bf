import Foundation

public struct Totals: Codable, Equatable, Sendable {
    public var files: Int64
    public var directories: Int64
    public var symlinks: Int64
    /// Hard-link entries (names of files counted in `files` once); absent when there are none.
    public var hardlinks: Int64? = nil
    /// Sum of regular file sizes, bytes.
    public var fileBytes: Int64
    public var tables: Int
    public var rows: Int64
    /// Sum of the dump entries' sizes, bytes.
    public var databaseBytes: Int64
    /// Size of the archive file, bytes (0 inside the archive's own manifest, which cannot know it).
    public var archiveBytes: Int64

    package init(files: Int64, directories: Int64, symlinks: Int64, hardlinks: Int64? = nil, fileBytes: Int64, tables: Int, rows: Int64, databaseBytes: Int64, archiveBytes: Int64) {
        self.files = files
        self.directories = directories
        self.symlinks = symlinks
        self.hardlinks = hardlinks
        self.fileBytes = fileBytes
        self.tables = tables
        self.rows = rows
        self.databaseBytes = databaseBytes
        self.archiveBytes = archiveBytes
    }

    enum CodingKeys: String, CodingKey {
        case files, directories, symlinks, hardlinks, tables, rows
        case fileBytes = "file_bytes"
        case databaseBytes = "database_bytes"
        case archiveBytes = "archive_bytes"
    }
}
