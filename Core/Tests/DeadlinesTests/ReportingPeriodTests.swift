import Testing

@testable import Deadlines

/// Reporting periods of Nghị định 09/2019/NĐ-CP: names to date ranges, dates to their reports.
@Suite struct ReportingPeriodTests {
    @Test(arguments: [
        ("tháng 10/2022", "2022-09-15", "2022-10-14"),
        ("Tháng 1 năm 2025", "2024-12-15", "2025-01-14"),
        ("báo cáo tháng 3/2024", "2024-02-15", "2024-03-14"),
        ("2022-10", "2022-09-15", "2022-10-14"),
        ("quý I/2025", "2024-12-15", "2025-03-14"),
        ("Quý III năm 2022", "2022-06-15", "2022-09-14"),
        ("quý 4/2023", "2023-09-15", "2023-12-14"),
        ("2022-Q2", "2022-03-15", "2022-06-14"),
        ("6 tháng đầu năm 2024", "2023-12-15", "2024-06-14"),
        ("Sáu tháng đầu năm 2024", "2023-12-15", "2024-06-14"),
        ("2024-H1", "2023-12-15", "2024-06-14"),
        ("năm 2024", "2023-12-15", "2024-12-14"),
        ("2024", "2023-12-15", "2024-12-14"),
    ])
    func namesGiveTheRangesTheDecreeSets(name: String, start: String, end: String) throws {
        let period = try #require(ReportingPeriod(name: name))
        let range = try #require(period.range)

        #expect(range.lowerBound.iso == start)
        #expect(range.upperBound.iso == end)
        #expect(ReportingPeriod(name: period.description) == period)
    }

    @Test(arguments: ["", "tháng 13/2022", "quý V/2022", "quý 0 năm 2022", "9 tháng đầu năm 2022", "2022-13", "22-10", "tháng 10", "kế hoạch 2022"])
    func otherNamesAreRefused(name: String) {
        #expect(ReportingPeriod(name: name) == nil)
    }

    @Test func everyDayBelongsToExactlyOneMonthAndOneQuarterReport() throws {
        let first = try #require(CalendarDate(iso: "2023-12-15"))
        for n in 0..<(366 + 365) {
            let day = first.adding(days: n)
            let reports = ReportingPeriod.reports(containing: day)
            for report in reports { #expect(try #require(report.range).contains(day), "\(day) \(report)") }
            #expect(reports.count == (reports.contains { if case .halfYear = $0 { true } else { false } } ? 4 : 3))
            // The neighbouring months do not contain it.
            if case .month(let y, let m) = reports[0] {
                let before = m == 1 ? ReportingPeriod.month(year: y - 1, month: 12) : .month(year: y, month: m - 1)
                #expect(try #require(before.range).contains(day) == false)
            }
        }
        #expect(ReportingPeriod.reports(containing: try #require(CalendarDate(iso: "2024-12-20")))
            == [.month(year: 2025, month: 1), .quarter(year: 2025, quarter: 1), .halfYear(year: 2025), .year(2025)])
        #expect(ReportingPeriod.reports(containing: try #require(CalendarDate(iso: "2024-10-15")))
            == [.month(year: 2024, month: 11), .quarter(year: 2024, quarter: 4), .year(2024)])
    }
}
