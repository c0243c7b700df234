import Deadlines
import Plot
import Tracking

/// The first page after signing in, by role: leadership sees every unit's counts; a unit sees
/// its own tasks by urgency; the secretariat sees what awaits it.
public struct DashboardModel: Sendable, Hashable {
    /// One unit's line of the national four-way counts.
    public struct UnitLine: Sendable, Hashable {
        public let unitID: String?
        public let unitName: String
        public let doneOnTime: Int
        public let doneLate: Int
        public let withinDeadline: Int
        public let overdue: Int

        public init(
            unitID: String?, unitName: String, doneOnTime: Int, doneLate: Int, withinDeadline: Int,
            overdue: Int
        ) {
            self.unitID = unitID
            self.unitName = unitName
            self.doneOnTime = doneOnTime
            self.doneLate = doneLate
            self.withinDeadline = withinDeadline
            self.overdue = overdue
        }
    }

    /// A notice that awaits the secretariat's review.
    public struct NoticeLine: Sendable, Hashable {
        public let id: String
        public let title: String
        public let tasks: Int
        public let unmatchedNames: Int

        public init(id: String, title: String, tasks: Int, unmatchedNames: Int) {
            self.id = id
            self.title = title
            self.tasks = tasks
            self.unmatchedNames = unmatchedNames
        }
    }

    /// A unit's report since the last meeting.
    public struct Report: Sendable, Hashable {
        public let taskID: String
        public let taskText: String
        public let body: String
        public let actor: String
        /// When, as Việt Nam reads it ("21/11/2026 09:15").
        public let at: String

        public init(taskID: String, taskText: String, body: String, actor: String, at: String) {
            self.taskID = taskID
            self.taskText = taskText
            self.body = body
            self.actor = actor
            self.at = at
        }
    }

    public let role: Role
    public let today: CalendarDate
    /// The period the counts cover (this year so far).
    public let period: ClosedRange<CalendarDate>
    public let units: [UnitLine]
    public let total: UnitLine?
    public let overdue: [TaskRow]
    public let dueThisWeek: [TaskRow]
    /// Extension requests awaiting leadership.
    public let pendingExtensions: [TaskRow]
    /// Completion reports awaiting the secretariat.
    public let reportedDone: [TaskRow]
    public let drafts: [NoticeLine]
    /// A unit's open tasks, the most pressing first.
    public let myTasks: [TaskRow]
    /// The day of the last meeting (the latest published notice) and what units reported since.
    public let lastMeeting: CalendarDate?
    public let reports: [Report]

    public init(
        role: Role, today: CalendarDate, period: ClosedRange<CalendarDate>, units: [UnitLine],
        total: UnitLine?,
        overdue: [TaskRow], dueThisWeek: [TaskRow], pendingExtensions: [TaskRow], reportedDone: [TaskRow],
        drafts: [NoticeLine], myTasks: [TaskRow], lastMeeting: CalendarDate? = nil, reports: [Report] = []
    ) {
        self.lastMeeting = lastMeeting
        self.reports = reports
        self.role = role
        self.today = today
        self.period = period
        self.units = units
        self.total = total
        self.overdue = overdue
        self.dueThisWeek = dueThisWeek
        self.pendingExtensions = pendingExtensions
        self.reportedDone = reportedDone
        self.drafts = drafts
        self.myTasks = myTasks
    }
}

/// Renders the dashboard.
public enum DashboardView {
    public static func render(_ model: DashboardModel, frame: PageFrame) -> String {
        Layout.render(frame, html: content(model))
    }

    /// The page's body without its frame: the same for everyone of a role (and unit).
    public static func content(_ model: DashboardModel) -> String {
        Node<HTML.BodyContext>.group(
            .h1("Tổng quan"),
            .p(.class("muted"), .safe("Ngày \(Markup.date(model.today))")),
            sections(model)
        ).render()
    }

    static func sections(_ model: DashboardModel) -> Node<HTML.BodyContext> {
        switch model.role {
        case .leadership:
            .group(
                counts(model),
                section(
                    "Đề nghị gia hạn chờ quyết định", model.pendingExtensions,
                    empty: "Không có đề nghị gia hạn."),
                section("Nhiệm vụ quá hạn", model.overdue, empty: "Không có nhiệm vụ quá hạn."),
                section("Đến hạn trong 7 ngày tới", model.dueThisWeek, empty: "Không có nhiệm vụ đến hạn.")
            )
        case .secretariat:
            .group(
                drafts(model.drafts),
                section(
                    "Báo cáo hoàn thành chờ xác nhận", model.reportedDone,
                    empty: "Không có báo cáo chờ xác nhận."),
                reports(model),
                section("Nhiệm vụ quá hạn", model.overdue, empty: "Không có nhiệm vụ quá hạn."),
                counts(model)
            )
        case .unitHead, .officer:
            .group(
                section(
                    "Nhiệm vụ của đơn vị", model.myTasks, empty: "Đơn vị không có nhiệm vụ đang thực hiện."),
                section("Đến hạn trong 7 ngày tới", model.dueThisWeek, empty: "Không có nhiệm vụ đến hạn.")
            )
        }
    }

