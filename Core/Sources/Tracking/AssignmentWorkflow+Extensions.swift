import Deadlines
import Foundation

// The vocabulary of the workflow: states, roles, who acts, actions, the snapshot the rules read,
// the events they write, and their errors. The rules themselves are in AssignmentWorkflow.swift.

/// Where a task (`Assignment`) stands in its workflow.
public enum AssignmentState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Published and given to its lead unit; nobody has started it yet.
    case assigned
    /// Being carried out; also where a task returned for rework goes back to.
    case inProgress = "in_progress"
    /// The lead unit reported it done; the secretariat has not confirmed it yet.
    case reportedDone = "reported_done"
    /// Completion confirmed by the secretariat.
    case done
    /// Stopped ("dừng thực hiện") by the secretariat or leadership, with a reason.
    case stopped

    /// The name pages print.
    public var vietnamese: String {
        switch self {
        case .assigned: "Đã giao"
        case .inProgress: "Đang thực hiện"
        case .reportedDone: "Đã báo cáo hoàn thành"
        case .done: "Hoàn thành"
        case .stopped: "Dừng thực hiện"
        }
    }

    /// Whether the task is closed (done or stopped): only a comment or a reopening applies.
    public var isClosed: Bool { self == .done || self == .stopped }
}

/// What a user of the organisation may do, whatever unit they belong to.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Lãnh đạo: sees every task, decides extensions, may stop or reopen a task.
    case leadership = "lanh_dao"
    /// Văn phòng: manages notices and tasks, confirms or returns completion reports, may stop or
    /// reopen a task, and may enter a unit's progress on its behalf (it collects them).
    case secretariat = "van_phong"
    /// Trưởng đơn vị: updates the tasks of their own unit and requests extensions.
    case unitHead = "truong_don_vi"
    /// Chuyên viên: updates the tasks of their own unit and reports progress.
    case officer = "chuyen_vien"

    /// The name pages print.
    public var vietnamese: String {
        switch self {
        case .leadership: "Lãnh đạo"
        case .secretariat: "Văn phòng"
        case .unitHead: "Trưởng đơn vị"
        case .officer: "Chuyên viên"
        }
    }
}

/// How a participant's units stand to a task.
public enum UnitRelation: String, Sendable, Hashable, Codable, CaseIterable {
    /// One of their units leads the task ("chủ trì").
    case lead
    /// One of their units supports it ("phối hợp") and none leads it.
    case support
    /// None of their units is named on the task.
    case unrelated
}

/// Who takes an action: a role and the units the user belongs to.
///
/// Not named `Actor`: that would shadow Swift's `Actor` protocol.
public struct Participant: Sendable, Hashable, Codable {
    public let role: Role
    /// The directory ids of the user's units (usually one).
    public let unitIDs: Set<String>
    /// The user, recorded on the events they cause; nil in tests and imports.
    public let userID: String?

    public init(role: Role, unitIDs: Set<String> = [], userID: String? = nil) {
        self.role = role
        self.unitIDs = unitIDs
        self.userID = userID
    }
}

/// Something a participant does to a task.
public enum AssignmentAction: Sendable, Hashable {
    /// Start work ("bắt đầu thực hiện").
    case start
    /// Report progress; on a task not yet started this starts it.
    case reportProgress(note: String)
    /// Report the task done as of `on` (the date of the completing work or report document).
    case reportDone(on: CalendarDate, note: String)
    /// Confirm a reported completion.
    case confirmDone
    /// Send a reported completion back, with the reason.
    case returnForRework(reason: String)
    /// Stop the task ("dừng thực hiện"), with the reason.
    case stop(reason: String)
    /// Open a done or stopped task again, with the reason.
    case reopen(reason: String)
    /// Ask to move the deadline in force to `to`, with the reason.
    case requestExtension(to: CalendarDate, reason: String)
    /// Grant the pending request with the date leadership decides (which may differ from the
    /// requested one).
    case approveExtension(to: CalendarDate)
    /// Refuse the pending request, with the reason.
    case denyExtension(reason: String)
    /// A remark on the task's history; changes nothing else.
    case comment(text: String)

    /// The action without its payload: what rules, buttons and errors speak of.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case start
        case reportProgress = "report_progress"
        case reportDone = "report_done"
        case confirmDone = "confirm_done"
        case returnForRework = "return_for_rework"
        case stop
        case reopen
        case requestExtension = "request_extension"
        case approveExtension = "approve_extension"
        case denyExtension = "deny_extension"
        case comment

