import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import NIOPosix
import Store
import WebPages

/// bcrypt, off the event loops (a hash at cost 12 takes a quarter of a second of CPU).
public struct Passwords: Sendable {
    public let cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = cost }

    /// A new password a person can type from a printed sheet.
    public static func generate() -> String { Secrets.password() }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}

/// Signing in and out.
struct SignInRoutes: Sendable {
    let store: Store
    let passwords: Passwords
    /// A hash to check unknown names against, so that an unknown name takes as long as a wrong
    /// password (the time must not tell which names exist).
    let decoy: String

    /// Failed sign-ins allowed in `window` per name and per client address.
    static let perName = 5
    static let perAddress = 20
    static let window: TimeInterval = 15 * 60
    static let anonymousLifetime: Duration = .seconds(3600)
    static let signedInLifetime: Duration = .seconds(10 * 3600)

    func register(on router: Router<WebContext>) {
        router.get(RouterPath(SitePath.signIn.route)) { request, context in try await page(request, context) }
        router.post(RouterPath(SitePath.signIn.route)) { request, context in
            try await signIn(request, context)
        }
        router.post(RouterPath(SitePath.signOut.route)) { request, context in
            try await signOut(request, context)
        }
    }

    func page(_ request: Request, _ context: WebContext) async throws -> Response {
        if context.identity != nil {
            return Response(status: .seeOther, headers: [.location: SitePath.home.path])
        }
        let token = Self.csrfToken(context)
        return HTML.response(
            SignInView.render(
                login: "", next: Self.safeNext(request.uri.queryParameters.get("next")), problem: nil,
                csrfToken: token))
    }

    func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
        let form = try await PostedForm.read(request, context: context, limit: 64 * 1024)
        let login = (form.text(SignInView.Field.login) ?? "").lowercased()
        let password = form.fields[SignInView.Field.password] ?? ""
        let next = Self.safeNext(form.text(SignInView.Field.next))
        let keys = ["name:" + login] + (context.remoteAddress.map { ["address:" + $0] } ?? [])
        let since = Date().addingTimeInterval(-Self.window)
        if try await store.signInFailures(key: keys[0], since: since) >= Self.perName {
            throw WebError.throttled
        }
        if keys.count > 1, try await store.signInFailures(key: keys[1], since: since) >= Self.perAddress {
            throw WebError.throttled
        }
        let record = login.isEmpty ? nil : try await store.signInRecord(login: login)
        let matches = try await passwords.verify(
            String(password.prefix(128)), hash: record?.passwordHash ?? decoy)
        guard let person = record?.person, matches else {
            try await store.recordSignInFailure(keys: keys)
            context.logger.notice("failed sign-in for \(login.isEmpty ? "(blank)" : login)")
            return HTML.response(
                SignInView.render(
                    login: login, next: next, problem: "Tên đăng nhập hoặc mật khẩu không đúng.",
                    csrfToken: Self.csrfToken(context)),
                status: .unauthorized)
        }
        try await store.clearSignInFailures(key: keys[0])
        try await store.purgeSessions(failuresBefore: Date().addingTimeInterval(-24 * 3600))
        // A new session id on signing in: a session id planted before cannot be used after.
        context.sessions.createSession(
            WebSession.fresh(personID: person.id), expiresIn: Self.signedInLifetime)
        return Response(status: .seeOther, headers: [.location: next ?? SitePath.home.path])
    }

    func signOut(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try await PostedForm.read(request, context: context, limit: 64 * 1024)
        context.sessions.clearSession()
        return Response(status: .seeOther, headers: [.location: SitePath.signIn.path])
    }

    /// The session's CSRF token, starting an anonymous session for the sign-in form if there is none.
    static func csrfToken(_ context: WebContext) -> String {
        if let token = context.sessions.session?.csrf { return token }
        let session = WebSession.fresh()
        context.sessions.createSession(session, expiresIn: anonymousLifetime)
        return session.csrf
    }

    /// `next` when it is a path of this site; nil for anything that could lead elsewhere
    /// ("//evil.example", "https://…", "/\\evil").
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 500,
            !next.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return nil }
        return next
    }
}
