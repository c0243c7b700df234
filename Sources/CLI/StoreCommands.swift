import ArgumentParser
import Deadlines
import Extraction
import Foundation
import Store
import Tracking

/// Who the audit log names for what the CLI does: the system user.
var cliActor: String { "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")" }

// MARK: - dondoc org

/// `dondoc org load|list|pending|alias`: organizations and their unit directories.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Load an organization's unit directory, list organizations, review unmatched unit names.",
        subcommands: [Load.self, List.self, Pending.self, Alias.self])

    /// `dondoc org load FILE [--org SLUG]`.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a dondoc.units/1 file as the units of an organization (created if new).",
            discussion: """
                Units are matched by id: new ones are added, known ones updated, and those the file \
                no longer lists are kept for their tasks but made inactive. Aliases learned from \
                corrections are kept. Unit names awaiting review that the new directory resolves \
                are resolved.
                """)
        @Argument(help: "The directory file (JSON, format dondoc.units/1).") var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws { try exit(with: await execute(console: .standard)) }

        func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
            async -> ExitStatus
        {
            await CommandFailure.reporting(console) {
                let directory: UnitDirectory
                do throws(UnitDirectoryError) {
                    directory = try UnitDirectory(contentsOfFile: file)
                } catch {
                    throw CommandFailure(.inputRefused, "\(file): \(error.message)")
                }
                let db = try await store.open(environment: environment)
                let load = try await withStore(db) {
                    try await db.loadDirectory(
                        directory, slug: store.org ?? Store.defaultOrganizationSlug, actor: cliActor)
                }
                var lines = [
                    "\(load.created ? "created" : "updated") organization \(load.organization.slug) (\(load.organization.name)): "
                        + "\(directory.units.count) units, \(load.added.count) added, \(load.updated.count) updated, "
                        + "\(load.unchanged.count) unchanged, \(load.deactivated.count) made inactive"
                ]
                if !load.deactivated.isEmpty {
                    lines.append("made inactive: " + load.deactivated.joined(separator: ", "))
                }
                if load.resolvedNames > 0 {
                    lines.append("\(load.resolvedNames) unit names of tasks now resolved")
                }
                return Data((lines.joined(separator: "\n") + "\n").utf8)
            }
        }
    }

    /// `dondoc org list [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organizations in the record.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws { try exit(with: await execute(console: .standard)) }

        func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
            async -> ExitStatus
        {
            await CommandFailure.reporting(console) {
                let db = try await store.open(environment: environment)
                let organizations = try await withStore(db) { try await db.organizations() }
                if json { return try OrderedJSONEncoder().encodeLine(organizations) }
                guard !organizations.isEmpty else {
                    return Data("no organization yet: dondoc org load FILE --org SLUG\n".utf8)
                }
                return Data(
                    TextTable.render(["SLUG", "NAME"], organizations.map { [$0.slug, $0.name] }).utf8)
            }
        }
    }

    /// `dondoc org pending [--json]`.
    struct Pending: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the unit names written in tasks that match no unit of the directory, or several.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws { try exit(with: await execute(console: .standard)) }

        func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
            async -> ExitStatus
        {
            await CommandFailure.reporting(console) {
                let (db, org) = try await store.openOrganization(actor: cliActor, environment: environment)
                let names = try await withStore(db) { try await db.pendingNames(in: org) }
                if json { return try OrderedJSONEncoder().encodeLine(names) }
                guard !names.isEmpty else { return Data("no unit name awaits review\n".utf8) }
                return Data(
                    TextTable.render(
                        ["NAME AS WRITTEN", "WHY", "TASK UNITS"],
                        names.map { [$0.writtenName, $0.matchedBy, String($0.count)] }
                    )
                    .utf8)
            }
        }
    }

    /// `dondoc org alias NAME --unit ID`.
    struct Alias: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Teach the directory that a name stands for a unit; the tasks that write it are resolved.")
        @Argument(help: "The name as notices write it (\"Phòng Hành chính - Tổng hợp\").") var name: String
        @Option(help: ArgumentHelp("The unit's id in the directory (\"van-phong\").", valueName: "id"))
        var unit: String
        @OptionGroup var store: StoreOptions

        func run() async throws { try exit(with: await execute(console: .standard)) }

        func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
            async -> ExitStatus
        {
            await CommandFailure.reporting(console) {
                let (db, org) = try await store.openOrganization(actor: cliActor, environment: environment)
                let resolved = try await withStore(db) {
                    try await db.learnAlias(name, for: unit, in: org, actor: cliActor)
                }
                return Data("\"\(name)\" now stands for \(unit); \(resolved) task units resolved\n".utf8)
            }
        }
    }
}

