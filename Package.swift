// swift-tools-version:6.0
import PackageDescription

// Layout: one target per layer, each depending only on the layers below it, so that a cycle between
// layers does not compile (docs/design.md, "Layers"). From the bottom: SitesnapSystem (POSIX and
// concurrency primitives, the error vocabulary); each C library confined to one system-library target
// (CArchive, CMariaDB) that only one Swift wrapper target imports (ArchiveKit, MariaDBKit);
// SnapshotFormat (manifest, records, the dump grammar's readers); SnapshotStore (the store protocol, its
// folder implementation, reading a snapshot) and SiteKnowledge (profiles, PHP config, detection); SitesnapCore (the engine:
// backup, restore, diff, verify, inspect); the `sitesnap` executable only parses arguments and prints.
let package = Package(
    name: "sitesnap",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex (SitesnapSystem.Locked); Linux is what matters
    products: [
        .executable(name: "sitesnap", targets: ["sitesnap"]),
        .library(name: "SitesnapCore", targets: ["SitesnapCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive",
                       providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb",
                       providers: [.apt(["default-libmysqlclient-dev"])]),
        .target(name: "ArchiveKit", dependencies: ["CArchive"]),
        .target(name: "MariaDBKit", dependencies: ["CMariaDB"]),
        .target(
            name: "SitesnapSystem",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(name: "SnapshotFormat", dependencies: ["SitesnapSystem", "ArchiveKit", "MariaDBKit"],
                swiftSettings: [.swiftLanguageMode(.v6)]),
        .target(name: "SnapshotStore", dependencies: ["SnapshotFormat", "SitesnapSystem", "ArchiveKit"],
                swiftSettings: [.swiftLanguageMode(.v6)]),
        .target(
            name: "SiteKnowledge",
            dependencies: ["SnapshotFormat", "SitesnapSystem", .product(name: "Yams", package: "Yams")],
            resources: [.copy("../../profiles")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "SitesnapCore",
            dependencies: [
                "SiteKnowledge", "SnapshotStore", "SnapshotFormat", "SitesnapSystem", "ArchiveKit", "MariaDBKit",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "sitesnap",
            dependencies: [
                "SitesnapCore", "SiteKnowledge", "SnapshotStore", "SnapshotFormat", "SitesnapSystem", "ArchiveKit", "MariaDBKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SitesnapCoreTests",
            dependencies: ["SitesnapCore", "SiteKnowledge", "SnapshotStore", "SnapshotFormat", "SitesnapSystem", "ArchiveKit", "MariaDBKit"],
            exclude: ["../Fixtures"]
        ),
        .testTarget(name: "SnapshotStoreTests", dependencies: ["SnapshotStore", "SnapshotFormat", "SitesnapSystem", "ArchiveKit"]),
        .testTarget(name: "ArchiveKitTests", dependencies: ["ArchiveKit"]),
        .testTarget(name: "MariaDBKitTests", dependencies: ["MariaDBKit"]),
        // The CLI as a binary (SITESNAP_BIN): exit statuses, error lines, golden --help and text output.
        // Support/ is a symlink to SitesnapCoreTests' helpers (one copy of the test fixtures' code).
        .testTarget(
            name: "sitesnapTests",
            dependencies: ["sitesnap", "SitesnapCore", "SnapshotFormat", "SnapshotStore", "SitesnapSystem", "MariaDBKit"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "SnapshotFormatTests", dependencies: ["SnapshotFormat", "SitesnapSystem"]),
        .testTarget(name: "SiteKnowledgeTests", dependencies: ["SiteKnowledge", "SitesnapSystem"]),
        .testTarget(name: "SitesnapSystemTests", dependencies: ["SitesnapSystem"],
                    swiftSettings: [.swiftLanguageMode(.v6)]),
    ],
    swiftLanguageModes: [.v6]
)
