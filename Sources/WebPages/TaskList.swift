import Deadlines
import Plot
import Tracking

/// The task list with its filters: unit, state, period, notice, overdue as of a day, words.
public struct TaskListModel: Sendable, Hashable {
    /// The filters as the form holds them (text, to show back what was typed).
    public struct Filters: Sendable, Hashable {
        public var unitID: String?
        public var state: String?
        /// A month, "2025-02".
        public var period: String?
        public var noticeID: String?
        /// "dd/mm/yyyy" or "yyyy-mm-dd".
        public var overdueOn: String?
        public var words: String?
        /// The page shown, from 1.
        public var page: Int

        public init(
            unitID: String? = nil, state: String? = nil, period: String? = nil, noticeID: String? = nil,
            overdueOn: String? = nil, words: String? = nil, page: Int = 1
        ) {
            self.page = max(1, page)
            self.unitID = unitID
            self.state = state
            self.period = period
            self.noticeID = noticeID
            self.overdueOn = overdueOn
            self.words = words
        }
    }

    public let filters: Filters
    /// The units the unit filter offers: (directory id, name).
    public let units: [(id: String, name: String)]
    public let rows: [TaskRow]
    /// Whether a next page has more tasks.
    public let hasNext: Bool
    /// A problem with the filters, said in Vietnamese (the list is empty then).
    public let problem: String?

    public init(
        filters: Filters, units: [(id: String, name: String)], rows: [TaskRow], hasNext: Bool,
        problem: String?
    ) {
        self.filters = filters
        self.units = units
        self.rows = rows
        self.hasNext = hasNext
        self.problem = problem
    }

    public static func == (a: TaskListModel, b: TaskListModel) -> Bool {
        a.filters == b.filters && a.units.map(\.id) == b.units.map(\.id)
            && a.units.map(\.name) == b.units.map(\.name)
            && a.rows == b.rows && a.hasNext == b.hasNext && a.problem == b.problem
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(filters)
        hasher.combine(rows)
    }
}

/// Renders the task list.
public enum TaskListView {
    /// The query keys of the filter form (Vietnamese, without tone marks, like the paths).
    public enum Key {
        public static let unit = "don-vi"
        public static let state = "trang-thai"
        public static let period = "thang"
        public static let notice = "van-ban"
        public static let overdueOn = "qua-han-ngay"
        public static let words = "tu-khoa"
        public static let page = "trang"
    }

    /// The state filter's value for every task, closed ones too. Without a state the list holds
    /// the tasks still followed up (assigned, in progress, reported done): what a unit opens the
    /// list for, and the part of ten years of tasks that an index finds without reading the rest.
    public static let everyState = "tat-ca"

    public static func render(_ model: TaskListModel, frame: PageFrame) -> String {
        Layout.render(frame, html: content(model))
    }

    /// The page's body without its frame: the same for everyone who asks for these filters.
    public static func content(_ model: TaskListModel) -> String {
        Node<HTML.BodyContext>.group(
            .h1("Nhiệm vụ"),
            filterForm(model),
            .unwrap(model.problem) {
                .p(.class("flash flash-error"), .attribute(named: "role", value: "alert"), .safe($0))
            },
            .p(.class("muted"), .safe(summary(model))),
            TaskTable.render(model.rows, empty: "Không có nhiệm vụ nào phù hợp."),
            pager(model)
        ).render()
    }

    /// The tasks a page holds: a screenful or two on a phone, and a page that renders in a few
    /// milliseconds (100 rows took 40 % of the list's time under load, the rendering alone).
    public static let pageSize = 50

    static func summary(_ model: TaskListModel) -> String {
        let page = model.filters.page
        guard page > 1 || model.hasNext else { return "\(model.rows.count) nhiệm vụ" }
        let first = (page - 1) * pageSize + 1
        return "Nhiệm vụ \(first)–\(first + model.rows.count - 1), trang \(page)"
    }

    /// Links to the previous and next pages, keeping the filters.
    static func pager(_ model: TaskListModel) -> Node<HTML.BodyContext> {
        let f = model.filters
        func link(_ page: Int) -> String {
            SitePath.tasks.with(query: [
                (Key.unit, f.unitID), (Key.state, f.state), (Key.period, f.period), (Key.notice, f.noticeID),
                (Key.overdueOn, f.overdueOn), (Key.words, f.words), (Key.page, page > 1 ? "\(page)" : nil),
            ])
        }
        return .nav(
            .class("pager"), .attribute(named: "aria-label", value: "Trang"),
            .if(f.page > 1, .a(.safeAttribute("href", link(f.page - 1)), .text("‹ Trang trước"))),
            .if(model.hasNext, .a(.safeAttribute("href", link(f.page + 1)), .text("Trang sau ›"))))
    }

    static func filterForm(_ model: TaskListModel) -> Node<HTML.BodyContext> {
        let f = model.filters
        let unit: Node<HTML.FormContext> = .label(
            .text("Đơn vị"),
            .select(
                .attribute(named: "name", value: Key.unit), .choice("", "Tất cả"),
                .forEach(model.units) { unit in .choice(unit.id, unit.name, selected: unit.id == f.unitID) }))
        let state: Node<HTML.FormContext> = .label(
            .text("Trạng thái"),
            .select(
                .attribute(named: "name", value: Key.state),
                .choice("", "Chưa hoàn thành", selected: (f.state ?? "").isEmpty),
                .choice(everyState, "Tất cả", selected: f.state == everyState),
                .forEach(AssignmentState.allCases) { state in
                    .choice(state.rawValue, state.vietnamese, selected: state.rawValue == f.state)
                }))
        let period: Node<HTML.FormContext> = .label(
            .text("Tháng giao"), .input(.type(.month), .name(Key.period), .safe("value", f.period ?? "")))
        let overdue: Node<HTML.FormContext> = .label(
            .text("Quá hạn tính đến ngày"),
            .input(
                .type(.text), .name(Key.overdueOn), .safe("value", f.overdueOn ?? ""),
                .placeholder("dd/mm/yyyy")))
        let words: Node<HTML.FormContext> = .label(
            .text("Từ khóa"), .input(.type(.search), .name(Key.words), .safe("value", f.words ?? "")))
        let notice: Node<HTML.FormContext> = .unwrap(f.noticeID) {
            .input(.type(.hidden), .name(Key.notice), .safe("value", $0))
        }
        return .form(
            .class("filters"), .action(SitePath.tasks.path), .method(.get),
            unit, state, period, overdue, words, notice, .button(.type(.submit), .text("Lọc")))
    }
}
