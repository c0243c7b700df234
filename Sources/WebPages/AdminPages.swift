import Deadlines
import Plot
import Tracking

/// The unit directory and the written names that await a unit (the secretariat's).
public struct UnitsModel: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public let id: String
        public let name: String
        public let kind: String
        public let names: [String]
        public let active: Bool

        public init(id: String, name: String, kind: String, names: [String], active: Bool) {
            self.id = id
            self.name = name
            self.kind = kind
            self.names = names
            self.active = active
        }
    }

    public struct Pending: Sendable, Hashable {
        public let writtenName: String
        public let count: Int

        public init(writtenName: String, count: Int) {
            self.writtenName = writtenName
            self.count = count
        }
    }

    public let units: [Line]
    public let pending: [Pending]

    public init(units: [Line], pending: [Pending]) {
        self.units = units
        self.pending = pending
    }
}

public enum UnitsView {
    public static func render(_ model: UnitsModel, frame: PageFrame) -> String {
        Layout.render(
            frame,
            .group(
                .h1("Đơn vị"),
                .element(
                    named: "section",
                    nodes: [
                        .h2(.safe("Tên đơn vị chưa xác định (\(model.pending.count))")),
                        model.pending.isEmpty
                            ? .p(.class("empty"), .text("Mọi tên đơn vị trong các văn bản đã được xác định."))
                            : .div(
                                .forEach(model.pending) { pending in
                                    .form(
                                        .class("resolve"), .action(SitePath.unitNames.path), .method(.post),
                                        Layout.csrfField(frame.csrfToken),
                                        .input(
                                            .type(.hidden), .name("name"), .safe("value", pending.writtenName)
                                        ),
                                        .label(
                                            .safe(
                                                "“\(pending.writtenName)” (\(pending.count) lần) là đơn vị"),
                                            .select(
                                                .attribute(named: "name", value: "unit"),
                                                .choice("", "— chọn đơn vị —"),
                                                .forEach(model.units.filter(\.active)) {
                                                    .choice($0.id, $0.name)
                                                })),
                                        .button(.type(.submit), .text("Ghi nhận"))
                                    )
                                }),
                    ]),
                .element(
                    named: "section",
                    nodes: [
                        .h2("Danh mục đơn vị"),
                        .table(
                            .class("notices"),
                            .thead(
                                .tr(
                                    .th("Đơn vị"), .th("Loại"), .th("Tên viết tắt, tên khác"),
                                    .th("Trạng thái"))),
                            .tbody(
                                .forEach(model.units) { unit in
                                    .tr(
                                        .td(
                                            .attribute(named: "data-label", value: "Đơn vị"), .safe(unit.name)
                                        ),
                                        .td(.attribute(named: "data-label", value: "Loại"), .safe(unit.kind)),
                                        .td(
                                            .attribute(named: "data-label", value: "Tên khác"),
                                            .safe(unit.names.joined(separator: "; "))),
                                        .td(
                                            .attribute(named: "data-label", value: "Trạng thái"),
                                            .safe(unit.active ? "Đang hoạt động" : "Ngừng hoạt động")))
                                })),
                    ])
            ))
    }
}

/// The organization's people (the secretariat's).
public struct UsersModel: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public let id: String
        public let fullName: String
        public let login: String
        public let role: Role
        public let unitID: String?
        public let active: Bool

        public init(id: String, fullName: String, login: String, role: Role, unitID: String?, active: Bool) {
            self.id = id
            self.fullName = fullName
            self.login = login
            self.role = role
            self.unitID = unitID
            self.active = active
        }
    }

    public let people: [Line]
    public let units: [NoticeReviewModel.Unit]
    /// A password just set, shown this once: (sign-in name, password).
    public let newPassword: (login: String, password: String)?

    public init(
        people: [Line], units: [NoticeReviewModel.Unit], newPassword: (login: String, password: String)?
    ) {
        self.people = people
        self.units = units
        self.newPassword = newPassword
    }

    public static func == (a: UsersModel, b: UsersModel) -> Bool {
        a.people == b.people && a.units == b.units && a.newPassword?.login == b.newPassword?.login
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(people) }
}

