import Deadlines

/// A task's status as the national task-tracking system reports it (Hệ thống theo dõi nhiệm vụ):
/// done on time, done late, not done and still within the deadline, not done and overdue.
public enum NationalStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case doneOnTime = "done_on_time"
    case doneLate = "done_late"
    case withinDeadline = "within_deadline"
    case overdue = "overdue"

    /// The name the reports print.
    public var vietnamese: String {
        switch self {
        case .doneOnTime: "Hoàn thành đúng hạn"
        case .doneLate: "Hoàn thành quá hạn"
        case .withinDeadline: "Chưa hoàn thành, trong hạn"
        case .overdue: "Chưa hoàn thành, quá hạn"
        }
    }
}

/// What the status of a task is computed from, and the result.
public struct TaskStanding: Sendable, Hashable {
    public let status: NationalStatus
    /// The deadline in force: the last extension granted, else the due date (rolled over to a
    /// working day when the organisation counts so); nil when the task has none.
    public let deadline: CalendarDate?
    /// Working days late: past the deadline until completion (done late) or until the cut-off
    /// (overdue); 0 otherwise.
    public let workingDaysLate: Int

    /// The standing of a task as of `cutOff`.
    ///
    /// - `due`: the deadline as resolved; nil for a task without one, which is never overdue.
    /// - `extensions`: the new dates granted, in the order they were granted (the last counts).
    /// - `completed`: the day the unit completed it, as reported and confirmed by the secretariat
    ///   (`AssignmentSnapshot.completedOn`): a slow confirmation must not make an on-time task late.
    ///   A completion after the cut-off does not count yet: the task was not done as of then.
    /// - `rollOver`: the Civil Code's rule (Điều 148): a deadline on a day off ends on the next
    ///   working day.
    ///
    /// Nil when a date lies outside the years `calendar` covers.
    public init?(
        due: CalendarDate?, extensions: [CalendarDate] = [], completed: CalendarDate?, cutOff: CalendarDate,
        calendar: WorkingDays, rollOver: Bool = true
    ) {
        var deadline = extensions.last ?? due
        if rollOver, let d = deadline {
            guard let rolled = calendar.rollingOver(d) else { return nil }
            deadline = rolled
        }
        self.deadline = deadline
        if let done = completed, done <= cutOff {
            guard let deadline, done > deadline else {
                status = .doneOnTime
                workingDaysLate = 0
                return
            }
            guard let late = calendar.count(from: deadline, to: done) else { return nil }
            status = .doneLate
            workingDaysLate = late
            return
        }
        guard let deadline, cutOff > deadline else {
            status = .withinDeadline
            workingDaysLate = 0
            return
        }
        guard let late = calendar.count(from: deadline, to: cutOff) else { return nil }
        status = .overdue
        workingDaysLate = late
    }
}