        /// The label of the button or form that takes this action.
        public var vietnamese: String {
            switch self {
            case .start: "Bắt đầu thực hiện"
            case .reportProgress: "Báo cáo tiến độ"
            case .reportDone: "Báo cáo hoàn thành"
            case .confirmDone: "Xác nhận hoàn thành"
            case .returnForRework: "Trả lại"
            case .stop: "Dừng thực hiện"
            case .reopen: "Mở lại"
            case .requestExtension: "Đề nghị gia hạn"
            case .approveExtension: "Đồng ý gia hạn"
            case .denyExtension: "Không đồng ý gia hạn"
            case .comment: "Ý kiến"
            }
        }
    }

    /// This action's kind.
    public var kind: Kind {
        switch self {
        case .start: .start
        case .reportProgress: .reportProgress
        case .reportDone: .reportDone
        case .confirmDone: .confirmDone
        case .returnForRework: .returnForRework
        case .stop: .stop
        case .reopen: .reopen
        case .requestExtension: .requestExtension
        case .approveExtension: .approveExtension
        case .denyExtension: .denyExtension
        case .comment: .comment
        }
    }
}

/// An extension a unit head asked for and leadership has not decided yet.
public struct ExtensionRequest: Sendable, Hashable, Codable {
    /// The deadline asked for.
    public let to: CalendarDate
    public let reason: String
    public let requestedOn: CalendarDate
    /// The unit that asked.
    public let unitID: String?

    public init(to: CalendarDate, reason: String, requestedOn: CalendarDate, unitID: String?) {
        self.to = to
        self.reason = reason
        self.requestedOn = requestedOn
        self.unitID = unitID
    }
}

/// What the rules need to know of a task: the store loads it, the workflow returns the next one.
public struct AssignmentSnapshot: Sendable, Hashable, Codable {
    public var state: AssignmentState
    /// Raised by one on every change; the store saves only if it still holds the version the
    /// change was made from.
    public var version: Int
    /// The units that lead ("chủ trì") and support ("phối hợp") the task, by directory id.
    public var leadUnitIDs: Set<String>
    public var supportUnitIDs: Set<String>
    /// The date of the notice that assigned the task, if known: nothing is done before it.
    public var assignedOn: CalendarDate?
    /// The deadline the notice set; kept after any extension.
    public var originalDue: CalendarDate?
    /// The new deadlines granted, in the order granted (each later than the one before).
    public var extensions: [CalendarDate]
    /// The request awaiting leadership's decision, if any.
    public var pendingExtension: ExtensionRequest?
    /// The completion date the lead unit reported (while awaiting confirmation, and after).
    public var reportedDoneOn: CalendarDate?
    /// The completion date once the secretariat confirmed it: the reported date, which the
    /// national status counts (`TaskStanding(completed:)`).
    public var completedOn: CalendarDate?

    public init(
        state: AssignmentState = .assigned, version: Int = 0, leadUnitIDs: Set<String>,
        supportUnitIDs: Set<String> = [], assignedOn: CalendarDate? = nil, originalDue: CalendarDate?,
        extensions: [CalendarDate] = [], pendingExtension: ExtensionRequest? = nil,
        reportedDoneOn: CalendarDate? = nil, completedOn: CalendarDate? = nil
    ) {
        self.state = state
        self.version = version
        self.leadUnitIDs = leadUnitIDs
        self.supportUnitIDs = supportUnitIDs
        self.assignedOn = assignedOn
        self.originalDue = originalDue
        self.extensions = extensions
        self.pendingExtension = pendingExtension
        self.reportedDoneOn = reportedDoneOn
        self.completedOn = completedOn
    }

    /// The deadline in force: the last extension granted, else the original due date.
    public var deadline: CalendarDate? { extensions.last ?? originalDue }

    /// How `participant`'s units stand to this task (a lead unit wins over a support unit).
    public func relation(of participant: Participant) -> UnitRelation {
        if !participant.unitIDs.isDisjoint(with: leadUnitIDs) { return .lead }
        if !participant.unitIDs.isDisjoint(with: supportUnitIDs) { return .support }
        return .unrelated
    }
}

