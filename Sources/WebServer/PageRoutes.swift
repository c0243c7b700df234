import Deadlines
import Foundation
import Hummingbird
import HummingbirdAuth
import Store
import Tracking
import WebPages

/// The pages of a signed-in person: each handler builds its page's model from the store and
/// hands it to the page's view.
struct PageRoutes: Sendable {
    let store: Store
    let calendar: WorkingDays
    let today: @Sendable () -> CalendarDate
    /// Dashboards by organization, role, unit and day, while the record has not changed: the
    /// page's body, rendered (the frame around it is the viewer's own).
    let dashboards = ModelCache<DashboardKey, String>(lifetime: .seconds(30))

    struct DashboardKey: Hashable, Sendable {
        let organizationID: String
        let role: Role
        let unitID: String?
        let day: CalendarDate
    }

    /// Task lists by organization, filters and day, kept the same way: everyone sees the same
    /// list for the same filters. At most 256 bodies of a page each (50 rows, about 45 KB).
    let lists = ModelCache<ListKey, ListBody>(lifetime: .seconds(30), capacity: 256)

    /// Each organization's unit directory, kept the same way: a list nobody asked for before read
    /// it at every request (its units, names and aliases: 9 % of the server's time on such lists).
    let directories = ModelCache<String, UnitDirectory>(lifetime: .seconds(30))

    struct ListKey: Hashable, Sendable {
        let organizationID: String
        let filters: TaskListModel.Filters
        let day: CalendarDate
    }

    struct ListBody: Sendable {
        let html: String
        let refused: Bool
    }

    /// The largest action form: an attachment and the text around it.
    static let actionFormLimit = AttachmentInput.maxBytes + 256 * 1024

    func register(on group: RouterGroup<WebContext>) {
        group.get(RouterPath(SitePath.home.route)) { request, context in try await dashboard(request, context)
        }
        group.get(RouterPath(SitePath.tasks.route)) { request, context in try await taskList(request, context)
        }
        group.get(RouterPath(SitePath.task(id: "").route)) { request, context in
            try await taskPage(request, context)
        }
        group.post(RouterPath(SitePath.taskAction(id: "").route)) { request, context in
            try await taskAction(request, context)
        }
        group.get(RouterPath(SitePath.notices.route)) { request, context in
            try await noticeList(request, context)
        }
        group.get(RouterPath(SitePath.attachment(id: "").route)) { request, context in
            try await attachment(request, context)
        }
    }

    // MARK: Pages

    func dashboard(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let day = today()
        let key = DashboardKey(
            organizationID: me.organization.id, role: me.person.role, unitID: me.unitIfMember, day: day)
        let body = try await dashboards.value(for: key, generation: store.changeCount) {
            DashboardView.content(try await dashboardModel(me, on: day))
        }
        return HTML.response(Layout.render(frame("Tổng quan", context, current: .home), html: body))
    }

