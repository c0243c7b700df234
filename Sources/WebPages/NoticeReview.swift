import Deadlines
import Plot
import Tracking

/// A notice beside its extracted tasks: the secretariat checks each task against the text,
/// corrects it, resolves the unit names nobody recognised, and publishes.
public struct NoticeReviewModel: Sendable, Hashable {
    /// A line of the source text; `anchor` is set on the lines a task was read from.
    public struct SourceLine: Sendable, Hashable {
        public let number: Int
        public let text: String
        public let isTaskSource: Bool

        public init(number: Int, text: String, isTaskSource: Bool) {
            self.number = number
            self.text = text
            self.isTaskSource = isTaskSource
        }
    }

    public struct Task: Sendable, Hashable {
        public let id: String
        public let section: String
        public let text: String
        public let leadIDs: [String]
        public let supportIDs: [String]
        /// Names the notice wrote that match no unit yet.
        public let pendingNames: [String]
        public let due: CalendarDate?
        public let dueText: String?
        /// The source line the task was read from (nil when it could not be found).
        public let sourceLine: Int?

        public init(
            id: String, section: String, text: String, leadIDs: [String], supportIDs: [String],
            pendingNames: [String],
            due: CalendarDate?, dueText: String?, sourceLine: Int?
        ) {
            self.id = id
            self.section = section
            self.text = text
            self.leadIDs = leadIDs
            self.supportIDs = supportIDs
            self.pendingNames = pendingNames
            self.due = due
            self.dueText = dueText
            self.sourceLine = sourceLine
        }
    }

    public struct Unit: Sendable, Hashable {
        public let id: String
        public let name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public let id: String
    public let title: String
    public let published: Bool
    public let version: Int
    public let lines: [SourceLine]
    public let tasks: [Task]
    public let units: [Unit]
    /// Whether the viewer may correct and publish (the secretariat, on a draft).
    public let canEdit: Bool

    public init(
        id: String, title: String, published: Bool, version: Int, lines: [SourceLine], tasks: [Task],
        units: [Unit],
        canEdit: Bool
    ) {
        self.id = id
        self.title = title
        self.published = published
        self.version = version
        self.lines = lines
        self.tasks = tasks
        self.units = units
        self.canEdit = canEdit
    }

    /// The line of `lines` that `text` was most likely read from: the first line holding the
    /// task's opening words (tone marks, case and spacing ignored), else the line sharing the
    /// most of its words.
    public static func sourceLine(of text: String, in lines: [String], fold: (String) -> String) -> Int? {
        let words = fold(text).split(separator: " ")
        guard !words.isEmpty else { return nil }
        let opening = words.prefix(8).joined(separator: " ")
        let folded = lines.map { fold($0).split(separator: " ").joined(separator: " ") }
        if let index = folded.firstIndex(where: { $0.contains(opening) }) { return index + 1 }
        let wanted = Set(words)
        var best: (line: Int, shared: Int)?
        for (index, line) in folded.enumerated() {
            let shared = Set(line.split(separator: " ")).intersection(wanted).count
            if shared > (best?.shared ?? 2) { best = (index + 1, shared) }
        }
        return best?.line
    }
}

/// Renders the review page.
public enum NoticeReviewView {
    /// The fields of the review forms.
    public enum Field {
        public static let edit = "edit"
        public static let version = "version"
        public static let task = "task"
        public static let text = "text"
        public static let second = "second"
        public static let lead = "lead"
        public static let support = "support"
        public static let due = "due"
        public static let name = "name"
        public static let unit = "unit"
    }

    public static func render(_ model: NoticeReviewModel, frame: PageFrame) -> String {
        Layout.render(
            frame,
            .group(
                .p(.class("crumbs"), .a(.href(SitePath.notices.path), .text("Văn bản"))),
                .h1(.safe(model.title)),
                .p(
                    .class("muted"),
                    .safe(
                        model.published
                            ? "Đã ban hành: \(model.tasks.count) nhiệm vụ đang được theo dõi."
                            : "Chờ rà soát: \(model.tasks.count) nhiệm vụ. Đối chiếu từng nhiệm vụ với văn bản, sửa nếu cần, rồi ban hành."
                    )),
                .if(model.canEdit, publishForm(model, csrf: frame.csrfToken)),
                .div(
                    .class("review"),
                    .element(
                        named: "section",
                        nodes: [
                            .class("source"), .h2("Văn bản gốc"),
                            .ol(
                                .class("lines"),
                                .forEach(model.lines) { line in
                                    .li(
                                        .id("dong-\(line.number)"),
                                        .if(line.isTaskSource, .class("task-source")),
                                        .safe(line.text.isEmpty ? " " : line.text))
                                }),
                        ]),
                    .element(
                        named: "section",
                        nodes: [
                            .class("extracted"), .h2("Nhiệm vụ trích xuất"),
                            .forEach(model.tasks.indices) { index in
                                task(
                                    model.tasks[index], index: index, isLast: index == model.tasks.count - 1,
                                    model, csrf: frame.csrfToken)
                            },
                            .if(model.canEdit, addForm(model, csrf: frame.csrfToken)),
                        ])
                )
            ))
    }

