import Deadlines
import Foundation
import Tracking

/// An organization the installation serves (a Sở), with the working-calendar setting its
/// deadlines follow.
public struct Organization: Sendable, Hashable, Codable {
    public let id: String
    /// The short name commands and addresses use ("skhcn-nghe-an").
    public let slug: String
    public let name: String
    /// Whether a deadline on a day off ends on the next working day (Bộ luật Dân sự, Điều 148).
    public let rollOver: Bool
}

/// A notice in the record, without its text and file.
public struct DocumentSummary: Sendable, Hashable, Codable {
    public let id: String
    public let sourceName: String
    public let kind: String?
    public let number: String?
    public let symbol: String?
    public let issued: CalendarDate?
    public let title: String?
    /// "draft" until the secretariat publishes it; its tasks are tracked once published.
    public let status: String
    public let tasks: Int
    /// Names written for units that matched none of the directory's (for review).
    public let unmatchedNames: Int
    public let importedAt: String
    public let version: Int
}

/// A unit named in a task: as the notice wrote it, and the directory unit it stands for.
public struct TaskUnit: Sendable, Hashable, Codable {
    public let writtenName: String
    /// The unit's directory id ("van-phong"); nil while the name awaits review.
    public let unitID: String?
    public let unitName: String?
    /// How the name was matched (`UnitMatchKind` raw values, "all", "corrected"), or why not
    /// ("ambiguous", "other_agency", "unmatched").
    public let matchedBy: String
}

/// A task as the record holds it.
public struct TaskRecord: Sendable, Hashable, Codable {
    public let id: String
    public let documentID: String
    public let documentSymbol: String?
    public let position: Int
    public let section: String
    public let text: String
    public let lead: [TaskUnit]
    public let support: [TaskUnit]
    /// The deadline as written ("trước ngày 15/8/2025"); nil when the task states none.
    public let dueText: String?
    /// The deadline the notice set, resolved on the working calendar, and where it came from.
    public let dueDate: CalendarDate?
    public let dueSource: String
    public let dueRule: String
    /// The deadline in force: the last extension granted, else `dueDate`.
    public let deadline: CalendarDate?
    public let extensions: [CalendarDate]
    public let pendingExtension: CalendarDate?
    public let state: AssignmentState
    public let urgent: Bool
    public let assignedOn: CalendarDate?
    public let reportedDoneOn: CalendarDate?
    public let completedOn: CalendarDate?
    /// The earlier task this one continues ("Tiếp tục …"), if any.
    public let carriesOverID: String?
    public let version: Int

    /// The units that lead it, by directory id.
    public var leadUnitIDs: [String] { lead.compactMap(\.unitID) }

    /// Where the task stands as of `cutOff`, as the national system counts it.
    public func standing(asOf cutOff: CalendarDate, calendar: WorkingDays) -> TaskStanding? {
        TaskStanding(
            due: deadline, completed: state == .done ? completedOn : nil, cutOff: cutOff, calendar: calendar,
            rollOver: false)
    }
}

/// One line of a task's history.
public struct TaskEventRecord: Sendable, Hashable, Codable {
    public let id: String
    public let version: Int
    /// `AssignmentEvent.Kind.code`, or "created", "carried_over".
    public let kind: String
    public let actor: String
    public let role: Role?
    public let unitID: String?
    /// The instant, UTC, ISO 8601.
    public let at: String
    public let on: CalendarDate
    public let fromState: AssignmentState?
    public let toState: AssignmentState?
    /// The event's sentence, in Vietnamese.
    public let body: String
}

/// The national 4-way counts of one lead unit (nil `unitID`: tasks whose lead awaits review).
public struct UnitCounts: Sendable, Hashable, Codable {
    public let unitID: String?
    public let unitName: String
    public var doneOnTime = 0
    public var doneLate = 0
    public var withinDeadline = 0
    public var overdue = 0

    public var total: Int { doneOnTime + doneLate + withinDeadline + overdue }

    public subscript(status: NationalStatus) -> Int {
        get {
            switch status {
            case .doneOnTime: doneOnTime
            case .doneLate: doneLate
            case .withinDeadline: withinDeadline
            case .overdue: overdue
            }
        }
        set {
            switch status {
            case .doneOnTime: doneOnTime = newValue
            case .doneLate: doneLate = newValue
            case .withinDeadline: withinDeadline = newValue
            case .overdue: overdue = newValue
            }
        }
    }
}

/// The counts of a period: per lead unit, and the tasks counted once each (a task with two lead
/// units counts for both units, once in the total).
public struct PeriodCounts: Sendable, Hashable, Codable {
    public let organization: String
    public let period: ClosedRange<CalendarDate>
    /// The day the statuses are taken on: the period's last day, or an earlier day asked for.
    public let cutOff: CalendarDate
    public let units: [UnitCounts]
    public let total: UnitCounts
}

/// Which tasks to list. Every filter given must hold.
public struct TaskQuery: Sendable, Hashable {
    /// A lead or supporting unit, by directory id; `leadOnly` keeps the units that lead.
    public var unitID: String?
    public var leadOnly = false
    public var states: Set<AssignmentState> = []
    public var documentID: String?
    /// Tasks assigned (their notice issued) in this period.
    public var assignedIn: ClosedRange<CalendarDate>?
    /// Open tasks (not done, not stopped) whose deadline in force is before this day.
    public var overdueOn: CalendarDate?
    /// Tasks whose deadline in force is this day or later.
    public var dueFrom: CalendarDate?
    /// Tasks with an extension request awaiting leadership's decision.
    public var pendingExtension = false
    /// Words that must each begin a word of the task's text (tone marks and case ignored).
    public var text: String?
    /// Tasks of draft notices too (not tracked yet).
    public var includeDrafts = false
    public var limit = 1000
    /// Tasks skipped before the first listed (a page of a long list).
    public var offset = 0

    public init(
        unitID: String? = nil, leadOnly: Bool = false, states: Set<AssignmentState> = [],
        documentID: String? = nil,
        assignedIn: ClosedRange<CalendarDate>? = nil, overdueOn: CalendarDate? = nil,
        dueFrom: CalendarDate? = nil,
        pendingExtension: Bool = false, text: String? = nil, includeDrafts: Bool = false, limit: Int = 1000
    ) {
        self.dueFrom = dueFrom
        self.pendingExtension = pendingExtension
        self.unitID = unitID
        self.leadOnly = leadOnly
        self.states = states
        self.documentID = documentID
        self.assignedIn = assignedIn
        self.overdueOn = overdueOn
        self.text = text
        self.includeDrafts = includeDrafts
        self.limit = limit
    }
}
