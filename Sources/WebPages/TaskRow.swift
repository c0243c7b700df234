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
            // The rows as text, not as Plot's nodes: a list's 50 rows were about 750 elements and
            // their node tree and its rendering a quarter of the server's time on a list nobody
            // had asked for before. The markup is the one the nodes gave (the page snapshots
            // compare it), every text escaped by `Markup.escape` as `.safe` does.
            .tbody(.raw(rows.map(Self.row).joined()))
        )
    }

    /// One row of the table, as the page's markup.
    static func row(_ row: TaskRow) -> String {
        var html = row.status == .overdue ? "<tr class=\"overdue\">" : "<tr>"
        html += "<td data-label=\"Nhiệm vụ\">"
        if row.urgent { html += "<span class=\"badge urgent\">Khẩn</span>" }
        html += "<a href=\"\(Markup.escape(SitePath.task(id: row.id).path))\">\(Markup.escape(row.text))</a>"
        if let symbol = row.noticeSymbol {
            html += "<div class=\"source\">\(Markup.escape("Văn bản " + symbol))</div>"
        }
        html += "</td><td data-label=\"Chủ trì\">\(Markup.escape(row.leads.joined(separator: "; ")))</td>"
        html += "<td data-label=\"Phối hợp\">\(Markup.escape(row.supports.joined(separator: "; ")))</td>"
        html += "<td data-label=\"Thời hạn\">\(Markup.escape(Markup.date(row.deadline)))"
        if let due = row.dueText { html += "<div class=\"source\">\(Markup.escape(due))</div>" }
        html += "</td><td data-label=\"Tình trạng\">\(Markup.escape(row.state.vietnamese))"
        if let status = row.status {
            let late = row.workingDaysLate > 0 ? " (\(row.workingDaysLate) ngày làm việc)" : ""
            html +=
                "<div class=\"status status-\(status.rawValue)\">\(Markup.escape(status.vietnamese + late))</div>"
        }
        if let pending = row.pendingExtension {
            html +=
                "<div class=\"badge\">\(Markup.escape("Đề nghị gia hạn đến " + Markup.date(pending)))</div>"
        }
        return html + "</td></tr>"
    }
}
