import Foundation
import Hummingbird
import HummingbirdAuth
import NIOCore
import Store
import Tracking
import WebPages

/// What the server keeps of a browser between requests (in the database, `web_sessions`).
public struct WebSession: Codable, Sendable, Equatable {
    /// The person signed in; nil before signing in (the session then only carries the CSRF token
    /// of the sign-in form).
    var personID: String?
    /// The token every form must send back (CSRF).
    var csrf: String
    /// A message for the next page shown.
    var flash: Flash?

    static func fresh(personID: String? = nil) -> WebSession {
        WebSession(personID: personID, csrf: Secrets.token(bytes: 24), flash: nil)
    }
}

/// The person a request acts as, with their organization.
public struct SignedIn: Sendable {
    public let person: Person
    public let organization: Organization
    /// The name of the person's unit, when they belong to one.
    public let unitName: String?

    var viewer: Viewer { Viewer(fullName: person.fullName, role: person.role, unitName: unitName) }
}

/// The request context of every route: the session (pages) or bearer token (API) resolved to a
/// person.
public struct WebContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: SignedIn?
    public let sessions: SessionContext<WebSession>
    /// The client's address, for sign-in throttling.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The largest request body any route reads: a notice or an attachment with the form's
    /// fields around it. Each route applies its own, smaller limit where it has one.
    public var maxUploadSize: Int { AttachmentInput.maxBytes + 1024 * 1024 }
}

/// Random tokens for sessions, CSRF and passwords.
enum Secrets {
    /// `bytes` random bytes as URL-safe base64 without padding.
    static func token(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A password a person can type from a printed sheet: 12 letters and digits without the
    /// ones that look alike (0/O, 1/l/I).
    static func password() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
