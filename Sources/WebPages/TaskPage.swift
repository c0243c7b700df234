import Deadlines
import Plot
import Tracking

/// One task: what it asks, where it came from, its history across carried-over months, and the
/// actions the viewer may take on it.
public struct TaskPageModel: Sendable, Hashable {
    /// A line of the history.
    public struct HistoryLine: Sendable, Hashable {
        public let at: String
        public let actor: String
        public let body: String
        public let attachments: [Attachment]

        public init(at: String, actor: String, body: String, attachments: [Attachment]) {
            self.at = at
            self.actor = actor
            self.body = body
            self.attachments = attachments
        }
    }

    /// A file attached to an event.
    public struct Attachment: Sendable, Hashable {
        public let id: String
        public let name: String
        public let bytes: Int

        public init(id: String, name: String, bytes: Int) {
            self.id = id
            self.name = name
            self.bytes = bytes
        }
    }

    /// An earlier task this one continues, or a later one that continues it.
    public struct Link: Sendable, Hashable {
        public let id: String
        public let noticeSymbol: String?
        public let text: String
        public let state: AssignmentState

        public init(id: String, noticeSymbol: String?, text: String, state: AssignmentState) {
            self.id = id
            self.noticeSymbol = noticeSymbol
            self.text = text
            self.state = state
        }
    }

    public let task: TaskRow
    public let section: String
    public let noticeID: String
    public let noticeTitle: String
    public let assignedOn: CalendarDate?
    public let reportedDoneOn: CalendarDate?
    public let completedOn: CalendarDate?
    /// The notice's own deadline, before any extension.
    public let dueDate: CalendarDate?
    public let extensions: [CalendarDate]
    public let version: Int
    /// The months this task carries over, the earliest first.
    public let earlier: [Link]
    public let history: [HistoryLine]
    /// What the viewer may do now, in the workflow's order.
    public let actions: [AssignmentAction.Kind]
    public let today: CalendarDate

    public init(
        task: TaskRow, section: String, noticeID: String, noticeTitle: String, assignedOn: CalendarDate?,
        reportedDoneOn: CalendarDate?, completedOn: CalendarDate?, dueDate: CalendarDate?,
        extensions: [CalendarDate],
        version: Int, earlier: [Link], history: [HistoryLine], actions: [AssignmentAction.Kind],
        today: CalendarDate
    ) {
        self.task = task
        self.section = section
        self.noticeID = noticeID
        self.noticeTitle = noticeTitle
        self.assignedOn = assignedOn
        self.reportedDoneOn = reportedDoneOn
        self.completedOn = completedOn
        self.dueDate = dueDate
        self.extensions = extensions
        self.version = version
        self.earlier = earlier
        self.history = history
        self.actions = actions
        self.today = today
    }
}

/// Renders a task's page.
public enum TaskPageView {
    /// The fields of an action form.
    public enum Field {
        public static let action = "action"
        public static let version = "version"
        public static let note = "note"
        public static let reason = "reason"
        public static let date = "date"
        public static let file = "file"
    }

    public static func render(_ model: TaskPageModel, frame: PageFrame) -> String {
        let task = model.task
        return Layout.render(
            frame,
            .group(
                .p(
                    .class("crumbs"), .a(.href(SitePath.tasks.path), .text("Nhiệm vụ")), .text(" › "),
                    .a(
                        .safeAttribute("href", SitePath.notice(id: model.noticeID).path),
                        .safe(model.noticeTitle))),
                .h1(.if(task.urgent, .span(.class("badge urgent"), .text("Khẩn"))), .safe(task.text)),
                .dl(
                    .class("facts"),
                    .dt("Mục"), .dd(.safe(model.section)),
                    .dt("Chủ trì"), .dd(.safe(task.leads.joined(separator: "; "))),
                    .dt("Phối hợp"),
                    .dd(.safe(task.supports.isEmpty ? "—" : task.supports.joined(separator: "; "))),
                    .dt("Thời hạn"),
                    .dd(
                        .safe(
                            Markup.date(task.deadline).isEmpty
                                ? "Không ghi thời hạn" : Markup.date(task.deadline)),
                        .unwrap(task.dueText) { .span(.class("source"), .safe(" (văn bản ghi: \($0))")) },
                        .if(
                            !model.extensions.isEmpty,
                            .div(
                                .class("source"),
                                .safe(
                                    "Thời hạn ban đầu \(Markup.date(model.dueDate)); đã gia hạn: "
                                        + model.extensions.map(Markup.date).joined(separator: ", "))))
                    ),
                    .dt("Trạng thái"),
                    .dd(
                        .safe(task.state.vietnamese),
                        .unwrap(task.status) { status in
                            .div(
                                .class("status status-\(status.rawValue)"),
                                .safe(
                                    status.vietnamese
                                        + (task.workingDaysLate > 0
                                            ? " (\(task.workingDaysLate) ngày làm việc)" : "")))
                        }
                    ),
                    .unwrap(task.pendingExtension) { date in
                        .group(
                            .dt("Đề nghị gia hạn"),
                            .dd(.safe("đến ngày \(Markup.date(date)), chờ lãnh đạo quyết định")))
                    },
                    .unwrap(model.assignedOn) { .group(.dt("Ngày giao"), .dd(.safe(Markup.date($0)))) },
                    .unwrap(model.completedOn) { .group(.dt("Ngày hoàn thành"), .dd(.safe(Markup.date($0)))) }
                ),
                .if(
                    !model.earlier.isEmpty,
                    .element(
                        named: "section",
                        nodes: [
                            .h2("Tiếp tục từ các kỳ trước"),
                            .ol(
                                .forEach(model.earlier) { link in
                                    .li(
                                        .a(
                                            .safeAttribute("href", SitePath.task(id: link.id).path),
                                            .safe((link.noticeSymbol.map { $0 + ": " } ?? "") + link.text)),
                                        .safe(" · " + link.state.vietnamese))
                                }),
                        ])),
                actions(model, csrf: frame.csrfToken),
                .element(
                    named: "section",
                    nodes: [
                        .h2("Lịch sử"),
                        model.history.isEmpty
                            ? .p(.class("empty"), .text("Chưa có cập nhật."))
                            : .ol(
                                .class("history"),
                                .forEach(model.history) { line in
                                    .li(
                                        .element(named: "time", nodes: [.safe(line.at)]),
                                        .span(.class("actor"), .safe(line.actor)),
                                        .p(.safe(line.body)),
                                        .if(
                                            !line.attachments.isEmpty,
                                            .ul(
                                                .class("files"),
                                                .forEach(line.attachments) { file in
                                                    .li(
                                                        .a(
                                                            .safeAttribute(
                                                                "href", SitePath.attachment(id: file.id).path),
                                                            .safe(file.name)), .safe(" (\(size(file.bytes)))")
                                                    )
                                                }))
                                    )
                                }),
                    ])
            ))
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1024
            ? "\(bytes) B" : bytes < 1024 * 1024 ? "\(bytes / 1024) KB" : "\(bytes / (1024 * 1024)) MB"
    }

