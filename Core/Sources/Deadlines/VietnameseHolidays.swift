/// A day off other than the weekly rest days, with its Vietnamese name.
public struct Holiday: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A public holiday of the law (Tết Dương lịch, Giỗ Tổ, 30/4, 1/5, Quốc khánh) or an annual
        /// day of the data file.
        case holiday
        /// A day of the Tết Nguyên Đán block, including the days that replace its weekend days.
        case tet
        /// The next working day given for a holiday on a weekend (Điều 111.3), "(nghỉ bù)".
        case substitute
        /// A weekday off in exchange for a worked weekend day ("Ngày nghỉ (thay cho ngày …)").
        case swap
        /// A one-off day off the government decided.
        case extra
    }

    public let date: CalendarDate
    public let name: String
    public let kind: Kind

    public init(date: CalendarDate, name: String, kind: Kind) {
        self.date = date
        self.name = name
        self.kind = kind
    }

    public var description: String { "\(date.iso) \(name)" }
}

/// A weekend day worked so that a weekday can be off (the government's "làm bù").
public struct WorkedWeekendDay: Sendable, Hashable {
    /// The Saturday (or Sunday) worked.
    public let date: CalendarDate
    /// The weekday given off in exchange.
    public let insteadOf: CalendarDate

    /// "Làm bù cho ngày 31/08/2026".
    public var name: String { "Làm bù cho ngày \(VietnameseHolidays.dayMonthYear(insteadOf))" }
}

/// The days off of Vietnamese state agencies, year by year: the rules of the labour code in force
/// each year, with the government's decisions (`HolidayDecisions`) on top.
///
/// The rules, as the codes give them (Bộ luật Lao động 1994/2012/2019; the weekly rest days of civil
/// servants are Saturday and Sunday):
/// - Tết Dương lịch, 1/1; Ngày Chiến thắng, 30/4; Ngày Quốc tế Lao động, 1/5; Quốc khánh, 2/9, and
///   from 2021 a second day, 1/9 or 3/9;
/// - Giỗ Tổ Hùng Vương, 10/3 of the lunar calendar, from 2007;
/// - Tết Nguyên Đán: 4 days until 2012, 5 from 2013;
/// - a holiday on a Saturday or Sunday gives the next working day off ("nghỉ bù", Điều 111.3).
///
/// A year without a decision (the years before 2010 and those not yet decided) follows the rules,
/// with Tết placed as the decisions have placed it: from Giao thừa until 2012; from 2013, from
/// Giao thừa when it falls on a Sunday or Monday, else from the day before (2023: Giao thừa on a
/// Saturday, the block began on Friday, 29 Tết). The second National Day is forecast on the side
/// that joins 2/9 to a weekend (3/9 when 2/9 is a Thursday, Sunday or Monday, else 1/9). Those
/// years are forecasts: `isDecided` says which years rest on a decision.
public struct VietnameseHolidays: Sendable {
    /// The years the rules are written for (the lunar calendar is tested 1900–2100; the reference
    /// table of days off starts in 2000).
    public static let years: ClosedRange<Int> = 2000...2100

    public let decisions: HolidayDecisions
    private let byYear: [Int: HolidayDecisions.Year]
    /// Worked weekend days by the year they fall in (a swap can cross New Year: 27/12/2014 worked
    /// for 2/1/2015).
    private let worked: [Int: [WorkedWeekendDay]]

    /// The calendar with the decisions shipped with DonDoc.
    public static let standard = VietnameseHolidays()

    public init(decisions: HolidayDecisions = .bundled) {
        self.decisions = decisions
        var byYear: [Int: HolidayDecisions.Year] = [:]
        var worked: [Int: [WorkedWeekendDay]] = [:]
        for y in decisions.years {
            byYear[y.year] = y
            for s in y.swaps {
                worked[s.work.year, default: []].append(WorkedWeekendDay(date: s.work, insteadOf: s.off))
            }
        }
        self.byYear = byYear
        self.worked = worked.mapValues { $0.sorted { $0.date < $1.date } }
    }

    /// Whether the government's decision for `year` is in the data (else the year is a forecast).
    public func isDecided(_ year: Int) -> Bool { byYear[year] != nil }

    /// The weekend days worked in `year`, in date order.
    public func workedWeekendDays(in year: Int) -> [WorkedWeekendDay] { worked[year] ?? [] }

