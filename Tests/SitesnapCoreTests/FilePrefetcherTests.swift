import XCTest
@testable import SitesnapCore

/// The backup's read-ahead stays within its window of what the archiver has consumed, skips excluded
/// entries, and stops promptly.
final class FilePrefetcherTests: XCTestCase {
    /// Waits up to 5 s for `condition`.
    private func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<500 {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    func testReadsAheadWithinTheWindowOnly() throws {
        let root = TestEnvironment.makeTempDir("prefetch")
        for i in 0..<10 {
            try Data(repeating: UInt8(i), count: 1000).write(to: URL(fileURLWithPath: root + "/f\(i)"))
        }
        try FileManager.default.createDirectory(atPath: root + "/cache", withIntermediateDirectories: false)
        try Data(repeating: 1, count: 50_000).write(to: URL(fileURLWithPath: root + "/cache/big"))
        let p = FilePrefetcher(root: root, excludes: ExcludeMatcher([.option("cache")]), window: 2500)
        defer { p.stop() }
        // Advises files while at most 2,500 bytes are ahead: three files of 1,000 bytes, then waits.
        XCTAssertTrue(eventually { p.advisedBytes == 3000 })
        usleep(100_000)
        XCTAssertEqual(p.advisedBytes, 3000, "no further than the window")
        p.consume(5000)
        XCTAssertTrue(eventually { p.advisedBytes == 8000 })
        p.consume(5000)
        // The excluded folder's 50,000 bytes are never advised.
        XCTAssertTrue(eventually { p.advisedBytes == 10_000 })
        usleep(100_000)
        XCTAssertEqual(p.advisedBytes, 10_000)
    }

    func testStopsPromptlyWhileWaiting() throws {
        let root = TestEnvironment.makeTempDir("prefetch-stop")
        for i in 0..<5 { try Data(count: 4096).write(to: URL(fileURLWithPath: root + "/f\(i)")) }
        let p = FilePrefetcher(root: root, excludes: ExcludeMatcher([]), window: 1)
        XCTAssertTrue(eventually { p.advisedBytes == 4096 })
        let started = Date()
        p.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }
}

/// The tree walk reads each directory entry's name in place (up to its NUL), in byte order.
final class TreeWalkerTests: XCTestCase {
    func testNamesOfEveryLengthAreReadExactly() throws {
        let root = TestEnvironment.makeTempDir("walk")
        var expected: [String] = []
        for n in [1, 2, 7, 8, 9, 100, 200, 254, 255] {
            let name = String(repeating: "é", count: n / 2) + String(repeating: "a", count: n % 2)
            try Data().write(to: URL(fileURLWithPath: root + "/" + name))
            expected.append(name)
        }
        var seen: [String] = []
        _ = try TreeWalker(root: root, excludes: ExcludeMatcher([]), cancellation: nil).walk { rel, _ in if !rel.isEmpty { seen.append(rel) } }
        XCTAssertEqual(seen, expected.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }
}