/// One line of a task's history: what happened, the state before and after, who, and when.
public struct AssignmentEvent: Sendable, Hashable, Codable {
    /// What happened, with its details.
    public enum Kind: Sendable, Hashable, Codable {
        case started
        case progress(note: String)
        case reportedDone(on: CalendarDate, note: String)
        /// Completion confirmed; `completedOn` is the reported date.
        case confirmed(completedOn: CalendarDate)
        case returned(reason: String)
        case stopped(reason: String)
        case reopened(reason: String)
        case extensionRequested(to: CalendarDate, reason: String)
        /// `from` is the deadline in force before, `requested` what the unit asked for, `to` the
        /// date granted.
        case extensionApproved(from: CalendarDate, requested: CalendarDate, to: CalendarDate)
        case extensionDenied(requested: CalendarDate, reason: String)
        case comment(text: String)

        /// A stable name for a database column or an API field.
        public var code: String {
            switch self {
            case .started: "started"
            case .progress: "progress"
            case .reportedDone: "reported_done"
            case .confirmed: "confirmed"
            case .returned: "returned"
            case .stopped: "stopped"
            case .reopened: "reopened"
            case .extensionRequested: "extension_requested"
            case .extensionApproved: "extension_approved"
            case .extensionDenied: "extension_denied"
            case .comment: "comment"
            }
        }

        /// The history line a page prints.
        public var vietnamese: String {
            switch self {
            case .started: "Bắt đầu thực hiện"
            case .progress(let note): "Báo cáo tiến độ: \(note)"
            case .reportedDone(let on, let note):
                "Báo cáo hoàn thành ngày \(on.dmy)" + (note.isEmpty ? "" : ": \(note)")
            case .confirmed(let on): "Xác nhận hoàn thành (ngày hoàn thành \(on.dmy))"
            case .returned(let reason): "Trả lại để tiếp tục thực hiện: \(reason)"
            case .stopped(let reason): "Dừng thực hiện: \(reason)"
            case .reopened(let reason): "Mở lại: \(reason)"
            case .extensionRequested(let to, let reason): "Đề nghị gia hạn đến ngày \(to.dmy): \(reason)"
            case .extensionApproved(let from, let requested, let to):
                "Đồng ý gia hạn từ ngày \(from.dmy) đến ngày \(to.dmy)"
                    + (requested == to ? "" : " (đề nghị ngày \(requested.dmy))")
            case .extensionDenied(let requested, let reason):
                "Không đồng ý gia hạn đến ngày \(requested.dmy): \(reason)"
            case .comment(let text): "Ý kiến: \(text)"
            }
        }
    }

    public let kind: Kind
    /// The state before and after (equal for a comment or an extension step).
    public let from: AssignmentState
    public let to: AssignmentState
    /// The author's role and the unit they acted for (their lead or support unit when they
    /// have one, else their own), and the user when known.
    public let role: Role
    public let unitID: String?
    public let userID: String?
    /// The day it happened, in Asia/Ho_Chi_Minh (the store keeps the UTC instant besides).
    public let on: CalendarDate
    /// The task's version this event produced.
    public let version: Int

    public init(
        kind: Kind, from: AssignmentState, to: AssignmentState, role: Role, unitID: String?, userID: String?,
        on: CalendarDate, version: Int
    ) {
        self.kind = kind
        self.from = from
        self.to = to
        self.role = role
        self.unitID = unitID
        self.userID = userID
        self.on = on
        self.version = version
    }
}

