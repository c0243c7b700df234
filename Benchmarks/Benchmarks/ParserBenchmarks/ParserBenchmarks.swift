import BenchWorkloads
// DonDoc's parser benchmarks for ordo-one/benchmark: `swift package --package-path Benchmarks benchmark`.
//
// Inputs are built once per benchmark in `setup` (outside the measurement). Every benchmark is
// bounded by a fixed iteration count and a time limit; a single iteration is never interrupted,
// so a parser gone super-linear is better caught by `run.sh`, which budgets each step.
import Benchmark
import Extraction

/// notices per second of one iteration (9 × 1 / its wall time); larger is better.
let noticesPerSecond = BenchmarkMetric.custom("notices/s", polarity: .prefersLarger, useScalingFactor: false)

nonisolated(unsafe) var corpus: [Workloads.Notice] = []
nonisolated(unsafe) var bigInput = ""

let benchmarks: @Sendable () -> Void = {
    let small = Benchmark.Configuration(
        metrics: [
            .wallClock, .cpuUser, .throughput, .mallocCountTotal, .peakMemoryResident, noticesPerSecond,
        ],
        warmupIterations: 3,
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )
    let large = Benchmark.Configuration(
        metrics: [.wallClock, .cpuUser, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 0,
        maxDuration: .seconds(10),
        maxIterations: 3
    )

    /// `base` with `setup` run once before the benchmark's iterations (outside the measurement).
    func with(_ base: Benchmark.Configuration, setup: @escaping @Sendable () -> Void)
        -> Benchmark.Configuration
    {
        var configuration = base
        configuration.setup = { setup() }
        return configuration
    }

    // 9 notices an iteration; `notices/s` is 9 / the iteration's wall time.
    Benchmark("ParseCorpus", configuration: with(small) { corpus = Workloads.corpus() }) { benchmark in
        let clock = ContinuousClock()
        let start = clock.now
        for notice in corpus {
            blackHole(NoticeParser.extract(text: notice.text, source: notice.name))
        }
        let elapsed = (clock.now - start).seconds
        benchmark.measurement(noticesPerSecond, Int(Double(corpus.count) / elapsed))
    }

    Benchmark(
        "Parse10MB",
        configuration: with(large) { bigInput = Workloads.concatenatedCorpus(Workloads.corpus()) }
    ) { _ in
        blackHole(NoticeParser.extract(text: bigInput, source: "concat10mb"))
    }

    Benchmark(
        "Parse10MB-TaskList",
        configuration: with(large) { bigInput = Workloads.repeatedTaskList(Workloads.corpus()).text }
    ) { _ in
        blackHole(NoticeParser.extract(text: bigInput, source: "tasklist10mb"))
    }

    Benchmark(
        "Parse1MBLine", configuration: with(large) { bigInput = Workloads.longLine(Workloads.corpus()) }
    ) { _ in
        blackHole(NoticeParser.extract(text: bigInput, source: "line1mb"))
    }
}
