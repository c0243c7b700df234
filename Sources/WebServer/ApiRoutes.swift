import Deadlines
import Extraction
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import NIOCore
import Store
import Tracking
import WebPages

/// One operation of the JSON API: registered on the router and described in the OpenAPI
/// document from this same list, so the document cannot name a route that does not exist.
struct ApiEndpoint: Sendable {
    let method: HTTPRequest.Method
    /// The path under `/api/v1`, with `{id}` for the parameter (OpenAPI's form).
    let path: String
    let operationID: String
    let summary: String
    /// The JSON body it reads (a schema of `ApiDocument.schemas`), if any.
    let request: String?
    /// The JSON it answers with, and the status of success.
    let response: String
    let status: HTTPResponse.Status
    let handler: @Sendable (Request, WebContext) async throws -> Response

    /// Hummingbird's form of the path: `{id}` becomes `:id`.
    var route: String { "/api/v1" + path.replacingOccurrences(of: "{id}", with: ":id") }
}

/// The JSON API under `/api/v1`: every action a page offers, for scripts and other systems.
/// Requests authenticate with a person's bearer token (`Authorization: Bearer dd_…`); a
/// session cookie is not enough, so a page of another site cannot make a browser call it.
struct ApiRoutes: Sendable {
    let store: Store
    let calendar: WorkingDays
    let today: @Sendable () -> CalendarDate
    let passwords: Passwords

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    var endpoints: [ApiEndpoint] {
        [
            .init(
                method: .get, path: "/documents", operationID: "listDocuments",
                summary: "The organization's notices.",
                request: nil, response: "DocumentList", status: .ok, handler: documents),
            .init(
                method: .post, path: "/documents", operationID: "importDocument",
                summary:
                    "Import a notice as a draft (JSON with its text, or multipart with a .txt/.md file).",
                request: "NoticeUpload", response: "ImportResult", status: .created, handler: importDocument),
            .init(
                method: .get, path: "/documents/{id}", operationID: "getDocument",
                summary: "A notice, its text and its tasks.", request: nil, response: "DocumentDetail",
                status: .ok,
                handler: document),
            .init(
                method: .post, path: "/documents/{id}/edits", operationID: "editDraft",
                summary: "Correct a draft notice's tasks (revise, add, split, merge, delete).",
                request: "DraftEdit",
                response: "Version", status: .ok, handler: editDraft),
            .init(
                method: .post, path: "/documents/{id}/publish", operationID: "publishDocument",
                summary: "Publish a draft: its tasks are tracked from then on.", request: "Version",
                response: "Version",
                status: .ok, handler: publish),
            .init(
                method: .get, path: "/tasks", operationID: "listTasks",
                summary: "Tasks by unit, state, month, notice, overdue day and words.", request: nil,
                response: "TaskList",
                status: .ok, handler: tasks),
            .init(
                method: .get, path: "/tasks/{id}", operationID: "getTask",
                summary: "A task, its history and the actions the caller may take.", request: nil,
                response: "TaskDetail", status: .ok, handler: task),
            .init(
                method: .post, path: "/tasks/{id}/actions", operationID: "actOnTask",
                summary: "Take a workflow action on a task (report, confirm, extend, stop, …).",
                request: "TaskAction",
                response: "Task", status: .ok, handler: act),
            .init(
                method: .get, path: "/units", operationID: "listUnits",
                summary: "The unit directory and the names that await review.", request: nil,
                response: "UnitList",
                status: .ok, handler: units),
            .init(
                method: .post, path: "/units/aliases", operationID: "learnAlias",
                summary: "Teach the directory that a written name stands for a unit.", request: "Alias",
                response: "AliasResult", status: .ok, handler: learnAlias),
            .init(
                method: .get, path: "/users", operationID: "listUsers", summary: "The organization's people.",
                request: nil, response: "UserList", status: .ok, handler: users),
            .init(
                method: .post, path: "/users", operationID: "addUser",
                summary: "Add a person; the answer holds their first password, shown once.",
                request: "NewUser",
                response: "UserWithPassword", status: .created, handler: addUser),
            .init(
                method: .patch, path: "/users/{id}", operationID: "updateUser",
                summary: "Change a person's role, unit or whether they may sign in.", request: "UserUpdate",
                response: "User", status: .ok, handler: updateUser),
            .init(
                method: .post, path: "/users/{id}/tokens", operationID: "issueToken",
                summary:
                    "Issue an API token for a person (oneself, or anyone for the secretariat); shown once.",
                request: "TokenRequest", response: "Token", status: .created, handler: issueToken),
        ]
    }

