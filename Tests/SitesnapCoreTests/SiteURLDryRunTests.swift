import XCTest
@testable import SitesnapCore

/// How the dry run reads a latin1 column's values back to the bytes the column stores.
final class SiteURLDryRunTests: XCTestCase {
    func testColumnCharsetFromTheCreateStatement() {
        let create = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `a` text,\n  `b` text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci"
        XCTAssertEqual(SiteURLDryRun.charset(of: "a", in: create), "latin1")
        XCTAssertEqual(SiteURLDryRun.charset(of: "b", in: create), "utf8mb4")
    }

    func testUTF8BytesStoredInLatin1ComeBackAsThoseBytes() {
        // A latin1 column holding "Zoë" as UTF-8 bytes (5A 6F C3 AB) reads as "ZoÃ«" over utf8mb4.
        let dumped = Array("ZoÃ«".utf8)
        XCTAssertEqual(SiteURLDryRun.latin1Bytes(dumped), [0x5A, 0x6F, 0xC3, 0xAB])
        XCTAssertNil(SiteURLDryRun.latin1Bytes(Array("🎉".utf8)))
    }
}
