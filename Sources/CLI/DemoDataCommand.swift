import ArgumentParser
import Deadlines
import Extraction
import Foundation
import Store
import Tracking

// MARK: - dondoc demo-data

/// `dondoc demo-data --tasks N`: fills a record with generated notices and tasks and times the
/// queries the tracker lives on, for demonstrations and for the store benchmark
/// (`Benchmarks/store.sh`).
struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Fill a record with generated notices and tasks, and time its main queries.",
        discussion: """
            For demonstrations and benchmarks, on a record that holds no notice yet (--append adds \
            to one that does). Three steps, each printed with its figures:

            1. Import: --notices notices of conclusions of a Sở KH&CN's monthly briefing, generated \
            as text over the last ten years, go through the real import path (parser, unit \
            matching, working-day deadlines, carry-over; one transaction each) into the \
            organization --org; their tasks are then given the states years of follow-up leave.

            2. Fill: generated organizations (demo-001, demo-002, …, each with the bundled unit \
            directory and about 10,000 tasks over ten years of monthly notices) bring the record \
            to --tasks tasks, written with multi-row INSERTs, one transaction per organization.

            3. Queries, after ANALYZE and a checkpoint (VACUUM (ANALYZE) on PostgreSQL), each run --samples times on random organizations, units and \
            months: a unit's overdue tasks (target p99 < 10 ms), a month's 4-way counts (target \
            p99 < 200 ms), one of the first three pages of 50 of a unit's tasks of every state, a \
            search for "ke hoach" (the first 50 tasks).

            The same --seed gives the same texts, units, deadlines and states; row ids are random.
            """)

    @Option(
        help: ArgumentHelp("The tasks the record holds at the end, imported and generated.", valueName: "n"))
    var tasks: Int

    @Option(
        help: ArgumentHelp("Notices generated as text and imported through the import path.", valueName: "n"))
    var notices = 1000

    @Option(help: ArgumentHelp("Timed runs of each query.", valueName: "n"))
    var samples = 1000

    @Option(help: ArgumentHelp("The generator's seed.", valueName: "n"))
    var seed: UInt64 = 1

    @Flag(help: "Add to a record that already holds notices.")
    var append = false

    @Option(
        name: .customLong("write-notices"),
        help: ArgumentHelp(
            "Also write the imported notices' texts into this folder (for dondoc parse).", valueName: "dir"))
    var writeNotices: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var store: StoreOptions

    /// Bounds that keep a mistyped number from running for days or exhausting memory.
    static let maximumTasks = 20_000_000
    static let maximumNotices = 100_000
    static let maximumSamples = 100_000

    func validate() throws {
        guard (1...Self.maximumTasks).contains(tasks) else {
            throw ValidationError("--tasks must be between 1 and \(Self.maximumTasks), not \(tasks).")
        }
        guard (0...Self.maximumNotices).contains(notices) else {
            throw ValidationError("--notices must be between 0 and \(Self.maximumNotices), not \(notices).")
        }
        guard (1...Self.maximumSamples).contains(samples) else {
            throw ValidationError("--samples must be between 1 and \(Self.maximumSamples), not \(samples).")
        }
    }

    func run() async throws { try exit(with: await execute(console: .standard)) }

    func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) async
        -> ExitStatus
    {
        await CommandFailure.reporting(console) {
            let db = try await store.open(environment: environment)
            let report = try await withStore(db) {
                try await DemoDataRun(command: self, db: db, console: console).run()
            }
            return json ? try OrderedJSONEncoder().encodeLine(report) : Data()
        }
    }
}

// MARK: - The run

/// What `demo-data` measured, as `--json` prints it. Times in seconds, latencies in
/// milliseconds, sizes in bytes.
struct DemoDataReport: Encodable {
    struct Import: Encodable {
        var notices = 0
        var tasks = 0
        var seconds = 0.0
        var noticesPerSecond = 0.0
        var tasksPerSecond = 0.0
        var tasksGenerated = 0
        var tasksReadBack = 0
        var headersReadBack = 0
        var carriedOver = 0
        /// Tasks written to continue an earlier one ("Giao X tiếp tục …", same subject).
        var continuationsWritten = 0
        var namesForReview = 0
        var agingSeconds = 0.0
    }
    struct Fill: Encodable {
        var organizations = 0
        var notices = 0
        var tasks = 0
        var rows = BulkRowCounts()
        var seconds = 0.0
        var rowsPerSecond = 0.0
        var tasksPerSecond = 0.0
        var analyzeSeconds = 0.0
    }
    struct Latency: Encodable {
        let name: String
        let samples: Int
        let p50: Double
        let p99: Double
        let max: Double
        let targetP99: Double?
        let meanRows: Double
    }
    var store = ""
    var seed: UInt64 = 0
    var today = ""
    var tasksInRecord = 0
    var importStep = Import()
    var fill = Fill()
    var queries: [Latency] = []
    var storage: [StorageFigure] = []
    var storageBytes: Int64 = 0
    var peakRSSBytes: Int64?

    enum CodingKeys: String, CodingKey {
        case store, seed, today, tasksInRecord
        case importStep = "import"
        case fill, queries, storage, storageBytes, peakRSSBytes
    }
}

/// One run of `demo-data`: the steps in order, each printing its line as it ends.
struct DemoDataRun {
    let command: DemoDataCommand
    let db: Store
    let console: Console
    let clock = ContinuousClock()
    let calendar = VietnameseHolidays.standard.workingDays(years: VietnameseHolidays.years)
    let today = StoreClock.today()
    let actor = "cli:demo-data"

    /// Monthly notices go back this many months (ten years).
    static let months = 120
    /// About what one organization (a Sở) gathers in ten years.
    static let tasksPerOrganization = 10_000
    /// About the tasks of one monthly notice when ten years hold 10,000.
    static let tasksPerNotice = 80
    /// The search timed: "kế hoạch" (a plan), in most Sở's tasks, typed without tone marks.
    static let searchWords = "ke hoach"

    func run() async throws -> DemoDataReport {
        var report = DemoDataReport()
        report.store = db.location.description
        report.seed = command.seed
        report.today = today.iso
        let existing = try await db.documentCount()
        if existing > 0 && !command.append {
            throw CommandFailure(
                .inputRefused,
                "the \(db.location) already holds \(existing) notices; demo-data fills an empty record (pass --append to add to this one)"
            )
        }
        emit(
            "demo-data: \(db.location), seed \(command.seed), today \(today.iso), \(command.tasks) tasks asked"
        )
        var organizations: [Organization] = []
        if command.notices > 0 {
            let org = try await db.organizationToUse(slug: command.store.org, actor: actor)
            report.importStep = try await importNotices(into: org)
            organizations.append(org)
        }
        let filled = try await fill(&report)
        organizations += filled
        report.tasksInRecord = try await db.taskCount()
        let analyzeStart = clock.now
        try await db.analyze()
        report.fill.analyzeSeconds = seconds(since: analyzeStart)
        emit(
            "analyze: \(format(report.fill.analyzeSeconds, 2)) s; the record holds \(report.tasksInRecord) tasks"
        )
        if organizations.isEmpty { organizations = try await db.organizations() }
        report.queries = try await timeQueries(organizations)
        report.storage = try await db.storageFigures()
        report.storageBytes = report.storage.reduce(0) { $0 + $1.bytes }
        let parts = report.storage.prefix(6).map { "\($0.name) \(Self.size($0.bytes))" }.joined(
            separator: ", ")
        emit("size: \(Self.size(report.storageBytes)) (\(parts))")
        report.peakRSSBytes = Self.peakRSS()
        emit("peak RSS: \(report.peakRSSBytes.map(Self.size) ?? "unknown (no /proc/self/status)")")
        return report
    }

