import Deadlines
import Extraction
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import Store
import Tracking
import WebPages

/// Notices: upload, review beside the source text, corrections, unit names, publishing.
struct NoticeRoutes: Sendable {
    let store: Store
    let calendar: WorkingDays
    let pages: PageRoutes

    /// A notice's text is a few dozen KB; 2 MB leaves room for a long plan and refuses a wrong file early.
    static let uploadLimit = 2 * 1024 * 1024

    func register(on group: RouterGroup<WebContext>) {
        group.get(RouterPath(SitePath.noticeUpload.route)) { _, context in try await uploadPage(context) }
        group.post(RouterPath(SitePath.noticeUpload.route)) { request, context in
            try await upload(request, context)
        }
        group.get(RouterPath(SitePath.notice(id: "").route)) { _, context in try await review(context) }
        group.post(RouterPath(SitePath.notice(id: "").route)) { request, context in
            try await edit(request, context)
        }
        group.post(RouterPath(SitePath.noticePublish(id: "").route)) { request, context in
            try await publish(request, context)
        }
        group.post(RouterPath(SitePath.noticeName(id: "").route)) { request, context in
            try await resolveName(request, context)
        }
    }

    func uploadPage(_ context: WebContext) async throws -> Response {
        _ = try context.signedIn(as: .secretariat, for: "tải lên văn bản")
        return HTML.response(
            NoticeUploadView.render(frame: pages.frame("Tải lên văn bản", context, current: .notices)))
    }

