// swift-tools-version: 6.1
// DonDoc's parser benchmarks: a package of their own, beside the root package, so that
// `swift build` / `swift test` at the root never compile the benchmark framework.
//
//   swift package --package-path Benchmarks benchmark          # ordo-one/benchmark, full metrics
//   swift run --package-path Benchmarks -c release dondoc-bench # plain figures (used by run.sh)
//
// ordo-one/benchmark: the `MallocInterposer` trait alone is enabled on purpose. Its default traits
// also enable `RuntimeInterposer`, whose package (ordo-one/swift-runtime-interposer) is needed
// on Linux with Swift 6.3 and is not in this machine's package mirror; naming the traits
// explicitly turns that one off, so SwiftPM never resolves the missing package.
import PackageDescription

let package = Package(
    name: "DonDocBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../Core"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The inputs (corpus, 10 MB documents, 1 MB line) and the timing helpers, shared by both drivers.
        .target(
            name: "BenchWorkloads",
            dependencies: [.product(name: "Extraction", package: "Core")]
        ),
        // Plain driver: bounded runs, prints the figures `run.sh` tabulates.
        .executableTarget(
            name: "dondoc-bench",
            dependencies: [
                "BenchWorkloads", .product(name: "Extraction", package: "Core"),
                .product(name: "Deadlines", package: "Core"),
            ]
        ),
        // ordo-one/benchmark suite: ParseCorpus, Parse10MB, Parse10MB-TaskList, Parse1MBLine.
        .executableTarget(
            name: "ParserBenchmarks",
            dependencies: [
                "BenchWorkloads",
                .product(name: "Extraction", package: "Core"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ParserBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
