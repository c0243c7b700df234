import Testing

@testable import Deadlines

/// Calendar dates: the rules of the Gregorian calendar, as a table of inputs and outputs.
///
/// (Also the DeadlinesTests target's first file: SwiftPM refuses a test target without sources,
/// and git keeps no empty folder, so a fresh clone needs one to run `swift test`.)
@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("2021-08-31", true), ("2024-02-29", true), ("2023-02-29", false), ("1900-02-29", false),
        ("2000-02-29", true), ("2021-13-01", false), ("2021-8-31", false), ("31/08/2021", false),
        ("2021-08-311", false), ("2021-08-3", false), ("2021-08-3x", false), ("+021-08-31", false),
        ("0000-01-01", false), ("2021/08/31", false), ("", false), ("2021-08-31\n", false),
    ])
    func isoDatesParseOnlyWhenTheyNameARealDay(iso: String, valid: Bool) {
        let date = CalendarDate(iso: iso)

        #expect((date != nil) == valid)
        #expect(date.map(\.iso) == (valid ? iso : nil))
    }

    @Test func dayNumbersCountFromTheUnixEpochAndRoundTrip() throws {
        let epoch = try #require(CalendarDate(year: 1970, month: 1, day: 1))
        let tet = try #require(CalendarDate(year: 2026, month: 2, day: 17))

        let later = tet.adding(days: 365)

        #expect(epoch.dayNumber == 0)
        #expect(CalendarDate(dayNumber: tet.dayNumber) == tet)
        #expect(later.iso == "2027-02-17")
        #expect(tet.weekday == 2)  // 17 Feb 2026, Tết Bính Ngọ, is a Tuesday
    }
}