/// Why the workflow refused an action.
public enum WorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Someone changed the task since the caller read it: reload and try again.
    case versionConflict(expected: Int, actual: Int)
    /// Nobody may take this action in this state.
    case notAllowed(AssignmentAction.Kind, in: AssignmentState)
    /// This role, standing so to the task, may not take this action.
    case forbidden(AssignmentAction.Kind, role: Role, relation: UnitRelation)
    /// The action needs a reason or a text, and it was blank.
    case reasonRequired(AssignmentAction.Kind)
    /// A date of the action is impossible.
    case invalidDate(DateProblem)
    /// An extension request to this date awaits leadership's decision.
    case extensionAlreadyPending(CalendarDate)
    /// There is no extension request to decide.
    case noPendingExtension

    /// What is wrong with a date.
    public enum DateProblem: Sendable, Hashable {
        /// A completion reported for a day after today.
        case inFuture(CalendarDate, today: CalendarDate)
        /// A completion reported before the notice assigned the task.
        case beforeAssignment(CalendarDate, assignedOn: CalendarDate)
        /// A new deadline not after the deadline in force.
        case notAfterDeadline(CalendarDate, deadline: CalendarDate)
        /// A new deadline requested for a day already past.
        case beforeToday(CalendarDate, today: CalendarDate)
        /// An extension of a task that has no deadline.
        case noDeadline
    }

    /// For logs and the CLI.
    public var description: String {
        switch self {
        case .versionConflict(let expected, let actual):
            "The task changed since it was read (version \(actual), the change was made from \(expected)); reload it and try again."
        case .notAllowed(let kind, let state):
            "'\(kind.rawValue)' is not possible on a task that is \(state.rawValue)."
        case .forbidden(let kind, let role, let relation):
            "A user with role \(role.rawValue) (\(relation.rawValue) unit) may not \(kind.rawValue) this task."
        case .reasonRequired(let kind):
            "'\(kind.rawValue)' needs a reason or text; it was blank."
        case .invalidDate(let problem):
            switch problem {
            case .inFuture(let d, let today): "The completion date \(d) is after today (\(today))."
            case .beforeAssignment(let d, let assigned):
                "The completion date \(d) is before the task was assigned (\(assigned))."
            case .notAfterDeadline(let d, let deadline):
                "The new deadline \(d) is not after the deadline in force (\(deadline))."
            case .beforeToday(let d, let today):
                "The requested deadline \(d) is already past (today is \(today))."
            case .noDeadline: "The task has no deadline to extend."
            }
        case .extensionAlreadyPending(let d):
            "An extension request to \(d) awaits leadership's decision; decide it first."
        case .noPendingExtension:
            "There is no extension request to decide."
        }
    }

    /// The sentence the interface shows.
    public var vietnamese: String {
        switch self {
        case .versionConflict:
            "Nhiệm vụ vừa được người khác cập nhật. Vui lòng tải lại trang để xem thay đổi rồi thực hiện lại."
        case .notAllowed(let kind, let state):
            "Không thể thực hiện “\(kind.vietnamese)” khi nhiệm vụ ở trạng thái “\(state.vietnamese)”."
        case .forbidden(let kind, let role, let relation):
            switch (role, relation) {
            case (.unitHead, .unrelated), (.officer, .unrelated):
                "\(role.vietnamese) của đơn vị không được giao nhiệm vụ này không được “\(kind.vietnamese)”."
            case (.unitHead, .support), (.officer, .support):
                "\(role.vietnamese) của đơn vị phối hợp không được “\(kind.vietnamese)”; việc này do đơn vị chủ trì thực hiện."
            default:
                "\(role.vietnamese) không có quyền “\(kind.vietnamese)” đối với nhiệm vụ này."
            }
        case .reasonRequired(let kind):
            switch kind {
            case .comment: "Vui lòng nhập nội dung ý kiến."
            case .reportProgress: "Vui lòng nhập nội dung báo cáo tiến độ."
            default: "Vui lòng nêu lý do “\(kind.vietnamese)”."
            }
        case .invalidDate(let problem):
            switch problem {
            case .inFuture(let d, _): "Ngày hoàn thành \(d.dmy) chưa đến; vui lòng nhập ngày đã hoàn thành."
            case .beforeAssignment(let d, let assigned):
                "Ngày hoàn thành \(d.dmy) trước ngày giao nhiệm vụ (\(assigned.dmy)); vui lòng kiểm tra lại."
            case .notAfterDeadline(let d, let deadline):
                "Thời hạn mới \(d.dmy) phải sau thời hạn hiện tại (\(deadline.dmy))."
            case .beforeToday(let d, _):
                "Thời hạn đề nghị \(d.dmy) đã qua; vui lòng chọn ngày từ hôm nay trở đi."
            case .noDeadline: "Nhiệm vụ không có thời hạn nên không cần gia hạn."
            }
        case .extensionAlreadyPending(let d):
            "Đang có đề nghị gia hạn đến ngày \(d.dmy) chờ lãnh đạo cho ý kiến."
        case .noPendingExtension:
            "Không có đề nghị gia hạn nào đang chờ cho ý kiến."
        }
    }
}

extension CalendarDate {
    /// `dd/MM/yyyy`, as Vietnamese documents write dates.
    fileprivate var dmy: String {
        (day < 10 ? "0" : "") + String(day) + "/" + (month < 10 ? "0" : "") + String(month) + "/"
            + String(year)
    }
}
