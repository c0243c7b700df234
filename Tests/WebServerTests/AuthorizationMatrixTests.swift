import Deadlines
import Foundation
import HTTPTypes
import Store
import TestSupport
import Testing
import Tracking
import WebPages

@testable import WebServer

/// Every role against every action that changes the record, through the pages and through the
/// API: the ones allowed succeed, the others are refused with 403 and change nothing.
///
/// The expected table is written out here from the issue's rules (lãnh đạo decides extensions
/// and may stop or reopen; văn phòng manages notices, units, users and confirms completion;
/// a unit's head and officers update their own unit's tasks, the head requests extensions),
/// not computed from the code under test.
@Suite struct AuthorizationMatrixTests {
    /// The people of `WebFixture`, by how they stand to a task led by the Phòng Quản lý khoa học.
    static let personas = ["lanhdao", "vanphong", "truongqlkh", "chuyenvienqlkh", "truongthanhtra"]

    /// Who may take each task action.
    static let taskActions: [(AssignmentAction.Kind, allowed: Set<String>)] = [
        (.start, ["vanphong", "truongqlkh", "chuyenvienqlkh"]),
        (.reportProgress, ["vanphong", "truongqlkh", "chuyenvienqlkh"]),
        (.reportDone, ["vanphong", "truongqlkh", "chuyenvienqlkh"]),
        (.confirmDone, ["vanphong"]),
        (.returnForRework, ["vanphong"]),
        (.stop, ["lanhdao", "vanphong"]),
        (.reopen, ["lanhdao", "vanphong"]),
        (.requestExtension, ["truongqlkh"]),
        (.approveExtension, ["lanhdao"]),
        (.denyExtension, ["lanhdao"]),
        (.comment, ["lanhdao", "vanphong", "truongqlkh", "chuyenvienqlkh"]),
    ]

    /// The other actions that change the record: only the secretariat's.
    static let adminActions = [
        "upload notice", "edit draft", "publish notice", "resolve name (notice)", "resolve name (units)",
        "add user",
        "update user", "new password",
    ]
    static let apiAdminActions = [
        "import notice", "edit draft", "publish notice", "learn alias", "add user", "update user",
        "token for another",
    ]

    static let secretariat = Participant(role: .secretariat)
    static let head = Participant(role: .unitHead, unitIDs: ["quan-ly-khoa-hoc"])

