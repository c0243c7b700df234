import Deadlines
import Foundation
import Hummingbird
import HummingbirdAuth
import Store
import Tracking
import WebPages

/// Units, users (the secretariat's) and search (everyone's).
struct AdminRoutes: Sendable {
    let store: Store
    let pages: PageRoutes
    let passwords: Passwords

    func register(on group: RouterGroup<WebContext>) {
        group.get(RouterPath(SitePath.units.route)) { _, context in try await units(context) }
        group.post(RouterPath(SitePath.unitNames.route)) { request, context in
            try await resolve(request, context)
        }
        group.get(RouterPath(SitePath.users.route)) { _, context in try await users(context, newPassword: nil)
        }
        group.post(RouterPath(SitePath.users.route)) { request, context in try await addUser(request, context)
        }
        group.post(RouterPath(SitePath.user(id: "").route)) { request, context in
            try await updateUser(request, context)
        }
        group.post(RouterPath(SitePath.userPassword(id: "").route)) { request, context in
            try await resetPassword(request, context)
        }
        group.get(RouterPath(SitePath.search.route)) { request, context in try await search(request, context)
        }
    }

    func units(_ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "quản lý danh mục đơn vị")
        let directory = try await store.directory(of: me.organization)
        let model = UnitsModel(
            units: directory.units.map { unit in
                .init(
                    id: unit.id, name: unit.name, kind: unit.kind.vietnamese,
                    names: ([unit.shortName].compactMap { $0 } + unit.abbreviations + unit.aliases),
                    active: unit.active)
            },
            pending: try await store.pendingNames(in: me.organization).filter {
                $0.matchedBy != "other_agency"
            }.map {
                .init(writtenName: $0.writtenName, count: $0.count)
            })
        return HTML.response(UnitsView.render(model, frame: pages.frame("Đơn vị", context, current: .units)))
    }

    func resolve(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "quản lý danh mục đơn vị")
        let form = try await PostedForm.read(request, context: context, limit: 64 * 1024)
        try await pages.learnAlias(from: form, nameField: "name", unitField: "unit", by: me, context)
        return Response(status: .seeOther, headers: [.location: SitePath.units.path])
    }

    func users(_ context: WebContext, newPassword: (login: String, password: String)?) async throws
        -> Response
    {
        let me = try context.signedIn(as: .secretariat, for: "quản lý người dùng")
        let directory = try await store.directory(of: me.organization)
        let model = UsersModel(
            people: try await store.people(in: me.organization).map {
                .init(
                    id: $0.id, fullName: $0.fullName, login: $0.login ?? "", role: $0.role, unitID: $0.unitID,
                    active: $0.active)
            },
            units: directory.activeUnits.map { .init(id: $0.id, name: $0.name) }, newPassword: newPassword)
        return HTML.response(
            UsersView.render(model, frame: pages.frame("Người dùng", context, current: .users)))
    }

    static func role(_ form: PostedForm) throws -> Role {
        guard let text = form.text("role"), let role = Role(rawValue: text) else {
            throw WebError.badInput(vietnamese: "Vui lòng chọn vai trò.", english: "unknown role")
        }
        return role
    }

    func addUser(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "quản lý người dùng")
        let form = try await PostedForm.read(request, context: context, limit: 64 * 1024)
        let password = Passwords.generate()
        let person: Person
        do {
            person = try await store.addPerson(
                NewPerson(
                    fullName: form.text("fullName") ?? "", login: form.text("login") ?? "",
                    email: form.text("email"),
                    role: try Self.role(form), unitID: form.text("unit"),
                    passwordHash: try await passwords.hash(password)),
                in: me.organization, actor: me.person.id)
        } catch let error as StoreError {
            throw Self.refusal(error)
        }
        // Shown in this response only, never kept in the session or the record.
        return try await users(context, newPassword: (person.login ?? "", password))
    }

    func updateUser(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "quản lý người dùng")
        let id = try context.parameters.require("id")
        let form = try await PostedForm.read(request, context: context, limit: 64 * 1024)
        guard id != me.person.id || form.text("active") == "true" else {
            throw WebError.badInput(
                vietnamese: "Không thể tự khóa tài khoản của mình.",
                english: "a person cannot deactivate themselves")
        }
        do {
            _ = try await store.updatePerson(
                id: id, role: try Self.role(form), unitID: form.text("unit"),
                active: form.text("active") == "true",
                in: me.organization, actor: me.person.id)
        } catch let error as StoreError {
            throw Self.refusal(error)
        }
        pages.flash(context, .success, "Đã lưu thông tin người dùng.")
        return Response(status: .seeOther, headers: [.location: SitePath.users.path])
    }

    func resetPassword(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn(as: .secretariat, for: "quản lý người dùng")
        let id = try context.parameters.require("id")
        _ = try await PostedForm.read(request, context: context, limit: 64 * 1024)
        guard let person = try await store.person(id: id), person.organizationID == me.organization.id else {
            throw WebError.notFound
        }
        let password = Passwords.generate()
        try await store.setPasswordHash(try await passwords.hash(password), personID: id, actor: me.person.id)
        return try await users(context, newPassword: (person.login ?? "", password))
    }

    static func refusal(_ error: StoreError) -> any Error {
        guard case .invalid(let why) = error else { return error }
        if why.contains("is taken") {
            return WebError.badInput(vietnamese: "Tên đăng nhập đã có người dùng.", english: why)
        }
        if why.contains("sign-in name") {
            return WebError.badInput(
                vietnamese: "Tên đăng nhập chỉ gồm chữ không dấu, số và các dấu . _ - (tối đa 64 ký tự).",
                english: why)
        }
        if why.contains("belongs to a unit") {
            return WebError.badInput(
                vietnamese: "Trưởng đơn vị và chuyên viên phải thuộc một đơn vị.", english: why)
        }
        if why.contains("full name") {
            return WebError.badInput(vietnamese: "Vui lòng nhập họ tên.", english: why)
        }
        return NoticeRoutes.refusal(error)
    }

    func search(_ request: Request, _ context: WebContext) async throws -> Response {
        let me = try context.signedIn
        let words = (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces)
        var problem: String?
        var tasks: [TaskRow] = []
        var notices: [NoticeListModel.Line] = []
        if !words.isEmpty {
            do {
                let day = pages.today()
                tasks = try await store.tasks(in: me.organization, TaskQuery(text: words, limit: 100)).map {
                    pages.row($0, on: day)
                }
                if me.person.role == .secretariat || me.person.role == .leadership {
                    notices = try await store.documents(in: me.organization, text: words).map {
                        .init(
                            id: $0.id, title: PageRoutes.title(of: $0), symbol: nil, issued: $0.issued,
                            published: $0.status == "published", tasks: $0.tasks,
                            unmatchedNames: $0.unmatchedNames)
                    }
                }
            } catch {
                // (Swift 6.3.1 crashes on `catch StoreError.invalid` here: the case is tested inside.)
                guard case .invalid = error else { throw error }
                problem = "Từ khóa không hợp lệ; hãy nhập ít nhất một từ có chữ hoặc số."
            }
        }
        let model = SearchModel(words: words, tasks: tasks, notices: notices, problem: problem)
        return HTML.response(
            SearchView.render(model, frame: pages.frame("Tìm kiếm", context, current: .search)))
    }
}
