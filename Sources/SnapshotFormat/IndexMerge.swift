import Foundation

/// Walks a snapshot's file index alongside the archive's `files/` entries, both in `WalkOrder`: what
/// `verify` and restore's audit check each entry against, without holding the list (a merge join,
/// one record ahead). A record the archive skips is reported missing as soon as an entry after it
/// arrives; an entry the index does not list at its place gets no record.
package struct IndexMerge {
    private let reader: any FileRecordSource
    private var pending: FileRecord?
    private var started = false
    /// The path of the last entry that matched a record (an entry equal to it appears twice).
    package private(set) var lastMatched: String?

    package init(_ reader: any FileRecordSource) { self.reader = reader }

    /// The record the index lists for the archive entry at `rel` (relative to the site root, "" for
    /// the root), after passing each record listed before it to `missing`; nil when the index does not
    /// list `rel` here.
    /// - Throws: the reader's errors, and what `missing` throws.
    package mutating func record(for rel: String, missing: (FileRecord) throws -> Void) throws -> FileRecord? {
        if !started { pending = try reader.next(); started = true }
        // The usual case first: the next record is this entry's.
        while let p = pending, !Self.same(p.path, rel), WalkOrder.precedes(p.path, rel) {
            try missing(p)
            pending = try reader.next()
        }
        guard let p = pending, Self.same(p.path, rel) else { return nil }
        pending = try reader.next()
        lastMatched = rel
        return p
    }

    /// True when `rel` is the entry that matched last (a second entry of that name).
    package func isRepeat(_ rel: String) -> Bool { lastMatched.map { Self.same($0, rel) } ?? false }

    /// Byte equality: Swift's == takes "é" and "e\u{301}", two different file names, as equal.
    static func same(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }

    /// At the end of the archive's entries: every record not yet matched goes to `missing`.
    package mutating func finish(missing: (FileRecord) throws -> Void) throws {
        if !started { pending = try reader.next(); started = true }
        while let p = pending {
            try missing(p)
            pending = try reader.next()
        }
    }

    /// The archive entry path of a record ("files" or "files/<path>").
    package static func entryPath(_ record: FileRecord) -> String { record.path.isEmpty ? "files" : "files/" + record.path }

    /// The path relative to the site root of a `files` entry, or nil for any other entry.
    package static func relativePath(_ entry: String) -> String? {
        if entry == "files" { return "" }
        return entry.hasPrefix("files/") ? String(entry.dropFirst(6)) : nil
    }
}
