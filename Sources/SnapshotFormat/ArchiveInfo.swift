import Foundation

public struct ArchiveInfo: Codable, Equatable, Sendable {
    /// "zstd", "gzip" or "none".
    public var compression: String
    public var level: Int?

    package init(compression: String, level: Int? = nil) {
        self.compression = compression
        self.level = level
    }
}
