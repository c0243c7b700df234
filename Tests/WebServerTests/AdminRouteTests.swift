import Foundation
import HTTPTypes
import Store
import TestSupport
import Testing
import Tracking
import WebPages

@testable import WebServer

@Suite struct AdminRouteTests {
    @Test(arguments: TestDatabases.all)
    func theSecretariatAddsAPersonWhoSignsInWithThePasswordShownOnce(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            var clerk = Browser(client)
            try await clerk.signIn("vanphong")
            _ = try await clerk.get("/nguoi-dung")
            let added = try await clerk.post(
                "/nguoi-dung",
                [
                    ("fullName", "Đỗ Thị Mới"), ("login", "domoi"), ("role", "chuyen_vien"),
                    ("unit", "thanh-tra"),
                ])
            #expect(added.status == .ok)
            let password = try #require(
                added.body.range(of: "<code>").flatMap { start in
                    added.body[start.upperBound...].split(separator: "<").first.map(String.init)
                })
            #expect(password.count == 12)
            // Not shown again.
            #expect(!(try await clerk.get("/nguoi-dung").body.contains(password)))

            var newcomer = Browser(client)
            #expect(try await newcomer.signIn("domoi", password: password).status == .seeOther)
            #expect(try await newcomer.get("/").body.contains("Đỗ Thị Mới"))
            // Newcomers do not manage users.
            #expect(try await newcomer.get("/nguoi-dung").status == .forbidden)

            let taken = try await clerk.post(
                "/nguoi-dung",
                [("fullName", "Trùng"), ("login", "DoMoi"), ("role", "lanh_dao"), ("unit", "")])
            #expect(taken.status == .badRequest)
            #expect(taken.body.contains("Tên đăng nhập đã có người dùng."))
            let noUnit = try await clerk.post(
                "/nguoi-dung",
                [("fullName", "Thiếu đơn vị"), ("login", "thieu"), ("role", "truong_don_vi"), ("unit", "")])
            #expect(noUnit.body.contains("phải thuộc một đơn vị"))

            // Deactivated, the newcomer's session no longer works.
            let person = try #require(try await fixture.store.signInRecord(login: "domoi")?.person)
            _ = try await clerk.get("/nguoi-dung")
            let locked = try await clerk.post(
                SitePath.user(id: person.id).path, [("role", "chuyen_vien"), ("unit", "thanh-tra")])
            #expect(locked.status == .seeOther)
            #expect(try await newcomer.get("/").status == .seeOther)
            #expect(try await newcomer.signIn("domoi", password: password).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabases.all)
    func searchFindsTasksWithoutToneMarks(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { _, client in
            var browser = Browser(client)
            try await browser.signIn("chuyenvienqlkh")
            let found = try await browser.get("/tim-kiem?q=hoi%20dong%20tu%20van")
            #expect(found.status == .ok)
            #expect(found.body.contains("Nhiệm vụ (1)"))
            #expect(found.body.contains("Hội đồng tư vấn"))
            let nothing = try await browser.get("/tim-kiem?q=%21%21%21")
            #expect(nothing.body.contains("Từ khóa không hợp lệ"))
        }
    }

    @Test(arguments: TestDatabases.all)
    func aWrittenNameIsResolvedFromTheUnitsPage(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            let text = Notices.april.replacingOccurrences(of: "Chi cục TCĐLCL", with: "Phòng Đo lường")
            _ = try await Notices.load(text, name: "tb-20.txt", into: fixture.store)
            var clerk = Browser(client)
            try await clerk.signIn("vanphong")
            let page = try await clerk.get("/don-vi")
            #expect(page.body.contains("“Phòng Đo lường” (1 lần)"))
            let resolved = try await clerk.post(
                "/don-vi/ten", [("name", "Phòng Đo lường"), ("unit", "chi-cuc-tcdlcl")])
            #expect(resolved.status == .seeOther)
            #expect(try await clerk.get("/don-vi").body.contains("1 tên đơn vị đã được xác định"))
            let task = try await fixture.task("cột đo xăng dầu")
            #expect(task.leadUnitIDs == ["chi-cuc-tcdlcl"])

            var head = Browser(client)
            try await head.signIn("truongqlkh")
            #expect(try await head.get("/don-vi").status == .forbidden)
        }
    }
}