    /// A published notice with one task led by the Phòng Quản lý khoa học, due 30/5/2025, brought
    /// to a state where `kind` is possible; the task.
    static func task(for kind: AssignmentAction.Kind, number: Int, _ fixture: WebFixture) async throws
        -> TaskRecord
    {
        let text = """
            SỞ KHOA HỌC VÀ CÔNG NGHỆ
            Số: \(100 + number)/TB-SKHCN
            Nghệ An, ngày 08 tháng 4 năm 2025

            THÔNG BÁO
            Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 4/2025

            1. Giao Phòng Quản lý khoa học chủ trì rà soát hồ sơ đề tài số \(number), hoàn thành trước ngày 30/5/2025.
            """
        let (org, notice) = try await Notices.load(text, name: "matrix-\(number).txt", into: fixture.store)
        var task = try #require(
            try await fixture.store.tasks(in: org, TaskQuery(documentID: notice.documentID)).first)
        func apply(_ action: AssignmentAction, _ who: Participant) async throws {
            task = try await fixture.store.apply(
                action, toTask: task.id, by: who, expectedVersion: task.version, actor: "test",
                calendar: Notices.calendar,
                today: WebFixture.today)
        }
        switch kind {
        case .confirmDone, .returnForRework:
            try await apply(.reportDone(on: WebFixture.today, note: "xong"), secretariat)
        case .reopen:
            try await apply(.stop(reason: "không còn phù hợp"), secretariat)
        case .approveExtension, .denyExtension:
            try await apply(.requestExtension(to: Notices.date("2025-06-30"), reason: "chờ ý kiến"), head)
        default: break
        }
        return task
    }

    /// The fields of `kind` that the workflow needs.
    static func fields(_ kind: AssignmentAction.Kind) -> [(String, String)] {
        switch kind {
        case .reportDone: [("date", "2025-04-15"), ("note", "đã xong")]
        case .requestExtension, .approveExtension: [("date", "2025-06-30"), ("reason", "cần thêm thời gian")]
        default: [("note", "nội dung"), ("reason", "lý do")]
        }
    }

    @Test(arguments: TestDatabases.all)
    func taskActionsOnPagesAndThroughTheApi(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            var browsers: [String: Browser] = [:]
            var tokens: [String: ApiClient] = [:]
            for login in Self.personas {
                var browser = Browser(client)
                try await browser.signIn(login)
                browsers[login] = browser
                tokens[login] = ApiClient(client: client, token: try await ApiClient.token(fixture, login))
            }
            var cells = 0
            var number = 0
            for (kind, allowed) in Self.taskActions {
                for login in Self.personas {
                    for channel in ["page", "api"] {
                        number += 1
                        let task = try await Self.task(for: kind, number: number, fixture)
                        let status: HTTPResponse.Status
                        if channel == "page" {
                            var browser = browsers[login]!
                            _ = try await browser.get(SitePath.task(id: task.id).path)
                            status = try await browser.postMultipart(
                                SitePath.taskAction(id: task.id).path,
                                [("action", kind.rawValue), ("version", "\(task.version)")]
                                    + Self.fields(kind)
                            ).status
                            browsers[login] = browser
                        } else {
                            var body: [String: Any] = ["action": kind.rawValue, "version": task.version]
                            for (key, value) in Self.fields(kind) { body[key] = value }
                            let json = String(
                                decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
                            status = try await tokens[login]!.call(
                                .post, "/api/v1/tasks/\(task.id)/actions", json: json
                            )
                            .status
                        }
                        let expected: HTTPResponse.Status =
                            allowed.contains(login) ? (channel == "page" ? .seeOther : .ok) : .forbidden
                        #expect(status == expected, "\(login) \(kind.rawValue) via \(channel)")
                        let after = try #require(try await fixture.store.task(id: task.id))
                        #expect(
                            (after.version == task.version) == !allowed.contains(login),
                            "\(login) \(kind.rawValue) via \(channel): version \(task.version) → \(after.version)"
                        )
                        cells += 1
                    }
                }
            }
            #expect(cells == 5 * 11 * 2)
        }
    }

    @Test(arguments: TestDatabases.all)
    func noticeUnitAndUserActionsAreTheSecretariats(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            var cells = 0
            var number = 0
            // The person the user actions change: nobody who signs in during the test.
            let target = try await fixture.store.addPerson(
                NewPerson(
                    fullName: "Người được sửa", login: "muctieu", role: .officer, unitID: "quan-ly-khoa-hoc",
                    passwordHash: "-"),
                in: fixture.organization, actor: "test")
            for login in Self.personas {
                let allowed = login == "vanphong"
                var browser = Browser(client)
                try await browser.signIn(login)
                let api = ApiClient(client: client, token: try await ApiClient.token(fixture, login))
                for action in Self.adminActions {
                    number += 1
                    // A draft of its own for each cell, with a name no unit has.
                    let text = Notices.april.replacingOccurrences(
                        of: "Chi cục TCĐLCL", with: "Phòng Đo lường số \(number)")
                    let (org, draft) = try await Notices.load(
                        text, name: "m\(number).txt", into: fixture.store, publish: false)
                    let taskID = try #require(
                        try await fixture.store.tasks(
                            in: org, TaskQuery(documentID: draft.documentID, includeDrafts: true)
                        )
                        .first?.id)
                    _ = try await browser.get("/")
                    let notice = SitePath.notice(id: draft.documentID).path
                    let page: Page =
                        switch action {
                        case "upload notice":
                            try await browser.postMultipart(
                                "/van-ban/tai-len", [("text", Notices.march + "\n\(number)")])
                        case "edit draft":
                            try await browser.postMultipart(
                                notice, [("version", "1"), ("edit", "delete"), ("task", taskID)])
                        case "publish notice":
                            try await browser.post(notice + "/ban-hanh", [("version", "1")])
                        case "resolve name (notice)":
                            try await browser.post(
                                notice + "/ten-don-vi",
                                [("name", "Phòng Đo lường số \(number)"), ("unit", "thanh-tra")])
                        case "resolve name (units)":
                            try await browser.post(
                                "/don-vi/ten",
                                [("name", "Phòng Đo lường số \(number)"), ("unit", "thanh-tra")])
                        case "add user":
                            try await browser.post(
                                "/nguoi-dung",
                                [
                                    ("fullName", "Người \(number)"), ("login", "nguoi\(number)"),
                                    ("role", "lanh_dao"),
                                ])
                        case "update user":
                            try await browser.post(
                                SitePath.user(id: target.id).path,
                                [("role", "chuyen_vien"), ("unit", "quan-ly-khoa-hoc"), ("active", "true")])
                        default:
                            try await browser.post(SitePath.userPassword(id: target.id).path, [])
                        }
                    let expected: Set<HTTPResponse.Status> = allowed ? [.seeOther, .ok] : [.forbidden]
                    #expect(expected.contains(page.status), "\(login) \(action) via page: \(page.status)")
                    cells += 1
                }
                for action in Self.apiAdminActions {
                    number += 1
                    let text = Notices.april.replacingOccurrences(
                        of: "Chi cục TCĐLCL", with: "Phòng Đo lường số \(number)")
                    let (org, draft) = try await Notices.load(
                        text, name: "m\(number).txt", into: fixture.store, publish: false)
                    let taskID = try #require(
                        try await fixture.store.tasks(
                            in: org, TaskQuery(documentID: draft.documentID, includeDrafts: true)
                        )
                        .first?.id)
                    let other = try #require(try await fixture.store.signInRecord(login: "lanhdao")?.person)
                    let notice = "/api/v1/documents/\(draft.documentID)"
                    let status: HTTPResponse.Status =
                        switch action {
                        case "import notice":
                            try await api.call(
                                .post, "/api/v1/documents",
                                json:
                                    "{\"text\": \(String(decoding: try JSONEncoder().encode(Notices.march + "\n\(number)"), as: UTF8.self))}"
                            ).status
                        case "edit draft":
                            try await api.call(
                                .post, notice + "/edits",
                                json: "{\"version\": 1, \"edit\": \"delete\", \"task\": \"\(taskID)\"}"
                            ).status
                        case "publish notice":
                            try await api.call(.post, notice + "/publish", json: "{\"version\": 1}").status
                        case "learn alias":
                            try await api.call(
                                .post, "/api/v1/units/aliases",
                                json: "{\"name\": \"Phòng Đo lường số \(number)\", \"unit\": \"thanh-tra\"}"
                            ).status
                        case "add user":
                            try await api.call(
                                .post, "/api/v1/users",
                                json:
                                    "{\"fullName\": \"Người \(number)\", \"login\": \"api\(number)\", \"role\": \"lanh_dao\"}"
                            ).status
                        case "update user":
                            try await api.call(
                                .patch, "/api/v1/users/\(target.id)",
                                json:
                                    "{\"role\": \"chuyen_vien\", \"unit\": \"quan-ly-khoa-hoc\", \"active\": true}"
                            ).status
                        default:
                            try await api.call(
                                .post, "/api/v1/users/\(login == "lanhdao" ? target.id : other.id)/tokens",
                                json: "{\"label\": \"x\"}"
                            )
                            .status
                        }
                    let expected: Set<HTTPResponse.Status> = allowed ? [.ok, .created] : [.forbidden]
                    #expect(expected.contains(status), "\(login) \(action) via API: \(status)")
                    cells += 1
                }
            }
            #expect(cells == 5 * (8 + 7))
            // The refused ones changed nothing: no other person was added, no notice published.
            let people = try await fixture.store.people(in: fixture.organization).map { $0.login ?? "" }
            #expect(people.filter { $0.hasPrefix("nguoi") || $0.hasPrefix("api") }.count == 2)
        }
    }
}
