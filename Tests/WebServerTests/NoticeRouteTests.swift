import Deadlines
import Foundation
import HTTPTypes
import Store
import TestSupport
import Testing
import Tracking
import WebPages

@testable import WebServer

@Suite struct NoticeRouteTests {
    /// Uploads `Notices.april` as the secretariat; the review page's path.
    static func upload(_ browser: inout Browser) async throws -> String {
        try await browser.signIn("vanphong")
        _ = try await browser.get("/van-ban/tai-len")
        let posted = try await browser.postMultipart(
            "/van-ban/tai-len", [],
            files: [(field: "file", name: "tb-20.txt", data: Data(Notices.april.utf8))])
        #expect(posted.status == .seeOther)
        return try #require(posted.location)
    }

    @Test(arguments: TestDatabases.all)
    func aNoticeIsUploadedReviewedCorrectedAndPublished(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            var browser = Browser(client)
            let path = try await Self.upload(&browser)
            let review = try await browser.get(path)
            #expect(review.status == .ok)
            #expect(review.body.contains("Đã nhập văn bản: 2 nhiệm vụ"))
            // Each task links to the line of the source it was read from.
            #expect(review.body.contains("href=\"#dong-"))
            #expect(review.body.contains("class=\"task-source\""))
            let id = String(path.split(separator: "/").last!)
            let drafts = try await fixture.store.tasks(
                in: fixture.organization, TaskQuery(documentID: id, includeDrafts: true)
            ).sorted { $0.position < $1.position }
            #expect(drafts.count == 2)
            // Not tracked before publishing.
            #expect(
                try await fixture.store.tasks(in: fixture.organization, TaskQuery(documentID: id)).isEmpty)