public enum UsersView {
    public static func render(_ model: UsersModel, frame: PageFrame) -> String {
        let names = Dictionary(model.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return Layout.render(
            frame,
            .group(
                .h1("Người dùng"),
                .unwrap(model.newPassword) { new in
                    .div(
                        .class("flash flash-success"), .attribute(named: "role", value: "status"),
                        .safe("Mật khẩu của \(new.login): "),
                        .element(named: "code", nodes: [.safe(new.password)]),
                        .safe(
                            " — chỉ hiển thị lần này; hãy trao cho người dùng và đề nghị đổi sau khi đăng nhập."
                        ))
                },
                .table(
                    .class("notices"),
                    .thead(.tr(.th("Họ tên"), .th("Tên đăng nhập"), .th("Vai trò, đơn vị"), .th("Mật khẩu"))),
                    .tbody(
                        .forEach(model.people) { person in
                            .tr(
                                .td(.attribute(named: "data-label", value: "Họ tên"), .safe(person.fullName)),
                                .td(
                                    .attribute(named: "data-label", value: "Tên đăng nhập"),
                                    .safe(person.login)),
                                .td(
                                    .attribute(named: "data-label", value: "Vai trò"),
                                    .form(
                                        .class("inline-edit"), .action(SitePath.user(id: person.id).path),
                                        .method(.post),
                                        Layout.csrfField(frame.csrfToken),
                                        roleSelect(person.role), unitSelect(person.unitID, model.units),
                                        .label(
                                            .input(
                                                .type(.checkbox), .name("active"), .value("true"),
                                                person.active ? .checked(true) : .empty),
                                            .text("Được đăng nhập")),
                                        .button(.type(.submit), .text("Lưu")),
                                        .span(
                                            .class("source"), .safe(person.unitID.flatMap { names[$0] } ?? "")
                                        )
                                    )),
                                .td(
                                    .attribute(named: "data-label", value: "Mật khẩu"),
                                    .form(
                                        .action(SitePath.userPassword(id: person.id).path), .method(.post),
                                        Layout.csrfField(frame.csrfToken),
                                        .button(.type(.submit), .text("Đặt mật khẩu mới"))))
                            )
                        })),
                .h2("Thêm người dùng"),
                .form(
                    .class("add"), .action(SitePath.users.path), .method(.post),
                    Layout.csrfField(frame.csrfToken),
                    .label(.text("Họ tên"), .input(.type(.text), .name("fullName"), .required(true))),
                    .label(
                        .text("Tên đăng nhập (chữ không dấu, số, . _ -)"),
                        .input(.type(.text), .name("login"), .required(true))),
                    .label(.text("Thư điện tử"), .input(.type(.email), .name("email"))),
                    roleSelect(nil), unitSelect(nil, model.units),
                    .button(.type(.submit), .text("Thêm và tạo mật khẩu"))
                )
            ))
    }

    static func roleSelect(_ role: Role?) -> Node<HTML.FormContext> {
        .label(
            .text("Vai trò"),
            .select(
                .attribute(named: "name", value: "role"),
                .forEach(Role.allCases) { .choice($0.rawValue, $0.vietnamese, selected: $0 == role) }))
    }

    static func unitSelect(_ unit: String?, _ units: [NoticeReviewModel.Unit]) -> Node<HTML.FormContext> {
        .label(
            .text("Đơn vị"),
            .select(
                .attribute(named: "name", value: "unit"), .choice("", "— không thuộc đơn vị —"),
                .forEach(units) { .choice($0.id, $0.name, selected: $0.id == unit) }))
    }
}

/// Search over tasks and notices.
public struct SearchModel: Sendable, Hashable {
    public let words: String
    public let tasks: [TaskRow]
    public let notices: [NoticeListModel.Line]
    public let problem: String?

    public init(words: String, tasks: [TaskRow], notices: [NoticeListModel.Line], problem: String?) {
        self.words = words
        self.tasks = tasks
        self.notices = notices
        self.problem = problem
    }
}

public enum SearchView {
    public static func render(_ model: SearchModel, frame: PageFrame) -> String {
        Layout.render(
            frame,
            .group(
                .h1("Tìm kiếm"),
                .form(
                    .class("filters"), .action(SitePath.search.path), .method(.get),
                    .label(
                        .text("Từ khóa (không cần dấu)"),
                        .input(.type(.search), .name("q"), .safe("value", model.words), .flag("autofocus"))),
                    .button(.type(.submit), .text("Tìm"))),
                .unwrap(model.problem) {
                    .p(.class("flash flash-error"), .attribute(named: "role", value: "alert"), .safe($0))
                },
                .if(
                    !model.words.isEmpty && model.problem == nil,
                    .group(
                        .h2(.safe("Văn bản (\(model.notices.count))")),
                        .ul(
                            .forEach(model.notices) { line in
                                .li(
                                    .a(
                                        .safeAttribute("href", SitePath.notice(id: line.id).path),
                                        .safe(line.title)))
                            }),
                        .h2(.safe("Nhiệm vụ (\(model.tasks.count))")),
                        TaskTable.render(model.tasks, empty: "Không có nhiệm vụ nào chứa các từ này.")
                    ))
            ))
    }
}
