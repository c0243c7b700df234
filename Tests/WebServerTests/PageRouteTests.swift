import Foundation
import HTTPTypes
import Store
import TestSupport
import Testing
import Tracking
import WebPages

@testable import WebServer

@Suite struct SignInTests {
    @Test(arguments: TestDatabases.all)
    func aPersonSignsInSeesTheirDashboardAndSignsOut(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { _, client in
            var browser = Browser(client)
            let before = try await browser.get("/")
            #expect(before.status == .seeOther)
            #expect(before.location == "/dang-nhap?next=%2F")

            let wrong = try await browser.signIn("vanphong", password: "sai")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            let anonymousCookie = browser.cookie

            let signedIn = try await browser.signIn("vanphong")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/")
            // A new session id on signing in (no session fixation).
            #expect(browser.cookie != nil && browser.cookie != anonymousCookie)

            let dashboard = try await browser.get("/")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("Người vanphong"))
            #expect(dashboard.body.contains("Báo cáo hoàn thành chờ xác nhận"))

            let out = try await browser.post("/dang-xuat", [])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test(arguments: TestDatabases.all)
    func failedSignInsAreThrottledPerName(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { _, client in
            var browser = Browser(client)
            for _ in 0..<SignInRoutes.perName {
                #expect(try await browser.signIn("lanhdao", password: "sai").status == .unauthorized)
            }
            // Even the right password waits now.
            let throttled = try await browser.signIn("lanhdao")
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.body.contains("Đăng nhập sai quá nhiều lần"))
            // Another name is not held up.
            #expect(try await browser.signIn("vanphong").status == .seeOther)
        }
    }

    @Test(arguments: TestDatabases.all)
    func aSignInWithoutTheFormsTokenIsRefused(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { _, client in
            var browser = Browser(client)
            _ = try await browser.get("/dang-nhap")
            let forged = try await browser.post(
                "/dang-nhap", [("login", "vanphong"), ("password", WebFixture.password("vanphong"))],
                csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("Biểu mẫu đã hết hạn"))
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func nextLeadsOnlyToThisSite() {
        #expect(SignInRoutes.safeNext("/nhiem-vu?don-vi=thanh-tra") == "/nhiem-vu?don-vi=thanh-tra")
        for bad in ["//evil.example/", "https://evil.example/", "/\\evil.example", "nhiem-vu", "/a\nb", ""] {
            #expect(SignInRoutes.safeNext(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct TaskPageTests {
    @Test(arguments: TestDatabases.all)
    func aUnitHeadReportsProgressWithAFileAndTheHistoryShowsIt(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            let task = try await fixture.task("Hội đồng tư vấn")
            var browser = Browser(client)
            try await browser.signIn("truongqlkh")
            let page = try await browser.get(SitePath.task(id: task.id).path)
            #expect(page.status == .ok)
            #expect(page.body.contains("action-report_progress"))
            #expect(!page.body.contains("action-confirm_done"))

            let posted = try await browser.postMultipart(
                SitePath.taskAction(id: task.id).path,
                [
                    ("action", "report_progress"), ("version", "\(task.version)"),
                    ("note", "Đã họp <script>alert(1)</script>"),
                ],
                files: [(field: "file", name: "bien-ban.txt", data: Data("biên bản".utf8))])
            #expect(posted.status == .seeOther)
            #expect(posted.location == SitePath.task(id: task.id).path)

            let after = try await browser.get(SitePath.task(id: task.id).path)
            #expect(after.body.contains("Đã cập nhật: Báo cáo tiến độ."))
            #expect(after.body.contains("Đã họp &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!after.body.contains("<script>"))
            #expect(after.body.contains("bien-ban.txt"))
            // The flash is shown once.
            #expect(!(try await browser.get(SitePath.task(id: task.id).path).body.contains("Đã cập nhật")))
            let stored = try #require(try await fixture.store.task(id: task.id))
            #expect(stored.state == .inProgress)
            #expect(stored.version == task.version + 1)
        }
    }

    @Test(arguments: TestDatabases.all)
    func theSecretariatSeesWhatUnitsReportedSinceTheLastMeeting(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            let task = try await fixture.task("Hội đồng tư vấn")
            var clerk = Browser(client)
            try await clerk.signIn("vanphong")
            #expect(
                try await clerk.get("/").body.contains(
                    "Các đơn vị đã báo cáo từ sau cuộc họp ngày 05/03/2025 (0)"))
            var head = Browser(client)
            try await head.signIn("truongqlkh")
            _ = try await head.get(SitePath.task(id: task.id).path)
            _ = try await head.postMultipart(
                SitePath.taskAction(id: task.id).path,
                [
                    ("action", "report_progress"), ("version", "\(task.version)"),
                    ("note", "Đã lập danh sách hội đồng"),
                ])
            let dashboard = try await clerk.get("/").body
            #expect(dashboard.contains("Các đơn vị đã báo cáo từ sau cuộc họp ngày 05/03/2025 (1)"))
            #expect(dashboard.contains("Báo cáo tiến độ: Đã lập danh sách hội đồng"))
            #expect(dashboard.contains("Người truongqlkh"))
        }
    }

    @Test(arguments: TestDatabases.all)
    func anotherUnitsTaskAStaleFormAndAForgedFormChangeNothing(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            let task = try await fixture.task("Hội đồng tư vấn")
            let path = SitePath.taskAction(id: task.id).path
            var browser = Browser(client)
            try await browser.signIn("truongthanhtra")
            _ = try await browser.get(SitePath.task(id: task.id).path)
            let otherUnit = try await browser.postMultipart(
                path, [("action", "report_progress"), ("version", "\(task.version)"), ("note", "x")])
            #expect(otherUnit.status == .forbidden)
            #expect(otherUnit.body.contains("không được giao nhiệm vụ này"))

            var head = Browser(client)
            try await head.signIn("truongqlkh")
            _ = try await head.get(SitePath.task(id: task.id).path)
            #expect(
                try await head.postMultipart(path, [("action", "start"), ("version", "\(task.version)")])
                    .status
                    == .seeOther)
            let stale = try await head.postMultipart(
                path, [("action", "comment"), ("version", "\(task.version)"), ("note", "muộn")])
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("Dữ liệu đã được người khác thay đổi"))