    func upload(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "tải lên văn bản")
        let form = try await PostedForm.read(request, context: context, limit: Self.uploadLimit)
        typealias Field = NoticeUploadView.Field
        let input: NoticeInput
        if let file = form.files[Field.file], !file.data.isEmpty {
            input = try Self.input(file, logger: context.logger)
        } else if let text = form.text(Field.text) {
            let name = form.text(Field.name) ?? "van-ban-dan-\(StoreClock.today().iso).txt"
            input = NoticeInput(sourceName: name, text: text)
        } else {
            throw WebError.badInput(
                vietnamese: "Vui lòng chọn tệp văn bản hoặc dán nội dung văn bản.",
                english: "no file and no text")
        }
        let outcome = try await store.importNotice(
            input, into: me.organization, publish: false, calendar: calendar, actor: me.person.id)
        let id: String
        switch outcome {
        case .imported(let notice):
            id = notice.documentID
            pages.flash(
                context, .success,
                "Đã nhập văn bản: \(notice.tasks) nhiệm vụ. Vui lòng rà soát trước khi ban hành.")
        case .alreadyImported(let existing, _, _):
            id = existing
            pages.flash(context, .error, "Văn bản này đã được nhập trước đó; không có gì thay đổi.")
        }
        return Response(status: .seeOther, headers: [.location: SitePath.notice(id: id).path])
    }

    func review(_ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, .leadership, for: "xem văn bản chờ rà soát")
        let id = try context.parameters.require("id")
        guard let notice = try await store.notice(id: id, in: me.organization) else {
            throw WebError.notFound
        }
        let tasks = try await store.tasks(
            in: me.organization, TaskQuery(documentID: id, includeDrafts: true, limit: 5000)
        )
        .sorted { $0.position < $1.position }
        let directory = try await store.directory(of: me.organization)
        let sourceLines = notice.sourceText.split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        let fold: (String) -> String = { VietnameseText.fold($0) }
        let reviewTasks = tasks.map { task in
            NoticeReviewModel.Task(
                id: task.id, section: task.section, text: task.text, leadIDs: task.lead.compactMap(\.unitID),
                supportIDs: task.support.compactMap(\.unitID),
                pendingNames: (task.lead + task.support).filter {
                    $0.unitID == nil && $0.matchedBy != "other_agency"
                }
                .map(\.writtenName),
                due: task.dueDate, dueText: task.dueText,
                sourceLine: NoticeReviewModel.sourceLine(of: task.text, in: sourceLines, fold: fold))
        }
        let sources = Set(reviewTasks.compactMap(\.sourceLine))
        let model = NoticeReviewModel(
            id: id, title: PageRoutes.title(of: notice.summary),
            published: notice.summary.status == "published",
            version: notice.summary.version,
            lines: sourceLines.enumerated().map {
                .init(number: $0 + 1, text: $1, isTaskSource: sources.contains($0 + 1))
            },
            tasks: reviewTasks, units: directory.activeUnits.map { .init(id: $0.id, name: $0.name) },
            canEdit: me.person.role == .secretariat && notice.summary.status == "draft")
        return HTML.response(
            NoticeReviewView.render(model, frame: pages.frame("Rà soát văn bản", context, current: .notices)))
    }

    func edit(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "sửa văn bản")
        let id = try context.parameters.require("id")
        let form = try await PostedForm.read(request, context: context, limit: 256 * 1024)
        typealias Field = NoticeReviewView.Field
        let version = try Self.version(form)
        let task = form.text(Field.task)
        func requireTask() throws -> String {
            guard let task else {
                throw WebError.badInput(
                    vietnamese: "Thiếu nhiệm vụ cần sửa.", english: "the form names no task")
            }
            return task
        }
        func due() throws -> CalendarDate? {
            guard let text = form.text(Field.due) else { return nil }
            guard let date = PageRoutes.date(text) else {
                throw WebError.badInput(
                    vietnamese: "Thời hạn “\(text)” không hợp lệ; hãy nhập theo dạng 15/08/2025.",
                    english: "bad date \(text)")
            }
            return date
        }
        let text = form.text(Field.text) ?? ""
        let edit: DraftEdit
        let done: String
        switch form.text(Field.edit) {
        case "revise":
            edit = .revise(
                taskID: try requireTask(), text: text, lead: form.values(Field.lead),
                support: form.values(Field.support),
                due: try due())
            done = "Đã lưu nhiệm vụ."
        case "add":
            edit = .add(
                afterTaskID: task, text: text, lead: form.values(Field.lead),
                support: form.values(Field.support),
                due: try due())
            done = "Đã thêm nhiệm vụ."
        case "delete":
            edit = .delete(taskID: try requireTask())
            done = "Đã xóa nhiệm vụ."
        case "split":
            edit = .split(taskID: try requireTask(), first: text, second: form.text(Field.second) ?? "")
            done = "Đã tách nhiệm vụ."
        case "merge":
            edit = .mergeWithNext(taskID: try requireTask())
            done = "Đã gộp nhiệm vụ."
        default:
            throw WebError.badInput(vietnamese: "Thao tác không hợp lệ.", english: "unknown edit")
        }
        do {
            try await store.editDraft(
                edit, documentID: id, expectedVersion: version, in: me.organization, actor: me.person.id)
        } catch {
            throw Self.refusal(error)
        }
        pages.flash(context, .success, done)
        return Response(
            status: .seeOther,
            headers: [.location: SitePath.notice(id: id).path + (task.map { "#nv-\($0)" } ?? "")])
    }

    func publish(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "ban hành văn bản")
        let id = try context.parameters.require("id")
        let form = try await PostedForm.read(request, context: context, limit: 64 * 1024)
        guard try await store.notice(id: id, in: me.organization) != nil else { throw WebError.notFound }
        try await store.publish(documentID: id, expectedVersion: try Self.version(form), actor: me.person.id)
        pages.flash(context, .success, "Đã ban hành văn bản; các nhiệm vụ được theo dõi từ hôm nay.")
        return Response(status: .seeOther, headers: [.location: SitePath.notice(id: id).path])
    }

    func resolveName(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "xác định tên đơn vị")
        let id = try context.parameters.require("id")
        let form = try await PostedForm.read(request, context: context, limit: 64 * 1024)
        try await pages.learnAlias(
            from: form, nameField: NoticeReviewView.Field.name, unitField: NoticeReviewView.Field.unit,
            by: me, context)
        return Response(status: .seeOther, headers: [.location: SitePath.notice(id: id).path])
    }

    /// An uploaded file as a notice to import: a text file (.txt, .md) in UTF-8 or one of the
    /// encodings `NoticeText` recognises; anything else is refused before the parser sees it.
    static func input(_ file: PostedForm.File, logger: Logger? = nil) throws -> NoticeInput {
        let name = file.fileName.isEmpty ? "van-ban.txt" : file.fileName
        let lower = name.lowercased()
        guard lower.hasSuffix(".txt") || lower.hasSuffix(".md") || lower.hasSuffix(".text") else {
            throw WebError.unsupportedFile(name)
        }
        do {
            return NoticeInput(sourceName: name, text: try NoticeText.decode(file.data), original: file.data)
        } catch {
            logger?.notice("upload \(name) refused: \(error.description)")
            throw WebError.unsupportedFile(name)
        }
    }

    static func version(_ form: PostedForm) throws -> Int {
        guard let version = form.text(NoticeReviewView.Field.version).flatMap(Int.init) else {
            throw WebError.badInput(
                vietnamese: "Thiếu phiên bản; vui lòng tải lại trang.", english: "the form has no version")
        }
        return version
    }

    /// A store error, with its refusals said to the secretariat.
    static func refusal(_ error: StoreError) -> any Error {
        guard case .invalid(let why) = error else { return error }
        return WebError.badInput(vietnamese: vietnamese(why), english: why)
    }

    /// A store refusal, said to the secretariat.
    static func vietnamese(_ why: String) -> String {
        if why.contains("needs its text") { return "Nội dung nhiệm vụ không được để trống." }
        if why.contains("no active unit") { return "Đơn vị đã chọn không có trong danh mục." }
        if why.contains("is the notice's last") {
            return "Đây là nhiệm vụ cuối cùng; không có nhiệm vụ sau để gộp."
        }
        if why.contains("is published") {
            return "Văn bản đã ban hành; nhiệm vụ được cập nhật trong trang nhiệm vụ."
        }
        return "Dữ liệu không hợp lệ: \(why)"
    }
}
