import Foundation
import Testing

@testable import Deadlines

/// The days off against the reference table `Fixtures/vn-holidays-2000-2060.csv` (PyPI `holidays`
/// 0.108): every day of 2000–2026 exactly, names included; the forecast years for what the rules
/// fix; and the data file an administrator edits.
@Suite struct VietnameseHolidaysTests {
    struct Row: Hashable {
        let date: CalendarDate
        let name: String
    }

    /// The table's rows (`date,name_en,name_vi`), Vietnamese names.
    static let reference: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/vn-holidays-2000-2060.csv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            // The English name may hold a comma-free "/" but never a comma; the Vietnamese is last.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 3, let d = CalendarDate(iso: String(fields[0])) else { return nil }
            return Row(date: d, name: String(fields[fields.count - 1]))
        }
    }()

    static func rows(_ years: ClosedRange<Int>) -> [Row] { reference.filter { years.contains($0.date.year) } }

    /// The make-up Saturdays, which the table gives only inside the names of the days off
    /// ("Ngày nghỉ (thay cho ngày 26/04/2025)").
    static func workedSaturdays(_ years: ClosedRange<Int>) -> Set<CalendarDate> {
        var out = Set<CalendarDate>()
        for row in rows(years) {
            guard let r = row.name.range(of: "thay cho ngày ") else { continue }
            let p = row.name[r.upperBound...].prefix(10).split(separator: "/")
            if p.count == 3, let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]),
                let date = CalendarDate(year: y, month: m, day: d)
            {
                out.insert(date)
            }
        }
        return out
    }

    static let decided = 2000...2026

    /// Every row of 2000–2026, in order, with its name. One kind of name differs on purpose: the
    /// table calls the day before Giao thừa "29 Tết" even when the last lunar month has 29 days;
    /// we name it by its lunar day (27/1/2025 was 28 tháng Chạp: "28 Tết"), checked here.
    @Test func everyHolidayOf2000To2026IsTheReferenceRowWithItsName() {
        let expected = Self.rows(Self.decided)
        let ours = Self.decided.flatMap { VietnameseHolidays.standard.holidays(in: $0) }.map { Row(date: $0.date, name: $0.name) }

        #expect(expected.count == 343)
        #expect(ours.map(\.date) == expected.map(\.date))
        var renamed: [String] = []
        for (a, b) in zip(ours, expected) where a != b {
            if a.name == "28 Tết", b.name == "29 Tết", LunarCalendar.lunarDate(of: a.date).day == 28 {
                renamed.append(a.date.iso)
            } else {
                Issue.record("\(a.date.iso): ours \(a.name), table \(b.name)")
            }
        }
        #expect(renamed == ["2025-01-27"])
    }

    @Test func everyDayOf2000To2026IsOffExactlyWhenTheReferenceSaysSo() throws {
        let table = Set(Self.rows(Self.decided).map(\.date))
        let worked = Self.workedSaturdays(Self.decided)
        let calendar = VietnameseHolidays.standard.workingDays(years: Self.decided)
        var day = try #require(CalendarDate(iso: "2000-01-01"))
        let last = try #require(CalendarDate(iso: "2026-12-31"))
        var checked = 0
        var off = 0
        while day <= last {
            let expectedOff = table.contains(day) || (day.weekday >= 6 && !worked.contains(day))
            #expect(calendar.isWorkingDay(day) == !expectedOff, "\(day.iso) weekday \(day.weekday)")
            #expect(VietnameseHolidays.standard.isDayOff(day) == expectedOff, "\(day.iso)")
            checked += 1
            if expectedOff { off += 1 }
            day = day.adding(days: 1)
        }
        #expect(checked == 9_862)
        // 27 years × 365.25 days less the working days: a sanity figure on the oracle itself.
        #expect(off > 27 * 104)
    }

    @Test func swappedSaturdaysAreWorkingDays() throws {
        let expected = Self.workedSaturdays(Self.decided)
        let ours = Set(Self.decided.flatMap { VietnameseHolidays.standard.workedWeekendDays(in: $0) }.map(\.date))
        let calendar = VietnameseHolidays.standard.workingDays(years: Self.decided)

        #expect(expected.count == 13)
        #expect(ours == expected)
        for saturday in expected {
            #expect(saturday.weekday == 6)
            #expect(calendar.isWorkingDay(saturday) == true, "\(saturday.iso)")
        }
        // 2026: Saturday 22/8 worked for Monday 31/8, which joins 1/9–2/9.
        let worked = try #require(VietnameseHolidays.standard.workedWeekendDays(in: 2026).first)
        #expect(worked.date.iso == "2026-08-22")
        #expect(worked.name == "Làm bù cho ngày 31/08/2026")
        // A swap across New Year: 27/12/2014 worked for 2/1/2015.
        #expect(VietnameseHolidays.standard.workedWeekendDays(in: 2014).map(\.date.iso) == ["2014-04-26", "2014-09-06", "2014-12-27"])
    }

    /// After 2026 the table is the library's forecast, not a decision, and so are ours: every day
    /// of 2027–2060 must still be off on both sides or on neither, and what the law fixes (1/1,
    /// Giỗ Tổ, 30/4, 1/5, 2/9, 24/11 and their substitute days) must carry the same names. (The
    /// table also lists some Saturdays inside the Tết block, and calls the day before Giao thừa
    /// "29 Tết" where the lunar month has 29 days; we name it by its lunar day, "28 Tết".)
    @Test func forecastYearsAgreeOnEveryDayOff() throws {
        let forecast = 2027...2060
        let table = Set(Self.rows(forecast).map(\.date))
        let calendar = VietnameseHolidays.standard.workingDays(years: forecast)
        var day = try #require(CalendarDate(iso: "2027-01-01"))
        var checked = 0
        while day.year <= forecast.upperBound {
            #expect(calendar.isWorkingDay(day) == !(table.contains(day) || day.weekday >= 6), "\(day.iso)")
            checked += 1
            day = day.adding(days: 1)
        }
        #expect(checked == 12_419)  // 34 years, 9 of them leap

        let tetNames = ["Tết", "Giao thừa", "Mùng"]
        func fixedByLaw(_ r: Row) -> Bool {
            !tetNames.contains { r.name.contains($0) } && !(r.name == "Quốc khánh" && r.date.day != 2)
        }
        let expected = Self.rows(forecast).filter(fixedByLaw)
        let ours = forecast.flatMap { VietnameseHolidays.standard.holidays(in: $0) }.map { Row(date: $0.date, name: $0.name) }
            .filter(fixedByLaw)
        #expect(expected.count > 34 * 6)
        #expect(ours.count == expected.count)
        for (a, b) in zip(ours, expected) where a != b { Issue.record("ours \(a), table \(b)") }
        #expect(forecast.allSatisfy { !VietnameseHolidays.standard.isDecided($0) })
    }

    @Test func theBundledDecisionsCover2010To2026() {
        let h = VietnameseHolidays.standard
        #expect((2010...2026).allSatisfy(h.isDecided))
        #expect(!h.isDecided(2009))
        #expect(!h.isDecided(2027))
        #expect(h.decisions.annual.map(\.name) == ["Ngày Văn hóa Việt Nam"])
    }

    @Test func aHolidayOnAWeekendGivesTheNextFreeWorkingDay() {
        // 2023: Giỗ Tổ on Saturday 29/4 and 30/4 on Sunday; 1/5 is Monday, so 2/5 and 3/5 are off.
        let days = VietnameseHolidays.standard.holidays(in: 2023).filter { $0.date.month == 4 || $0.date.month == 5 }
        #expect(days.map(\.description) == [
            "2023-04-29 Ngày Giỗ Tổ Hùng Vương", "2023-04-30 Ngày Chiến thắng", "2023-05-01 Ngày Quốc tế Lao động",
            "2023-05-02 Ngày Giỗ Tổ Hùng Vương (nghỉ bù)", "2023-05-03 Ngày Chiến thắng (nghỉ bù)",
        ])
        #expect(days.map(\.kind) == [.holiday, .holiday, .holiday, .substitute, .substitute])
    }

    // MARK: The data file

    static func decisions(_ json: String) throws -> HolidayDecisions { try HolidayDecisions(json: Data(json.utf8)) }

    @Test func anAdministratorAddsANewYearWithoutARelease() throws {
        // 2027 as a decision might read: Tết from 29 Tết (4/2) for 5 days plus a Saturday swapped.
        let file = try Self.decisions(
            """
            { "format": "dondoc.holidays/1",
              "years": [{ "year": 2027, "tet": { "from": "2027-02-03", "to": "2027-02-11" },
                          "nationalDay": "2027-09-03",
                          "swaps": [{ "off": "2027-02-03", "work": "2027-02-20" }],
                          "extra": [{ "date": "2027-06-01", "name": "Ngày nghỉ đặc biệt" }] }] }
            """)
        let h = VietnameseHolidays(decisions: HolidayDecisions.bundled.overridden(by: file))
        let calendar = h.workingDays(years: 2027...2027)

        #expect(h.isDecided(2027))
        #expect(h.isDecided(2026))
        #expect(calendar.isWorkingDay(try #require(CalendarDate(iso: "2027-02-20"))) == true)
        #expect(calendar.isWorkingDay(try #require(CalendarDate(iso: "2027-02-11"))) == false)
        #expect(calendar.isWorkingDay(try #require(CalendarDate(iso: "2027-06-01"))) == false)
        #expect(VietnameseHolidays.standard.workingDays(years: 2027...2027).isWorkingDay(try #require(CalendarDate(iso: "2027-02-11"))) == true)
        // The swap day is already inside the Tết block: listed once, as Tết.
        #expect(h.holidays(in: 2027).filter { $0.date.iso == "2027-02-03" }.count == 1)
        // The bundled annual day stays.
        #expect(h.holidays(in: 2027).contains { $0.date.iso == "2027-11-24" })
    }

    @Test(arguments: [
        ("{", "not JSON"),
        (#"{"format": "dondoc.holidays/2"}"#, "expected \"dondoc.holidays/1\""),
        (#"{"format": "dondoc.holidays/1", "yeras": []}"#, "unknown key \"yeras\""),
        (#"{"format": "dondoc.holidays/1", "years": [{"year": 2027, "swap": []}]}"#, "unknown key \"swap\""),
        (#"{"format": "dondoc.holidays/1", "years": [{"year": 2027, "nationalDay": "2027-9-3"}]}"#, "not a YYYY-MM-DD date"),
        (#"{"format": "dondoc.holidays/1", "years": [{"year": 2027, "nationalDay": "2027-09-05"}]}"#, "neither 1/9 nor 3/9"),
        (#"{"format": "dondoc.holidays/1", "years": [{"year": 2027, "swaps": [{"off": "2027-05-03", "work": "2027-05-10"}]}]}"#, "not a Saturday or Sunday"),
        (#"{"format": "dondoc.holidays/1", "years": [{"year": 2027, "swaps": [{"off": "2027-05-08", "work": "2027-05-15"}]}]}"#, "weekend day already"),
        (#"{"format": "dondoc.holidays/1", "years": [{"year": 2027, "tet": {"from": "2027-02-04", "days": 5, "to": "2027-02-10"}}]}"#, "exactly one of"),
        (#"{"format": "dondoc.holidays/1", "years": [{"year": 2027, "tet": {"from": "2027-03-04", "days": 5}}]}"#, "not near Tết"),
        (#"{"format": "dondoc.holidays/1", "years": [{"year": 2027}, {"year": 2027}]}"#, "listed twice"),
        (#"{"format": "dondoc.holidays/1", "years": [{"year": 1999}]}"#, "outside 2000–2100"),
        (#"{"format": "dondoc.holidays/1", "annual": [{"name": "X", "month": 2, "day": 30}]}"#, "not a day of the year"),
        (#"{"format": "dondoc.holidays/1", "years": [{"tet": {"from": "2027-02-04", "days": 5}}]}"#, "missing \"year\""),
    ])
    func aBrokenFileIsRefusedWithItsReason(json: String, reason: String) {
        do {
            _ = try Self.decisions(json)
            Issue.record("accepted: \(json)")
        } catch let error as HolidayDataError {
            #expect(error.message.hasPrefix("holiday data: "))
            #expect(error.message.contains(reason), "\(error.message)")
        } catch {
            Issue.record("not a HolidayDataError: \(error)")
        }
    }

    @Test func aFileThatCannotBeReadSaysWhich() {
        #expect(throws: HolidayDataError.self) { try HolidayDecisions(contentsOfFile: "/nonexistent/holidays.json") }
        do {
            _ = try HolidayDecisions(contentsOfFile: "/nonexistent/holidays.json")
        } catch {
            #expect("\(error)".contains("/nonexistent/holidays.json"))
        }
    }
}