    // MARK: Step 1, import

    func importNotices(into org: Organization) async throws -> DemoDataReport.Import {
        var figures = DemoDataReport.Import()
        let directory = try await db.directory(of: org)
        let vocabulary = try UnitVocabulary(directory: directory)
        if !vocabulary.rejected.isEmpty {
            console.report(
                "note: unit names the parser does not read back as written, left out: "
                    + vocabulary.rejected.joined(separator: "; "))
        }
        var generator = NoticeGenerator(
            vocabulary: vocabulary, calendar: calendar, rollOver: org.rollOver, seed: command.seed)
        let generated = generator.importNotices(command.notices, endingBy: today)
        figures.tasksGenerated = generated.reduce(0) { $0 + $1.tasks.count }
        figures.continuationsWritten = generated.reduce(0) {
            $0 + $1.tasks.filter { $0.carriesOver != nil }.count
        }
        if let folder = command.writeNotices { try write(generated, to: folder) }

        // The template's check: the parser must read back what was generated, or the figures
        // would time a different record than the one the texts describe.
        var mismatch: String?
        for notice in generated {
            let parsed = NoticeParser.extract(text: notice.text, source: notice.sourceName)
            if parsed.document == notice.header {
                figures.headersReadBack += 1
            } else if mismatch == nil {
                mismatch = "\(notice.sourceName): its header reads otherwise"
            }
            for (i, task) in notice.tasks.enumerated() {
                guard i < parsed.tasks.count else {
                    mismatch = mismatch ?? "\(notice.sourceName): item \(i + 1) was not found"
                    break
                }
                if parsed.tasks[i] == task.assignment {
                    figures.tasksReadBack += 1
                } else if mismatch == nil {
                    mismatch =
                        "\(notice.sourceName) item \(i + 1): "
                        + Self.differences(parsed.tasks[i], task.assignment)
                }
            }
        }
        if let mismatch {
            console.report(
                "note: the parser reads a generated notice otherwise than it was written: \(mismatch)")
        }

        var imported: [String] = []
        var pending = Set<String>()
        let start = clock.now
        for (n, notice) in generated.enumerated() {
            let input = NoticeInput(sourceName: notice.sourceName, text: notice.text)
            switch try await db.importNotice(
                input, into: org, publish: true, calendar: calendar, actor: actor)
            {
            case .imported(let done):
                figures.notices += 1
                figures.tasks += done.tasks
                figures.carriedOver += done.carriedOver
                pending.formUnion(done.pendingNames)
                imported.append(done.documentID)
            case .alreadyImported:
                break
            }
            if (n + 1) % max(1, generated.count / 10) == 0 {
                console.report("import: \(n + 1) of \(generated.count) notices")
            }
        }
        figures.seconds = seconds(since: start)
        figures.noticesPerSecond = Double(figures.notices) / max(figures.seconds, 1e-9)
        figures.tasksPerSecond = Double(figures.tasks) / max(figures.seconds, 1e-9)
        figures.namesForReview = pending.count
        emit(
            "import: \(figures.notices) notices, \(figures.tasks) tasks in \(format(figures.seconds, 1)) s: "
                + "\(format(figures.noticesPerSecond, 1)) notices/s, \(format(figures.tasksPerSecond, 0)) tasks/s "
                + "(organization \(org.slug); parser read back \(figures.tasksReadBack) of \(figures.tasksGenerated) tasks and "
                + "\(figures.headersReadBack) of \(generated.count) headers as generated; \(figures.carriedOver) linked as carried over, "
                + "\(figures.continuationsWritten) written as continuations; "
                + "\(figures.namesForReview) unit names for review)")
        if figures.notices < generated.count {
            console.report(
                "note: \(generated.count - figures.notices) notices were already in the record (the same --seed as before?)"
            )
        }

        // Imported tasks start assigned; a record that has been kept for years holds them done,
        // late, stopped or still open. Without this the organization would list every task as
        // overdue, which no real tracker does.
        let ageStart = clock.now
        var model = FollowUpModel(today: today, calendar: calendar, seed: command.seed ^ 0xA9ED)
        var updates: [(taskID: String, progress: BulkProgress)] = []
        for documentID in imported {
            for task in try await db.tasks(in: org, TaskQuery(documentID: documentID)) {
                let progress = model.progress(
                    assignedOn: task.assignedOn ?? today, deadline: task.deadline,
                    lead: task.leadUnitIDs.first)
                updates.append((task.id, progress))
            }
        }
        try await db.setProgress(updates)
        figures.agingSeconds = seconds(since: ageStart)
        emit(
            "age: \(updates.count) imported tasks given their follow-up states in \(format(figures.agingSeconds, 1)) s"
        )
        return figures
    }

    /// What the parser read differently in an item, field by field.
    static func differences(_ read: Assignment, _ written: Assignment) -> String {
        var out: [String] = []
        if read.text != written.text { out.append("text \"\(read.text)\"") }
        if read.lead != written.lead { out.append("lead \(read.lead) for \(written.lead)") }
        if read.support != written.support { out.append("support \(read.support) for \(written.support)") }
        if read.due != written.due {
            out.append("due \(read.due?.text ?? "none") for \(written.due?.text ?? "none")")
        }
        if read.urgency != written.urgency { out.append("urgency \(read.urgency) for \(written.urgency)") }
        if read.milestones != written.milestones { out.append("\(read.milestones.count) milestones") }
        return "read with " + out.joined(separator: ", ")
    }