    static func section(_ title: String, _ rows: [TaskRow], empty: String) -> Node<HTML.BodyContext> {
        .element(
            named: "section",
            nodes: [.h2(.safe("\(title) (\(rows.count))")), TaskTable.render(rows, empty: empty)])
    }

    static func reports(_ model: DashboardModel) -> Node<HTML.BodyContext> {
        let since = model.lastMeeting.map { " từ sau cuộc họp ngày \(Markup.date($0))" } ?? ""
        return .element(
            named: "section",
            nodes: [
                .h2(.safe("Các đơn vị đã báo cáo\(since) (\(model.reports.count))")),
                model.reports.isEmpty
                    ? .p(.class("empty"), .text("Chưa có báo cáo mới."))
                    : .ol(
                        .class("history"),
                        .forEach(model.reports) { report in
                            .li(
                                .element(named: "time", nodes: [.safe(report.at)]),
                                .span(.class("actor"), .safe(report.actor)),
                                .p(
                                    .a(
                                        .safeAttribute("href", SitePath.task(id: report.taskID).path),
                                        .safe(report.taskText))),
                                .p(.safe(report.body)))
                        }),
            ])
    }

    static func drafts(_ notices: [DashboardModel.NoticeLine]) -> Node<HTML.BodyContext> {
        .element(
            named: "section",
            nodes: [
                .h2(.safe("Văn bản chờ rà soát (\(notices.count))")),
                notices.isEmpty
                    ? .p(.class("empty"), .text("Không có văn bản chờ rà soát."))
                    : .ul(
                        .forEach(notices) { notice in
                            .li(
                                .a(
                                    .safeAttribute("href", SitePath.notice(id: notice.id).path),
                                    .safe(notice.title)),
                                .safe(" · \(notice.tasks) nhiệm vụ"),
                                .if(
                                    notice.unmatchedNames > 0,
                                    .span(
                                        .class("badge"),
                                        .safe("\(notice.unmatchedNames) tên đơn vị chưa xác định")))
                            )
                        }),
            ])
    }

    static func counts(_ model: DashboardModel) -> Node<HTML.BodyContext> {
        .element(
            named: "section",
            nodes: [
                .h2(
                    .safe(
                        "Tình hình thực hiện từ \(Markup.date(model.period.lowerBound)) đến \(Markup.date(model.period.upperBound))"
                    )),
                .table(
                    .class("counts"),
                    .thead(
                        .tr(
                            .th("Đơn vị chủ trì"), .th("Hoàn thành đúng hạn"), .th("Hoàn thành quá hạn"),
                            .th("Chưa hoàn thành, trong hạn"), .th("Chưa hoàn thành, quá hạn"))),
                    .tbody(
                        .forEach(model.units) { line in countRow(line, strong: false) },
                        .unwrap(model.total) { countRow($0, strong: true) }
                    )
                ),
            ])
    }

    static func countRow(_ line: DashboardModel.UnitLine, strong: Bool) -> Node<HTML.TableContext> {
        func cell(_ n: Int, _ label: String, overdue: Bool = false) -> Node<HTML.TableRowContext> {
            .td(
                .attribute(named: "data-label", value: label),
                .class(overdue && n > 0 ? "num overdue" : "num"),
                .text("\(n)"))
        }
        return .tr(
            .if(strong, .class("total")),
            .td(
                .attribute(named: "data-label", value: "Đơn vị"),
                .unwrap(
                    line.unitID,
                    { id in
                        .a(
                            .safeAttribute("href", SitePath.tasks.with(query: [("don-vi", id)])),
                            .safe(line.unitName))
                    }, else: .safe(line.unitName))),
            cell(line.doneOnTime, "Đúng hạn"), cell(line.doneLate, "Quá hạn"),
            cell(line.withinDeadline, "Trong hạn"), cell(line.overdue, "Chưa xong, quá hạn", overdue: true)
        )
    }
}
