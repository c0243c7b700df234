// Plain driver of DonDoc's parser benchmarks: bounded runs on one thread, figures on stdout.
//
//   dondoc-bench corpus        [--seconds S] [--max-iterations N] [--warmup N]
//   dondoc-bench concat10mb    [--budget S]   ~10 MiB: corpus notices concatenated, one document
//   dondoc-bench tasklist10mb  [--budget S]   ~10 MiB: one body of 50,000 "- " items
//   dondoc-bench line1mb       [--budget S]   ~1 MiB: one line without a newline
//   dondoc-bench workdays      [--seconds S]  working-day arithmetic: operations per second
//                              size cases also take [--fractions F,F…] (default 0.125,0.25,0.5,1)
//
// The size cases parse the input at 1/8, 1/4, 1/2 and full size (or the sizes given as
// `--fractions 0.125,0.25`, e.g. to profile under valgrind) and print the growth exponent
// of each doubling (≈1 linear, ≈2 quadratic). A step is skipped when, extrapolated as
// quadratic from the step before, it would pass the budget (default 60 s), so a super-linear
// parser cannot make a run hang. Lines starting with "RESULT" are what run.sh reads.
import BenchWorkloads
import Deadlines
import Extraction
import Foundation

let args = Array(CommandLine.arguments.dropFirst())
let command = args.first ?? "help"

