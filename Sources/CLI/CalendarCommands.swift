import ArgumentParser
import Deadlines
import Extraction
import Foundation
import Store

/// `--holidays FILE`: the administrator's holiday decisions on top of those shipped with DonDoc.
struct HolidayOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A dondoc.holidays/1 file of the government's decisions for years DonDoc does not ship "
                + "(default: $DONDOC_HOLIDAYS when set).", valueName: "file"))
    var holidays: String?

    /// The calendar: the shipped decisions, overridden by the file when one is given.
    func calendar(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CommandFailure)
        -> VietnameseHolidays
    {
        guard let path = holidays ?? environment["DONDOC_HOLIDAYS"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return .standard
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
        else {
            throw CommandFailure(.inputMissing, "holiday data: \(path) does not exist or is a directory")
        }
        do {
            return VietnameseHolidays(
                decisions: HolidayDecisions.bundled.overridden(by: try HolidayDecisions(contentsOfFile: path))
            )
        } catch let error as HolidayDataError {
            throw CommandFailure(.inputRefused, error.message)
        } catch {
            throw CommandFailure(.inputRefused, "holiday data: \(path): \(error)")
        }
    }
}

/// A command that stops with an exit status and one sentence for standard error.
struct CommandFailure: Error {
    let status: ExitStatus
    let message: String
    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Runs `body` and writes what it returns; a failure becomes one sentence on standard error
    /// and its status (`init(describing:)`).
    static func reporting(_ console: Console, _ body: () throws -> Data) -> ExitStatus {
        do {
            console.write(try body())
            return .success
        } catch {
            return report(error, on: console)
        }
    }

    /// Writes `error`'s sentence on standard error and returns its status.
    static func report(_ error: any Error, on console: Console) -> ExitStatus {
        let failure = CommandFailure(describing: error)
        console.report("error: \(failure.message)")
        return failure.status
    }

    /// Any error as a failure: a bad argument is a usage error, a store's error has its own
    /// status (`init(_: StoreError)`), anything unforeseen is an internal one.
    init(describing error: any Error) {
        switch error {
        case let failure as CommandFailure: self = failure
        case let error as StoreError: self.init(error)
        case let error as ValidationError: self.init(.usage, error.message)
        default: self.init(.internalError, "\(error)")
        }
    }
}

/// Dates as the user types them: `2025-04-30` or `30/4/2025`.
enum DateArgument {
    static func parse(_ text: String) -> CalendarDate? { CalendarDate(typed: text) }

    static func require(_ text: String, _ what: String) throws -> CalendarDate {
        guard let d = parse(text) else {
            throw ValidationError("\(what) '\(text)' is not a date: write YYYY-MM-DD or DD/MM/YYYY.")
        }
        guard VietnameseHolidays.years.contains(d.year) else {
            throw ValidationError(
                "\(what) \(d.iso) is outside the calendar's years \(VietnameseHolidays.years.lowerBound)–\(VietnameseHolidays.years.upperBound)."
            )
        }
        return d
    }

    /// "Thứ Hai" … "Chủ nhật".
    static func weekday(_ d: CalendarDate) -> String {
        ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][d.weekday - 1]
    }

    /// "2025-05-05 (Thứ Hai)".
    static func show(_ d: CalendarDate) -> String { "\(d.iso) (\(weekday(d)))" }
}

extension AsyncParsableCommand {
    /// Turns a command's status into the process's exit code.
    func exit(with status: ExitStatus) throws {
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

// MARK: - dondoc calendar

/// `dondoc calendar YEAR [--json]`: the year's days off with their Vietnamese names, the weekend
/// days worked, and the number of working days.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract:
            "List a year's days off, swapped working Saturdays and working days (Vietnamese state agencies).",
        discussion: """
            Days off are the public holidays of Bộ luật Lao động in force that year, the substitute \
            day of a holiday that falls on a weekend, and the government's yearly decisions (the \
            Tết block, the second National Day, weekdays swapped for a worked Saturday) shipped \
            with DonDoc for 2010–2026. A later year is a forecast by the rules until its decision \
            is added with --holidays FILE.
            """)

    @Argument(help: "The year (2000–2100).")
    var year: Int

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var options: HolidayOptions

