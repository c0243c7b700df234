import Testing

@testable import Deadlines

/// Working-day arithmetic: the table answers agree with counting day by day.
@Suite struct WorkingDaysTests {
    /// Weekends and a few holidays off, a Saturday worked: enough to make every rule matter.
    static let offDays: Set<String> = ["2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-30", "2025-05-01", "2025-05-02"]
    static let workedSaturdays: Set<String> = ["2025-04-26"]
    static func isDayOff(_ d: CalendarDate) -> Bool {
        if workedSaturdays.contains(d.iso) { return false }
        return d.weekday >= 6 || offDays.contains(d.iso)
    }
    static let calendar = WorkingDays(years: 2024...2026, isDayOff: isDayOff)

    @Test func sevenWorkingDaysFromAnEventSkipTheEventDayWeekendsAndHolidays() throws {
        let c = Self.calendar
        let friday = try #require(CalendarDate(iso: "2025-01-03"))
        #expect(c.adding(7, to: friday)?.iso == "2025-01-14")
        // Tết 27–31/1/2025: five days off inside the count.
        let beforeTet = try #require(CalendarDate(iso: "2025-01-24"))
        #expect(c.adding(1, to: beforeTet)?.iso == "2025-02-03")
        // The swapped Saturday is a working day; 30/4–2/5 are off.
        let saturday = try #require(CalendarDate(iso: "2025-04-26"))
        #expect(c.isWorkingDay(saturday) == true)
        #expect(c.adding(1, to: try #require(CalendarDate(iso: "2025-04-25")))?.iso == "2025-04-26")
        #expect(c.adding(3, to: saturday)?.iso == "2025-05-05")  // 28/4, 29/4, then 5/5
        #expect(c.rollingOver(try #require(CalendarDate(iso: "2025-05-01")))?.iso == "2025-05-05")
        #expect(c.rollingOver(try #require(CalendarDate(iso: "2025-05-05")))?.iso == "2025-05-05")
        #expect(c.count(from: try #require(CalendarDate(iso: "2025-01-24")), to: try #require(CalendarDate(iso: "2025-02-03"))) == 1)
    }

    @Test func tableAnswersAgreeWithCountingDayByDay() throws {
        let c = Self.calendar
        var state: UInt64 = 11
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let start = try #require(CalendarDate(iso: "2024-03-01"))
        for _ in 0..<3_000 {
            let a = start.adding(days: next(600))
            let b = a.adding(days: next(120))
            // count: working days in (a, b]
            var expected = 0
            var d = a
            while d < b {
                d = d.adding(days: 1)
                if !Self.isDayOff(d) { expected += 1 }
            }
            #expect(c.count(from: a, to: b) == expected)
            #expect(c.count(from: b, to: a) == -expected)
            // adding: step day by day
            let n = 1 + next(40)
            var e = a
            var left = n
            while left > 0 {
                e = e.adding(days: 1)
                if !Self.isDayOff(e) { left -= 1 }
            }
            #expect(c.adding(n, to: a) == e)
            #expect(c.isWorkingDay(a) == !Self.isDayOff(a))
        }
    }

    @Test func outsideTheRangeThereIsNoAnswer() throws {
        let c = Self.calendar
        #expect(c.isWorkingDay(try #require(CalendarDate(iso: "2023-12-31"))) == nil)
        #expect(c.adding(5, to: try #require(CalendarDate(iso: "2026-12-30"))) == nil)
        #expect(c.count(from: try #require(CalendarDate(iso: "2024-01-01")), to: try #require(CalendarDate(iso: "2027-01-01"))) == nil)
        #expect(WorkingDays.weekendsOnly(years: 2025...2025).workingDays(inYear: 2025) == 261)
        #expect(c.workingDays(inYear: 2025) == 261 - 9 + 1)
    }
}
