import ArgumentParser
import Foundation
import Testing

@testable import CLI

/// `dondoc calendar`, `dondoc workdays` and `dondoc due`, run as a library.
@Suite struct CalendarCommandTests {
    static let noEnvironment: [String: String] = [:]

    func text(_ console: CapturedConsole) -> String { String(decoding: console.output, as: UTF8.self) }

    @Test func calendar2026ListsEveryDayOffTheWorkedSaturdayAndTheCount() throws {
        let console = CapturedConsole()
        let status = try CalendarCommand.parse(["2026"]).execute(console: console.console, environment: Self.noEnvironment)

        #expect(status == .success)
        let out = text(console)
        #expect(out.hasPrefix("2026: 249 working days of 365 (104 Saturdays and Sundays, 13 days off on weekdays, 1 weekend day worked)\n"))
        #expect(out.contains("  2026-02-16  Thứ Hai   Giao thừa Tết Nguyên Đán\n"))
        #expect(out.contains("  2026-04-27  Thứ Hai   Ngày Giỗ Tổ Hùng Vương (nghỉ bù)\n"))
        #expect(out.contains("  2026-08-31  Thứ Hai   Ngày nghỉ (thay cho ngày 22/08/2026)\n"))
        #expect(out.contains("  2026-11-24  Thứ Ba    Ngày Văn hóa Việt Nam\n"))
        #expect(out.contains("  2026-08-22  Thứ Bảy   Làm bù cho ngày 31/08/2026\n"))
        #expect(out.components(separatedBy: "\n  2026-").count - 1 == 15)
    }

    @Test func calendarJSONAddsUp() throws {
        let console = CapturedConsole()
        let status = try CalendarCommand.parse(["2025", "--json"]).execute(console: console.console, environment: Self.noEnvironment)

        #expect(status == .success)
        let json = try #require(try JSONSerialization.jsonObject(with: console.output) as? [String: Any])
        #expect(json["year"] as? Int == 2025)
        #expect(json["decided"] as? Bool == true)
        let days = try #require(json["days_off"] as? [[String: Any]])
        let worked = try #require(json["worked_weekend_days"] as? [[String: Any]])
        #expect(worked.map { $0["date"] as? String } == ["2025-04-26"])
        #expect(worked.first?["instead_of"] as? String == "2025-05-02")
        let weekdaysOff = try #require(json["holidays_on_weekdays"] as? Int)
        #expect(json["working_days"] as? Int == 365 - 104 - weekdaysOff + worked.count)
        #expect(Set(days.compactMap { $0["date"] as? String }).count == days.count)
        #expect(days.first?["name"] as? String == "Tết Dương lịch")
    }

    @Test func aYearNotDecidedSaysItIsAForecastUntilTheAdministratorAddsIt() throws {
        let forecast = CapturedConsole()
        _ = try CalendarCommand.parse(["2027"]).execute(console: forecast.console, environment: Self.noEnvironment)
        #expect(text(forecast).contains("No government decision for 2027"))

        let directory = try TemporaryDirectory()
        let file = try directory.file(
            "2027.json",
            Data(
                """
                {"format": "dondoc.holidays/1", "years": [{"year": 2027, "tet": {"from": "2027-02-04", "days": 5},
                 "nationalDay": "2027-09-03", "swaps": [{"off": "2027-02-11", "work": "2027-02-20"}]}]}
                """.utf8))
        for (arguments, environment) in [(["2027", "--holidays", file], Self.noEnvironment), (["2027"], ["DONDOC_HOLIDAYS": file])] {
            let console = CapturedConsole()
            let status = try CalendarCommand.parse(arguments).execute(console: console.console, environment: environment)
            #expect(status == .success)
            #expect(text(console).contains("Government decisions for 2027 are in the holiday data."))
            #expect(text(console).contains("  2027-02-11  Thứ Năm   Ngày nghỉ (thay cho ngày 20/02/2027)\n"))
            #expect(text(console).contains("  2027-02-20  Thứ Bảy   Làm bù cho ngày 11/02/2027\n"))
        }
    }

