/// Working-day arithmetic over a calendar of days off, in constant time per operation.
///
/// Built once for a range of years from what makes a day off: the weekly rest days (Saturday and
/// Sunday for state agencies), the public holidays with their substitutes, and the Saturdays the
/// government swaps into working days. It keeps, for every day of the range, how many working days
/// have passed since the range began, and the list of working days itself: a count between two
/// dates is a subtraction, "N working days after" is an index.
///
/// Deadlines count as Bộ luật Dân sự 2015, Điều 147–148 says: when a limit runs from an event, the
/// event's day is not counted; `rollingOver` moves a deadline that falls on a day off to the next
/// working day (an organisation's setting, see `Deadlines`).
public struct WorkingDays: Sendable {
    /// The first and last day of the range (1 January of the first year, 31 December of the last).
    public let first: CalendarDate
    public let last: CalendarDate
    /// For day `first + i`: the number of working days from `first` to it, itself included.
    private let passed: [Int32]
    /// The working days of the range, as offsets from `first`.
    private let working: [Int32]

    /// Builds the tables for `years`. `isDayOff` says whether a day is off: called once per day of
    /// the range, so it may be slow.
    public init(years: ClosedRange<Int>, isDayOff: (CalendarDate) -> Bool) {
        first = CalendarDate(year: years.lowerBound, month: 1, day: 1)!
        last = CalendarDate(year: years.upperBound, month: 12, day: 31)!
        let days = last.dayNumber - first.dayNumber + 1
        var passed = [Int32](repeating: 0, count: days)
        var working: [Int32] = []
        working.reserveCapacity(days * 3 / 4)
        var count: Int32 = 0
        for i in 0..<days {
            if !isDayOff(first.adding(days: i)) {
                count += 1
                working.append(Int32(i))
            }
            passed[i] = count
        }
        self.passed = passed
        self.working = working
    }

    /// Weekends only: every Saturday and Sunday off, nothing else (for tests and as a base).
    public static func weekendsOnly(years: ClosedRange<Int>) -> WorkingDays {
        WorkingDays(years: years) { $0.weekday == 6 || $0.weekday == 7 }
    }

    /// Whether `date` lies in the range the tables cover.
    public func covers(_ date: CalendarDate) -> Bool { date >= first && date <= last }

    @inline(__always) private func offset(_ date: CalendarDate) -> Int? {
        let i = date.dayNumber - first.dayNumber
        return i >= 0 && i < passed.count ? i : nil
    }

    /// Whether `date` is a working day; nil outside the range.
    public func isWorkingDay(_ date: CalendarDate) -> Bool? {
        guard let i = offset(date) else { return nil }
        return passed[i] != (i == 0 ? 0 : passed[i - 1])
    }

    /// The working days after `a` up to `b` included (`a`'s own day not counted, as for a
    /// limit that runs from `a`); negative when `b` is before `a`; nil outside the range.
    public func count(from a: CalendarDate, to b: CalendarDate) -> Int? {
        guard let i = offset(a), let j = offset(b) else { return nil }
        return Int(passed[j] - passed[i])
    }

    /// The `n`-th working day after `date` (`date` not counted; n ≥ 1), or, for n ≤ 0, `date`
    /// itself when it is a working day, else the working day before it, moved back `-n` more.
    /// Nil when the answer lies outside the range.
    public func adding(_ n: Int, to date: CalendarDate) -> CalendarDate? {
        guard let i = offset(date) else { return nil }
        // passed[i] working days lie at or before `date`: the n-th after it is working[passed[i] + n - 1].
        let k = Int(passed[i]) + n - 1
        guard k >= 0, k < working.count else { return nil }
        return first.adding(days: Int(working[k]))
    }

    /// The first working day after `date` (`date` not included).
    public func nextWorkingDay(after date: CalendarDate) -> CalendarDate? { adding(1, to: date) }

    /// `date` when it is a working day, else the next working day: the Civil Code's roll-over of
    /// a deadline that falls on a day off.
    public func rollingOver(_ date: CalendarDate) -> CalendarDate? {
        guard let working = isWorkingDay(date) else { return nil }
        return working ? date : nextWorkingDay(after: date)
    }

    /// The number of working days in `year`; nil outside the range.
    public func workingDays(inYear year: Int) -> Int? {
        guard let a = CalendarDate(year: year, month: 1, day: 1), let b = CalendarDate(year: year, month: 12, day: 31),
            let i = offset(a), let j = offset(b)
        else { return nil }
        return Int(passed[j] - (i == 0 ? 0 : passed[i - 1]))
    }
}
