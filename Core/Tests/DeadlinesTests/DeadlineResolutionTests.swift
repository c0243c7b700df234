import Testing

@testable import Deadlines

/// Deadlines of every kind to effective dates on the Vietnamese working calendar.
@Suite struct DeadlineResolutionTests {
    static let calendar = VietnameseHolidays.standard.workingDays(years: 2020...2030)
    static let resolver = DeadlineResolver(calendar: calendar)
    static let literal = DeadlineResolver(calendar: calendar, rollOver: false)

    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test func aDateIsDueThatDayOrTheNextWorkingDayWhenItIsOff() {
        let due = Due(.date(Self.day("2025-05-01")), text: "trước 01/5/2025")
        let rolled = Self.resolver.resolve(due, issued: Self.day("2025-04-10"))
        let kept = Self.literal.resolve(due, issued: Self.day("2025-04-10"))

        // 30/4, 1/5, 2/5 (swapped for Saturday 26/4) off; 3–4/5 a weekend.
        #expect(rolled.date?.iso == "2025-05-05")
        #expect(rolled.nominal?.iso == "2025-05-01")
        #expect(rolled.source == .due)
        #expect(rolled.rule.contains("rolled over"))
        #expect(kept.date?.iso == "2025-05-01")
    }

    @Test func aPeriodIsDueOnItsLastDay() {
        let due = Due(.period(start: Self.day("2022-10-01"), end: Self.day("2022-10-31")), text: "trong tháng 10/2022")
        #expect(Self.resolver.resolve(due, issued: Self.day("2022-09-20")).date?.iso == "2022-10-31")
        // 31/8/2025 is a Sunday; 1–2/9 are Quốc khánh: the next working day is 3/9.
        let august = Due(.period(start: Self.day("2025-08-01"), end: Self.day("2025-08-31")), text: "trong tháng 8/2025")
        #expect(Self.resolver.resolve(august, issued: Self.day("2025-07-20")).date?.iso == "2025-09-03")
    }

    @Test func sevenWorkingDaysAfterAnEventSkipTheEventDayAndTet() {
        let due = Due(.relative(count: 7, unit: .workingDay, after: "khi nhận được hồ sơ hợp lệ"), text: "không quá 07 ngày làm việc kể từ khi nhận được hồ sơ hợp lệ")
        // Received Friday 24/1/2025; Tết 27/1–1/2 (and the weekend 2/2): 3, 4, 5, 6, 7, 10, 11/2.
        let r = Self.resolver.resolve(due, issued: Self.day("2025-01-10"), event: Self.day("2025-01-24"))
        #expect(r.date?.iso == "2025-02-11")
        #expect(r.rule == "7 working-day(s) after the event on 2025-01-24")
        // Without the event's date the deadline waits for it.
        let waiting = Self.resolver.resolve(due, issued: Self.day("2025-01-10"))
        #expect(waiting.date == nil)
        #expect(waiting.open == .awaitingEvent("khi nhận được hồ sơ hợp lệ"))
    }

    @Test func aSpanFromTheNoticeItselfCountsFromItsDate() {
        let due = Due(.relative(count: 10, unit: .day, after: "ngày ký ban hành Thông báo"), text: "trong vòng 10 ngày kể từ ngày ký ban hành Thông báo")
        // 22/8/2026 + 10 days = 1/9 (Quốc khánh), 2/9 too: rolled to Thursday 3/9.
        let r = Self.resolver.resolve(due, issued: Self.day("2026-08-22"))
        #expect(r.nominal?.iso == "2026-09-01")
        #expect(r.date?.iso == "2026-09-03")
    }

    @Test(arguments: [
        ("2025-01-31", 1, "2025-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2025-03-15", 3, "2025-06-15"),
        ("2025-11-30", 3, "2026-02-28"), ("2025-12-31", 12, "2026-12-31"),
    ])
    func monthsEndOnTheSameDayOrTheMonthsLastDay(start: String, months: Int, end: String) {
        #expect(DeadlineResolver.adding(months: months, to: Self.day(start))?.iso == end)
        let due = Due(.relative(count: months, unit: .month, after: "khi có quyết định"), text: "")
        #expect(Self.literal.resolve(due, issued: nil, event: Self.day(start)).date?.iso == end)
    }

    @Test func weeksCountSevenDays() {
        let due = Due(.relative(count: 2, unit: .week, after: "khi nhận được văn bản"), text: "")
        #expect(Self.literal.resolve(due, issued: nil, event: Self.day("2025-03-03")).date?.iso == "2025-03-17")
    }