    @Test func aBrokenOrMissingHolidayFileIsRefusedWithItsReason() throws {
        let directory = try TemporaryDirectory()
        let broken = try directory.file("bad.json", Data(#"{"format": "dondoc.holidays/1", "years": [{"year": 2027, "swaps": [{"off": "2027-05-03", "work": "2027-05-04"}]}]}"#.utf8))
        let console = CapturedConsole()
        let status = try CalendarCommand.parse(["2027", "--holidays", broken]).execute(console: console.console, environment: Self.noEnvironment)
        #expect(status == .inputRefused)
        #expect(console.output.isEmpty)
        #expect(console.messages == ["error: holiday data: \(broken): year 2027: swap working day 2027-05-04 is not a Saturday or Sunday"])

        let missing = CapturedConsole()
        let gone = directory.url.appending(path: "none.json").path
        #expect(try Workdays.Add.parse(["2025-01-24", "7", "--holidays", gone]).execute(console: missing.console, environment: Self.noEnvironment) == .inputMissing)
        #expect(missing.messages.first?.contains("does not exist") == true)
    }

    @Test(arguments: [
        (["add", "2025-01-24", "7"], "2025-02-11 (Thứ Ba)"),  // across Tết 2025
        (["add", "24/01/2025", "1"], "2025-02-03 (Thứ Hai)"),
        (["add", "2025-02-03", "1", "--before"], "2025-01-24 (Thứ Sáu)"),
        (["add", "2025-04-25", "1"], "2025-04-26 (Thứ Bảy)"),  // the worked Saturday
        (["between", "2025-01-01", "2025-12-31"], "250"),
        (["between", "2025-12-31", "2025-01-01"], "-250"),
        (["next", "2025-05-01"], "2025-05-05 (Thứ Hai)"),
        (["next", "2025-05-05"], "2025-05-05 (Thứ Hai)"),
    ])
    func workdays(arguments: [String], expected: String) throws {
        let console = CapturedConsole()
        let command = try Workdays.parseAsRoot(arguments)
        let status: CLI.ExitStatus
        switch command {
        case let c as Workdays.Add: status = c.execute(console: console.console, environment: Self.noEnvironment)
        case let c as Workdays.Between: status = c.execute(console: console.console, environment: Self.noEnvironment)
        case let c as Workdays.Next: status = c.execute(console: console.console, environment: Self.noEnvironment)
        default: Issue.record("not a workdays subcommand: \(command)"); return
        }
        #expect(status == .success)
        #expect(text(console) == expected + "\n")
    }

    @Test(arguments: [
        ["calendar", "1999"], ["workdays", "add", "2025-01-24", "0"], ["workdays", "add", "2025-02-30", "1"],
        ["workdays", "between", "2025-01-01", "3000-01-01"], ["due", "trước 15/8", "--issued", "15/8"], ["due", "trước 15/8"],
    ])
    func badArgumentsAreUsageErrors(arguments: [String]) {
        do {
            _ = try DonDocCommand.parseAsRoot(arguments)
            Issue.record("accepted: \(arguments)")
        } catch {
            #expect(DonDocCommand.exitCode(for: error).rawValue == CLI.ExitStatus.usage.rawValue, "\(arguments): \(error)")
            #expect(!DonDocCommand.message(for: error).isEmpty)
        }
    }

    @Test func dueResolvesASpanAfterAnEvent() throws {
        let console = CapturedConsole()
        let status = try DueCommand.parse([
            "Giải quyết hồ sơ không quá 07 ngày làm việc kể từ khi nhận được hồ sơ hợp lệ", "--issued", "2025-01-10", "--event", "2025-01-24",
        ]).execute(console: console.console, environment: Self.noEnvironment)

        #expect(status == .success)
        #expect(text(console).contains("Deadline (relative): \"không quá 07 ngày làm việc kể từ khi nhận được hồ sơ hợp lệ\""))
        #expect(text(console).contains("Effective date: 2025-02-11 (Thứ Ba): 7 working-day(s) after the event on 2025-01-24\n"))
    }

    @Test func dueJSONRecordsTheRuleAndRollOver() throws {
        let console = CapturedConsole()
        let status = try DueCommand.parse(["hoàn tất trước 15/8", "--issued", "2021-08-09", "--json"])
            .execute(console: console.console, environment: Self.noEnvironment)

        #expect(status == .success)
        let json = try #require(try JSONSerialization.jsonObject(with: console.output) as? [String: Any])
        let due = try #require(json["due"] as? [String: Any])
        #expect(due["kind"] as? String == "date")
        #expect(due["date"] as? String == "2021-08-15")
        let effective = try #require(json["effective"] as? [String: Any])
        #expect(effective["date"] as? String == "2021-08-16")  // 15/8/2021 was a Sunday
        #expect(effective["nominal"] as? String == "2021-08-15")
        #expect(effective["source"] as? String == "due")

        let literal = CapturedConsole()
        _ = try DueCommand.parse(["hoàn tất trước 15/8", "--issued", "2021-08-09", "--json", "--no-roll-over"])
            .execute(console: literal.console, environment: Self.noEnvironment)
        let kept = try #require(try JSONSerialization.jsonObject(with: literal.output) as? [String: Any])
        #expect((kept["effective"] as? [String: Any])?["date"] as? String == "2021-08-15")
    }

    @Test func dueSaysWhenThereIsNoDeadlineOrItWaitsForAnEvent() throws {
        let none = CapturedConsole()
        _ = try DueCommand.parse(["Khẩn trương triển khai thực hiện", "--issued", "2025-03-01"])
            .execute(console: none.console, environment: Self.noEnvironment)
        #expect(text(none).hasPrefix("No deadline in the text"))
        #expect(text(none).contains("No effective date"))

        let waiting = CapturedConsole()
        _ = try DueCommand.parse(["trong vòng 05 ngày làm việc kể từ khi nhận được hồ sơ", "--issued", "2025-03-01"])
            .execute(console: waiting.console, environment: Self.noEnvironment)
        #expect(text(waiting).contains("No effective date: 5 working-day(s) after an event not yet dated"))
    }

    @Test func dueListsTheNextOccurrencesOfARecurrence() throws {
        let console = CapturedConsole()
        _ = try DueCommand.parse(["Báo cáo trước ngày 20 hằng tháng", "--issued", "2025-04-10"])
            .execute(console: console.console, environment: Self.noEnvironment)
        // 20/4/2025 is a Sunday.
        #expect(text(console).contains("Next occurrences: 2025-04-21 (Thứ Hai), 2025-05-20 (Thứ Ba), 2025-06-20 (Thứ Sáu)\n"))
    }
}
