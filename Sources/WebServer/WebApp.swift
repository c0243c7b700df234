import Deadlines
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore
import Store
import WebPages

/// How the server runs.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Whether cookies are marked Secure (and HSTS sent): set when DonDoc is served over TLS,
    /// directly or behind a proxy.
    public var secureCookies: Bool
    public var passwords: Passwords

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
        passwords: Passwords = Passwords()
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.passwords = passwords
    }
}

/// The web application: pages, sign-in, the JSON API.
public enum WebApp {
    /// The application over `store`, with the working calendar and the day (in Việt Nam) the
    /// deadlines are judged on.
    public static func build(
        store: Store, calendar: WorkingDays, configuration: WebConfiguration, logger: Logger,
        today: @escaping @Sendable () -> CalendarDate = { StoreClock.today() }
    ) async throws -> some ApplicationProtocol {
        let decoy = try await configuration.passwords.hash(Secrets.token(bytes: 16))
        let router = Self.router(
            store: store, calendar: calendar, configuration: configuration, decoy: decoy, today: today)
        return Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "DonDoc"),
            logger: logger)
    }

    static func router(
        store: Store, calendar: WorkingDays, configuration: WebConfiguration, decoy: String,
        today: @escaping @Sendable () -> CalendarDate
    ) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        // Middleware applies to the routes registered after it: add it first.
        router.addMiddleware {
            ProblemMiddleware(secureCookies: configuration.secureCookies)
            SessionMiddleware(
                storage: StoreSessionDriver(store: store),
                configuration: .init(
                    sessionCookieParameters: .init(
                        name: "dondoc_session", path: "/", secure: configuration.secureCookies, sameSite: .lax
                    ),
                    defaultSessionExpiration: SignInRoutes.signedInLifetime))
            IdentityMiddleware(store: store)
        }
        router.get(RouterPath(SitePath.health.route)) { _, _ -> Response in
            do {
                _ = try await store.organizations()
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
            } catch {
                return Response(
                    status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "database unavailable\n")))
            }
        }
        router.get(RouterPath(SitePath.stylesheet.route)) { _, _ -> Response in
            let buffer = ByteBuffer(string: Stylesheet.css)
            return Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: buffer))
        }
        SignInRoutes(store: store, passwords: configuration.passwords, decoy: decoy).register(on: router)
        ApiRoutes(store: store, calendar: calendar, today: today, passwords: configuration.passwords).register(on: router)
        let signedIn = router.group().add(middleware: RequireSignIn())
        let pages = PageRoutes(store: store, calendar: calendar, today: today)
        pages.register(on: signedIn)
        NoticeRoutes(store: store, calendar: calendar, pages: pages).register(on: signedIn)
        AdminRoutes(store: store, pages: pages, passwords: configuration.passwords).register(on: signedIn)
        return router
    }
}