// MARK: - dondoc import

/// `dondoc import FILE... [--org SLUG] [--publish]`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Parse notices and store them with their tasks, units and deadlines.",
        discussion: """
            Each notice is stored in one transaction: its tasks, the units they name (matched on the \
            organization's directory; names that match none wait for review: dondoc org pending), \
            their deadlines on the Vietnamese working calendar, and the link to the open task of an \
            earlier notice that a task carries over. A file imported before changes nothing. A \
            notice in which no task is found is refused. Notices are drafts until published \
            (--publish, or dondoc publish ID); only published notices' tasks are tracked.
            """)
    @Argument(help: "The notices (UTF-8 text).") var files: [String]
    @Flag(help: "Publish the notices: their tasks are tracked at once.") var publish = false
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var holidays: HolidayOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Pass the notice files to import.") }
    }

    func run() async throws { try exit(with: await execute(console: .standard)) }

    struct Line: Encodable {
        let file: String
        let outcome: String
        let documentID: String?
        let tasks: Int?
        let pendingNames: [String]?
        let carriedOver: Int?
        let error: String?
    }

    func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) async
        -> ExitStatus
    {
        var firstFailure: ExitStatus?
        var lines: [Line] = []
        let status = await CommandFailure.reporting(console) {
            let calendar = try holidays.calendar(environment: environment).workingDays(
                years: VietnameseHolidays.years)
            let (db, org) = try await store.openOrganization(actor: cliActor, environment: environment)
            try await withStore(db) {
                for file in files {
                    do {
                        let input = try Self.read(file)
                        let outcome = try await db.importNotice(
                            input, into: org, publish: publish, calendar: calendar, actor: cliActor)
                        let line = Self.describe(outcome, file: file)
                        lines.append(line)
                        if !json { console.report(Self.sentence(line)) }
                    } catch {
                        let failure = CommandFailure(describing: error)
                        lines.append(
                            Line(
                                file: file, outcome: "failed", documentID: nil, tasks: nil, pendingNames: nil,
                                carriedOver: nil, error: failure.message))
                        console.report(
                            "error: \(failure.message.hasPrefix(file) ? "" : "\(file): ")\(failure.message)")
                        if firstFailure == nil { firstFailure = failure.status }
                    }
                }
            }
            return json ? try OrderedJSONEncoder().encodeLine(lines) : Data()
        }
        return status == .success ? (firstFailure ?? .success) : status
    }

    static func read(_ file: String) throws -> NoticeInput {
        let url = URL(fileURLWithPath: file)
        do {
            let text = try NoticeText.read(contentsOf: url)
            return NoticeInput(
                sourceName: url.lastPathComponent, text: text, original: try Data(contentsOf: url))
        } catch let error as NoticeTextError {
            throw CommandFailure(error.isMissingInput ? .inputMissing : .inputRefused, error.description)
        }
    }

    static func describe(_ outcome: ImportOutcome, file: String) -> Line {
        switch outcome {
        case .imported(let n):
            return Line(
                file: file, outcome: n.published ? "imported_published" : "imported_draft",
                documentID: n.documentID, tasks: n.tasks,
                pendingNames: n.pendingNames, carriedOver: n.carriedOver, error: nil)
        case .alreadyImported(let id, _, _):
            return Line(
                file: file, outcome: "already_imported", documentID: id, tasks: nil, pendingNames: nil,
                carriedOver: nil, error: nil)
        }
    }

    static func sentence(_ line: Line) -> String {
        guard line.outcome != "already_imported" else {
            return "\(line.file): already imported (notice \(line.documentID ?? "")); nothing changed"
        }
        let tasks = line.tasks ?? 0
        var s =
            "\(line.file): imported as notice \(line.documentID ?? "") with \(tasks) \(tasks == 1 ? "task" : "tasks")"
        s += line.outcome == "imported_published" ? ", published" : ", draft (publish it: dondoc publish ID)"
        if let carried = line.carriedOver, carried > 0 { s += "; \(carried) carry over earlier tasks" }
        if let names = line.pendingNames, !names.isEmpty {
            s += "; unit names awaiting review: " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        }
        return s
    }
}

// MARK: - dondoc publish