    func register(on router: Router<WebContext>) {
        let api = router.group("api/v1").add(middleware: RequireBearer())
        for endpoint in endpoints {
            api.on(RouterPath(String(endpoint.route.dropFirst("/api/v1".count))), method: endpoint.method) {
                request, context in try await endpoint.handler(request, context)
            }
        }
        let document = ApiDocument(endpoints: endpoints).json
        router.get("api/v1/openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
    }

    // MARK: Helpers

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func body<T: Decodable>(_ type: T.Type, _ request: Request, limit: Int = 256 * 1024) async throws
        -> T
    {
        guard let contentType = request.headers[.contentType],
            MediaType(from: contentType)?.isType(.applicationJson) == true
        else {
            throw WebError.badInput(vietnamese: "Yêu cầu phải là JSON.", english: "send application/json")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw WebError.tooLarge(limitMB: max(1, limit / (1024 * 1024)))
        }
        do {
            return try JSONDecoder().decode(T.self, from: buffer)
        } catch {
            throw WebError.badInput(
                vietnamese: "JSON không hợp lệ.", english: "the JSON body does not fit: \(error)")
        }
    }

    // MARK: Documents

    func documents(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, .leadership, for: "xem danh sách văn bản")
        return try Self.json(["documents": try await store.documents(in: me.organization)])
    }

    struct NoticeUpload: Decodable {
        let name: String?
        let text: String
    }