    @Test func recurrencesFallOnTheirDayOrTheEndOfEachPeriod() {
        let r = Self.literal
        let range = Self.day("2025-01-01")...Self.day("2025-12-31")
        let monthly20 = r.occurrences(of: Due(.recurring(every: .month, day: 20), text: "trước ngày 20 hằng tháng"), in: range)
        #expect(monthly20.count == 12)
        #expect(monthly20.first?.iso == "2025-01-20")
        #expect(monthly20.last?.iso == "2025-12-20")

        let quarterly = r.occurrences(of: Due(.recurring(every: .quarter, day: 15), text: ""), in: range).map(\.iso)
        #expect(quarterly == ["2025-03-15", "2025-06-15", "2025-09-15", "2025-12-15"])
        let quarterEnds = r.occurrences(of: Due(.recurring(every: .quarter, day: nil), text: ""), in: range).map(\.iso)
        #expect(quarterEnds == ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"])
        let yearly = r.occurrences(of: Due(.recurring(every: .year, day: nil), text: "hàng năm"), in: Self.day("2024-06-01")...Self.day("2026-12-31")).map(\.iso)
        #expect(yearly == ["2024-12-31", "2025-12-31", "2026-12-31"])
        let monthEnds = r.occurrences(of: Due(.recurring(every: .month, day: 31), text: ""), in: Self.day("2025-01-01")...Self.day("2025-04-30")).map(\.iso)
        #expect(monthEnds == ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"])
        let fridays = r.occurrences(of: Due(.recurring(every: .week, day: nil), text: "hàng tuần"), in: Self.day("2025-03-01")...Self.day("2025-03-31"))
        #expect(fridays.map(\.iso) == ["2025-03-07", "2025-03-14", "2025-03-21", "2025-03-28"])
        // Every working day of February 2025: 20 (Tết ended on 1/2).
        let daily = r.occurrences(of: Due(.recurring(every: .day, day: nil), text: "hằng ngày"), in: Self.day("2025-02-01")...Self.day("2025-02-28"))
        #expect(daily.count == 20)
    }

    @Test func recurrencesRollOverAndTheNextOneIsTheEffectiveDate() {
        // 20/4/2025 is a Sunday: rolled to Monday 21/4.
        let due = Due(.recurring(every: .month, day: 20), text: "trước ngày 20 hằng tháng")
        let range = Self.day("2025-04-01")...Self.day("2025-04-30")
        #expect(Self.resolver.occurrences(of: due, in: range).map(\.iso) == ["2025-04-21"])
        // A nominal day just before the range that rolls into it belongs to it: 31/8/2025 (Sunday),
        // then Quốc khánh, is due on 3/9.
        let monthEnd = Due(.recurring(every: .month, day: nil), text: "hằng tháng")
        #expect(Self.resolver.occurrences(of: monthEnd, in: Self.day("2025-09-01")...Self.day("2025-09-30")).map(\.iso) == ["2025-09-03", "2025-09-30"])
        let next = Self.resolver.resolve(due, issued: Self.day("2025-04-10"), asOf: Self.day("2025-04-22"))
        #expect(next.date?.iso == "2025-05-20")
        #expect(next.source == .due)
    }

    @Test func standingDutiesHaveNoDate() {
        let continuing = Self.resolver.resolve(Due(.continuing, text: "thường xuyên"), issued: Self.day("2025-01-02"))
        #expect(continuing.date == nil)
        #expect(continuing.open == .continuing)
        let from = Self.resolver.resolve(Due(.from(start: Self.day("2021-01-01")), text: "từ năm 2021"), issued: Self.day("2021-01-02"))
        #expect(from.open == .from(Self.day("2021-01-01")))
    }

    @Test func withoutADueTheReportDeadlineThenThePeriodEndApply() {
        let r = Self.resolver
        let august = Self.day("2021-08-01")...Self.day("2021-08-31")
        let byReport = r.resolve(nil, issued: Self.day("2021-08-10"), reportDue: Self.day("2021-08-25"), period: august)
        #expect(byReport.date?.iso == "2021-08-25")
        #expect(byReport.source == .reportDue)
        let byPeriod = r.resolve(nil, issued: Self.day("2021-08-10"), period: august)
        #expect(byPeriod.date?.iso == "2021-08-31")
        #expect(byPeriod.source == .periodEnd)
        let none = r.resolve(nil, issued: Self.day("2021-08-10"))
        #expect(none.date == nil)
        #expect(none.source == .none)
        #expect(none.open == EffectiveDeadline.Open.none)
    }

    @Test func aDateBeyondTheCalendarSaysSo() {
        let far = Self.resolver.resolve(Due(.date(Self.day("2040-01-01")), text: ""), issued: Self.day("2025-01-01"))
        #expect(far.date == nil)
        #expect(far.open == .outsideCalendar)
    }
}