    /// The dashboard of `me`'s role (and unit) on `day`, from the record.
    func dashboardModel(_ me: SignedIn, on day: CalendarDate) async throws -> DashboardModel {
        let org = me.organization
        let yearStart = CalendarDate(year: day.year, month: 1, day: 1)!
        let period = yearStart...day
        let week = TaskQuery(
            unitID: me.unitIfMember, states: Self.open, overdueOn: day.adding(days: 8), dueFrom: day,
            limit: 50)
        var units: [DashboardModel.UnitLine] = []
        var total: DashboardModel.UnitLine?
        var overdue: [TaskRow] = []
        var pending: [TaskRow] = []
        var reported: [TaskRow] = []
        var drafts: [DashboardModel.NoticeLine] = []
        var mine: [TaskRow] = []
        var lastMeeting: CalendarDate?
        var reports: [DashboardModel.Report] = []
        switch me.person.role {
        case .leadership, .secretariat:
            let counts = try await store.counts(in: org, period: period, asOf: day)
            units = counts.units.map(Self.line)
            total = Self.line(counts.total)
            overdue = try await rows(TaskQuery(overdueOn: day, limit: 50), in: org, on: day)
            if me.person.role == .leadership {
                pending = try await rows(TaskQuery(pendingExtension: true, limit: 50), in: org, on: day)
            } else {
                reported = try await rows(TaskQuery(states: [.reportedDone], limit: 50), in: org, on: day)
                lastMeeting = try await store.lastMeeting(in: org)
                let names = Dictionary(
                    try await store.people(in: org).map { ($0.id, $0.fullName) },
                    uniquingKeysWith: { a, _ in a })
                reports = try await store.reports(in: org, since: lastMeeting ?? day.adding(days: -30)).map {
                    DashboardModel.Report(
                        taskID: $0.taskID, taskText: $0.taskText, body: $0.body,
                        actor: names[$0.actor] ?? $0.actor,
                        at: Self.localTime($0.at))
                }
                drafts = try await store.documents(in: org, status: "draft").map {
                    DashboardModel.NoticeLine(
                        id: $0.id, title: Self.title(of: $0), tasks: $0.tasks,
                        unmatchedNames: $0.unmatchedNames)
                }
            }
        case .unitHead, .officer:
            mine = try await rows(
                TaskQuery(unitID: me.unitIfMember, states: Self.open, limit: 200), in: org, on: day
            )
            .sorted { a, b in
                // Most pressing first: overdue, then urgent, then by deadline (none last).
                let ka = (a.status == .overdue ? 0 : 1, a.urgent ? 0 : 1, a.deadline?.dayNumber ?? .max)
                let kb = (b.status == .overdue ? 0 : 1, b.urgent ? 0 : 1, b.deadline?.dayNumber ?? .max)
                return ka < kb
            }
        }
        let dueThisWeek = try await rows(week, in: org, on: day)
        let model = DashboardModel(
            role: me.person.role, today: day, period: period, units: units, total: total, overdue: overdue,
            dueThisWeek: dueThisWeek, pendingExtensions: pending, reportedDone: reported, drafts: drafts,
            myTasks: mine, lastMeeting: lastMeeting, reports: reports)
        return model
    }

    func taskList(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let query = request.uri.queryParameters
        typealias Key = TaskListView.Key
        let filters = TaskListModel.Filters(
            unitID: query.get(Key.unit), state: query.get(Key.state), period: query.get(Key.period),
            noticeID: query.get(Key.notice), overdueOn: query.get(Key.overdueOn), words: query.get(Key.words),
            page: min(query.get(Key.page, as: Int.self) ?? 1, 10_000))
        let day = today()
        let key = ListKey(organizationID: me.organization.id, filters: filters, day: day)
        let body = try await lists.value(for: key, generation: store.changeCount) {
            let model = try await taskListModel(filters, in: me.organization, on: day)
            return ListBody(html: TaskListView.content(model), refused: model.problem != nil)
        }
        return HTML.response(
            Layout.render(frame("Nhiệm vụ", context, current: .tasks), html: body.html),
            status: body.refused ? .badRequest : .ok)
    }

    /// The list of `filters` on `day`, from the record; a filter that cannot be read is the
    /// model's problem, said in Vietnamese.
    func taskListModel(_ filters: TaskListModel.Filters, in organization: Organization, on day: CalendarDate)
        async throws -> TaskListModel
    {
        let directory = try await directories.value(for: organization.id, generation: store.changeCount) {
            try await store.directory(of: organization)
        }
        let units = directory.activeUnits.map { (id: $0.id, name: $0.name) }
        var problem: String?
        var rows: [TaskRow] = []
        var hasNext = false
        do {
            if let unit = filters.unitID?.nonEmpty, directory.unit(id: unit) == nil {
                throw WebError.badInput(
                    vietnamese: "Không có đơn vị “\(unit)” trong danh mục.", english: "unknown unit \(unit)")
            }
            var taskQuery = try Self.taskQuery(filters)
            // One more than a page: whether there is a next page, without counting them all.
            taskQuery.limit = TaskListView.pageSize + 1
            taskQuery.offset = (filters.page - 1) * TaskListView.pageSize
            rows = try await self.rows(taskQuery, in: organization, on: day)
            if rows.count > TaskListView.pageSize {
                hasNext = true
                rows.removeLast(rows.count - TaskListView.pageSize)
            }
        } catch let error as WebError {
            problem = error.vietnamese
        }
        return TaskListModel(filters: filters, units: units, rows: rows, hasNext: hasNext, problem: problem)
    }