    func write(_ notices: [GeneratedNotice], to folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for notice in notices {
                try Data(notice.text.utf8).write(
                    to: URL(fileURLWithPath: folder).appendingPathComponent(notice.sourceName))
            }
        } catch {
            throw CommandFailure(
                .cannotWrite, "cannot write the notices into \(folder): \(error.localizedDescription)")
        }
    }

    // MARK: Step 2, fill

    func fill(_ report: inout DemoDataReport) async throws -> [Organization] {
        let present = try await db.taskCount()
        let remaining = command.tasks - present
        guard remaining > 0 else {
            emit("fill: nothing to add, the record already holds \(present) tasks")
            return []
        }
        // At most 10,000 tasks an organization: 84 items a notice at most, as the parser does not
        // read a list past item 99.
        let organizationCount = (remaining + Self.tasksPerOrganization - 1) / Self.tasksPerOrganization
        var slugs = Set(try await db.organizations().map(\.slug))
        var organizations: [Organization] = []
        var figures = DemoDataReport.Fill()
        let directory = UnitDirectory.defaultSKHCN
        let vocabulary = try UnitVocabulary(directory: directory)
        let start = clock.now
        var nextNumber = 1
        for _ in 0..<organizationCount {
            var slug: String
            repeat {
                slug = "demo-" + CalendarDate.pad(nextNumber, 3)
                nextNumber += 1
            } while slugs.contains(slug)
            slugs.insert(slug)
            organizations.append(try await db.loadDirectory(directory, slug: slug, actor: actor).organization)
        }
        // Two organizations in flight: on SQLite one is generated while the other is written
        // (the store writes one transaction at a time); on PostgreSQL both are written at once, on
        // two connections, so that the server uses both cores.
        let writers = 2
        let (calendar, today, seed, db, actor) = (
            self.calendar, self.today, command.seed, self.db, self.actor
        )
        try await withThrowingTaskGroup(of: BulkRowCounts.self) { group in
            var launched = 0
            func launch() {
                let index = launched
                let org = organizations[index]
                let size = remaining / organizationCount + (index < remaining % organizationCount ? 1 : 0)
                group.addTask {
                    // Each organization has its own stream, so its data does not depend on the others'.
                    var generator = NoticeGenerator(
                        vocabulary: vocabulary, calendar: calendar, rollOver: org.rollOver,
                        seed: seed &* 0x9E37_79B9 &+ UInt64(index + 1))
                    let notices = generator.monthlyNotices(
                        tasks: size, months: Self.months, tasksPerNotice: Self.tasksPerNotice, endingBy: today
                    )
                    return try await db.insertBulk(notices, into: org, actor: actor)
                }
                launched += 1
            }
            while launched < min(writers, organizationCount) { launch() }
            var done = 0
            while let rows = try await group.next() {
                done += 1
                figures.rows = figures.rows + rows
                figures.notices += rows.documents
                figures.tasks += rows.assignments
                figures.organizations += 1
                if done % max(1, organizationCount / 10) == 0 || done == organizationCount {
                    console.report(
                        "fill: \(done) of \(organizationCount) organizations, \(figures.tasks) tasks, \(format(seconds(since: start), 1)) s"
                    )
                }
                if launched < organizationCount { launch() }
            }
        }
        figures.seconds = seconds(since: start)
        figures.rowsPerSecond = Double(figures.rows.total) / max(figures.seconds, 1e-9)
        figures.tasksPerSecond = Double(figures.tasks) / max(figures.seconds, 1e-9)
        let r = figures.rows
        emit(
            "fill: \(figures.organizations) organizations, \(figures.notices) notices, \(figures.tasks) tasks, \(r.total) rows "
                + "in \(format(figures.seconds, 1)) s: \(format(figures.rowsPerSecond, 0)) rows/s, \(format(figures.tasksPerSecond, 0)) tasks/s "
                + "(rows: \(r.documents) documents, \(r.assignments) assignments, \(r.assignmentUnits) assignment_units, "
                + "\(r.searchIndex) search_index, \(r.events) assignment_events)")
        report.fill = figures
        return organizations
    }

    // MARK: Step 3, queries

    func timeQueries(_ organizations: [Organization]) async throws -> [DemoDataReport.Latency] {
        guard !organizations.isEmpty else { return [] }
        var units: [String: [String]] = [:]
        for org in organizations { units[org.id] = try await db.directory(of: org).activeUnits.map(\.id) }
        var rng = SeededRandom(seed: command.seed ^ 0x51_7E5)
        let firstMonth = today.monthIndex - Self.months + 1
        let n = command.samples

        // One untimed call of each query first: the process's first call of a kind pays once-only
        // costs (the pool's first connection on PostgreSQL, lazily initialised code) that are
        // not the query's.
        let any = organizations[0]
        _ = try await db.tasks(
            in: any, TaskQuery(unitID: units[any.id]?.first, leadOnly: true, overdueOn: today))
        _ = try await db.counts(
            in: any, period: ReportingPeriod.month(year: today.year, month: today.month).range!)
        _ = try await db.tasks(in: any, TaskQuery(text: Self.searchWords, limit: 50))

        let list = try await timed(n, rng: &rng) { rng in
            let org = rng.pick(organizations)
            let unit = rng.pick(units[org.id] ?? [""])
            let day = today.adding(days: -rng.int(0...30))
            return {
                try await db.tasks(in: org, TaskQuery(unitID: unit, leadOnly: true, overdueOn: day)).count
            }
        }
        let counts = try await timed(n, rng: &rng) { rng in
            let org = rng.pick(organizations)
            let month = firstMonth + rng.int(0...(Self.months - 1))
            let period = ReportingPeriod.month(year: month / 12, month: month % 12 + 1).range!
            return { try await db.counts(in: org, period: period).total.total }
        }
        // The web list of a unit's tasks of every state, one of its first three pages of 50: it
        // reads the unit's tasks in deadline order from an index (migration 0010), however long
        // the unit's past.
        let pages = try await timed(n, rng: &rng) { rng in
            let org = rng.pick(organizations)
            let unit = rng.pick(units[org.id] ?? [""])
            var query = TaskQuery(unitID: unit, limit: 50)
            query.offset = 50 * rng.int(0...2)
            return { try await db.tasks(in: org, query).count }
        }
        let search = try await timed(n, rng: &rng) { rng in
            let org = rng.pick(organizations)
            return { try await db.tasks(in: org, TaskQuery(text: Self.searchWords, limit: 50)).count }
        }
        let results = [
            latency(
                "list a unit's overdue tasks", list.milliseconds, rows: list.rows, of: "tasks listed",
                target: 10),
            latency(
                "4-way counts of a month", counts.milliseconds, rows: counts.rows, of: "tasks counted",
                target: 200),
            latency(
                "a page of a unit's tasks of every state", pages.milliseconds, rows: pages.rows,
                of: "tasks listed", target: nil),
            latency(
                "search \"\(Self.searchWords)\" (limit 50)", search.milliseconds, rows: search.rows,
                of: "tasks found", target: nil),
        ]
        return results
    }

    /// `n` runs of a query, each timed alone: `pick` chooses its arguments (untimed) and returns
    /// the query, which returns how many results it found. The milliseconds of each run, and the
    /// results of all.
    func timed(
        _ n: Int, rng: inout SeededRandom, _ pick: (inout SeededRandom) -> () async throws -> Int
    ) async throws -> (milliseconds: [Double], rows: Int) {
        var samples: [Double] = []
        var rows = 0
        for _ in 0..<n {
            let query = pick(&rng)
            let start = clock.now
            rows += try await query()
            samples.append(milliseconds(since: start))
        }
        return (samples, rows)
    }

    /// The figures of `samples` (milliseconds), printed on one line with the target, `rows` the
    /// results they returned in all, `of` what those are.
    func latency(_ name: String, _ samples: [Double], rows: Int, of what: String, target: Double?)
        -> DemoDataReport.Latency
    {
        let sorted = samples.sorted()
        // Nearest rank: the smallest sample that at least p of the samples do not exceed.
        func percentile(_ p: Double) -> Double {
            sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        let result = DemoDataReport.Latency(
            name: name, samples: sorted.count, p50: percentile(0.5), p99: percentile(0.99),
            max: sorted.last ?? 0,
            targetP99: target, meanRows: Double(rows) / Double(max(1, sorted.count)))
        let verdict =
            target.map { "target p99 < \(format($0, 0)) ms: \(result.p99 < $0 ? "met" : "MISSED")" }
            ?? "no target"
        emit(
            "\(name): p50 \(format(result.p50, 2)) ms, p99 \(format(result.p99, 2)) ms, max \(format(result.max, 2)) ms "
                + "(\(verdict); \(result.samples) samples, \(format(result.meanRows, 1)) \(what) on average)")
        return result
    }

    // MARK: Output and measures

    /// A line of the result: printed at once in text mode (the run is long), kept for the end
    /// in JSON mode.
    func emit(_ line: String) {
        if !command.json { console.write(Data((line + "\n").utf8)) }
    }

    func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = start.duration(to: clock.now)
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    func milliseconds(since start: ContinuousClock.Instant) -> Double { seconds(since: start) * 1000 }

    func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    static func size(_ bytes: Int64) -> String {
        let mib = Double(bytes) / 1_048_576
        return mib >= 1024 ? String(format: "%.2f GiB", mib / 1024) : String(format: "%.1f MiB", mib)
    }

    /// The process's peak resident set (`VmHWM` of /proc/self/status), in bytes; nil where
    /// there is no /proc.
    static func peakRSS() -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
            return nil
        }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kib = line.split(separator: " ").compactMap { Int64($0) }.first
            return kib.map { $0 * 1024 }
        }
        return nil
    }
}