/// `dondoc publish ID`.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Publish a draft notice: its tasks are tracked from then on.")
    @Argument(help: "The notice's id (its first 8 characters are enough).") var id: String
    @OptionGroup var store: StoreOptions

    func run() async throws { try exit(with: await execute(console: .standard)) }

    func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) async
        -> ExitStatus
    {
        await CommandFailure.reporting(console) {
            let (db, org) = try await store.openOrganization(actor: cliActor, environment: environment)
            return try await withStore(db) {
                let document = try await DocumentsCommand.find(id, in: db, org)
                try await db.publish(
                    documentID: document.id, expectedVersion: document.version, actor: cliActor)
                return Data(
                    "published notice \(document.id) (\(document.symbol ?? document.sourceName)): \(document.tasks) tasks tracked\n"
                        .utf8)
            }
        }
    }
}

// MARK: - dondoc documents

/// `dondoc documents [--search TEXT] [--json]`.
struct DocumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents", abstract: "List the organization's notices, the latest first.")
    @Option(
        help: ArgumentHelp(
            "Only notices whose text has these words (tone marks and case ignored).", valueName: "words"))
    var search: String?
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var store: StoreOptions

    func run() async throws { try exit(with: await execute(console: .standard)) }

    func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) async
        -> ExitStatus
    {
        await CommandFailure.reporting(console) {
            let (db, org) = try await store.openOrganization(actor: cliActor, environment: environment)
            let documents = try await withStore(db) { try await db.documents(in: org, text: search) }
            if json { return try OrderedJSONEncoder().encodeLine(documents) }
            guard !documents.isEmpty else {
                return Data(
                    "no notice\(search == nil ? " yet: dondoc import FILE" : " has these words")\n".utf8)
            }
            return Data(
                TextTable.render(
                    ["ID", "ISSUED", "SYMBOL", "STATUS", "TASKS", "REVIEW", "TITLE"],
                    documents.map {
                        [
                            String($0.id.prefix(8)), $0.issued?.iso ?? "-", $0.symbol ?? $0.sourceName,
                            $0.status, String($0.tasks),
                            String($0.unmatchedNames), TextTable.clip($0.title ?? "", 70),
                        ]
                    }
                ).utf8)
        }
    }

    /// The notice whose id is or begins with `id`.
    static func find(_ id: String, in db: Store, _ org: Organization) async throws -> DocumentSummary {
        let found = try await db.documents(in: org).filter { $0.id.hasPrefix(id.lowercased()) }
        guard id.count >= 4, let first = found.first else {
            throw CommandFailure(
                .inputMissing, "no notice of \(org.slug) has the id \(id) (dondoc documents lists them)")
        }
        guard found.count == 1 else {
            throw CommandFailure(
                .usage, "\(found.count) notices have ids that begin with \(id): give more of it")
        }
        return first
    }
}

// MARK: - dondoc tasks