    func validate() throws {
        guard VietnameseHolidays.years.contains(year) else {
            throw ValidationError(
                "year \(year) is outside \(VietnameseHolidays.years.lowerBound)–\(VietnameseHolidays.years.upperBound)."
            )
        }
    }

    func run() async throws { try exit(with: execute(console: .standard)) }

    struct Summary: Encodable {
        struct Day: Encodable {
            let date: String
            let weekday: String
            let name: String
            let kind: String
        }
        struct Worked: Encodable {
            let date: String
            let weekday: String
            let name: String
            let insteadOf: String
            enum CodingKeys: String, CodingKey {
                case date, weekday, name
                case insteadOf = "instead_of"
            }
        }
        let year: Int
        let decided: Bool
        /// 365 or 366 (for the text; not in the JSON).
        let days: Int
        let workingDays: Int
        let weekendDays: Int
        let holidaysOnWeekdays: Int
        let daysOff: [Day]
        let workedWeekendDays: [Worked]
        enum CodingKeys: String, CodingKey {
            case year, decided
            case workingDays = "working_days"
            case weekendDays = "weekend_days"
            case holidaysOnWeekdays = "holidays_on_weekdays"
            case daysOff = "days_off"
            case workedWeekendDays = "worked_weekend_days"
        }
    }

    func summary(_ h: VietnameseHolidays) -> Summary {
        let days = h.holidays(in: year)
        let worked = h.workedWeekendDays(in: year)
        let first = CalendarDate(year: year, month: 1, day: 1)!
        let length = CalendarDate.isLeap(year) ? 366 : 365
        let weekend = (0..<length).count { first.adding(days: $0).weekday >= 6 }
        let calendar = h.workingDays(years: year...year)
        return Summary(
            year: year, decided: h.isDecided(year), days: length,
            workingDays: calendar.workingDays(inYear: year) ?? 0,
            weekendDays: weekend, holidaysOnWeekdays: days.count { $0.date.weekday <= 5 },
            daysOff: days.map {
                .init(
                    date: $0.date.iso, weekday: DateArgument.weekday($0.date), name: $0.name,
                    kind: $0.kind.rawValue)
            },
            workedWeekendDays: worked.map {
                .init(
                    date: $0.date.iso, weekday: DateArgument.weekday($0.date), name: $0.name,
                    insteadOf: $0.insteadOf.iso)
            })
    }

    func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ExitStatus
    {
        CommandFailure.reporting(console) {
            let s = summary(try options.calendar(environment: environment))
            return json ? try OrderedJSONEncoder().encodeLine(s) : Data(text(s).utf8)
        }
    }

    /// The summary as the text listing.
    func text(_ s: Summary) -> String {
        var out = """
            \(year): \(s.workingDays) working days of \(s.days) \
            (\(s.weekendDays) Saturdays and Sundays, \(s.holidaysOnWeekdays) days off on weekdays, \
            \(s.workedWeekendDays.count) weekend day\(s.workedWeekendDays.count == 1 ? "" : "s") worked)
            \(s.decided ? "Government decisions for \(year) are in the holiday data." : "No government decision for \(year) in the holiday data: the Tết block and the second National Day are forecast by the rules.")

            Days off (ngày nghỉ):

            """
        for d in s.daysOff {
            out += "  \(d.date)  \(d.weekday.padding(toLength: 8, withPad: " ", startingAt: 0))  \(d.name)\n"
        }
        out += "\nWeekend days worked (ngày làm bù):\n"
        if s.workedWeekendDays.isEmpty { out += "  none\n" }
        for w in s.workedWeekendDays {
            out += "  \(w.date)  \(w.weekday.padding(toLength: 8, withPad: " ", startingAt: 0))  \(w.name)\n"
        }
        return out
    }
}

// MARK: - dondoc workdays