extension CalendarDate {
    /// Months since year 0 (January of year 0 is 0): month arithmetic without a calendar.
    var monthIndex: Int { year * 12 + month - 1 }

    /// The day `day` (or the month's last day) of the month `index` months after year 0.
    static func day(_ day: Int, ofMonthIndex index: Int) -> CalendarDate {
        let year = index / 12
        let month = index % 12 + 1
        return CalendarDate(
            year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))!
    }
}

// MARK: - Random numbers

/// SplitMix64 (Steele, Lea and Flood): a small generator that a seed fully determines, so that a
/// seed gives the same data on every machine (the system generator cannot be seeded).
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// An index drawn with the given weights.
    mutating func index(weights: [Double]) -> Int {
        var r = Double.random(in: 0..<weights.reduce(0, +), using: &self)
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }
}

// MARK: - Units as notices write them

/// How notices write the units of a directory: each unit's name, short name, name with
/// "KH&CN", and head with abbreviation ("Phòng QLKH", "Chi cục TCĐLCL"), kept only when the
/// matcher resolves the name to that unit and the parser reads it back as written in every
/// sentence pattern the generator uses. A probe notice decides the last point when the vocabulary
/// is built, so a parser change that breaks a form shows as a note instead of as wrong data.
struct UnitVocabulary: Sendable {
    struct Form: Sendable {
        let written: String
        let code: String
        let matchedBy: String
    }

    /// The forms of each unit, by directory id; units with none are absent.
    let forms: [String: [Form]]
    /// The units that may lead a task, and how often each leads one (the busy phòng more often
    /// than the Công đoàn).
    let leads: [String]
    let leadWeights: [Double]
    /// What "*" ("các phòng, đơn vị") stands for.
    let everyUnit: [String]
    /// Agencies outside the organization that notices ask to coordinate, which the matcher
    /// leaves unmatched as such.
    let otherAgencies: [String]
    /// Forms left out, with why.
    let rejected: [String]

    /// Heads that a unit's abbreviation follows in the genre's writing.
    static let heads = ["Phòng ", "Chi cục ", "Trung tâm ", "Quỹ "]

    init(directory: UnitDirectory) throws(CommandFailure) {
        let matcher = UnitMatcher(directory)
        var candidates: [Form] = []
        var rejected: [String] = []
        for unit in directory.activeUnits {
            var names = [unit.name] + (unit.shortName.map { [$0] } ?? [])
            for name in names where name.contains("khoa học và công nghệ") {
                names.append(name.replacingOccurrences(of: "khoa học và công nghệ", with: "KH&CN"))
            }
            if let head = Self.heads.first(where: { unit.name.hasPrefix($0) }) {
                names += unit.abbreviations.map { head + $0 }
            }
            var seen = Set<String>()
            for name in names where seen.insert(name).inserted {
                switch matcher.match(name) {
                case .units(let ids, let how) where ids == [unit.id]:
                    candidates.append(Form(written: name, code: unit.id, matchedBy: how.rawValue))
                default:
                    rejected.append("\"\(name)\" (does not match \(unit.id) alone)")
                }
            }
        }
        // The probe: every candidate in every pattern, one short notice per candidate (the
        // parser does not read a list past item 99, so one long probe would not do).
        var failed = Set<String>()
        for form in candidates {
            let probe = NoticeGenerator.Probe(form)
            let parsed = NoticeParser.extract(text: probe.text, source: "probe.txt")
            for (i, expected) in probe.expected.enumerated() {
                guard i < parsed.tasks.count else {
                    failed.insert(form.written)
                    break
                }
                var read = parsed.tasks[i]
                // Another agency is no lead the parser reads ("Giao Sở Tài chính chủ trì" is not
                // the genre's): where the unit is the one to coordinate, only that is checked.
                if expected.supportOnly { read.lead = expected.assignment.lead }
                if read != expected.assignment { failed.insert(form.written) }
            }
        }
        var forms: [String: [Form]] = [:]
        for form in candidates {
            if failed.contains(form.written) {
                rejected.append("\"\(form.written)\" (the parser reads it otherwise)")
            } else {
                forms[form.code, default: []].append(form)
            }
        }
        guard !forms.isEmpty else {
            throw CommandFailure(
                .internalError, "the parser reads none of the unit names of the directory back as written")
        }
        self.forms = forms
        self.rejected = rejected
        otherAgencies = ["Sở Tài chính", "Sở Nội vụ"].filter { matcher.match($0) == .otherAgency }
        everyUnit = directory.everyUnitIDs
        // Weights by kind: the phòng and the Văn phòng carry most tasks.
        leads = directory.activeUnits.map(\.id).filter { forms[$0] != nil }
        leadWeights = leads.map { id in
            switch directory.unit(id: id)?.kind {
            case .office: 14
            case .department: 9
            case .subDepartment: 8
            case .inspectorate: 6
            case .center: 4
            case .other: 2
            case .leadership, .massOrganization, nil: 1
            }
        }
    }
}

// MARK: - Notices

