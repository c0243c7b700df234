import Deadlines
import SnapshotTesting
import Testing
import Tracking

@testable import WebPages

/// Whole pages rendered from fixed models, compared with the reviewed HTML under
/// `__Snapshots__/PageSnapshotTests/`. A changed page fails with the lines that changed; a page
/// without a reference is recorded on a developer's machine and fails in CI
/// (`SNAPSHOT_TESTING_RECORD=never` in `scripts/test`).
@Suite(.snapshots(record: .missing)) struct PageSnapshotTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    static let frame = PageFrame(
        title: "Trang",
        viewer: Viewer(fullName: "Trần Thị Văn", role: .secretariat, unitName: "Văn phòng Sở"),
        csrfToken: "token", flash: Flash(.success, "Đã cập nhật: Báo cáo tiến độ."), current: .tasks)

    static let overdue = TaskRow(
        id: "t1", noticeSymbol: "12/TB-SKHCN",
        text: "Hoàn thiện dự thảo Quy chế chi tiêu nội bộ năm 2025, trình Giám đốc Sở trước ngày 20/3/2025.",
        leads: ["Văn phòng Sở"], supports: ["Phòng Kế hoạch - Tài chính"], dueText: "trước ngày 20/3/2025",
        deadline: day("2025-03-20"), state: .inProgress, status: .overdue, workingDaysLate: 18, urgent: true,
        pendingExtension: day("2025-04-30"))
    static let open = TaskRow(
        id: "t2", noticeSymbol: "12/TB-SKHCN",
        text: "Tham mưu tổ chức Hội đồng tư vấn xác định nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026.",
        leads: ["Phòng Quản lý khoa học"], supports: [], dueText: "trong tháng 4/2025",
        deadline: day("2025-04-30"),
        state: .assigned, status: .withinDeadline, workingDaysLate: 0, urgent: false, pendingExtension: nil)

    /// One tag per line: a diff shows the element that changed.
    static func lines(_ html: String) -> String { html.replacingOccurrences(of: "><", with: ">\n<") }

    @Test func dashboards() {
        let counts = DashboardModel.UnitLine(
            unitID: "van-phong", unitName: "Văn phòng Sở", doneOnTime: 4, doneLate: 1, withinDeadline: 2,
            overdue: 1)
        let total = DashboardModel.UnitLine(
            unitID: nil, unitName: "Tổng", doneOnTime: 9, doneLate: 2, withinDeadline: 5, overdue: 3)
        for role in Role.allCases {
            let model = DashboardModel(
                role: role, today: Self.day("2025-04-15"),
                period: Self.day("2025-01-01")...Self.day("2025-04-15"),
                units: [counts], total: total, overdue: [Self.overdue], dueThisWeek: [Self.open],
                pendingExtensions: [Self.overdue], reportedDone: [],
                drafts: [
                    .init(
                        id: "d1", title: "20/TB-SKHCN · Kết luận giao ban tháng 4/2025", tasks: 2,
                        unmatchedNames: 1)
                ],
                myTasks: [Self.overdue, Self.open])
            let frame = PageFrame(
                title: "Tổng quan", viewer: Viewer(fullName: "Người dùng", role: role, unitName: nil),
                csrfToken: "token",
                current: .home)
            assertSnapshot(
                of: Self.lines(DashboardView.render(model, frame: frame)), as: .lines, named: role.rawValue)
        }
    }

    @Test func taskList() {
        let model = TaskListModel(
            filters: .init(unitID: "van-phong", state: "in_progress", overdueOn: "15/04/2025"),
            units: [("van-phong", "Văn phòng Sở"), ("quan-ly-khoa-hoc", "Phòng Quản lý khoa học")],
            rows: [Self.overdue, Self.open], hasNext: true, problem: nil)
        assertSnapshot(of: Self.lines(TaskListView.render(model, frame: Self.frame)), as: .lines)
    }

    @Test func taskPage() {
        let model = TaskPageModel(
            task: Self.overdue, section: "1", noticeID: "d0",
            noticeTitle: "12/TB-SKHCN · Kết luận giao ban tháng 3/2025",
            assignedOn: Self.day("2025-03-05"), reportedDoneOn: nil, completedOn: nil,
            dueDate: Self.day("2025-03-20"),
            extensions: [], version: 3,
            earlier: [
                .init(id: "t0", noticeSymbol: "5/TB-SKHCN", text: "Xây dựng dự thảo Quy chế", state: .stopped)
            ],
            history: [
                .init(
                    at: "05/03/2025 09:00", actor: "Trần Thị Văn",
                    body: "Giao nhiệm vụ theo văn bản số 12/TB-SKHCN", attachments: []),
                .init(
                    at: "20/03/2025 16:30", actor: "Lê Văn Trưởng",
                    body: "Báo cáo tiến độ: đã xin ý kiến các phòng",
                    attachments: [.init(id: "f1", name: "du-thao.docx", bytes: 52_000)]),
            ],
            actions: [.reportProgress, .reportDone, .approveExtension, .comment],
            today: Self.day("2025-04-15"))
        assertSnapshot(of: Self.lines(TaskPageView.render(model, frame: Self.frame)), as: .lines)
    }

    @Test func signInAndErrorPages() {
        assertSnapshot(
            of: Self.lines(
                SignInView.render(
                    login: "vanphong", next: "/nhiem-vu", problem: "Tên đăng nhập hoặc mật khẩu không đúng.",
                    csrfToken: "token")),
            as: .lines, named: "sign-in")
        assertSnapshot(
            of: Self.lines(
                ErrorPageView.render(
                    status: 409, message: "Dữ liệu đã được người khác thay đổi.", frame: Self.frame)),
            as: .lines, named: "conflict")
    }

    @Test func noticeReview() {
        let model = NoticeReviewModel(
            id: "d1", title: "20/TB-SKHCN · Kết luận giao ban tháng 4/2025", published: false, version: 2,
            lines: [
                .init(number: 1, text: "THÔNG BÁO", isTaskSource: false),
                .init(
                    number: 2, text: "1. Giao Văn phòng Sở tiếp tục hoàn thiện dự thảo Quy chế.",
                    isTaskSource: true),
            ],
            tasks: [
                .init(
                    id: "t1", section: "1", text: "Giao Văn phòng Sở tiếp tục hoàn thiện dự thảo Quy chế.",
                    leadIDs: ["van-phong"], supportIDs: [], pendingNames: ["Tổ công tác"],
                    due: Self.day("2025-04-25"),
                    dueText: "trước ngày 25/4/2025", sourceLine: 2)
            ],
            units: [
                .init(id: "van-phong", name: "Văn phòng Sở"), .init(id: "thanh-tra", name: "Thanh tra Sở"),
            ],
            canEdit: true)
        assertSnapshot(of: Self.lines(NoticeReviewView.render(model, frame: Self.frame)), as: .lines)
    }
}