/// `dondoc workdays add DATE N`, `dondoc workdays between DATE DATE`, `dondoc workdays next DATE`.
struct Workdays: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workdays",
        abstract:
            "Working-day arithmetic on the Vietnamese calendar (holidays, substitute days, swapped Saturdays).",
        subcommands: [Add.self, Between.self, Next.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The N-th working day after DATE (DATE itself not counted, Bộ luật Dân sự 2015, Điều 147).",
            discussion:
                "With --before, the N-th working day before DATE (1 is the last working day before it).")

        @Argument(help: "The day of the event: YYYY-MM-DD or DD/MM/YYYY.") var date: String
        @Argument(help: "The number of working days (1–10000).") var count: Int
        @Flag(help: "Count back from DATE instead of forward.") var before = false
        @OptionGroup var options: HolidayOptions

        func validate() throws {
            _ = try DateArgument.require(date, "DATE")
            guard (1...10_000).contains(count) else {
                throw ValidationError("N must be 1 to 10000 working days; got \(count).")
            }
        }

        func run() async throws { try exit(with: execute(console: .standard)) }

        func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
            -> ExitStatus
        {
            Workdays.run(console: console, options: options, environment: environment) { calendar in
                let start = try DateArgument.require(date, "DATE")
                let result =
                    before
                    ? Workdays.back(from: start, count: count, calendar: calendar)
                    : calendar.adding(count, to: start)
                guard let result else {
                    throw CommandFailure(
                        .inputRefused,
                        "\(count) working days \(before ? "before" : "after") \(start.iso) fall outside 2000–2100"
                    )
                }
                return DateArgument.show(result)
            }
        }
    }

    struct Between: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The working days after FROM up to TO included (FROM not counted); negative when TO is before FROM."
        )

        @Argument(help: "YYYY-MM-DD or DD/MM/YYYY.") var from: String
        @Argument(help: "YYYY-MM-DD or DD/MM/YYYY.") var to: String
        @OptionGroup var options: HolidayOptions

        func validate() throws {
            _ = try DateArgument.require(from, "FROM")
            _ = try DateArgument.require(to, "TO")
        }

        func run() async throws { try exit(with: execute(console: .standard)) }

        func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
            -> ExitStatus
        {
            Workdays.run(console: console, options: options, environment: environment) { calendar in
                let a = try DateArgument.require(from, "FROM")
                let b = try DateArgument.require(to, "TO")
                guard let n = calendar.count(from: a, to: b) else {
                    throw CommandFailure(.inputRefused, "\(a.iso)..\(b.iso) is outside 2000–2100")
                }
                return String(n)
            }
        }
    }

    struct Next: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "DATE when it is a working day, else the next working day (the Civil Code's roll-over of a deadline)."
        )

        @Argument(help: "YYYY-MM-DD or DD/MM/YYYY.") var date: String
        @OptionGroup var options: HolidayOptions

        func validate() throws { _ = try DateArgument.require(date, "DATE") }

        func run() async throws { try exit(with: execute(console: .standard)) }

        func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
            -> ExitStatus
        {
            Workdays.run(console: console, options: options, environment: environment) { calendar in
                let d = try DateArgument.require(date, "DATE")
                guard let next = calendar.rollingOver(d) else {
                    throw CommandFailure(.inputRefused, "no working day after \(d.iso) before 2101")
                }
                return DateArgument.show(next)
            }
        }
    }

    /// The `n`-th working day before `date` (n ≥ 1).
    static func back(from date: CalendarDate, count n: Int, calendar: WorkingDays) -> CalendarDate? {
        // adding(0, to:) is the working day at or before `date`; step back from the day before.
        calendar.adding(1 - n, to: date.adding(days: -1))
    }

    /// Builds the calendar, runs `body`, prints its line; every failure is one sentence and a status.
    static func run(
        console: Console, options: HolidayOptions, environment: [String: String],
        _ body: (WorkingDays) throws -> String
    ) -> ExitStatus {
        CommandFailure.reporting(console) {
            let calendar = try options.calendar(environment: environment).workingDays(
                years: VietnameseHolidays.years)
            return Data((try body(calendar) + "\n").utf8)
        }
    }
}

// MARK: - dondoc due