    static func publishForm(_ model: NoticeReviewModel, csrf: String?) -> Node<HTML.BodyContext> {
        .form(
            .class("publish"), .action(SitePath.noticePublish(id: model.id).path), .method(.post),
            Layout.csrfField(csrf), .input(.type(.hidden), .name(Field.version), .value("\(model.version)")),
            .button(.type(.submit), .text("Ban hành và bắt đầu theo dõi"))
        )
    }

    static func task(
        _ task: NoticeReviewModel.Task, index: Int, isLast: Bool, _ model: NoticeReviewModel, csrf: String?
    ) -> Node<HTML.BodyContext> {
        let names = Dictionary(model.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let summary: Node<HTML.BodyContext> = .group(
            .h3(.safe("\(index + 1). " + (task.section.isEmpty ? "" : "Mục \(task.section)"))),
            .unwrap(task.sourceLine) { .p(.a(.href("#dong-\($0)"), .safe("Xem dòng \($0) trong văn bản"))) },
            .if(
                !task.pendingNames.isEmpty,
                .p(
                    .class("flash flash-error"),
                    .safe("Tên đơn vị chưa xác định: " + task.pendingNames.joined(separator: "; "))))
        )
        guard model.canEdit else {
            return .div(
                .class("task-card"), .id("nv-\(task.id)"), summary, .p(.safe(task.text)),
                .p(.safe("Chủ trì: " + task.leadIDs.compactMap { names[$0] }.joined(separator: "; "))),
                .p(.safe("Phối hợp: " + task.supportIDs.compactMap { names[$0] }.joined(separator: "; "))),
                .p(.safe("Thời hạn: " + (task.due.map(Markup.date) ?? "không ghi"))))
        }
        return .div(
            .class("task-card"), .id("nv-\(task.id)"), summary,
            editForm(task, model, csrf: csrf),
            .unwrap(task.pendingNames.first) { _ in resolveForms(task, model, csrf: csrf) },
            .element(
                named: "details",
                nodes: [
                    .element(named: "summary", nodes: [.text("Tách, gộp, xóa")]),
                    small(model, csrf: csrf, edit: "split", task: task.id, label: "Tách thành hai nhiệm vụ") {
                        .group(
                            .label(
                                .text("Phần giữ lại"),
                                .textarea(
                                    .name(Field.text), .attribute(named: "rows", value: "3"), .safe(task.text)
                                )),
                            .label(
                                .text("Phần tách ra"),
                                .textarea(.name(Field.second), .attribute(named: "rows", value: "3"))))
                    },
                    isLast
                        ? .empty
                        : small(
                            model, csrf: csrf, edit: "merge", task: task.id, label: "Gộp với nhiệm vụ sau"
                        ) { .empty },
                    small(model, csrf: csrf, edit: "delete", task: task.id, label: "Xóa nhiệm vụ này") {
                        .empty
                    },
                ])
        )
    }

    static func editForm(_ task: NoticeReviewModel.Task, _ model: NoticeReviewModel, csrf: String?) -> Node<
        HTML.BodyContext
    > {
        .form(
            .class("revise"), .action(SitePath.notice(id: model.id).path), .method(.post),
            .enctype(.multipartData),
            hidden(model, csrf: csrf, edit: "revise", task: task.id),
            .label(
                .text("Nội dung"),
                .textarea(.name(Field.text), .attribute(named: "rows", value: "4"), .safe(task.text))),
            unitSelect(Field.lead, "Đơn vị chủ trì", selected: task.leadIDs, model.units),
            unitSelect(Field.support, "Đơn vị phối hợp", selected: task.supportIDs, model.units),
            .label(
                .safe("Thời hạn" + (task.dueText.map { " (văn bản ghi: \($0))" } ?? "")),
                .input(.type(.date), .name(Field.due), .safe("value", task.due?.iso ?? ""))),
            .button(.type(.submit), .text("Lưu nhiệm vụ"))
        )
    }

    static func resolveForms(_ task: NoticeReviewModel.Task, _ model: NoticeReviewModel, csrf: String?)
        -> Node<HTML.BodyContext>
    {
        .forEach(task.pendingNames) { name in
            .form(
                .class("resolve"), .action(SitePath.noticeName(id: model.id).path), .method(.post),
                Layout.csrfField(csrf), .input(.type(.hidden), .name(Field.name), .safe("value", name)),
                .label(
                    .safe("“\(name)” là đơn vị"),
                    .select(
                        .attribute(named: "name", value: Field.unit), .choice("", "— chọn đơn vị —"),
                        .forEach(model.units) { .choice($0.id, $0.name) })),
                .button(.type(.submit), .text("Ghi nhận (áp dụng cho các văn bản sau)"))
            )
        }
    }

    static func unitSelect(
        _ field: String, _ label: String, selected: [String], _ units: [NoticeReviewModel.Unit]
    )
        -> Node<HTML.FormContext>
    {
        let chosen = Set(selected)
        return .label(
            .safe(label),
            .select(
                .attribute(named: "name", value: field), .attribute(named: "multiple"),
                .attribute(named: "size", value: "5"),
                .forEach(units) { .choice($0.id, $0.name, selected: chosen.contains($0.id)) }))
    }

    static func hidden(_ model: NoticeReviewModel, csrf: String?, edit: String, task: String?) -> Node<
        HTML.FormContext
    > {
        .group(
            Layout.csrfField(csrf),
            .input(.type(.hidden), .name(Field.version), .value("\(model.version)")),
            .input(.type(.hidden), .name(Field.edit), .value(edit)),
            .unwrap(task) { .input(.type(.hidden), .name(Field.task), .safe("value", $0)) })
    }

    static func small(
        _ model: NoticeReviewModel, csrf: String?, edit: String, task: String, label: String,
        _ fields: () -> Node<HTML.FormContext>
    ) -> Node<HTML.BodyContext> {
        .form(
            .class("small"), .action(SitePath.notice(id: model.id).path), .method(.post),
            .enctype(.multipartData),
            hidden(model, csrf: csrf, edit: edit, task: task), fields(), .button(.type(.submit), .safe(label))
        )
    }

    static func addForm(_ model: NoticeReviewModel, csrf: String?) -> Node<HTML.BodyContext> {
        .form(
            .class("add"), .action(SitePath.notice(id: model.id).path), .method(.post),
            .enctype(.multipartData),
            .h3("Thêm nhiệm vụ bị sót"),
            hidden(model, csrf: csrf, edit: "add", task: model.tasks.last?.id),
            .label(
                .text("Nội dung"),
                .textarea(
                    .name(Field.text), .attribute(named: "rows", value: "3"), .attribute(named: "required"))),
            unitSelect(Field.lead, "Đơn vị chủ trì", selected: [], model.units),
            unitSelect(Field.support, "Đơn vị phối hợp", selected: [], model.units),
            .label(.text("Thời hạn"), .input(.type(.date), .name(Field.due))),
            .button(.type(.submit), .text("Thêm vào cuối danh sách"))
        )
    }
}

/// The upload page.
public enum NoticeUploadView {
    public enum Field {
        public static let file = "file"
        public static let text = "text"
        public static let name = "name"
    }

