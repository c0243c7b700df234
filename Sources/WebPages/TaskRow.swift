import Deadlines
import Plot
import Tracking

/// A task as lists show it.
public struct TaskRow: Sendable, Hashable {
    public let id: String
    /// The notice's number and symbol ("45/TB-SKHCN"), when it has one.
    public let noticeSymbol: String?
    public let text: String
    public let leads: [String]
    public let supports: [String]
    /// The deadline as the notice wrote it.
    public let dueText: String?
    /// The deadline in force.
    public let deadline: CalendarDate?
    public let state: AssignmentState
    /// The national status as of the page's day (nil when a date lies outside the calendar).
    public let status: NationalStatus?
    /// Working days past the deadline (overdue or done late).
    public let workingDaysLate: Int
    public let urgent: Bool
    public let pendingExtension: CalendarDate?

    public init(
        id: String, noticeSymbol: String?, text: String, leads: [String], supports: [String],
        dueText: String?,
        deadline: CalendarDate?, state: AssignmentState, status: NationalStatus?, workingDaysLate: Int,
        urgent: Bool,
        pendingExtension: CalendarDate?
    ) {
        self.id = id
        self.noticeSymbol = noticeSymbol
        self.text = text
        self.leads = leads
        self.supports = supports
        self.dueText = dueText
        self.deadline = deadline
        self.state = state
        self.status = status
        self.workingDaysLate = workingDaysLate
        self.urgent = urgent
        self.pendingExtension = pendingExtension
    }
}

/// The table of tasks several pages show.
enum TaskTable {
    static func render(_ rows: [TaskRow], empty: String) -> Node<HTML.BodyContext> {
        guard !rows.isEmpty else { return .p(.class("empty"), .safe(empty)) }
        return .table(
            .class("tasks"),
            .thead(
                .tr(
                    .th("Nhiệm vụ"), .th("Chủ trì"), .th("Phối hợp"), .th("Thời hạn"), .th("Tình trạng")
                )),
            .tbody(
                .forEach(rows) { row in
                    .tr(
                        .if(row.status == .overdue, .class("overdue")),
                        .td(
                            .attribute(named: "data-label", value: "Nhiệm vụ"),
                            .if(row.urgent, .span(.class("badge urgent"), .text("Khẩn"))),
                            .a(.safeAttribute("href", SitePath.task(id: row.id).path), .safe(row.text)),
                            .unwrap(row.noticeSymbol) { .div(.class("source"), .safe("Văn bản " + $0)) }
                        ),
                        .td(
                            .attribute(named: "data-label", value: "Chủ trì"),
                            .safe(row.leads.joined(separator: "; "))),
                        .td(
                            .attribute(named: "data-label", value: "Phối hợp"),
                            .safe(row.supports.joined(separator: "; "))),
                        .td(
                            .attribute(named: "data-label", value: "Thời hạn"),
                            .safe(Markup.date(row.deadline)),
                            .unwrap(row.dueText) { .div(.class("source"), .safe($0)) }
                        ),
                        .td(
                            .attribute(named: "data-label", value: "Tình trạng"),
                            .safe(row.state.vietnamese),
                            .unwrap(row.status) { status in
                                .div(
                                    .class("status status-\(status.rawValue)"),
                                    .safe(
                                        status.vietnamese
                                            + (row.workingDaysLate > 0
                                                ? " (\(row.workingDaysLate) ngày làm việc)" : "")))
                            },
                            .unwrap(row.pendingExtension) {
                                .div(.class("badge"), .safe("Đề nghị gia hạn đến " + Markup.date($0)))
                            }
                        )
                    )
                })
        )
    }
}
