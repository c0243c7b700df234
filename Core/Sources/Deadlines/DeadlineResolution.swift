/// A task's deadline on the working calendar: the day it is due, or why it has none, and which
/// rule gave it.
public struct EffectiveDeadline: Sendable, Hashable, CustomStringConvertible {
    /// What the deadline was taken from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The task's own `due`.
        case due
        /// No `due`: the notice's general deadline for reporting back (`document.report_due`).
        case reportDue = "report_due"
        /// No `due` nor `report_due`: the last day of the notice's `period`.
        case periodEnd = "period_end"
        /// Nothing to take it from.
        case none
    }

    /// Why a deadline has no date.
    public enum Open: Sendable, Hashable {
        /// A standing duty ("thường xuyên", "liên tục").
        case continuing
        /// Carried out from a day on, without end ("Thực hiện từ năm 2021").
        case from(CalendarDate)
        /// A span after an event whose date is not known yet ("kể từ khi nhận được hồ sơ hợp lệ").
        case awaitingEvent(String)
        /// The task, the notice and its period state no deadline.
        case none
        /// The date falls outside the years the working calendar covers.
        case outsideCalendar
    }

    /// The day the task is due, after the Civil Code's roll-over when the organisation applies it.
    public let date: CalendarDate?
    /// The day before roll-over.
    public let nominal: CalendarDate?
    public let source: Source
    /// Set when `date` is nil.
    public let open: Open?
    /// How the date was reached, in English: "7 working days after 2025-04-25".
    public let rule: String

    public var description: String {
        guard let date else { return "no date (\(rule))" }
        return "\(date.iso) (\(rule))"
    }
}

/// Turns a `due` (any kind) into an effective date on the Vietnamese working calendar.
///
/// - `date` → that day; `period` → its last day.
/// - `relative` → counted from the event (the day of the event not counted, Bộ luật Dân sự 2015,
///   Điều 147): working days on the calendar; days and weeks on the civil calendar; months to the
///   same day of the last month, or that month's last day when it has no such day (Điều 148). An
///   event that is the notice itself ("kể từ ngày ký", "kể từ ngày ban hành") counts from the
///   notice's date; any other needs the event's date.
/// - `recurring` → its next occurrence on or after the reference day (`occurrences` lists them).
/// - `from`, `continuing` → no date: a standing duty.
/// - no `due` → the notice's `report_due`, else the end of its `period`, else none; `source` says
///   which.
///
/// With `rollOver` (an organisation's setting, on by default as the Civil Code has it, Điều 148.2),
/// a deadline that falls on a day off ends on the next working day.
public struct DeadlineResolver: Sendable {
    public let calendar: WorkingDays
    public let rollOver: Bool

    public init(calendar: WorkingDays, rollOver: Bool = true) {
        self.calendar = calendar
        self.rollOver = rollOver
    }

    /// The effective deadline of a task.
    ///
    /// - `issued`: the notice's date; the event for a span counted from the notice, and the
    ///   reference day for a recurrence when `asOf` is nil.
    /// - `event`: the day of the event a `relative` deadline counts from, once known.
    /// - `reportDue`, `period`: the notice's general deadline and period, for a task without `due`.
    /// - `asOf`: for a recurrence, the day from which the next occurrence is sought.
    public func resolve(
        _ due: Due?, issued: CalendarDate?, event: CalendarDate? = nil,
        reportDue: CalendarDate? = nil, period: ClosedRange<CalendarDate>? = nil, asOf: CalendarDate? = nil
    ) -> EffectiveDeadline {
        guard let due else {
            if let reportDue { return dated(reportDue, .reportDue, "the notice's report deadline") }
            if let period { return dated(period.upperBound, .periodEnd, "the end of the notice's period \(period.lowerBound.iso)..\(period.upperBound.iso)") }
            return open(.none, .none, "the task and the notice state no deadline")
        }
        switch due.rule {
        case .date(let d):
            return dated(d, .due, "the date written")
        case .period(let start, let end):
            return dated(end, .due, "the end of the period \(start.iso)..\(end.iso)")
        case .from(let start):
            return open(.from(start), .due, "a standing duty from \(start.iso)")
        case .continuing:
            return open(.continuing, .due, "a standing duty")
        case .recurring(let every, let day):
            guard let from = asOf ?? issued else {
                return open(.none, .due, "a recurrence (\(every.rawValue)) with no reference day")
            }
            let window = from...from.adding(days: 400)
            guard let next = occurrences(every: every, day: day, in: window).first else {
                return open(.outsideCalendar, .due, "a recurrence (\(every.rawValue)) beyond the calendar")
            }
            return EffectiveDeadline(
                date: next.date, nominal: next.nominal, source: .due, open: nil,
                rule: "the next occurrence (every \(every.rawValue)\(day.map { ", day \($0)" } ?? "")) on or after \(from.iso)")
        case .relative(let count, let unit, let after):
            let start: CalendarDate
            let what: String
            if let event {
                start = event
                what = "the event on \(event.iso)"
            } else if let issued, Self.countsFromTheNotice(after) {
                start = issued
                what = "the notice's date \(issued.iso)"
            } else {
                return open(.awaitingEvent(after), .due, "\(count) \(unit.rawValue)(s) after an event not yet dated: \(after)")
            }
            let end: CalendarDate?
            switch unit {
            case .workingDay: end = calendar.adding(count, to: start)
            case .day: end = start.adding(days: count)
            case .week: end = start.adding(days: 7 * count)
            case .month: end = Self.adding(months: count, to: start)
            }
            guard let end else { return open(.outsideCalendar, .due, "\(count) working days after \(start.iso) is beyond the calendar") }
            return dated(end, .due, "\(count) \(unit.rawValue)(s) after \(what)")
        }
    }

