import Deadlines
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Store
import TestSupport
import Tracking
import WebServer

/// A record with one published notice (`Notices.march`: tasks led by the Văn phòng, the Phòng
/// Quản lý khoa học and the Thanh tra) and one person per role, served by the web application.
struct WebFixture: Sendable {
    let store: Store
    let organization: Organization
    /// The day the application judges deadlines on.
    static let today = CalendarDate(year: 2025, month: 4, day: 15)!

    /// Sign-in names and their units; every password is "mk-" + the name.
    static let people: [(login: String, role: Role, unit: String?)] = [
        ("lanhdao", .leadership, nil),
        ("vanphong", .secretariat, "van-phong"),
        ("truongqlkh", .unitHead, "quan-ly-khoa-hoc"),
        ("chuyenvienqlkh", .officer, "quan-ly-khoa-hoc"),
        ("truongthanhtra", .unitHead, "thanh-tra"),
    ]

    static func password(_ login: String) -> String { "mk-" + login }

    /// Runs `body` against the application on a fresh record of `dialect`.
    static func run(
        _ dialect: StoreDialect,
        _ body: @escaping @Sendable (WebFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, _) = try await Notices.load(Notices.march, name: "march.txt", into: store)
            let passwords = Passwords(cost: 4)
            for person in people {
                _ = try await store.addPerson(
                    NewPerson(
                        fullName: "Người \(person.login)", login: person.login, role: person.role,
                        unitID: person.unit,
                        passwordHash: try await passwords.hash(password(person.login))),
                    in: org, actor: "test")
            }
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let app = try await WebApp.build(
                store: store, calendar: Notices.calendar,
                configuration: WebConfiguration(passwords: passwords), logger: logger, today: { today })
            let fixture = WebFixture(store: store, organization: org)
            try await app.test(.router) { client in try await body(fixture, client) }
        }
    }

    /// The task whose text contains `words`.
    func task(_ words: String) async throws -> TaskRecord {
        guard let task = try await store.tasks(in: organization).first(where: { $0.text.contains(words) })
        else {
            throw StoreError.notFound("a task with \(words)")
        }
        return task
    }
}

/// A page as a test reads it.
struct Page: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    /// The value of the first `name="…" value="…"` field of the page.
    func field(_ name: String) -> String? {
        guard let range = body.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = body[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    var location: String? { headers[.location] }
}

/// A browser: keeps the session cookie and the last page's CSRF token.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookie: String?
    var csrf: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    mutating func get(_ path: String) async throws -> Page {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        let page = try await send(path, .get, headers: headers, body: nil)
        if let token = page.field("csrf") { csrf = token }
        return page
    }

    /// Posts `fields` URL-encoded, with the CSRF token unless `csrf` says otherwise.
    mutating func post(_ path: String, _ fields: [(String, String)], csrf token: String?? = .none)
        async throws -> Page
    {
        var all = fields
        switch token {
        case .none: if let csrf { all.append(("csrf", csrf)) }
        case .some(.some(let given)): all.append(("csrf", given))
        case .some(.none): break
        }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        return try await send(path, .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts `fields` and `files` as multipart/form-data (the task forms), with the CSRF token.
    mutating func postMultipart(
        _ path: String, _ fields: [(String, String)], files: [(field: String, name: String, data: Data)] = []
    ) async throws -> Page {
        let boundary = "----dondoc-test-\(UUID().uuidString)"
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        for (name, value) in fields + (csrf.map { [("csrf", $0)] } ?? []) {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            add(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            body.append(file.data)
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if let cookie { headers[.cookie] = cookie }
        return try await send(path, .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// Signs in as `login` with its fixture password; the page after.
    @discardableResult
    mutating func signIn(_ login: String, password: String? = nil) async throws -> Page {
        _ = try await get("/dang-nhap")
        return try await post(
            "/dang-nhap", [("login", login), ("password", password ?? WebFixture.password(login))])
    }

    private mutating func send(
        _ path: String, _ method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?
    )
        async throws -> Page
    {
        let response = try await client.executeRequest(
            uri: path, method: method, headers: headers, body: body)
        if let set = response.headers[.setCookie] {
            // Signing out sends the same id, expired: the server has forgotten it either way.
            cookie = String(set.prefix { $0 != ";" })
        }
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            .init(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