    func taskPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let id = try context.parameters.require("id")
        guard let dossier = try await store.dossier(ofTask: id), dossier.organizationID == me.organization.id
        else { throw WebError.notFound }
        let task = dossier.task
        let day = today()
        let actions = AssignmentWorkflow.permittedActions(on: dossier.snapshot, by: me.person.participant)
        let history = dossier.events.map { event, actorName in
            TaskPageModel.HistoryLine(
                at: Self.localTime(event.at), actor: actorName ?? event.actor, body: event.body,
                attachments: (dossier.attachments[event.id] ?? []).map {
                    .init(id: $0.id, name: $0.fileName, bytes: $0.size)
                })
        }
        let earlier = dossier.earlier.map { record in
            TaskPageModel.Link(
                id: record.id, noticeSymbol: record.documentSymbol, text: record.text, state: record.state)
        }
        let notice = dossier.notice
        let model = TaskPageModel(
            task: row(task, on: day), section: task.section, noticeID: task.documentID,
            noticeTitle: Self.title(
                symbol: Self.symbol(number: notice.number, symbol: notice.symbol), title: notice.title,
                sourceName: notice.sourceName),
            assignedOn: task.assignedOn,
            reportedDoneOn: task.reportedDoneOn, completedOn: task.completedOn, dueDate: task.dueDate,
            extensions: task.extensions, version: task.version, earlier: earlier, history: history,
            actions: actions,
            today: day)
        return HTML.response(TaskPageView.render(model, frame: frame("Nhiệm vụ", context, current: .tasks)))
    }

    func taskAction(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let id = try context.parameters.require("id")
        let form = try await PostedForm.read(request, context: context, limit: Self.actionFormLimit)
        _ = try await ownSnapshot(id, me)
        typealias Field = TaskPageView.Field
        guard let version = form.text(Field.version).flatMap(Int.init) else {
            throw WebError.badInput(
                vietnamese: "Thiếu phiên bản của nhiệm vụ; vui lòng tải lại trang.",
                english: "the form has no version")
        }
        let action = try Self.action(form)
        var attachments: [AttachmentInput] = []
        if let file = form.files[Field.file] {
            attachments.append(
                AttachmentInput(fileName: file.fileName, contentType: file.contentType, data: file.data))
        }
        try await store.apply(
            action, toTask: id, by: me.person.participant, expectedVersion: version, actor: me.person.id,
            calendar: calendar, today: today(), attachments: attachments)
        context.sessions.withLockedSession {
            $0?.flash = Flash(.success, "Đã cập nhật: \(action.kind.vietnamese).")
        }
        return Response(status: .seeOther, headers: [.location: SitePath.task(id: id).path])
    }

    func noticeList(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, .leadership, for: "xem danh sách văn bản")
        let lines = try await store.documents(in: me.organization).map { notice in
            NoticeListModel.Line(
                id: notice.id, title: notice.title ?? notice.sourceName, symbol: Self.symbol(of: notice),
                issued: notice.issued, published: notice.status == "published", tasks: notice.tasks,
                unmatchedNames: notice.unmatchedNames)
        }
        let model = NoticeListModel(lines: lines, canUpload: me.person.role == .secretariat)
        return HTML.response(
            NoticeListView.render(model, frame: frame("Văn bản", context, current: .notices)))
    }

    func attachment(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let id = try context.parameters.require("id")
        let (summary, data, organizationID) = try await store.attachment(id: id)
        guard organizationID == me.organization.id else { throw WebError.notFound }
        // Served as a download, never rendered by the browser as a page of this site.
        let name = summary.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "tep"
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/octet-stream",
                .contentDisposition: "attachment; filename*=UTF-8''\(name)",
                .contentLength: "\(data.count)",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Building models

    /// The task's workflow snapshot, when the task is the person's organization's: another
    /// organization's task does not exist for them (404, not 403, so ids reveal nothing).
    func ownSnapshot(_ id: String, _ me: SignedIn) async throws -> AssignmentSnapshot {
        guard let (snapshot, organizationID) = try await store.workflowSnapshot(ofTask: id),
            organizationID == me.organization.id
        else { throw WebError.notFound }
        return snapshot
    }

    static let open: Set<AssignmentState> = [.assigned, .inProgress, .reportedDone]

    func frame(_ title: String, _ context: WebContext, current: SitePath?) -> PageFrame {
        // A flash is shown once: read here, cleared in the session.
        let flash = context.sessions.session?.flash
        if flash != nil { context.sessions.withLockedSession { $0?.flash = nil } }
        return PageFrame(
            title: title, viewer: context.identity?.viewer, csrfToken: context.sessions.session?.csrf,
            flash: flash,
            current: current)
    }

    /// Learns the alias a form names (`name` is the unit `unit`), says so in the next page's
    /// message; the review page and the units page both post it.
    func learnAlias(
        from form: PostedForm, nameField: String, unitField: String, by me: SignedIn, _ context: WebContext
    )
        async throws
    {
        guard let name = form.text(nameField), let unit = form.text(unitField) else {
            throw WebError.badInput(
                vietnamese: "Vui lòng chọn đơn vị.", english: "the form needs a name and a unit")
        }
        let resolved: Int
        do {
            resolved = try await store.learnAlias(name, for: unit, in: me.organization, actor: me.person.id)
        } catch {
            throw NoticeRoutes.refusal(error)
        }
        flash(context, .success, "Đã ghi nhận “\(name)”; \(resolved) tên đơn vị đã được xác định.")
    }

    /// A message for the next page the person sees.
    func flash(_ context: WebContext, _ kind: Flash.Kind, _ text: String) {
        context.sessions.withLockedSession { $0?.flash = Flash(kind, text) }
    }

    func rows(_ query: TaskQuery, in organization: Organization, on day: CalendarDate) async throws
        -> [TaskRow]
    {
        try await store.tasks(in: organization, query).map { row($0, on: day) }
    }

    func row(_ task: TaskRecord, on day: CalendarDate) -> TaskRow {
        let standing = task.standing(asOf: day, calendar: calendar)
        return TaskRow(
            id: task.id, noticeSymbol: task.documentSymbol, text: task.text,
            leads: task.lead.map { $0.unitName ?? $0.writtenName },
            supports: task.support.map { $0.unitName ?? $0.writtenName },
            dueText: task.dueText, deadline: task.deadline, state: task.state,
            status: task.state == .stopped ? nil : standing?.status,
            workingDaysLate: standing?.workingDaysLate ?? 0,
            urgent: task.urgent, pendingExtension: task.pendingExtension)
    }

    static func line(_ counts: UnitCounts) -> DashboardModel.UnitLine {
        DashboardModel.UnitLine(
            unitID: counts.unitID, unitName: counts.unitName, doneOnTime: counts.doneOnTime,
            doneLate: counts.doneLate,
            withinDeadline: counts.withinDeadline, overdue: counts.overdue)
    }

    static func symbol(of notice: DocumentSummary) -> String? {
        symbol(number: notice.number, symbol: notice.symbol)
    }

    /// "45/TB-SKHCN": the number and the symbol, as the notice's header writes them.
    static func symbol(number: String?, symbol: String?) -> String? {
        guard let symbol else { return nil }
        return (number.map { "\($0)/" } ?? "") + symbol
    }

    static func title(of notice: DocumentSummary) -> String {
        title(symbol: symbol(of: notice), title: notice.title, sourceName: notice.sourceName)
    }

    /// A notice as a page names it: "12/TB-SKHCN · Kết luận …", else its file's name.
    static func title(symbol: String?, title: String?, sourceName: String) -> String {
        [symbol, title].compactMap { $0 }.joined(separator: " · ").nonEmpty ?? sourceName
    }

    /// An instant of the record (UTC) as Việt Nam reads it: 21/11/2026 09:15.
    static func localTime(_ iso: String) -> String {
        guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(iso) else {
            return iso
        }
        let local = date.addingTimeInterval(7 * 3600)
        let c = Calendar(identifier: .gregorian)
        var utc = c
        utc.timeZone = TimeZone(identifier: "UTC")!
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute], from: local)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return
            "\(two(parts.day))/\(two(parts.month))/\(parts.year ?? 0) \(two(parts.hour)):\(two(parts.minute))"
    }

    /// The store's query for the list's filters; a malformed filter is the person's to fix.
    static func taskQuery(_ f: TaskListModel.Filters) throws -> TaskQuery {
        var query = TaskQuery()
        query.unitID = f.unitID?.nonEmpty
        switch f.state?.nonEmpty {
        case nil: query.states = Self.open
        case TaskListView.everyState: break
        case let state?:
            guard let s = AssignmentState(rawValue: state) else {
                throw WebError.badInput(
                    vietnamese: "Trạng thái “\(state)” không có.", english: "unknown state \(state)")
            }
            query.states = [s]
        }
        if let period = f.period?.nonEmpty {
            let parts = period.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, let range = ReportingPeriod.month(year: parts[0], month: parts[1]).range
            else {
                throw WebError.badInput(
                    vietnamese: "Tháng “\(period)” không hợp lệ; hãy chọn tháng theo dạng 2025-02.",
                    english: "bad month \(period)")
            }
            query.assignedIn = range
        }
        query.documentID = f.noticeID?.nonEmpty
        if let day = f.overdueOn?.nonEmpty {
            guard let date = Self.date(day) else {
                throw WebError.badInput(
                    vietnamese: "Ngày “\(day)” không hợp lệ; hãy nhập theo dạng 15/08/2025.",
                    english: "bad date \(day)")
            }
            query.overdueOn = date
        }
        if let words = f.words?.nonEmpty {
            guard words.count <= 200 else {
                throw WebError.badInput(
                    vietnamese: "Từ khóa quá dài.", english: "search words over 200 characters")
            }
            query.text = words
        }
        return query
    }

    /// A day written "15/08/2025", "15/8/2025" or "2025-08-15" (a date input sends the last).
    static func date(_ text: String) -> CalendarDate? { CalendarDate(typed: text) }

    /// The workflow action a task form posted.
    static func action(_ form: PostedForm) throws -> AssignmentAction {
        typealias Field = TaskPageView.Field
        return try action(
            kind: form.text(Field.action), note: form.text(Field.note), reason: form.text(Field.reason),
            date: form.text(Field.date))
    }

    /// The workflow action named `kind` ("report_progress"), with its text and date as sent by
    /// a form or an API client; the workflow checks what each needs (a reason, a date).
    static func action(kind name: String?, note: String?, reason: String?, date: String?) throws
        -> AssignmentAction
    {
        guard let name, let kind = AssignmentAction.Kind(rawValue: name) else {
            throw WebError.badInput(
                vietnamese: "Thao tác không hợp lệ.",
                english:
                    "unknown action \(name ?? "(none)"); one of \(AssignmentAction.Kind.allCases.map(\.rawValue))"
            )
        }
        func day() throws -> CalendarDate {
            guard let date, let day = Self.date(date) else {
                throw WebError.badInput(
                    vietnamese: "Vui lòng nhập ngày hợp lệ (ví dụ 15/08/2025).",
                    english: "\(kind.rawValue) needs a date (YYYY-MM-DD)")
            }
            return day
        }
        let note = note ?? ""
        let reason = reason ?? ""
        return switch kind {
        case .start: .start
        case .reportProgress: .reportProgress(note: note)
        case .reportDone: .reportDone(on: try day(), note: note)
        case .confirmDone: .confirmDone
        case .returnForRework: .returnForRework(reason: reason)
        case .stop: .stop(reason: reason)
        case .reopen: .reopen(reason: reason)
        case .requestExtension: .requestExtension(to: try day(), reason: reason)
        case .approveExtension: .approveExtension(to: try day())
        case .denyExtension: .denyExtension(reason: reason)
        case .comment: .comment(text: note)
        }
    }
}

extension WebContext {
    /// The person signed in; RequireSignIn guarantees one on these routes.
    var signedIn: SignedIn {
        get throws {
            guard let identity else { throw WebError.signInRequired }
            return identity
        }
    }

    /// The person signed in, when their role is one of `roles`; `what` names the refused action
    /// in the message ("Bạn không có quyền \(what).").
    func signedIn(as roles: Role..., for what: String) throws -> SignedIn {
        let me = try signedIn
        guard roles.contains(me.person.role) else { throw WebError.forbidden(what) }
        return me
    }
}

extension SignedIn {
    /// The unit whose tasks are "mine": for unit heads and officers.
    var unitIfMember: String? { person.role == .unitHead || person.role == .officer ? person.unitID : nil }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