/// `dondoc tasks [--unit NAME] [--status S] [--overdue-on DATE] …`.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "List tasks of published notices, the earliest deadline first.")
    @Option(
        help: ArgumentHelp(
            "A unit, as notices write it (\"Phòng QLKH\") or by directory id.", valueName: "name")) var unit:
        String?
    @Flag(name: .customLong("lead-only"), help: "With --unit: only tasks the unit leads (chủ trì).")
    var leadOnly = false
    @Option(
        help: ArgumentHelp(
            "assigned, in_progress, reported_done, done, stopped, or open (the first three); repeatable.",
            valueName: "state"))
    var status: [String] = []
    @Option(
        name: .customLong("overdue-on"),
        help: ArgumentHelp("Open tasks whose deadline is before this day.", valueName: "date"))
    var overdueOn: String?
    @Option(help: ArgumentHelp("Tasks of this notice (id or its first characters).", valueName: "id"))
    var document: String?
    @Option(
        help: ArgumentHelp(
            "Tasks whose text has these words (tone marks and case ignored).", valueName: "words"))
    var search: String?
    @Flag(help: "Include the tasks of draft notices.") var drafts = false
    @Option(help: "At most this many tasks.") var limit = 200
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let overdueOn { _ = try DateArgument.require(overdueOn, "--overdue-on") }
        _ = try states()
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func states() throws -> Set<AssignmentState> {
        var out = Set<AssignmentState>()
        for s in status {
            if s == "open" {
                out.formUnion([.assigned, .inProgress, .reportedDone])
            } else if let state = AssignmentState(rawValue: s) {
                out.insert(state)
            } else {
                throw ValidationError(
                    "--status \(s) is not a state: use assigned, in_progress, reported_done, done, stopped or open."
                )
            }
        }
        return out
    }

    func run() async throws { try exit(with: await execute(console: .standard)) }

    func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) async
        -> ExitStatus
    {
        await CommandFailure.reporting(console) {
            let (db, org) = try await store.openOrganization(actor: cliActor, environment: environment)
            let tasks = try await withStore(db) {
                var query = TaskQuery(
                    leadOnly: leadOnly, states: try states(),
                    overdueOn: try overdueOn.map { try DateArgument.require($0, "--overdue-on") },
                    text: search, includeDrafts: drafts, limit: limit)
                if let unit { query.unitID = try await Self.unitID(unit, db, org) }
                if let document {
                    query.documentID = try await DocumentsCommand.find(document, in: db, org).id
                }
                return try await db.tasks(in: org, query)
            }
            if json { return try OrderedJSONEncoder().encodeLine(tasks) }
            guard !tasks.isEmpty else { return Data("no task matches\n".utf8) }
            return Data(
                TextTable.render(
                    ["ID", "NOTICE", "§", "LEAD", "DEADLINE", "STATE", "TASK"],
                    tasks.map { t in
                        [
                            String(t.id.prefix(8)), t.documentSymbol ?? "-",
                            t.section.isEmpty ? String(t.position + 1) : t.section,
                            TextTable.clip(
                                t.lead.map { $0.unitID ?? "?\($0.writtenName)" }.joined(separator: ","), 30),
                            t.deadline?.iso ?? "-", t.state.rawValue, TextTable.clip(t.text, 80),
                        ]
                    }
                ).utf8)
        }
    }

    /// The directory id of the unit a user names: an id, or a name as notices write it.
    static func unitID(_ name: String, _ db: Store, _ org: Organization) async throws -> String {
        let directory = try await db.directory(of: org)
        if directory.unit(id: name) != nil { return name }
        switch directory.match(name) {
        case .units(let ids, _) where ids.count == 1: return ids[0]
        case .ambiguous(let ids):
            throw CommandFailure(
                .usage, "--unit \"\(name)\" fits several units (\(ids.joined(separator: ", "))): give its id")
        default:
            let known = directory.activeUnits.map(\.id).joined(separator: ", ")
            throw CommandFailure(
                .usage, "--unit \"\(name)\" is no unit of \(org.slug); its units are \(known)")
        }
    }
}

// MARK: - dondoc stats

/// `dondoc stats --period 2025-02 [--as-of DATE]`.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count a period's tasks per lead unit as the national system does (4 statuses).",
        discussion: """
            The period is a reporting period of Nghị định 09/2019/NĐ-CP: "2025-02" is the report of \
            February, 15/01/2025 to 14/02/2025; also "2025-q1", "2025-h1", "2025", or as documents \
            write it ("tháng 2/2025", "quý I/2025"). Its tasks are those of published notices issued \
            by its end that were still to do when it began; each is counted as of its last day \
            (or --as-of, if earlier): done on time, done late, not done within the deadline, not \
            done and overdue.
            """)
    @Option(help: ArgumentHelp("The reporting period.", valueName: "period")) var period: String
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Count as of this day (at most the period's end).", valueName: "date"))
    var asOf: String?
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        _ = try range()
        if let asOf { _ = try DateArgument.require(asOf, "--as-of") }
    }

    func range() throws -> (ReportingPeriod, ClosedRange<CalendarDate>) {
        guard let p = ReportingPeriod(name: period), let r = p.range else {
            throw ValidationError(
                "--period \(period) is not a reporting period: write 2025-02, 2025-q1, 2025-h1 or 2025.")
        }
        return (p, r)
    }

    func run() async throws { try exit(with: await execute(console: .standard)) }

    func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) async
        -> ExitStatus
    {
        await CommandFailure.reporting(console) {
            let (name, range) = try range()
            let day = try asOf.map { try DateArgument.require($0, "--as-of") }
            let (db, org) = try await store.openOrganization(actor: cliActor, environment: environment)
            let counts = try await withStore(db) { try await db.counts(in: org, period: range, asOf: day) }
            if json { return try OrderedJSONEncoder().encodeLine(counts) }
            var out =
                "\(org.name): period \(name) (\(range.lowerBound.iso) to \(range.upperBound.iso)), as of \(counts.cutOff.iso)\n"
            let rows = (counts.units + [counts.total]).map { u in
                [
                    u.unitID ?? "", u.unitName, String(u.total), String(u.doneOnTime), String(u.doneLate),
                    String(u.withinDeadline), String(u.overdue),
                ]
            }
            out += TextTable.render(["UNIT", "NAME", "TOTAL", "ON TIME", "LATE", "WITHIN", "OVERDUE"], rows)
            return Data(out.utf8)
        }
    }
}
