import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore
import Store
import Synchronization
import WebPages

/// The outermost middleware: every error becomes a Vietnamese page (or, under `/api/`, a JSON
/// problem with the English detail too), and every response carries the security headers.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = WebContext

    /// Self only; no inline script or style; forms post to this site; no framing.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    let secureCookies: Bool

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Self.response(for: error, request: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if secureCookies { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        if response.headers[.cacheControl] == nil, !request.uri.path.hasPrefix("/tai-nguyen/") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }

    static func response(for error: any Error, request: Request, context: WebContext) -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        if case .signInRequired = error as? WebError, !isAPI, request.method == .get {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return Response(
                status: .seeOther, headers: [.location: SitePath.signIn.with(query: [("next", next)])])
        }
        let problem = Problem(error, logger: context.logger)
        if isAPI {
            let body: [String: String] = [
                "error": problem.code, "message": problem.english, "vietnamese": problem.vietnamese,
            ]
            let data = (try? JSONEncoder().encode(body)) ?? Data()
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
            if problem.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
            return Response(
                status: problem.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let frame = PageFrame(
            title: "Lỗi", viewer: context.identity?.viewer, csrfToken: context.sessions.session?.csrf)
        return HTML.response(
            ErrorPageView.render(status: Int(problem.status.code), message: problem.vietnamese, frame: frame),
            status: problem.status)
    }
}

/// Refuses a request without a signed-in person: a page asks to sign in (GET requests come
/// back to where they were), the API answers 401.
struct RequireSignIn: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
        async throws -> Response
    {
        guard context.identity != nil else { throw WebError.signInRequired }
        return try await next(request, context)
    }
}

/// Resolves the session's person (pages) and the bearer token's (API) to `context.identity`.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let store: Store
    let people: SignedInCache

    init(store: Store) {
        self.store = store
        self.people = SignedInCache(store: store)
    }

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let token = request.headers.bearer?.token {
            guard let person = try await store.person(forToken: token),
                let found = try await people.signedIn(personID: person.id)
            else { throw WebError.signInRequired }
            context.identity = SignedIn(
                person: found.person, organization: found.organization, unitName: found.unitName)
        } else if let id = context.sessions.session?.personID {
            if let found = try await people.signedIn(personID: id) {
                context.identity = SignedIn(
                    person: found.person, organization: found.organization, unitName: found.unitName)
            } else {
                // Deactivated, or removed: the session no longer signs anyone in.
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}

/// An HTML page as a response.
enum HTML {
    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        let buffer = ByteBuffer(string: html)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .contentLength: "\(buffer.readableBytes)"],
            body: .init(byteBuffer: buffer))
    }
}

/// The signed-in people of recent requests, read once a few seconds instead of at every request
/// (a statement of the five or six a task page needs).
///
/// An entry is used while this process has committed no change to the record since it was read
/// (`Store.changeCount`: deactivating a person or changing a role is such a change) and for at most
/// `lifetime`, which bounds how long a change made by another server process sharing the database
/// goes unseen. Unlike the page caches, an expired entry is never served.
final class SignedInCache: Sendable {
    typealias Found = (person: Person, organization: Organization, unitName: String?)
    private struct Entry {
        let generation: Int
        let read: ContinuousClock.Instant
        let found: Found
    }

    static let defaultLifetime: Duration = .seconds(5)
    /// People kept at most; past it the cache starts again empty.
    static let capacity = 10_000

    private let store: Store
    private let lifetime: Duration
    private let entries = Mutex<[String: Entry]>([:])

    init(store: Store, lifetime: Duration = defaultLifetime) {
        self.store = store
        self.lifetime = lifetime
    }

    /// The active person `personID` with their organization and unit's name; nil when there is
    /// no such active person.
    func signedIn(personID: String) async throws -> Found? {
        let generation = store.changeCount
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[personID] }), entry.generation == generation,
            now - entry.read < lifetime
        {
            return entry.found
        }
        guard let found = try await store.signedIn(personID: personID) else {
            entries.withLock { _ = $0.removeValue(forKey: personID) }
            return nil
        }
        entries.withLock {
            if $0.count >= Self.capacity { $0.removeAll(keepingCapacity: true) }
            $0[personID] = Entry(generation: generation, read: now, found: found)
        }
        return found
    }
}