/// A generated notice: its text, what the parser should read in it, and its tasks.
struct GeneratedNotice: Sendable {
    let sourceName: String
    let text: String
    let header: NoticeHeader
    var tasks: [GeneratedTask]
}

/// A generated task: as written, its units resolved, and what it is about (for carry-over).
struct GeneratedTask: Sendable {
    let id: String
    let assignment: Assignment
    let lead: [BulkUnit]
    let support: [BulkUnit]
    let subject: String
    let carriesOver: (id: String, score: Double)?
}

/// A deadline as a notice words it, and as the parser reads it.
struct DuePhrase: Sendable {
    /// The words in the task ("báo cáo kết quả trước ngày 20/6/2025").
    let words: String
    let due: Due
}

/// Writes notices of conclusions of a Sở KH&CN's monthly briefing ("Thông báo kết luận giao ban"):
/// header, numbered task items in the genre's patterns, recipients and signature.
struct NoticeGenerator: Sendable {
    let vocabulary: UnitVocabulary
    let calendar: WorkingDays
    let resolver: DeadlineResolver
    var rng: SeededRandom
    /// The notice number last used in each year ("Số: 45/TB-SKHCN"): numbers run through a year.
    private var numbers: [Int: Int] = [:]
    private var mattersByYear: [Int: (whole: [String], works: [String])] = [:]

    init(vocabulary: UnitVocabulary, calendar: WorkingDays, rollOver: Bool, seed: UInt64) {
        self.vocabulary = vocabulary
        self.calendar = calendar
        self.resolver = DeadlineResolver(calendar: calendar, rollOver: rollOver)
        self.rng = SeededRandom(seed: seed)
    }

    static let chairs = ["Trần Quốc Thành", "Nguyễn Quý Linh", "Hoàng Văn Minh", "Lê Thị Thu Hà"]
    static let signers = ["Nguyễn Văn An", "Phạm Thị Hồng", "Đặng Minh Tuấn"]
    static let verbs = [
        "tham mưu xây dựng", "triển khai", "tổ chức thực hiện", "rà soát", "hoàn thiện", "đôn đốc thực hiện",
        "tổng hợp",
        "kiểm tra", "chuẩn bị", "hướng dẫn thực hiện",
    ]
    /// Matters tasks are about, whole; "{Y}" is the notice's year, "{Y1}" the next.
    static let subjects = [
        "kế hoạch tuyển chọn nhiệm vụ khoa học và công nghệ cấp tỉnh năm {Y1}",
        "dự toán ngân sách sự nghiệp khoa học và công nghệ năm {Y1}",
        "hồ sơ nghiệm thu các đề tài, dự án kết thúc năm {Y}",
        "Đề án phát triển thị trường khoa học và công nghệ của tỉnh",
        "kế hoạch cải cách hành chính năm {Y}",
        "kế hoạch tổ chức Ngày hội khởi nghiệp đổi mới sáng tạo năm {Y}",
        "công tác thanh tra chuyên ngành về an toàn bức xạ tại các cơ sở y tế",
        "quy chế quản lý nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước",
        "phương án tự chủ tài chính của các đơn vị sự nghiệp công lập trực thuộc",
        "hội thảo khoa học về ứng dụng công nghệ cao trong nông nghiệp",
        "quy hoạch mạng lưới tổ chức khoa học và công nghệ công lập",
        "kế hoạch thực hiện Nghị quyết của Bộ Chính trị về phát triển khoa học, công nghệ và đổi mới sáng tạo",
        "hoạt động kiểm định, hiệu chuẩn, thử nghiệm phương tiện đo",
        "hồ sơ xét tặng Giải thưởng Khoa học và Công nghệ tỉnh",
        "kế hoạch đào tạo, bồi dưỡng công chức, viên chức năm {Y}",
        "việc quản lý, sử dụng tài sản công tại các đơn vị trực thuộc",
        "công tác thi đua, khen thưởng năm {Y}",
        "các đề tài, dự án chậm tiến độ",
        "báo cáo tổng kết công tác năm {Y} và phương hướng nhiệm vụ năm {Y1}",
        "hồ sơ quyết toán kinh phí các nhiệm vụ khoa học và công nghệ",
    ]
    /// What is to be produced about a field ("{D}"), for the other matters.
    static let works = [
        "kế hoạch {D} năm {Y}", "báo cáo đánh giá kết quả {D} năm {Y}", "dự thảo quy định về {D}",
        "hồ sơ đề xuất nhiệm vụ về {D}", "hội nghị sơ kết công tác {D}", "cơ sở dữ liệu về {D}",
        "đoàn kiểm tra liên ngành về {D}", "chương trình tập huấn về {D} cho doanh nghiệp",
        "phương án bố trí kinh phí cho {D} năm {Y1}", "tài liệu tuyên truyền về {D} trên báo, đài",
    ]
    static let fields = [
        "sở hữu trí tuệ", "an toàn bức xạ và hạt nhân", "tiêu chuẩn, đo lường, chất lượng",
        "hàng đóng gói sẵn",
        "khởi nghiệp đổi mới sáng tạo", "chuyển giao công nghệ", "thị trường khoa học và công nghệ",
        "nhiệm vụ khoa học và công nghệ cấp cơ sở", "nhãn hiệu chứng nhận cho sản phẩm đặc sản",
        "năng suất, chất lượng sản phẩm, hàng hóa", "truy xuất nguồn gốc sản phẩm",
        "thống kê khoa học và công nghệ",
        "chuyển đổi số", "ứng dụng tiến bộ kỹ thuật tại các huyện miền núi",
        "đánh giá trình độ công nghệ của doanh nghiệp",
        "phát triển tài sản trí tuệ của địa phương",
    ]

    /// How an item opens.
    enum Opening: CaseIterable, Sendable {
        /// "Giao X chủ trì, phối hợp với Y …" or "Giao X …".
        case assign
        /// "X chủ trì, phối hợp với Y …".
        case bare
        /// "Giao X tiếp tục …": the item repeats an earlier, still open task.
        case continuing
        /// "Giao X khẩn trương …".
        case urgent
        /// "Các phòng, đơn vị thuộc Sở …": every unit leads.
        case everyUnit
    }

    /// A unit in a sentence: one of the directory's, every unit ("*"), or another agency.
    enum Named: Sendable {
        case unit(UnitVocabulary.Form)
        case every
        case other(String)

        /// The name as the parser reads it into `lead` or `support`.
        var written: String {
            switch self {
            case .unit(let f): f.written
            case .every: "*"
            case .other(let name): name
            }
        }
    }

    /// An item before it is written.
    struct Draft: Sendable {
        var opening: Opening
        var leads: [Named]
        var supports: [Named]
        var verb: String
        var subject: String
        var due: DuePhrase?
    }

