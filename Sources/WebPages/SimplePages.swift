import Deadlines
import Plot
import Tracking

/// The sign-in page.
public enum SignInView {
    public enum Field {
        public static let login = "login"
        public static let password = "password"
        /// Where to go after signing in (a path of this site).
        public static let next = "next"
    }

    public static func render(login: String, next: String?, problem: String?, csrfToken: String) -> String {
        Layout.render(
            PageFrame(title: "Đăng nhập", viewer: nil, csrfToken: csrfToken),
            .div(
                .class("signin"),
                .h1("Đăng nhập DonDoc"),
                .p(.class("muted"), .text("Theo dõi, đôn đốc thực hiện nhiệm vụ sau giao ban.")),
                .unwrap(problem) {
                    .p(.class("flash flash-error"), .attribute(named: "role", value: "alert"), .safe($0))
                },
                .form(
                    .action(SitePath.signIn.path), .method(.post),
                    Layout.csrfField(csrfToken),
                    .unwrap(next) { .input(.type(.hidden), .name(Field.next), .safe("value", $0)) },
                    .label(
                        .text("Tên đăng nhập"),
                        .input(
                            .type(.text), .name(Field.login), .safe("value", login), .required(true),
                            .attribute(named: "autocomplete", value: "username"), .flag("autofocus"))),
                    .label(
                        .text("Mật khẩu"),
                        .input(
                            .type(.password), .name(Field.password), .required(true),
                            .attribute(named: "autocomplete", value: "current-password"))),
                    .button(.type(.submit), .text("Đăng nhập"))
                )
            ))
    }
}

/// A page that says what went wrong, in a sentence, and where to go from there.
public enum ErrorPageView {
    public static func render(status: Int, message: String, frame: PageFrame) -> String {
        Layout.render(
            frame,
            .div(
                .class("error-page"),
                .h1(.safe(title(status))),
                .p(.attribute(named: "role", value: "alert"), .safe(message)),
                .p(.a(.href(SitePath.home.path), .text("Về trang tổng quan")))
            ))
    }

    static func title(_ status: Int) -> String {
        switch status {
        case 400, 422: "Dữ liệu chưa hợp lệ"
        case 401: "Cần đăng nhập"
        case 403: "Không có quyền"
        case 404: "Không tìm thấy"
        case 409: "Dữ liệu đã thay đổi"
        case 413: "Tệp quá lớn"
        case 415: "Loại tệp không được hỗ trợ"
        case 429: "Thử lại sau"
        default: "Có lỗi xảy ra"
        }
    }
}

/// The notices of the organization.
public struct NoticeListModel: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public let id: String
        public let title: String
        public let symbol: String?
        public let issued: CalendarDate?
        public let published: Bool
        public let tasks: Int
        public let unmatchedNames: Int

        public init(
            id: String, title: String, symbol: String?, issued: CalendarDate?, published: Bool, tasks: Int,
            unmatchedNames: Int
        ) {
            self.id = id
            self.title = title
            self.symbol = symbol
            self.issued = issued
            self.published = published
            self.tasks = tasks
            self.unmatchedNames = unmatchedNames
        }
    }

    public let lines: [Line]
    public let canUpload: Bool

    public init(lines: [Line], canUpload: Bool) {
        self.lines = lines
        self.canUpload = canUpload
    }
}

/// Renders the notice list.
public enum NoticeListView {
    public static func render(_ model: NoticeListModel, frame: PageFrame) -> String {
        Layout.render(
            frame,
            .group(
                .h1("Văn bản"),
                .if(
                    model.canUpload,
                    .p(.a(.class("button"), .href(SitePath.noticeUpload.path), .text("Tải lên văn bản mới")))),
                model.lines.isEmpty
                    ? .p(.class("empty"), .text("Chưa có văn bản nào."))
                    : .table(
                        .class("notices"),
                        .thead(
                            .tr(
                                .th("Số, ký hiệu"), .th("Ngày"), .th("Trích yếu"), .th("Nhiệm vụ"),
                                .th("Trạng thái"))),
                        .tbody(
                            .forEach(model.lines) { line in
                                .tr(
                                    .td(
                                        .attribute(named: "data-label", value: "Số, ký hiệu"),
                                        .safe(line.symbol ?? "")),
                                    .td(
                                        .attribute(named: "data-label", value: "Ngày"),
                                        .safe(Markup.date(line.issued))),
                                    .td(
                                        .attribute(named: "data-label", value: "Trích yếu"),
                                        .a(
                                            .safeAttribute("href", SitePath.notice(id: line.id).path),
                                            .safe(line.title))),
                                    .td(
                                        .attribute(named: "data-label", value: "Nhiệm vụ"),
                                        .text("\(line.tasks)")),
                                    .td(
                                        .attribute(named: "data-label", value: "Trạng thái"),
                                        .safe(line.published ? "Đã ban hành" : "Chờ rà soát"),
                                        .if(
                                            line.unmatchedNames > 0,
                                            .span(
                                                .class("badge"),
                                                .safe(" \(line.unmatchedNames) tên đơn vị chưa xác định"))))
                                )
                            })
                    )
            ))
    }
}