    /// The occurrences of `due` in `range`: each of a recurrence, else its effective date when it
    /// lies in the range. Dates after roll-over (a recurring day off moves to the next working day).
    public func occurrences(of due: Due, in range: ClosedRange<CalendarDate>, issued: CalendarDate? = nil) -> [CalendarDate] {
        if case .recurring(let every, let day) = due.rule {
            return occurrences(every: every, day: day, in: range).map(\.date)
        }
        guard let d = resolve(due, issued: issued).date, range.contains(d) else { return [] }
        return [d]
    }

    /// The days a recurrence falls due, in order: with `day`, that day of each month (month), of
    /// the last month of each quarter (quarter), of December (year), or that weekday, 1 = Monday
    /// (week); without it, the last day of each month, quarter or year, each Friday, or each
    /// working day. A day the month lacks becomes its last day.
    func occurrences(every: Due.Recurrence, day: Int?, in range: ClosedRange<CalendarDate>) -> [(nominal: CalendarDate, date: CalendarDate)] {
        // A nominal day shortly before the range may roll over into it; one after it cannot.
        let first = range.lowerBound.adding(days: rollOver ? -10 : 0)
        let last = range.upperBound
        var nominal: [CalendarDate] = []
        switch every {
        case .day:
            var d = range.lowerBound
            while d <= last {
                if calendar.isWorkingDay(d) != false { nominal.append(d) }
                d = d.adding(days: 1)
            }
        case .week:
            let weekday = day.flatMap { (1...7).contains($0) ? $0 : nil } ?? 5
            var d = first.adding(days: (weekday - first.weekday + 7) % 7)
            while d <= last {
                nominal.append(d)
                d = d.adding(days: 7)
            }
        case .month, .quarter, .year:
            // The months that end each step: every month; March, June, September, December; December.
            let step = every == .month ? 1 : every == .quarter ? 3 : 12
            var index = first.year * 12 + (first.month - 1)
            index += (step - 1 - index % 12 % step + step) % step
            while true {
                let y = index / 12, m = index % 12 + 1
                let full = CalendarDate.daysIn(month: m, year: y)
                guard y <= last.year, let d = CalendarDate(year: y, month: m, day: min(day ?? full, full)) else { break }
                if d > last { break }
                if d >= first { nominal.append(d) }
                index += step
            }
        }
        var out: [(nominal: CalendarDate, date: CalendarDate)] = []
        for n in nominal {
            let date = rollOver ? (calendar.rollingOver(n) ?? n) : n
            if range.contains(date), out.last?.date != date { out.append((n, date)) }
        }
        return out
    }

    /// Whether the event of a span is the notice itself: "kể từ ngày ký", "kể từ ngày ban hành",
    /// "kể từ ngày Thông báo này".
    static func countsFromTheNotice(_ after: String) -> Bool {
        let s = after.lowercased()
        return ["ngày ký", "ký ban hành", "ngày ban hành", "thông báo này", "kế hoạch này", "văn bản này", "ngày thông báo"]
            .contains { s.contains($0) }
    }

    /// `months` months after `date`: the same day, or the last day of a month that lacks it.
    static func adding(months: Int, to date: CalendarDate) -> CalendarDate? {
        let total = date.year * 12 + (date.month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return CalendarDate(year: y, month: m, day: min(date.day, CalendarDate.daysIn(month: m, year: y)))
    }

    private func dated(_ nominal: CalendarDate, _ source: EffectiveDeadline.Source, _ rule: String) -> EffectiveDeadline {
        guard rollOver else { return EffectiveDeadline(date: nominal, nominal: nominal, source: source, open: nil, rule: rule) }
        guard let rolled = calendar.rollingOver(nominal) else {
            return EffectiveDeadline(date: nil, nominal: nominal, source: source, open: .outsideCalendar, rule: rule + ", outside the calendar's years")
        }
        let note = rolled == nominal ? rule : rule + ", \(nominal.iso) is a day off: rolled over to the next working day"
        return EffectiveDeadline(date: rolled, nominal: nominal, source: source, open: nil, rule: note)
    }

    private func open(_ why: EffectiveDeadline.Open, _ source: EffectiveDeadline.Source, _ rule: String) -> EffectiveDeadline {
        EffectiveDeadline(date: nil, nominal: nil, source: source, open: why, rule: rule)
    }
}