    /// The item's sentence and what the parser reads in it.
    static func write(_ d: Draft) -> (text: String, assignment: Assignment) {
        func list(_ names: [Named], _ last: String) -> String {
            let words = names.map { n -> String in
                if case .every = n { return "các phòng, đơn vị" } else { return n.written }
            }
            guard words.count > 1 else { return words.joined() }
            return words.dropLast().joined(separator: ", ") + (last == "," ? ", " : " \(last) ") + words.last!
        }
        // Units are listed with commas: "và" also joins the words of a unit's name
        // ("Văn phòng và Đoàn Thanh niên" reads as one name).
        let lead = list(d.leads, ",")
        let cooperating = d.supports.isEmpty ? "" : " chủ trì, phối hợp với \(list(d.supports, ","))"
        var text: String
        switch d.opening {
        case .assign: text = "Giao \(lead)\(cooperating) \(d.verb) \(d.subject)"
        case .bare: text = "\(lead)\(cooperating.isEmpty ? " chủ trì" : cooperating) \(d.verb) \(d.subject)"
        case .continuing: text = "Giao \(lead) tiếp tục \(d.verb) \(d.subject)"
        case .urgent: text = "Giao \(lead) khẩn trương \(d.verb) \(d.subject)"
        case .everyUnit: text = "Các phòng, đơn vị thuộc Sở \(d.verb) \(d.subject)"
        }
        text += (d.due.map { ", \($0.words)" } ?? "") + "."
        let assignment = Assignment(
            section: "", text: text, lead: d.opening == .everyUnit ? ["*"] : d.leads.map(\.written),
            support: d.supports.map(\.written), due: d.due?.due,
            urgency: d.opening == .urgent ? ["khẩn trương"] : [])
        return (text, assignment)
    }

    // MARK: Notices of the import step

    /// `count` notices spread evenly over the ten years before `today`, oldest first, each of
    /// 6 to 14 items, some of which carry over an open task of the last notices.
    mutating func importNotices(_ count: Int, endingBy today: CalendarDate) -> [GeneratedNotice] {
        guard count > 0 else { return [] }
        let first = CalendarDate.day(1, ofMonthIndex: today.monthIndex - DemoDataRun.months + 1)
        let span = today.dayNumber - first.dayNumber
        var out: [GeneratedNotice] = []
        var recent: [[GeneratedTask]] = []
        for i in 0..<count {
            let day = first.adding(days: span * i / count)
            let issued = calendar.rollingOver(day).map { min($0, today) } ?? day
            let notice = makeNotice(
                issued: issued, items: rng.int(6...14), earlier: recent.flatMap { $0 }, carryOver: 0.12)
            recent.append(notice.tasks)
            if recent.count > Store.carryOverWindow { recent.removeFirst() }
            out.append(notice)
        }
        return out
    }

    // MARK: Notices of the fill step

    /// One notice a month for the last `months` months up to `today` (fewer when `tasks` is
    /// small), holding `tasks` tasks in all, resolved and given their follow-up states.
    mutating func monthlyNotices(tasks: Int, months: Int, tasksPerNotice: Int, endingBy today: CalendarDate)
        -> [BulkNotice]
    {
        let count = min(months, max(1, (tasks + tasksPerNotice - 1) / tasksPerNotice))
        // The last month whose briefing notice is out by today.
        var lastMonth = today.monthIndex
        if issueDay(ofMonthIndex: lastMonth) > today { lastMonth -= 1 }
        var model = FollowUpModel(today: today, calendar: calendar, seed: rng.next())
        var out: [BulkNotice] = []
        var previous: [GeneratedTask] = []
        for k in 0..<count {
            let issued = issueDay(ofMonthIndex: lastMonth - count + 1 + k)
            let items = tasks / count + (k < tasks % count ? 1 : 0)
            let notice = makeNotice(issued: issued, items: items, earlier: previous, carryOver: 0.06)
            previous = notice.tasks
            let period = notice.header.period.map { $0.start...$0.end }
            let bulkTasks = notice.tasks.map { task in
                let deadline = resolver.resolve(
                    task.assignment.due, issued: issued, reportDue: nil, period: period)
                return BulkTask(
                    id: task.id, assignment: task.assignment, lead: task.lead, support: task.support,
                    deadline: deadline,
                    progress: model.progress(
                        assignedOn: issued, deadline: deadline.date, lead: task.lead.first?.code),
                    carriesOverID: task.carriesOver?.id, carryOverScore: task.carriesOver?.score)
            }
            out.append(
                BulkNotice(
                    sourceName: notice.sourceName, text: notice.text, header: notice.header, tasks: bulkTasks)
            )
        }
        return out
    }

    /// The day the notice of a month's briefing is issued: a working day early in the month.
    func issueDay(ofMonthIndex index: Int) -> CalendarDate {
        // The same day whatever was drawn before, so that "the last month out by today" is stable.
        let day = CalendarDate.day(6 + index * 7 % 8, ofMonthIndex: index)
        return calendar.rollingOver(day) ?? day
    }

    // MARK: One notice

