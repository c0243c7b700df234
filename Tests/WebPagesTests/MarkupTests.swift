import Deadlines
import Testing
import Tracking

@testable import WebPages

@Suite struct MarkupTests {
    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Phòng \"QLKH\" & 'TCĐLCL'", "Phòng &quot;QLKH&quot; &amp; &#39;TCĐLCL&#39;"),
        ("&amp;", "&amp;amp;"),
        ("Sở KH&CN", "Sở KH&amp;CN"),
        ("", ""),
    ])
    func escapesWhatAUserWrote(_ input: String, _ expected: String) {
        #expect(Markup.escape(input) == expected)
    }

    @Test func writesDatesAsVietnameseDocumentsDo() {
        #expect(Markup.date(CalendarDate(year: 2025, month: 8, day: 5)) == "05/08/2025")
        #expect(Markup.date(nil) == "")
    }

    @Test func aTaskTextWithMarkupIsShownAsTextNotRun() {
        let row = TaskRow(
            id: "x\" onclick=\"alert(1)", noticeSymbol: "<b>45</b>/TB", text: "<img src=x onerror=alert(1)>",
            leads: ["<i>Phòng</i>"], supports: ["<s>Chi cục</s>"], dueText: "<u>trước 15/8</u>",
            deadline: CalendarDate(year: 2025, month: 8, day: 15), state: .assigned, status: .overdue,
            workingDaysLate: 3, urgent: true, pendingExtension: CalendarDate(year: 2025, month: 9, day: 1))
        let html = Layout.render(
            PageFrame(
                title: "<t>", viewer: Viewer(fullName: "A\"B", role: .secretariat, unitName: nil),
                csrfToken: "c\"d"),
            TaskTable.render([row], empty: ""))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<i>"))
        #expect(!html.contains("<s>"))
        #expect(!html.contains("<u>"))
        #expect(html.contains("&lt;u&gt;trước 15/8&lt;/u&gt;"))
        #expect(!html.contains("onclick=\""))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("value=\"c&quot;d\""))
    }
}

@Suite struct SitePathTests {
    static let all: [SitePath] = [
        .home, .signIn, .signOut, .notices, .noticeUpload, .notice(id: "a"), .noticePublish(id: "a"),
        .noticeName(id: "a"), .tasks,
        .task(id: "a"), .taskAction(id: "a"), .attachment(id: "a"), .units, .users, .user(id: "a"),
        .userPassword(id: "a"), .unitNames, .search, .stylesheet,
        .health,
    ]

    @Test func everyPathMatchesItsRoutePattern() {
        for path in Self.all {
            let pattern = path.route.split(separator: "/", omittingEmptySubsequences: false)
            let concrete = path.path.split(separator: "/", omittingEmptySubsequences: false)
            #expect(pattern.count == concrete.count, "\(path)")
            for (p, c) in zip(pattern, concrete) where !p.hasPrefix(":") { #expect(p == c, "\(path)") }
        }
    }

    @Test func routesAreDistinct() {
        let routes = Self.all.map(\.route)
        #expect(Set(routes).count == routes.count)
    }

    @Test func idsAndQueriesArePercentEncoded() {
        #expect(SitePath.task(id: "a/b c").path == "/nhiem-vu/a%2Fb%20c")
        #expect(
            SitePath.tasks.with(query: [("don-vi", "phòng"), ("x", nil), ("y", "")])
                == "/nhiem-vu?don-vi=ph%C3%B2ng")
    }
}

@Suite struct LayoutTests {
    @Test func theFrameIsRenderedOnceAndTheContentPlacedInsideItsMain() {
        let frame = PageFrame(
            title: "Nhiệm vụ", viewer: Viewer(fullName: "Nguyễn Văn A", role: .secretariat, unitName: nil),
            csrfToken: "t1", current: .tasks)
        let first = Layout.render(frame, html: "<p>một</p>")
        let second = Layout.render(frame, html: "<p>hai</p>")
        #expect(first.contains("<main><p>một</p></main>") && second.contains("<main><p>hai</p></main>"))
        #expect(first.replacingOccurrences(of: "một", with: "hai") == second)
        // Another token is another frame.
        let other = PageFrame(
            title: "Nhiệm vụ", viewer: Viewer(fullName: "Nguyễn Văn A", role: .secretariat, unitName: nil),
            csrfToken: "t2", current: .tasks)
        let third = Layout.render(other, html: "<p>một</p>")
        #expect(third.contains(#"value="t2""#) && !third.contains(#"value="t1""#))
    }

    @Test func aNameThatLooksLikeTheContentsPlaceIsOnlyText() {
        let frame = PageFrame(
            title: "<dondoc-content></dondoc-content>",
            viewer: Viewer(fullName: "<dondoc-content></dondoc-content>", role: .officer, unitName: nil),
            csrfToken: "t", current: .home)
        let page = Layout.render(frame, html: "<p>nội dung</p>")
        #expect(page.contains("<main><p>nội dung</p></main>"))
        #expect(!page.contains("<dondoc-content>"))
        #expect(page.components(separatedBy: "nội dung").count == 2)
    }
}
