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
    ],
    targets: [
        .target(
            name: "CLI",
            dependencies: [
                .product(name: "Extraction", package: "Core"),
                .product(name: "Deadlines", package: "Core"),
                .product(name: "Tracking", package: "Core"),
                "Store",
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
        .executableTarget(name: "dondoc", dependencies: ["CLI"]),
        .testTarget(name: "CLITests", dependencies: ["CLI"]),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", .product(name: "Tracking", package: "Core"), .product(name: "Deadlines", package: "Core"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