    mutating func makeNotice(issued: CalendarDate, items: Int, earlier: [GeneratedTask], carryOver: Double)
        -> GeneratedNotice
    {
        let year = issued.year
        let number = (numbers[year] ?? 0) + rng.int(1...6)
        numbers[year] = number
        let meeting = calendar.adding(-rng.int(1...2), to: issued) ?? issued.adding(days: -1)
        let chair = rng.pick(Self.chairs)
        let signer = rng.pick(Self.signers)
        let month = "\(meeting.month)/\(meeting.year)"

        var tasks: [GeneratedTask] = []
        var lines: [String] = []
        let candidates = earlier.filter {
            $0.lead.count == 1 && $0.lead[0].code != nil && $0.lead[0].writtenName != "*"
        }
        for i in 0..<items {
            var draft = randomDraft(issued: issued)
            var predecessor: GeneratedTask?
            // "Giao X tiếp tục …": the same lead unit, the same subject, another verb and deadline.
            if !candidates.isEmpty, rng.chance(carryOver) {
                let before = rng.pick(candidates)
                if let forms = vocabulary.forms[before.lead[0].code ?? ""] {
                    predecessor = before
                    draft = Draft(
                        opening: .continuing, leads: [.unit(rng.pick(forms))], supports: [],
                        verb: rng.pick(Self.verbs),
                        subject: before.subject, due: duePhrase(issued: issued))
                }
            }
            let (text, assignment) = Self.write(draft)
            lines.append("\(i + 1). \(text)")
            let id = UUID().uuidString.lowercased()
            let link = predecessor.flatMap { before -> (id: String, score: Double)? in
                let score = CarryOver.similarity(text, before.assignment.text)
                return score >= CarryOver.continuationThreshold ? (before.id, score) : nil
            }
            tasks.append(
                GeneratedTask(
                    id: id, assignment: assignment, lead: units(draft.leads),
                    support: units(draft.supports), subject: draft.subject, carriesOver: link))
        }

        var header = NoticeHeader()
        header.kind = "thong-bao"
        header.number = String(number)
        header.symbol = "TB-SKHCN"
        header.place = "Nghệ An"
        header.issued = issued.iso
        header.title = "Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng \(month)"
        header.meeting = Meeting(date: meeting, chair: chair)
        if let end = CalendarDate.endOf(month: meeting.month, year: meeting.year) {
            header.period = DateRange(start: CalendarDate.day(1, ofMonthIndex: meeting.monthIndex), end: end)
        }
        header.signer = Signer(name: signer, position: "CHÁNH VĂN PHÒNG", authority: "TL. GIÁM ĐỐC")
        header.recipients = ["Ban Giám đốc", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, VP"]

        let text = """
            UBND TỈNH NGHỆ AN
            SỞ KHOA HỌC VÀ CÔNG NGHỆ

            Số: \(number)/TB-SKHCN

            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc

            Nghệ An, ngày \(CalendarDate.pad(issued.day, 2)) tháng \(CalendarDate.pad(issued.month, issued.month < 3 ? 2 : 1)) năm \(issued.year)

            THÔNG BÁO
            Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng \(month)

            Ngày \(meeting.day)/\(meeting.month)/\(meeting.year), Sở Khoa học và Công nghệ tổ chức họp giao ban tháng \(month) \
            do đồng chí \(chair), Giám đốc Sở chủ trì. Sau khi nghe Văn phòng Sở báo cáo kết quả thực hiện nhiệm vụ và ý kiến \
            của các phòng, đơn vị, Giám đốc Sở kết luận như sau:

            \(lines.joined(separator: "\n"))

            Nơi nhận:
            - Ban Giám đốc;
            - Các phòng, đơn vị thuộc Sở;
            - Lưu: VT, VP.

            TL. GIÁM ĐỐC
            CHÁNH VĂN PHÒNG

            \(signer)

            """
        return GeneratedNotice(
            sourceName: "TB-\(CalendarDate.pad(number, 3))-SKHCN-\(issued.iso).txt", text: text,
            header: header, tasks: tasks)
    }

    /// The matters of `year`, its numbers written in: computed once a year (Foundation's
    /// `replacingOccurrences` is slow enough to show in the fill's time).
    mutating func matters(of year: Int) -> (whole: [String], works: [String]) {
        if let known = mattersByYear[year] { return known }
        func dated(_ template: String) -> String {
            template.replacingOccurrences(of: "{Y1}", with: String(year + 1)).replacingOccurrences(
                of: "{Y}", with: String(year))
        }
        let matters = (
            whole: Self.subjects.map(dated),
            works: Self.works.flatMap { work in
                Self.fields.map { dated(work.replacingOccurrences(of: "{D}", with: $0)) }
            }
        )
        mattersByYear[year] = matters
        return matters
    }

    /// An item of the usual shapes: mostly one lead and one or two units to coordinate,
    /// sometimes two leads, every unit, another agency, or no deadline.
    mutating func randomDraft(issued: CalendarDate) -> Draft {
        let verb = rng.pick(Self.verbs)
        let matters = matters(of: issued.year)
        let subject = rng.chance(0.3) ? rng.pick(matters.whole) : rng.pick(matters.works)
        let due = rng.chance(0.9) ? duePhrase(issued: issued) : nil
        if rng.chance(0.04) {
            return Draft(
                opening: .everyUnit, leads: [.every], supports: [], verb: verb, subject: subject, due: due)
        }
        let first = pickLead()
        var leads: [Named] = [.unit(first)]
        if rng.chance(0.08) {
            let second = pickLead(excluding: [first.code])
            if second.code != first.code { leads.append(.unit(second)) }
        }
        let taken = Set(leads.compactMap { if case .unit(let f) = $0 { f.code } else { nil } })
        var supports: [Named] = []
        let r = Double.random(in: 0..<1, using: &rng)
        if r < 0.04 {
            supports = [.every]
        } else if r < 0.08, !vocabulary.otherAgencies.isEmpty {
            supports = [.other(rng.pick(vocabulary.otherAgencies))]
        } else if r < 0.55 {
            supports = [.unit(pickLead(excluding: taken))]
        } else if r < 0.85 {
            let a = pickLead(excluding: taken)
            let b = pickLead(excluding: taken.union([a.code]))
            supports = a.code == b.code ? [.unit(a)] : [.unit(a), .unit(b)]
        }
        let opening: Opening
        switch Double.random(in: 0..<1, using: &rng) {
        case ..<0.65: opening = .assign
        case ..<0.90: opening = supports.isEmpty ? .assign : .bare
        default: opening = .urgent
        }
        return Draft(
            opening: opening, leads: leads, supports: opening == .urgent ? [] : supports, verb: verb,
            subject: subject, due: due)
    }

    /// A unit's form, drawn by the lead weights, avoiding `excluding` when it can.
    mutating func pickLead(excluding: Set<String> = []) -> UnitVocabulary.Form {
        for _ in 0..<8 {
            let code = vocabulary.leads[rng.index(weights: vocabulary.leadWeights)]
            if !excluding.contains(code), let forms = vocabulary.forms[code] { return rng.pick(forms) }
        }
        return rng.pick(vocabulary.forms[vocabulary.leads[0]]!)
    }

    /// A deadline in one of the genre's wordings, after the notice's day.
    mutating func duePhrase(issued: CalendarDate) -> DuePhrase {
        func dayMonthYear(_ d: CalendarDate) -> String { "\(d.day)/\(d.month)/\(d.year)" }
        switch Double.random(in: 0..<1, using: &rng) {
        case ..<0.40:
            let d = issued.adding(days: rng.int(7...75))
            let words = "hoàn thành trước ngày \(dayMonthYear(d))"
            return DuePhrase(words: words, due: Due(.date(d), text: words))
        case ..<0.48:
            let d = issued.adding(days: rng.int(10...45))
            return DuePhrase(
                words: "báo cáo kết quả trước ngày \(dayMonthYear(d))",
                due: Due(.date(d), text: "trước ngày \(dayMonthYear(d))"))
        case ..<0.63:
            let month = issued.monthIndex + rng.int(0...2)
            let start = CalendarDate.day(1, ofMonthIndex: month)
            let end = CalendarDate.day(31, ofMonthIndex: month)
            let words = "hoàn thành trong tháng \(start.month)/\(start.year)"
            return DuePhrase(words: words, due: Due(.period(start: start, end: end), text: words))
        case ..<0.68:
            let quarter = (issued.monthIndex / 3) + rng.int(0...1)
            let start = CalendarDate.day(1, ofMonthIndex: quarter * 3)
            let end = CalendarDate.day(31, ofMonthIndex: quarter * 3 + 2)
            let words = "hoàn thành trong quý \(["I", "II", "III", "IV"][quarter % 4])/\(start.year)"
            return DuePhrase(words: words, due: Due(.period(start: start, end: end), text: words))
        case ..<0.85:
            return DuePhrase(
                words: "thực hiện thường xuyên", due: Due(.continuing, text: "thực hiện thường xuyên"))
        default:
            let day = rng.pick([5, 20, 25])
            let words = "báo cáo trước ngày \(day) hằng tháng"
            return DuePhrase(
                words: words,
                due: Due(.recurring(every: .month, day: day), text: "trước ngày \(day) hằng tháng"))
        }
    }

    /// The task units an import stores for the names: one per unit, "*" as every unit.
    func units(_ names: [Named]) -> [BulkUnit] {
        names.flatMap { name -> [BulkUnit] in
            switch name {
            case .unit(let f): [BulkUnit(writtenName: f.written, code: f.code, matchedBy: f.matchedBy)]
            case .every: vocabulary.everyUnit.map { BulkUnit(writtenName: "*", code: $0, matchedBy: "all") }
            case .other(let agency): [BulkUnit(writtenName: agency, code: nil, matchedBy: "other_agency")]
            }
        }
    }

    // MARK: The probe

    /// A notice that writes a candidate unit name in each pattern, for `UnitVocabulary` to
    /// check what the parser reads back.
    struct Probe {
        var expected: [(assignment: Assignment, supportOnly: Bool)] = []
        let text: String

        init(_ form: UnitVocabulary.Form) {
            let words = "hoàn thành trước ngày 10/7/2025"
            let due = DuePhrase(
                words: words, due: Due(.date(CalendarDate(year: 2025, month: 7, day: 10)!), text: words))
            let other = Named.other("Sở Tài chính")
            let unit = Named.unit(form)
            func draft(_ opening: Opening, _ leads: [Named], _ supports: [Named]) -> Draft {
                Draft(
                    opening: opening, leads: leads, supports: supports, verb: "rà soát",
                    subject: "hồ sơ các nhiệm vụ", due: due)
            }
            let drafts = [
                draft(.assign, [unit], [other]), draft(.assign, [other], [unit]), draft(.assign, [unit], []),
                draft(.bare, [unit], [other]), draft(.continuing, [unit], []), draft(.urgent, [unit], []),
            ]
            var lines: [String] = []
            for d in drafts {
                let (sentence, assignment) = NoticeGenerator.write(d)
                lines.append("\(lines.count + 1). \(sentence)")
                expected.append((assignment, d.supports.first?.written == form.written))
            }
            text = """
                SỞ KHOA HỌC VÀ CÔNG NGHỆ

                Số: 1/TB-SKHCN

                Nghệ An, ngày 01 tháng 7 năm 2025

                THÔNG BÁO
                Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 7/2025

                Giám đốc Sở kết luận như sau:

                \(lines.joined(separator: "\n"))

                """
        }
    }
}

// MARK: - Follow-up

/// Where a task stands after its follow-up, drawn as a tracker that has been kept for years
/// holds it: tasks long past their deadline mostly done (a quarter of them late), some stopped,
/// a few forgotten and open; tasks due lately done, reported, or overdue; tasks not yet due
/// assigned or in progress. A few deadlines were extended, a few extensions are awaiting a
/// decision. The version counts the changes the workflow would have made.
struct FollowUpModel: Sendable {
    let today: CalendarDate
    let calendar: WorkingDays
    var rng: SeededRandom

