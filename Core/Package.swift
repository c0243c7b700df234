// swift-tools-version: 6.1
// The domain of DonDoc: pure modules that import Foundation only, so their tests build in seconds.
import PackageDescription

let package = Package(
    name: "DonDocCore",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Deadlines", targets: ["Deadlines"]),
        .library(name: "Extraction", targets: ["Extraction"]),
        .library(name: "Tracking", targets: ["Tracking"]),
    ],
    targets: [
        .target(name: "Deadlines", resources: [.embedInCode("Resources/vn-holidays.json")]),
        .target(name: "Extraction", dependencies: ["Deadlines"]),
        .target(
            name: "Tracking", dependencies: ["Deadlines", "Extraction"],
            resources: [.embedInCode("Resources/default-units-skhcn.json")]),
        .testTarget(name: "DeadlinesTests", dependencies: ["Deadlines"], exclude: ["Fixtures"]),
        .testTarget(name: "TrackingTests", dependencies: ["Tracking", "Deadlines"], exclude: ["Fixtures"]),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "Deadlines"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