/// Writes a line to stdout at once (unbuffered, so progress shows through a pipe).
func print(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func option(_ name: String, _ fallback: Double) -> Double {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Double(args[i + 1]) else {
        return fallback
    }
    return v
}

func fmt(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

func rssField() -> String { Workloads.peakRSSKiB().map { "peak_rss_kib=\($0)" } ?? "peak_rss_kib=?" }

let clock = ContinuousClock()

/// Notices per second over the 9 corpus notices, parsed in turn, until `seconds` have passed or
/// `maxIterations` iterations are done (after `--warmup` iterations, 3 by default).
func runCorpus() {
    let notices = Workloads.corpus()
    let seconds = option("--seconds", 3)
    let maxIterations = Int(option("--max-iterations", 1_000_000))
    let warmup = Int(option("--warmup", 3))
    var sink = 0
    for _ in 0..<warmup {
        for n in notices { sink &+= Workloads.consume(NoticeParser.extract(text: n.text, source: n.name)) }
    }

    var iterations = 0
    var best = Double.infinity
    let start = clock.now
    let cpuStart = Workloads.threadCPUSeconds()
    var elapsed = 0.0
    while elapsed < seconds && iterations < maxIterations {
        let t0 = clock.now
        for n in notices { sink &+= Workloads.consume(NoticeParser.extract(text: n.text, source: n.name)) }
        let t1 = clock.now
        best = min(best, (t1 - t0).seconds)
        iterations += 1
        elapsed = (t1 - start).seconds
    }
    let cpu = Workloads.threadCPUSeconds() - cpuStart
    let parsed = Double(notices.count * iterations)
    let rate = parsed / elapsed
    let cpuRate = parsed / cpu
    let bestRate = Double(notices.count) / best
    let bytes = notices.reduce(0) { $0 + $1.text.utf8.count }
    print(
        "corpus: \(notices.count) notices (\(bytes) bytes), \(iterations) iterations in \(fmt(elapsed)) s wall, \(fmt(cpu)) s CPU"
    )
    print(
        "  wall: \(fmt(rate, 0)) notices/s (\(fmt(1e3 / rate, 3)) ms a notice, \(fmt(Double(bytes * iterations) / elapsed / 1_048_576, 2)) MiB/s), best iteration \(fmt(bestRate, 0)) notices/s"
    )
    print("  CPU:  \(fmt(cpuRate, 0)) notices/s (\(fmt(1e3 / cpuRate, 3)) ms a notice)")
    print(
        "RESULT case=corpus notices=\(notices.count) iterations=\(iterations) seconds=\(fmt(elapsed, 4)) cpu_seconds=\(fmt(cpu, 4)) notices_per_second=\(fmt(rate, 0)) cpu_notices_per_second=\(fmt(cpuRate, 0)) best_notices_per_second=\(fmt(bestRate, 0)) \(rssField()) sink=\(sink)"
    )
}

/// Parses inputs of growing size (`build(k)` for k = 1/8 … 1 of the full size) once each.
func runLadder(_ name: String, build: (Double) -> (text: String, note: String)) {
    let budget = option("--budget", 60)
    var previous: (bytes: Int, seconds: Double)?
    var last: (bytes: Int, seconds: Double, cpu: Double, tasks: Int)?
    var exponents: [Double] = []
    var fractions = [0.125, 0.25, 0.5, 1.0]
    if let i = args.firstIndex(of: "--fractions"), i + 1 < args.count {
        fractions = args[i + 1].split(separator: ",").compactMap { Double($0) }
    }
    for fraction in fractions {
        let input = build(fraction)
        let bytes = input.text.utf8.count
        if let p = previous, p.seconds * pow(Double(bytes) / Double(p.bytes), 2) > budget {
            print(
                "  \(bytes) bytes: skipped, a quadratic extrapolation of \(fmt(p.seconds)) s passes the \(fmt(budget, 0)) s budget"
            )
            print(
                "RESULT case=\(name) bytes=\(bytes) seconds=skipped exponent=\(exponents.last.map { fmt($0, 2) } ?? "?") \(rssField())"
            )
            return
        }
        let c0 = Workloads.threadCPUSeconds()
        let t0 = clock.now
        let extraction = NoticeParser.extract(text: input.text, source: name)
        let s = (clock.now - t0).seconds
        let cpu = Workloads.threadCPUSeconds() - c0
        let tasks = Workloads.consume(extraction)
        var growth = ""
        if let p = previous, p.seconds > 0 {
            let e = log(s / p.seconds) / log(Double(bytes) / Double(p.bytes))
            exponents.append(e)
            growth = ", growth exponent \(fmt(e, 2))"
        }
        print(
            "  \(bytes) bytes\(input.note): \(fmt(s, 4)) s wall, \(fmt(cpu, 4)) s CPU, \(fmt(Double(bytes) / s / 1_048_576, 2)) MiB/s, \(tasks) tasks\(growth)"
        )
        previous = (bytes, s)
        last = (bytes, s, cpu, tasks)
    }
    if let last {
        print(
            "RESULT case=\(name) bytes=\(last.bytes) seconds=\(fmt(last.seconds, 4)) cpu_seconds=\(fmt(last.cpu, 4)) exponent=\(exponents.last.map { fmt($0, 2) } ?? "?") tasks=\(last.tasks) \(rssField())"
        )
    }
}

/// Operations per second of `WorkingDays` (N working days after a date, working days between two
/// dates, is-working-day, roll-over, in turn) on dates spread over 2000–2060, for `seconds`.
/// The calendar is the Vietnamese one (holidays, substitute days, swapped Saturdays); building its
/// tables for 2000–2100 is timed once and printed.
func runWorkdays() {
    let seconds = option("--seconds", 3)
    let buildStart = clock.now
    let full = VietnameseHolidays.standard.workingDays(years: VietnameseHolidays.years)
    let build = clock.now - buildStart
    let buildMs = Double(build.components.seconds) * 1e3 + Double(build.components.attoseconds) / 1e15
    print("workdays: tables for \(VietnameseHolidays.years.lowerBound)–\(VietnameseHolidays.years.upperBound) built in \(fmt(buildMs, 1)) ms")
    let calendar = full
    let base = CalendarDate(year: 2000, month: 1, day: 1)!.dayNumber
    var state: UInt64 = 0x9E37_79B9
    // Dates and counts drawn up front, so that the loop measures the arithmetic only.
    let inputs: [(CalendarDate, CalendarDate, Int)] = (0..<4096).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let a = CalendarDate(dayNumber: base + Int((state >> 33) % 21_900))
        return (a, a.adding(days: Int((state >> 17) % 300)), Int((state >> 5) % 60) + 1)
    }
    var sink = 0
    var operations = 0
    let start = clock.now
    let limit = Duration.seconds(seconds)
    while clock.now - start < limit {
        for (a, b, n) in inputs {
            sink &+= calendar.adding(n, to: a)?.day ?? 0
            sink &+= calendar.count(from: a, to: b) ?? 0
            sink &+= calendar.isWorkingDay(b) == true ? 1 : 0
            sink &+= calendar.rollingOver(b)?.day ?? 0
        }
        operations += inputs.count * 4
    }
    let elapsed = clock.now - start
    let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(operations) / s
    print("workdays: \(operations) operations in \(fmt(s)) s: \(fmt(rate / 1e6, 2)) million operations/s (\(fmt(1e9 / rate, 1)) ns each)")
    print("RESULT case=workdays operations_per_second=\(Int(rate)) build_ms=\(fmt(buildMs, 1)) sink=\(sink) \(rssField())")
}

switch command {
case "workdays":
    runWorkdays()
case "corpus":
    runCorpus()
case "concat10mb":
    let notices = Workloads.corpus()
    print("concat10mb: corpus notices concatenated into one document")
    runLadder("concat10mb") { k in
        (Workloads.concatenatedCorpus(notices, bytes: Int(Double(Workloads.tenMB) * k)), "")
    }
case "tasklist10mb":
    let notices = Workloads.corpus()
    print("tasklist10mb: one body of repeated '- ' items (notice 000's task list)")
    runLadder("tasklist10mb") { k in
        let doc = Workloads.repeatedTaskList(notices, items: Int(Double(Workloads.taskListItems) * k))
        return (doc.text, " (\(doc.items) items)")
    }
case "line1mb":
    let notices = Workloads.corpus()
    print("line1mb: one line of corpus words, no newline")
    runLadder("line1mb") { k in (Workloads.longLine(notices, bytes: Int(Double(Workloads.oneMB) * k)), "") }
default:
    print(
        "usage: dondoc-bench corpus [--seconds S] [--max-iterations N] [--warmup N] | concat10mb | tasklist10mb | line1mb [--budget S] [--fractions F,F…] | workdays [--seconds S]"
    )
    exit(command == "help" ? 0 : 2)
}