    /// Every day off of `year` besides the weekly rest days, in date order, weekend days that are
    /// holidays included (a holiday on a Sunday is listed, with its substitute day after it).
    public func holidays(in year: Int) -> [Holiday] {
        let decision = byYear[year]
        var days: [Holiday] = []
        var taken = Set<CalendarDate>()
        func add(_ date: CalendarDate, _ name: String, _ kind: Holiday.Kind) {
            guard taken.insert(date).inserted else { return }
            days.append(Holiday(date: date, name: name, kind: kind))
        }

        // Tết first: its block decides its own replacement days.
        let tet = LunarCalendar.tet(year: year)
        for date in tetBlock(year: year, tet: tet, decision: decision?.tet) {
            add(date, Self.tetName(date, tet: tet), .tet)
        }
        for swap in decision?.swaps ?? [] {
            add(swap.off, "Ngày nghỉ (thay cho ngày \(Self.dayMonthYear(swap.work)))", .swap)
        }
        for extra in decision?.extra ?? [] { add(extra.date, extra.name, .extra) }

        // The days that give a substitute when they fall on a weekend.
        var statutory: [(CalendarDate, String)] = [
            (CalendarDate(year: year, month: 1, day: 1)!, "Tết Dương lịch"),
            (CalendarDate(year: year, month: 4, day: 30)!, "Ngày Chiến thắng"),
            (CalendarDate(year: year, month: 5, day: 1)!, "Ngày Quốc tế Lao động"),
            (CalendarDate(year: year, month: 9, day: 2)!, "Quốc khánh"),
        ]
        if year >= 2007 { statutory.append((LunarCalendar.gioTo(year: year), "Ngày Giỗ Tổ Hùng Vương")) }
        if year >= 2021 {
            statutory.append((decision?.nationalDay ?? Self.forecastSecondNationalDay(year), "Quốc khánh"))
        }
        for a in decisions.annual where a.applies(in: year) {
            if let d = CalendarDate(year: year, month: a.month, day: a.day) { statutory.append((d, a.name)) }
        }
        statutory.sort { $0.0 < $1.0 }
        for (date, name) in statutory { add(date, name, .holiday) }
        for (date, name) in statutory where date.weekday >= 6 {
            var d = date.adding(days: 1)
            while d.weekday >= 6 || taken.contains(d) { d = d.adding(days: 1) }
            add(d, name + " (nghỉ bù)", .substitute)
        }
        return days.sorted { $0.date < $1.date }
    }

    /// The days of the Tết block: as decided, else by the rules of the year.
    func tetBlock(year: Int, tet: CalendarDate, decision: HolidayDecisions.Tet?) -> [CalendarDate] {
        let rule = decision ?? Self.forecastTet(year: year, tet: tet)
        switch rule.span {
        case .through(let end):
            return (0...(end.dayNumber - rule.from.dayNumber)).map { rule.from.adding(days: $0) }
        case .days(let n):
            var block = (0..<n).map { rule.from.adding(days: $0) }
            var owed = block.count { $0.weekday >= 6 }
            var d = rule.from.adding(days: n)
            while owed > 0 {
                if d.weekday <= 5 {
                    block.append(d)
                    owed -= 1
                }
                d = d.adding(days: 1)
            }
            return block
        }
    }

    /// Tết by the rules alone (see the type's documentation).
    static func forecastTet(year: Int, tet: CalendarDate) -> HolidayDecisions.Tet {
        let eve = tet.adding(days: -1)
        if year <= 2012 { return .init(from: eve, span: .days(4)) }
        let fromEve = eve.weekday == 7 || eve.weekday == 1
        return .init(from: fromEve ? eve : eve.adding(days: -1), span: .days(5))
    }

    /// The second day of Quốc khánh by the forecast rule: the side that joins 2/9 to a weekend.
    static func forecastSecondNationalDay(_ year: Int) -> CalendarDate {
        let second = CalendarDate(year: year, month: 9, day: 2)!
        return CalendarDate(year: year, month: 9, day: [1, 4, 7].contains(second.weekday) ? 3 : 1)!
    }

    /// The name of a day of the Tết block by its place around lunar New Year: "29 Tết" (by its
    /// lunar day), "Giao thừa Tết Nguyên Đán", "Tết Nguyên Đán", "Mùng hai Tết Nguyên Đán" … ("Mùng năm" for a day
    /// that replaces a weekend day of the block, as the decisions name it).
    static func tetName(_ date: CalendarDate, tet: CalendarDate) -> String {
        let k = date.dayNumber - tet.dayNumber
        switch k {
        case -1: return "Giao thừa Tết Nguyên Đán"
        case 0: return "Tết Nguyên Đán"
        case 1...9:
            let numbers = ["hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]
            return "Mùng \(numbers[k - 1]) Tết Nguyên Đán"
        case ..<(-1):
            // The days of the last lunar month before Giao thừa go by their lunar day: "29 Tết".
            return "\(LunarCalendar.lunarDate(of: date).day) Tết"
        default:
            return "Nghỉ Tết Nguyên Đán"
        }
    }

    /// "31/08/2026".
    static func dayMonthYear(_ d: CalendarDate) -> String {
        CalendarDate.pad(d.day, 2) + "/" + CalendarDate.pad(d.month, 2) + "/" + String(d.year)
    }

    /// Whether `date` is a day off: a holiday, or a Saturday or Sunday not worked by decision.
    public func isDayOff(_ date: CalendarDate) -> Bool {
        if holidays(in: date.year).contains(where: { $0.date == date }) { return true }
        return date.weekday >= 6 && !workedWeekendDays(in: date.year).contains { $0.date == date }
    }

    /// The working-day tables for `years` (clamped to `VietnameseHolidays.years`).
    public func workingDays(years: ClosedRange<Int>) -> WorkingDays {
        let years = years.clamped(to: Self.years)
        var off = Set<Int>()
        var worked = Set<Int>()
        for y in years {
            for h in holidays(in: y) { off.insert(h.date.dayNumber) }
            for w in workedWeekendDays(in: y) { worked.insert(w.date.dayNumber) }
        }
        return WorkingDays(years: years) { d in
            let n = d.dayNumber
            if off.contains(n) { return true }
            return d.weekday >= 6 && !worked.contains(n)
        }
    }
}