    func importDocument(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "nhập văn bản")
        let input: NoticeInput
        if let type = request.headers[.contentType], MediaType(from: type)?.isType(.multipartForm) == true {
            let buffer = try await request.body.collect(upTo: NoticeRoutes.uploadLimit)
            let form = try PostedForm.parse(buffer, contentType: type)
            guard let file = form.files["file"] else {
                throw WebError.badInput(
                    vietnamese: "Thiếu tệp văn bản.", english: "the multipart body has no file part")
            }
            input = try NoticeRoutes.input(file)
        } else {
            let upload = try await Self.body(NoticeUpload.self, request, limit: NoticeRoutes.uploadLimit)
            input = NoticeInput(
                sourceName: upload.name ?? "van-ban-\(today().iso).txt", text: upload.text)
        }
        switch try await store.importNotice(
            input, into: me.organization, publish: false, calendar: calendar, actor: me.person.id)
        {
        case .imported(let notice): return try Self.json(notice, status: .created)
        case .alreadyImported(let id, let name, let status):
            return try Self.json(["alreadyImported": id, "sourceName": name, "status": status], status: .ok)
        }
    }

    struct DocumentDetail: Encodable {
        let document: DocumentSummary
        let sourceText: String
        let tasks: [TaskRecord]
    }

    func document(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, .leadership, for: "xem văn bản")
        let id = try context.parameters.require("id")
        guard let notice = try await store.notice(id: id, in: me.organization) else {
            throw WebError.notFound
        }
        let tasks = try await store.tasks(
            in: me.organization, TaskQuery(documentID: id, includeDrafts: true, limit: 5000)
        )
        .sorted { $0.position < $1.position }
        return try Self.json(
            DocumentDetail(document: notice.summary, sourceText: notice.sourceText, tasks: tasks))
    }

    struct EditInput: Decodable {
        let version: Int
        let edit: String
        let task: String?
        let text: String?
        let second: String?
        let lead: [String]?
        let support: [String]?
        let due: String?
    }

    func editDraft(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "sửa văn bản")
        let id = try context.parameters.require("id")
        let input = try await Self.body(EditInput.self, request)
        func task() throws -> String {
            guard let task = input.task else {
                throw WebError.badInput(vietnamese: "Thiếu nhiệm vụ.", english: "\(input.edit) needs task")
            }
            return task
        }
        var due: CalendarDate?
        if let text = input.due {
            guard let date = CalendarDate(iso: text) else {
                throw WebError.badInput(vietnamese: "Thời hạn không hợp lệ.", english: "due is YYYY-MM-DD")
            }
            due = date
        }
        let edit: DraftEdit =
            switch input.edit {
            case "revise":
                .revise(
                    taskID: try task(), text: input.text ?? "", lead: input.lead ?? [],
                    support: input.support ?? [],
                    due: due)
            case "add":
                .add(
                    afterTaskID: input.task, text: input.text ?? "", lead: input.lead ?? [],
                    support: input.support ?? [], due: due)
            case "delete": .delete(taskID: try task())
            case "split": .split(taskID: try task(), first: input.text ?? "", second: input.second ?? "")
            case "merge": .mergeWithNext(taskID: try task())
            default:
                throw WebError.badInput(
                    vietnamese: "Thao tác không hợp lệ.",
                    english: "edit is revise, add, delete, split or merge")
            }
        let version: Int
        do {
            version = try await store.editDraft(
                edit, documentID: id, expectedVersion: input.version, in: me.organization, actor: me.person.id
            )
        } catch {
            throw NoticeRoutes.refusal(error)
        }
        return try Self.json(["version": version])
    }

    struct VersionInput: Decodable { let version: Int }

    func publish(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "ban hành văn bản")
        let id = try context.parameters.require("id")
        let input = try await Self.body(VersionInput.self, request)
        guard try await store.notice(id: id, in: me.organization) != nil else { throw WebError.notFound }
        try await store.publish(documentID: id, expectedVersion: input.version, actor: me.person.id)
        return try Self.json(["version": input.version + 1])
    }

    // MARK: Tasks

    func tasks(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let q = request.uri.queryParameters
        var query = try PageRoutes.taskQuery(
            TaskListModel.Filters(
                // Every state unless one is asked for (the page's default is the open tasks).
                unitID: q.get("unit"), state: q.get("state")?.nonEmpty ?? TaskListView.everyState,
                period: q.get("month"),
                noticeID: q.get("document"),
                overdueOn: q.get("overdue_on"), words: q.get("q")))
        query.limit = min(max(q.get("limit", as: Int.self) ?? 500, 1), 5000)
        return try Self.json(["tasks": try await store.tasks(in: me.organization, query)])
    }

    struct TaskDetail: Encodable {
        let task: TaskRecord
        let events: [TaskEventRecord]
        let actions: [String]
    }

    func task(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let id = try context.parameters.require("id")
        // The task, its workflow and its history in one read, as the task's page has them.
        guard let dossier = try await store.dossier(ofTask: id), dossier.organizationID == me.organization.id
        else { throw WebError.notFound }
        return try Self.json(
            TaskDetail(
                task: dossier.task, events: dossier.events.map(\.event),
                actions: AssignmentWorkflow.permittedActions(on: dossier.snapshot, by: me.person.participant)
                    .map(\.rawValue)))
    }

    struct ActionInput: Decodable {
        let action: String
        let version: Int
        let note: String?
        let reason: String?
        let date: String?
    }

    func act(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let id = try context.parameters.require("id")
        let input = try await Self.body(ActionInput.self, request)
        guard let (_, organizationID) = try await store.workflowSnapshot(ofTask: id),
            organizationID == me.organization.id
        else { throw WebError.notFound }
        let action = try PageRoutes.action(
            kind: input.action, note: input.note, reason: input.reason, date: input.date)
        let task = try await store.apply(
            action, toTask: id, by: me.person.participant, expectedVersion: input.version,
            actor: me.person.id,
            calendar: calendar, today: today())
        return try Self.json(task)
    }

    // MARK: Units and users

    struct UnitList: Encodable {
        let units: [OrgUnit]
        let pendingNames: [Store.PendingName]
    }

    func units(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        return try Self.json(
            UnitList(
                units: try await store.directory(of: me.organization).units,
                pendingNames: try await store.pendingNames(in: me.organization)))
    }

    struct AliasInput: Decodable {
        let name: String
        let unit: String
    }

    func learnAlias(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "sửa danh mục đơn vị")
        let input = try await Self.body(AliasInput.self, request)
        let resolved: Int
        do {
            resolved = try await store.learnAlias(
                input.name, for: input.unit, in: me.organization, actor: me.person.id)
        } catch {
            throw NoticeRoutes.refusal(error)
        }
        return try Self.json(["resolved": resolved])
    }

    func users(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "quản lý người dùng")
        return try Self.json(["users": try await store.people(in: me.organization)])
    }

    struct NewUserInput: Decodable {
        let fullName: String
        let login: String
        let email: String?
        let role: Role
        let unit: String?
    }

    struct UserWithPassword: Encodable {
        let user: Person
        let password: String
    }

    func addUser(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "quản lý người dùng")
        let input = try await Self.body(NewUserInput.self, request)
        let password = Passwords.generate()
        let person = try await store.addPerson(
            NewPerson(
                fullName: input.fullName, login: input.login, email: input.email, role: input.role,
                unitID: input.unit,
                passwordHash: try await passwords.hash(password)),
            in: me.organization, actor: me.person.id)
        return try Self.json(UserWithPassword(user: person, password: password), status: .created)
    }

    struct UserUpdateInput: Decodable {
        let role: Role
        let unit: String?
        let active: Bool
    }

    func updateUser(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "quản lý người dùng")
        let id = try context.parameters.require("id")
        let input = try await Self.body(UserUpdateInput.self, request)
        let person = try await store.updatePerson(
            id: id, role: input.role, unitID: input.unit, active: input.active, in: me.organization,
            actor: me.person.id)
        return try Self.json(person)
    }

    struct TokenInput: Decodable { let label: String }

    func issueToken(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let id = try context.parameters.require("id")
        guard id == me.person.id || me.person.role == .secretariat else {
            throw WebError.forbidden("cấp mã truy cập")
        }
        guard let person = try await store.person(id: id), person.organizationID == me.organization.id else {
            throw WebError.notFound
        }
        let input = try await Self.body(TokenInput.self, request)
        let token = try await store.issueToken(personID: person.id, label: input.label, actor: me.person.id)
        return try Self.json(["token": token], status: .created)
    }
}

/// The API accepts bearer tokens only.
struct RequireBearer: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
        async throws -> Response
    {
        guard request.headers.bearer != nil, context.identity != nil else { throw WebError.signInRequired }
        return try await next(request, context)
    }
}
