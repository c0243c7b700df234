import Foundation
import Testing

@testable import Deadlines

/// The Vietnamese lunar calendar against the reference table of Tết and Giỗ Tổ for 1900–2100,
/// by round trips through whole years, and against the Chinese (UTC+8) calendar where they part.
@Suite struct LunarCalendarTests {
    /// One row of `Fixtures/vn-lunar-new-year-1900-2100.csv`: a year and its Tết and Giỗ Tổ.
    struct ReferenceYear {
        let year: Int
        let tet: CalendarDate
        let gioTo: CalendarDate
    }

    /// The rows of the reference table, read from the fixture beside this file, taking Tết and
    /// Giỗ Tổ from the columns `tet\(suffix)` and `gio_to\(suffix)`.
    static func referenceYears(columnSuffix suffix: String = "") throws -> [ReferenceYear] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/vn-lunar-new-year-1900-2100.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        let yearColumn = try #require(header.firstIndex(of: "year"))
        let tetColumn = try #require(header.firstIndex(of: "tet" + suffix))
        let gioToColumn = try #require(header.firstIndex(of: "gio_to" + suffix))
        return try lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return ReferenceYear(
                year: try #require(Int(fields[yearColumn])),
                tet: try #require(CalendarDate(iso: fields[tetColumn])),
                gioTo: try #require(CalendarDate(iso: fields[gioToColumn])))
        }
    }

    /// The oracle columns `tet` and `gio_to` (UTC+7), all 201 years: 402 dates.
    @Test func everyReferenceYearHasTheSameTetAndGioTo() throws {
        let rows = try Self.referenceYears()
        var checked = 0

        for row in rows {
            #expect(LunarCalendar.tet(year: row.year) == row.tet, "Tết \(row.year)")
            #expect(LunarCalendar.gioTo(year: row.year) == row.gioTo, "Giỗ Tổ \(row.year)")
            checked += 2
        }

        #expect(rows.map(\.year) == Array(1900...2100))
        #expect(checked == 402)
    }

    /// The same algorithm at UTC+8 gives the table's `*_vnlunar_utc8` columns for every year.
    @Test func everyReferenceYearAtUTCPlusEightMatchesTheUTCPlusEightColumns() throws {
        let rows = try Self.referenceYears(columnSuffix: "_vnlunar_utc8")
        var checked = 0

        for row in rows {
            #expect(LunarCalendar.tet(year: row.year, utcOffsetHours: 8) == row.tet, "Tết \(row.year)")
            #expect(LunarCalendar.gioTo(year: row.year, utcOffsetHours: 8) == row.gioTo, "Giỗ Tổ \(row.year)")
            checked += 2
        }

        #expect(checked == 402)
    }

    /// `tet` and `gioTo` are lunar 1/1 and 10/3 as `lunarDate(of:)` reads them back.
    @Test func tetAndGioToAreLunarDatesOneAndTenOfTheRightMonths() {
        let tet = LunarCalendar.tet(year: 2026)
        let gioTo = LunarCalendar.gioTo(year: 2026)

        #expect(tet.iso == "2026-02-17")
        #expect(LunarCalendar.lunarDate(of: tet) == LunarDate(year: 2026, month: 1, day: 1))
        #expect(LunarCalendar.lunarDate(of: gioTo) == LunarDate(year: 2026, month: 3, day: 10))
        #expect(LunarCalendar.lunarDate(of: tet.adding(days: -1)).year == 2025)
    }

    /// Every day of each year converts to a lunar date and back; consecutive days are consecutive
    /// lunar days; the year has exactly the expected leap month.
    @Test(arguments: [
        (1985, 2), (2020, 4), (2023, 2), (2025, 6), (2026, nil), (2033, 11), (2100, nil),
    ] as [(Int, Int?)])
    func everyDayOfTheYearRoundTrips(year: Int, leapMonth: Int?) throws {
        let first = try #require(CalendarDate(year: year, month: 1, day: 1))
        let last = try #require(CalendarDate(year: year, month: 12, day: 31))
        var leapMonthsSeen: Set<Int> = []
        var previous = LunarCalendar.lunarDate(of: first.adding(days: -1))

        for dayNumber in first.dayNumber...last.dayNumber {
            let date = CalendarDate(dayNumber: dayNumber)
            let lunar = LunarCalendar.lunarDate(of: date)

            #expect(LunarCalendar.gregorian(lunar) == date, "\(date) → \(lunar)")
            #expect(lunar.day == previous.day + 1 || (lunar.day == 1 && previous.day >= 29), "\(date)")
            if lunar.isLeapMonth, lunar.year == year { leapMonthsSeen.insert(lunar.month) }
            previous = lunar
        }

        #expect(leapMonthsSeen == Set([leapMonth].compactMap { $0 }))
    }

    /// A leap month begins after the ordinary month of its number and before the next one.
    @Test func leapMonthsAreNumberedAfterTheMonthTheyRepeat() throws {
        let leapFirst = try #require(LunarCalendar.gregorian(LunarDate(year: 2025, month: 6, day: 1, isLeapMonth: true)))
        let ordinaryFirst = try #require(LunarCalendar.gregorian(LunarDate(year: 2025, month: 6, day: 1)))
        let seventhFirst = try #require(LunarCalendar.gregorian(LunarDate(year: 2025, month: 7, day: 1)))

        #expect(leapFirst.iso == "2025-07-25")
        #expect(ordinaryFirst < leapFirst && leapFirst < seventhFirst)
        #expect(LunarCalendar.gregorian(LunarDate(year: 2020, month: 4, day: 1, isLeapMonth: true))?.iso == "2020-05-23")
        #expect(LunarCalendar.gregorian(LunarDate(year: 2023, month: 2, day: 1, isLeapMonth: true))?.iso == "2023-03-22")
    }

    /// A leap month the year lacks, a day past the month's end, a month or day out of range.
    @Test(arguments: [
        LunarDate(year: 2025, month: 5, day: 1, isLeapMonth: true),  // 2025 leaps month 6, not 5
        LunarDate(year: 2026, month: 1, day: 1, isLeapMonth: true),  // 2026 has no leap month
        LunarDate(year: 2025, month: 2, day: 30),  // Ất Tỵ month 2 has 29 days
        LunarDate(year: 2025, month: 13, day: 1),
        LunarDate(year: 2025, month: 0, day: 1),
        LunarDate(year: 2025, month: 3, day: 0),
        LunarDate(year: 2025, month: 3, day: 31),
    ])
    func lunarDatesThatDoNotExistHaveNoGregorianDay(lunar: LunarDate) {
        #expect(LunarCalendar.gregorian(lunar) == nil)
    }

    /// Day 30 exists in a 30-day month and is followed by day 1 of the next.
    @Test func monthsHaveTwentyNineOrThirtyDays() throws {
        let thirtieth = try #require(LunarCalendar.gregorian(LunarDate(year: 2025, month: 1, day: 30)))

        #expect(thirtieth.iso == "2025-02-27")
        #expect(LunarCalendar.lunarDate(of: thirtieth.adding(days: 1)) == LunarDate(year: 2025, month: 2, day: 1))
        #expect(LunarCalendar.gregorian(LunarDate(year: 2025, month: 2, day: 29))?.iso == "2025-03-28")
    }

    /// UTC+7 and UTC+8 put a new moon near midnight on different days (reference README).
    @Test(arguments: [
        (2007, "2007-02-17", "2007-02-18"),
        (2030, "2030-02-02", "2030-02-03"),
        (2053, "2053-02-18", "2053-02-19"),
        (1985, "1985-01-21", "1985-02-20"),
    ])
    func tetDiffersFromTheChineseCalendar(year: Int, vietnamese: String, chinese: String) {
        #expect(LunarCalendar.tet(year: year).iso == vietnamese)
        #expect(LunarCalendar.tet(year: year, utcOffsetHours: 8).iso == chinese)
    }

    /// The reference README's Giỗ Tổ years whose UTC+8 date differs.
    @Test func giỗTổDiffersFromTheChineseCalendarInTheYearsTheReferenceNames() {
        for year in [2009, 2037, 2038] {
            #expect(LunarCalendar.gioTo(year: year) != LunarCalendar.gioTo(year: year, utcOffsetHours: 8), "\(year)")
        }
    }
}