/// `dondoc due "TEXT" --issued DATE [--event DATE]`: the deadline a text states and its effective
/// date on the working calendar.
struct DueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "Read the deadline in a task's text and resolve it to its effective date.",
        discussion: """
            TEXT is read as a task of a notice issued on --issued ("hoàn tất trước 15/8", "trong \
            tháng 10/2022", "không quá 07 ngày làm việc kể từ khi nhận được hồ sơ hợp lệ", "trước \
            ngày 20 hằng tháng"). A span after an event counts from --event (or from the notice's \
            date when the event is the notice itself); a recurrence gives its next occurrences \
            from --as-of (default: the notice's date). A deadline on a day off moves to the next \
            working day unless --no-roll-over.
            """)

    @Argument(help: "The task's text, or just its deadline.") var text: String
    @Option(help: ArgumentHelp("The notice's date: YYYY-MM-DD or DD/MM/YYYY.", valueName: "date")) var issued:
        String
    @Option(help: ArgumentHelp("The day of the event a span counts from.", valueName: "date")) var event:
        String?
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("For a recurrence: the day to look from.", valueName: "date")) var asOf: String?
    @Flag(
        name: .customLong("no-roll-over"),
        help: "Keep a deadline that falls on a day off (the organisation does not apply Điều 148).")
    var noRollOver = false
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var options: HolidayOptions

    func validate() throws {
        _ = try DateArgument.require(issued, "--issued")
        if let event { _ = try DateArgument.require(event, "--event") }
        if let asOf { _ = try DateArgument.require(asOf, "--as-of") }
        guard text.utf8.count <= 100_000 else {
            throw ValidationError("TEXT is longer than 100000 bytes: pass the task, not a notice.")
        }
    }

    func run() async throws { try exit(with: execute(console: .standard)) }

    struct Output: Encodable {
        struct Effective: Encodable {
            let date: String?
            let nominal: String?
            let source: String
            let open: String?
            let rule: String
        }
        let due: Due?
        let milestones: [Due]
        let effective: Effective
        let nextOccurrences: [String]
        enum CodingKeys: String, CodingKey {
            case due, milestones, effective
            case nextOccurrences = "next_occurrences"
        }
    }

    func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ExitStatus
    {
        CommandFailure.reporting(console) {
            let issuedDate = try DateArgument.require(issued, "--issued")
            let eventDate = try event.map { try DateArgument.require($0, "--event") }
            let from = try asOf.map { try DateArgument.require($0, "--as-of") } ?? issuedDate
            let calendar = try options.calendar(environment: environment).workingDays(
                years: VietnameseHolidays.years)
            let resolver = DeadlineResolver(calendar: calendar, rollOver: !noRollOver)
            let (due, milestones) = NoticeParser.deadline(in: text, issued: issuedDate)
            let effective = resolver.resolve(due, issued: issuedDate, event: eventDate, asOf: from)
            var next: [CalendarDate] = []
            if let due, case .recurring = due.rule {
                next = Array(resolver.occurrences(of: due, in: from...from.adding(days: 400)).prefix(3))
            }
            let output = Output(
                due: due, milestones: milestones,
                effective: .init(
                    date: effective.date?.iso, nominal: effective.nominal?.iso,
                    source: effective.source.rawValue,
                    open: effective.open.map(Self.describe), rule: effective.rule),
                nextOccurrences: next.map(\.iso))
            if json { return try OrderedJSONEncoder().encodeLine(output) }
            var out = ""
            if let due {
                let compact = String(
                    decoding: try OrderedJSONEncoder(compact: true).encode(due), as: UTF8.self)
                out += "Deadline (\(due.kind)): \"\(due.text)\"\n  \(compact)\n"
                for m in milestones { out += "  milestone (\(m.kind)): \"\(m.text)\"\n" }
            } else {
                out +=
                    "No deadline in the text: a task without one falls back to the notice's report_due, then its period's end.\n"
            }
            if let date = effective.date {
                out += "Effective date: \(DateArgument.show(date)): \(effective.rule)\n"
            } else {
                out += "No effective date: \(effective.rule)\n"
            }
            if !next.isEmpty {
                out += "Next occurrences: " + next.map(DateArgument.show).joined(separator: ", ") + "\n"
            }
            return Data(out.utf8)
        }
    }

    static func describe(_ open: EffectiveDeadline.Open) -> String {
        switch open {
        case .continuing: "continuing"
        case .from(let d): "from \(d.iso)"
        case .awaitingEvent: "awaiting the event"
        case .none: "none"
        case .outsideCalendar: "outside the calendar"
        }
    }
}
