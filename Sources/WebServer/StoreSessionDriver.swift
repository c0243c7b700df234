import Foundation
import Hummingbird
import HummingbirdAuth
import Store

/// hummingbird-auth's session storage, kept in the record's `web_sessions` table.
///
/// Not `MemoryPersistDriver`: several server processes may share one PostgreSQL database, and a
/// restart must not sign everyone out. Expired sessions are purged at each sign-in (`SignInRoutes`).
public struct StoreSessionDriver: PersistDriver {
    let store: Store
    /// A session written without an expiry, which the middleware never does, lives this long.
    static let fallbackLifetime: TimeInterval = 12 * 3600

    public init(store: Store) { self.store = store }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?)
        async throws
    {
        let expiresAt = Date().addingTimeInterval(expires.map(Self.seconds) ?? Self.fallbackLifetime)
        guard try await store.createSession(id: key, value: try Self.encode(value), expiresAt: expiresAt)
        else {
            throw PersistError.duplicate
        }
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store.saveSession(
            id: key, value: try Self.encode(value),
            expiresAt: expires.map { Date().addingTimeInterval(Self.seconds($0)) },
            fallbackExpiry: Date().addingTimeInterval(Self.fallbackLifetime))
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws
        -> (object: Object, ttl: Duration?)?
    {
        guard let (value, expiresAt) = try await store.session(id: key) else { return nil }
        do {
            let object = try JSONDecoder().decode(Object.self, from: Data(value.utf8))
            return (object, .seconds(max(0, expiresAt.timeIntervalSinceNow)))
        } catch {
            // A session written by another release: the middleware drops it and the person signs in again.
            throw PersistError.invalidConversion
        }
    }

    public func remove(key: String) async throws {
        try await store.removeSession(id: key)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }

    static func encode<Object: Encodable>(_ value: Object) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
