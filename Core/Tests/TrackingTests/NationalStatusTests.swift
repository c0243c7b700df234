import Deadlines
import Testing

@testable import Tracking

/// The four national statuses, with extensions, roll-over and working days late.
@Suite struct NationalStatusTests {
    static let calendar = WorkingDays(years: 2025...2025) { d in
        d.weekday >= 6 || ["2025-04-30", "2025-05-01", "2025-05-02"].contains(d.iso)
    }
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test func theFourStatuses() throws {
        let c = Self.calendar
        let due = Self.day("2025-03-14")  // a Friday
        let onTime = try #require(TaskStanding(due: due, completed: Self.day("2025-03-14"), cutOff: Self.day("2025-03-31"), calendar: c))
        #expect(onTime.status == .doneOnTime && onTime.workingDaysLate == 0)
        let late = try #require(TaskStanding(due: due, completed: Self.day("2025-03-18"), cutOff: Self.day("2025-03-31"), calendar: c))
        #expect(late.status == .doneLate && late.workingDaysLate == 2)  // Monday 17, Tuesday 18
        let within = try #require(TaskStanding(due: due, completed: nil, cutOff: Self.day("2025-03-14"), calendar: c))
        #expect(within.status == .withinDeadline)
        let overdue = try #require(TaskStanding(due: due, completed: nil, cutOff: Self.day("2025-03-24"), calendar: c))
        #expect(overdue.status == .overdue && overdue.workingDaysLate == 6)
        // Done after the cut-off: not done as of the cut-off.
        let notYet = try #require(TaskStanding(due: due, completed: Self.day("2025-03-20"), cutOff: Self.day("2025-03-17"), calendar: c))
        #expect(notYet.status == .overdue && notYet.workingDaysLate == 1)
    }

    @Test func extensionsAndRollOver() throws {
        let c = Self.calendar
        // Due on a holiday (1/5): with roll-over the deadline is Monday 5/5.
        let rolled = try #require(TaskStanding(due: Self.day("2025-05-01"), completed: Self.day("2025-05-05"), cutOff: Self.day("2025-05-31"), calendar: c))
        #expect(rolled.deadline == Self.day("2025-05-05") && rolled.status == .doneOnTime)
        let strict = try #require(TaskStanding(due: Self.day("2025-05-01"), completed: Self.day("2025-05-05"), cutOff: Self.day("2025-05-31"), calendar: c, rollOver: false))
        #expect(strict.status == .doneLate && strict.workingDaysLate == 1)
        // The last extension granted counts; both dates are kept by the caller.
        let extended = try #require(TaskStanding(due: Self.day("2025-03-14"), extensions: [Self.day("2025-03-21"), Self.day("2025-03-28")], completed: Self.day("2025-03-27"), cutOff: Self.day("2025-03-31"), calendar: c))
        #expect(extended.deadline == Self.day("2025-03-28") && extended.status == .doneOnTime)
        // No deadline: never overdue.
        let open = try #require(TaskStanding(due: nil, completed: nil, cutOff: Self.day("2025-12-31"), calendar: c))
        #expect(open.status == .withinDeadline && open.deadline == nil)
        // Outside the calendar's years: no answer.
        #expect(TaskStanding(due: Self.day("2025-12-31"), completed: nil, cutOff: CalendarDate(iso: "2026-01-10")!, calendar: c) == nil)
        #expect(NationalStatus.allCases.map(\.vietnamese).count == 4)
    }

    /// On the real calendar: a task due the Friday before Tết 2025 and still open a week after
    /// Tết is overdue by the working days since, Tết and its weekend not counted.
    @Test func workingDaysOverdueSkipTet() throws {
        let vietnam = VietnameseHolidays.standard.workingDays(years: 2025...2025)
        let due = Self.day("2025-01-24")
        let open = try #require(TaskStanding(due: due, completed: nil, cutOff: Self.day("2025-02-07"), calendar: vietnam))
        #expect(open.status == .overdue)
        #expect(open.workingDaysLate == 5)  // 3–7/2; 27/1–1/2 are Tết
        let done = try #require(TaskStanding(due: due, completed: Self.day("2025-02-03"), cutOff: Self.day("2025-02-07"), calendar: vietnam))
        #expect(done.status == .doneLate && done.workingDaysLate == 1)
        // The Saturday worked (26/4/2025) counts as a day late.
        let saturday = try #require(TaskStanding(due: Self.day("2025-04-25"), completed: Self.day("2025-04-28"), cutOff: Self.day("2025-04-30"), calendar: vietnam))
        #expect(saturday.workingDaysLate == 2)
    }
}