    init(today: CalendarDate, calendar: WorkingDays, seed: UInt64) {
        self.today = today
        self.calendar = calendar
        self.rng = SeededRandom(seed: seed)
    }

    mutating func progress(assignedOn: CalendarDate, deadline original: CalendarDate?, lead: String?)
        -> BulkProgress
    {
        let assigned = min(assignedOn, today)
        var extensions: [CalendarDate] = []
        var deadline = original
        if let d = original, rng.chance(0.03) {
            let extended = calendar.rollingOver(d.adding(days: rng.int(14...45))) ?? d.adding(days: 30)
            extensions = [extended]
            deadline = extended
        }
        let changes = 2 * extensions.count  // requested, approved
        func done(_ on: CalendarDate) -> BulkProgress {
            let day = max(assigned, min(on, today))
            return BulkProgress(
                state: .done, version: 4 + changes, extensions: extensions, reportedDoneOn: day,
                completedOn: day, updatedOn: day)
        }
        func open(_ state: AssignmentState) -> BulkProgress {
            let version = (state == .assigned ? 1 : state == .inProgress ? 2 : 3) + changes
            var p = BulkProgress(
                state: state, version: version, extensions: extensions,
                updatedOn: max(assigned, today.adding(days: -rng.int(0...20))))
            if state == .reportedDone { p.reportedDoneOn = p.updatedOn }
            // A request awaiting leadership: only before completion is reported, for a date after
            // the deadline in force.
            if state != .reportedDone, let d = deadline, d >= today.adding(days: -10), rng.chance(0.03) {
                let on = max(assigned, today.adding(days: -rng.int(0...5)))
                p.pendingExtension = ExtensionRequest(
                    to: calendar.rollingOver(max(d, on).adding(days: 30)) ?? d.adding(days: 30),
                    reason: "Đề nghị gia hạn do chờ ý kiến thẩm định của các sở, ngành liên quan",
                    requestedOn: on, unitID: lead)
                p.version += 1
                p.updatedOn = on
            }
            return p
        }
        func stopped() -> BulkProgress {
            BulkProgress(
                state: .stopped, version: 2 + changes, extensions: extensions,
                updatedOn: max(assigned, min(today, (deadline ?? assigned).adding(days: 20))))
        }
        let r = Double.random(in: 0..<1, using: &rng)
        guard let deadline else {
            // A standing duty ("thường xuyên"): closed after a while, or still running.
            if today.dayNumber - assigned.dayNumber > 365 {
                return r < 0.6
                    ? done(assigned.adding(days: rng.int(30...300))) : r < 0.8 ? stopped() : open(.inProgress)
            }
            return r < 0.7
                ? open(.inProgress)
                : r < 0.95 ? open(.assigned) : done(assigned.adding(days: rng.int(10...60)))
        }
        let onTime = { (rng: inout SeededRandom) in
            deadline.adding(days: -rng.int(0...max(0, min(20, deadline.dayNumber - assigned.dayNumber))))
        }
        if deadline < today.adding(days: -30) {
            switch r {
            case ..<0.66: return done(onTime(&rng))
            case ..<0.88: return done(deadline.adding(days: rng.int(1...60)))
            case ..<0.92: return stopped()
            case ..<0.95: return open(.inProgress)
            case ..<0.98: return open(.assigned)
            default: return open(.reportedDone)
            }
        }
        if deadline < today {
            switch r {
            case ..<0.45: return done(onTime(&rng))
            case ..<0.55:
                return done(deadline.adding(days: rng.int(1...max(1, today.dayNumber - deadline.dayNumber))))
            case ..<0.70: return open(.reportedDone)
            case ..<0.90: return open(.inProgress)
            case ..<0.98: return open(.assigned)
            default: return stopped()
            }
        }
        switch r {
        case ..<0.35: return open(.assigned)
        case ..<0.80: return open(.inProgress)
        case ..<0.90: return open(.reportedDone)
        default: return done(assigned.adding(days: rng.int(0...max(0, today.dayNumber - assigned.dayNumber))))
        }
    }
}