            var version = 1
            func edit(_ fields: [(String, String)]) async throws -> Page {
                _ = try await browser.get(path)
                let page = try await browser.postMultipart(path, [("version", "\(version)")] + fields)
                if page.status == .seeOther { version += 1 }
                return page
            }
            let revised = try await edit([
                ("edit", "revise"), ("task", drafts[1].id), ("text", "Kiểm tra đo lường cột đo xăng dầu"),
                ("lead", "chi-cuc-tcdlcl"), ("support", "thanh-tra"), ("support", "van-phong"),
                ("due", "2025-06-15"),
            ])
            #expect(revised.status == .seeOther)
            let split = try await edit([
                ("edit", "split"), ("task", drafts[1].id), ("text", "Kiểm tra đo lường cột đo xăng dầu"),
                ("second", "Báo cáo kết quả kiểm tra"),
            ])
            #expect(split.status == .seeOther)
            #expect(try await edit([("edit", "merge"), ("task", drafts[0].id)]).status == .seeOther)
            #expect(
                try await edit([
                    ("edit", "add"), ("text", "Chuẩn bị hội nghị tổng kết"), ("lead", "van-phong"),
                ]).status
                    == .seeOther)
            // A form from before the last change is a conflict.
            version -= 1
            let stale = try await edit([("edit", "delete"), ("task", drafts[0].id)])
            #expect(stale.status == .conflict)
            version += 1

            let after = try await fixture.store.tasks(
                in: fixture.organization, TaskQuery(documentID: id, includeDrafts: true)
            ).sorted { $0.position < $1.position }
            #expect(after.map(\.position) == [0, 1, 2])
            // Added without a task to follow, the new task comes first.
            #expect(after[0].text == "Chuẩn bị hội nghị tổng kết")
            #expect(after[1].text.hasSuffix("Kiểm tra đo lường cột đo xăng dầu"))
            #expect(after[1].leadUnitIDs == ["van-phong", "chi-cuc-tcdlcl"])
            #expect(after[1].support.compactMap(\.unitID) == ["thanh-tra"])
            #expect(after[2].text == "Báo cáo kết quả kiểm tra")
            #expect(after[2].deadline == CalendarDate(year: 2025, month: 6, day: 15))

            _ = try await browser.get(path)
            let published = try await browser.post(
                SitePath.noticePublish(id: id).path, [("version", "\(version)")])
            #expect(published.status == .seeOther)
            #expect(
                try await fixture.store.tasks(in: fixture.organization, TaskQuery(documentID: id)).count == 3)
            // A published notice is not edited on the review page any more.
            let late = try await edit([("edit", "delete"), ("task", after[0].id)])
            #expect(late.status == .badRequest)
            #expect(late.body.contains("Văn bản đã ban hành"))
        }
    }

    @Test(arguments: TestDatabases.all)
    func theSameFileTwiceAFileThatIsNotANoticeAndAnOversizedFileChangeNothing(dialect: StoreDialect)
        async throws
    {
        try await WebFixture.run(dialect) { fixture, client in
            var browser = Browser(client)
            let first = try await Self.upload(&browser)
            _ = try await browser.get("/van-ban/tai-len")
            let again = try await browser.postMultipart(
                "/van-ban/tai-len", [],
                files: [(field: "file", name: "tb-20-copy.txt", data: Data(Notices.april.utf8))])
            #expect(again.location == first)
            #expect(try await browser.get(first).body.contains("Văn bản này đã được nhập trước đó"))
            let count = try await fixture.store.documents(in: fixture.organization).count

            _ = try await browser.get("/van-ban/tai-len")
            let pdf = try await browser.postMultipart(
                "/van-ban/tai-len", [],
                files: [(field: "file", name: "tb.pdf", data: Data("%PDF-1.7\n".utf8))])
            #expect(pdf.status == .unsupportedMediaType)
            #expect(pdf.body.contains("không phải là văn bản DonDoc đọc được"))
            let binary = try await browser.postMultipart(
                "/van-ban/tai-len", [],
                files: [(field: "file", name: "anh.txt", data: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2]))])
            #expect(binary.status == .unsupportedMediaType)
            let noTasks = try await browser.postMultipart(
                "/van-ban/tai-len", [("text", "Hôm nay trời đẹp.\nChúng tôi đi dạo trong công viên.")])
            #expect(noTasks.status == .unprocessableContent)
            #expect(noTasks.body.contains("không phải là thông báo kết luận hay kế hoạch"))
            let huge = try await browser.postMultipart(
                "/van-ban/tai-len", [],
                files: [
                    (
                        field: "file", name: "lon.txt",
                        data: Data(repeating: 0x61, count: NoticeRoutes.uploadLimit + 1)
                    )
                ])
            #expect(huge.status == .contentTooLarge)
            #expect(huge.body.contains("quá lớn"))
            #expect(try await fixture.store.documents(in: fixture.organization).count == count)
        }
    }

    @Test(arguments: TestDatabases.all)
    func onlyTheSecretariatUploadsAndCorrects(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            var clerk = Browser(client)
            let path = try await Self.upload(&clerk)
            for login in ["lanhdao", "truongqlkh", "chuyenvienqlkh"] {
                var browser = Browser(client)
                try await browser.signIn(login)
                #expect(try await browser.get("/van-ban/tai-len").status == .forbidden, "\(login)")
                _ = try await browser.get("/")
                let posted = try await browser.postMultipart(
                    "/van-ban/tai-len", [("text", Notices.march + "\n")])
                #expect(posted.status == .forbidden, "\(login)")
                let publish = try await browser.post(path + "/ban-hanh", [("version", "1")])
                #expect(publish.status == .forbidden, "\(login)")
            }
            // Leadership reads the review page; units do not.
            var leader = Browser(client)
            try await leader.signIn("lanhdao")
            let read = try await leader.get(path)
            #expect(read.status == .ok)
            #expect(!read.body.contains("<form class=\"revise\""))
            var head = Browser(client)
            try await head.signIn("truongqlkh")
            #expect(try await head.get(path).status == .forbidden)
            #expect(
                try await fixture.store.documents(in: fixture.organization).filter {
                    $0.status == "published"
                }.count == 1)
        }
    }

    @Test func aTaskIsFoundOnTheLineItCameFrom() {
        let lines = [
            "THÔNG BÁO", "",
            "1. Giao Văn phòng Sở chủ trì hoàn thiện dự thảo Quy chế chi tiêu nội bộ năm 2025,",
            "trình Giám đốc Sở trước ngày 20/3/2025.",
            "2. Giao Thanh tra Sở xây dựng kế hoạch thanh tra đo lường",
        ]
        let fold: (String) -> String = { $0.lowercased() }
        #expect(
            NoticeReviewModel.sourceLine(
                of: "Giao Văn phòng Sở chủ trì hoàn thiện dự thảo Quy chế", in: lines, fold: fold) == 3)
        #expect(
            NoticeReviewModel.sourceLine(
                of: "Thanh tra Sở: xây dựng kế hoạch thanh tra", in: lines, fold: fold) == 5)
        #expect(
            NoticeReviewModel.sourceLine(of: "Nội dung không có trong văn bản", in: lines, fold: fold) == nil)
    }
}