    public static func render(frame: PageFrame, problem: String? = nil) -> String {
        Layout.render(
            frame,
            .group(
                .h1("Tải lên văn bản"),
                .p(
                    .class("muted"),
                    .text(
                        "Thông báo kết luận giao ban hoặc kế hoạch triển khai: tệp .txt, .md (UTF-8), hoặc dán nội dung. Văn bản được nhập ở trạng thái chờ rà soát."
                    )),
                .unwrap(problem) {
                    .p(.class("flash flash-error"), .attribute(named: "role", value: "alert"), .safe($0))
                },
                .form(
                    .action(SitePath.noticeUpload.path), .method(.post), .enctype(.multipartData),
                    Layout.csrfField(frame.csrfToken),
                    .label(
                        .text("Tệp văn bản"),
                        .input(
                            .type(.file), .name(Field.file),
                            .attribute(named: "accept", value: ".txt,.md,text/plain,text/markdown"))),
                    .label(
                        .text("Hoặc dán nội dung văn bản"),
                        .textarea(.name(Field.text), .attribute(named: "rows", value: "12"))),
                    .label(
                        .text("Tên văn bản (khi dán nội dung)"),
                        .input(.type(.text), .name(Field.name), .placeholder("TB-45-SKHCN.txt"))),
                    .button(.type(.submit), .text("Tải lên và trích xuất"))
                )
            ))
    }
}
