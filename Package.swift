// swift-tools-version: 6.1
// DonDoc: follow-up of the tasks a Vietnamese agency's briefing notice assigns.
// The domain lives in the local package `Core` (no dependencies); this package holds the edges.
import PackageDescription

let package = Package(
    name: "DonDoc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dondoc", targets: ["dondoc"])
    ],
    dependencies: [
        .package(path: "Core"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        // Already in the graph through Hummingbird; named so that `NIOThreadPool` (bcrypt off the
        // event loops) and `HTTPField.Name` (headers Hummingbird does not re-export) are real
        // dependencies of the server.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "CLI",
            dependencies: [
                .product(name: "Extraction", package: "Core"),
                .product(name: "Deadlines", package: "Core"),
                .product(name: "Tracking", package: "Core"),
                "Store", "WebServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Store",
            dependencies: [
                .product(name: "Deadlines", package: "Core"),
                .product(name: "Extraction", package: "Core"),
                .product(name: "Tracking", package: "Core"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Every page as a Model and a View: no HTTP, no database (DESIGN, "Modules").
        .target(
            name: "WebPages",
            dependencies: [
                .product(name: "Tracking", package: "Core"), .product(name: "Deadlines", package: "Core"),
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        .target(
            name: "WebServer",
            dependencies: [
                "Store", "WebPages",
                .product(name: "Tracking", package: "Core"), .product(name: "Deadlines", package: "Core"),
                .product(name: "Extraction", package: "Core"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "dondoc", dependencies: ["CLI"]),
        .testTarget(
            name: "WebPagesTests",
            dependencies: [
                "WebPages", .product(name: "Tracking", package: "Core"), .product(name: "Deadlines", package: "Core"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "WebServerTests",
            dependencies: [
                "WebServer", "Store", "WebPages", "TestSupport", .product(name: "Tracking", package: "Core"),
                .product(name: "Extraction", package: "Core"),
                .product(name: "Deadlines", package: "Core"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "CLITests", dependencies: ["CLI", "Store", "WebServer"]),
        // What the store and server tests share: the databases they run on.
        .target(
            name: "TestSupport",
            dependencies: [
                "Store", .product(name: "SQLKit", package: "sql-kit"), .product(name: "Deadlines", package: "Core"),
            ],
            path: "Tests/TestSupport"),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "TestSupport", .product(name: "Tracking", package: "Core"), .product(name: "Deadlines", package: "Core"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