            head.csrf = "forged"
            let forged = try await head.postMultipart(
                path, [("action", "comment"), ("version", "\(task.version + 1)"), ("note", "giả")])
            #expect(forged.status == .forbidden)

            let events = try await fixture.store.events(ofTask: task.id)
            #expect(events.map(\.kind).filter { $0 != "created" } == ["started"])
        }
    }

    @Test(arguments: TestDatabases.all)
    func everyResponseCarriesTheSecurityHeadersAndErrorsAreVietnamesePages(dialect: StoreDialect) async throws
    {
        try await WebFixture.run(dialect) { _, client in
            var browser = Browser(client)
            try await browser.signIn("lanhdao")
            for path in ["/", "/nhiem-vu", "/khong-co", "/nhiem-vu/khong-co", "/healthz", "/dang-nhap"] {
                let page = try await browser.get(path)
                #expect(
                    page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(path)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff", "\(path)")
            }
            let missing = try await browser.get("/nhiem-vu/khong-co")
            #expect(missing.status == .notFound)
            #expect(missing.body.contains("Không tìm thấy"))
            let badFilter = try await browser.get("/nhiem-vu?qua-han-ngay=31/02/2025")
            #expect(badFilter.status == .badRequest)
            #expect(badFilter.body.contains("Ngày “31/02/2025” không hợp lệ"))
        }
    }

    @Test(arguments: TestDatabases.all)
    func theTaskListFiltersByUnitAndOverdueDay(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            var browser = Browser(client)
            try await browser.signIn("vanphong")
            let all = try await browser.get("/nhiem-vu")
            #expect(all.body.contains("3 nhiệm vụ"))
            let inspection = try await browser.get("/nhiem-vu?don-vi=thanh-tra")
            #expect(inspection.body.contains("1 nhiệm vụ"))
            #expect(inspection.body.contains("xăng dầu"))
            // By 15/04/2025 the tasks due on 20/3 and 10/4 are overdue, the one due in April is not.
            let overdue = try await browser.get("/nhiem-vu?qua-han-ngay=15/04/2025")
            #expect(overdue.body.contains("2 nhiệm vụ"))
            #expect(!overdue.body.contains("Hội đồng tư vấn"))

            // The list holds the tasks still followed up unless every state or a closed one is
            // asked for; the API lists every state by default.
            var task = try await fixture.task("xăng dầu")
            let secretariat = Participant(role: .secretariat, unitIDs: ["van-phong"], userID: "test")
            for action in [AssignmentAction.reportDone(on: WebFixture.today, note: "xong"), .confirmDone] {
                task = try await fixture.store.apply(
                    action, toTask: task.id, by: secretariat, expectedVersion: task.version, actor: "test",
                    calendar: Notices.calendar, today: WebFixture.today)
            }
            let open = try await browser.get("/nhiem-vu")
            #expect(open.body.contains("2 nhiệm vụ") && !open.body.contains("xăng dầu"))
            #expect(open.body.contains("<option value selected>Chưa hoàn thành</option>"))
            let every = try await browser.get("/nhiem-vu?trang-thai=tat-ca")
            #expect(every.body.contains("3 nhiệm vụ") && every.body.contains("xăng dầu"))
            #expect(every.body.contains(#"<option value="tat-ca" selected>Tất cả</option>"#))
            let done = try await browser.get("/nhiem-vu?trang-thai=done&don-vi=thanh-tra")
            #expect(done.body.contains("1 nhiệm vụ") && done.body.contains("xăng dầu"))
            let inspectionOpen = try await browser.get("/nhiem-vu?don-vi=thanh-tra")
            #expect(inspectionOpen.body.contains("Không có nhiệm vụ nào phù hợp."))
        }
    }
}