    static func actions(_ model: TaskPageModel, csrf: String?) -> Node<HTML.BodyContext> {
        guard !model.actions.isEmpty else { return .empty }
        return .element(
            named: "section",
            nodes: [
                .h2("Cập nhật"),
                .div(
                    .class("actions"),
                    .forEach(model.actions) { kind in form(kind, model, csrf: csrf) }),
            ])
    }

    /// One action's form. Every form posts to the task's update address with the version the
    /// page was rendered from, so a stale page gets a conflict instead of overwriting.
    static func form(_ kind: AssignmentAction.Kind, _ model: TaskPageModel, csrf: String?) -> Node<
        HTML.BodyContext
    > {
        let today = model.today.iso
        let fields: Node<HTML.FormContext> =
            switch kind {
            case .start, .confirmDone: .empty
            case .reportProgress:
                .group(textArea(Field.note, "Nội dung tiến độ", required: true), fileField())
            case .reportDone:
                .group(
                    dateField(Field.date, "Ngày hoàn thành", value: today),
                    textArea(Field.note, "Kết quả thực hiện", required: true), fileField())
            case .returnForRework: textArea(Field.reason, "Lý do trả lại", required: true)
            case .stop: textArea(Field.reason, "Lý do dừng thực hiện", required: true)
            case .reopen: textArea(Field.reason, "Lý do mở lại", required: true)
            case .requestExtension:
                .group(
                    dateField(Field.date, "Đề nghị gia hạn đến ngày", value: ""),
                    textArea(Field.reason, "Lý do", required: true))
            case .approveExtension:
                dateField(Field.date, "Gia hạn đến ngày", value: model.task.pendingExtension?.iso ?? "")
            case .denyExtension: textArea(Field.reason, "Lý do không đồng ý", required: true)
            case .comment: textArea(Field.note, "Ý kiến", required: true)
            }
        return .form(
            .class("action action-\(kind.rawValue)"), .action(SitePath.taskAction(id: model.task.id).path),
            .method(.post), .enctype(.multipartData),
            Layout.csrfField(csrf),
            .input(.type(.hidden), .name(Field.action), .value(kind.rawValue)),
            .input(.type(.hidden), .name(Field.version), .value("\(model.version)")),
            .h3(.safe(kind.vietnamese)),
            fields,
            .button(.type(.submit), .safe(kind.vietnamese))
        )
    }

    static func textArea(_ name: String, _ label: String, required: Bool) -> Node<HTML.FormContext> {
        .label(
            .safe(label),
            .textarea(
                .name(name), .attribute(named: "rows", value: "3"),
                .if(required, .attribute(named: "required")))
        )
    }

    static func dateField(_ name: String, _ label: String, value: String) -> Node<HTML.FormContext> {
        .label(.safe(label), .input(.type(.date), .name(name), .safe("value", value), .required(true)))
    }

    static func fileField() -> Node<HTML.FormContext> {
        .label(.text("Tệp đính kèm (không bắt buộc)"), .input(.type(.file), .name(Field.file)))
    }
}
