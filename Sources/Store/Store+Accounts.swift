import Crypto
import Foundation
import SQLKit
import Tracking

/// A person who signs in: their organization, role and unit.
public struct Person: Sendable, Hashable, Codable {
    public let id: String
    public let organizationID: String
    /// The unit's directory id ("phong-qlkh"); nil for leadership and for people outside units.
    public let unitID: String?
    public let fullName: String
    public let login: String?
    public let email: String?
    public let role: Role
    public let active: Bool

    /// The participant the workflow rules see.
    public var participant: Participant {
        Participant(role: role, unitIDs: Set(unitID.map { [$0] } ?? []), userID: id)
    }
}

/// A new person, before the record gives them an id.
public struct NewPerson: Sendable, Hashable {
    public var fullName: String
    public var login: String
    public var email: String?
    public var role: Role
    public var unitID: String?
    /// A bcrypt hash (the web layer hashes; the store never sees a password).
    public var passwordHash: String

    public init(
        fullName: String, login: String, email: String? = nil, role: Role, unitID: String?,
        passwordHash: String
    ) {
        self.fullName = fullName
        self.login = login
        self.email = email
        self.role = role
        self.unitID = unitID
        self.passwordHash = passwordHash
    }
}

/// People, sign-in names, sessions, API tokens and failed sign-ins.
extension Store {
    /// A sign-in name as the record keeps it: trimmed and lower-cased, letters a–z, digits and
    /// `.`, `_`, `-` (no diacritics: a name typed on any keyboard must find the same person).
    public static func normalizedLogin(_ login: String) throws(StoreError) -> String {
        let folded = login.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard (1...64).contains(folded.count),
            folded.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
            })
        else {
            throw .invalid("a sign-in name has 1 to 64 letters a-z, digits, '.', '_' or '-' (\(login))")
        }
        return folded
    }

    private static let personColumns =
        "id, organization_id, unit_id, full_name, login, email, role, active"

    private static func person(_ row: any SQLRow) throws -> Person {
        Person(
            id: try row.decode(column: "id", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: String.self),
            unitID: try row.decodeOptional(column: "unit_id", as: String.self).map(unitCode(rowID:)),
            fullName: try row.decode(column: "full_name", as: String.self),
            login: try row.decodeOptional(column: "login", as: String.self),
            email: try row.decodeOptional(column: "email", as: String.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .officer,
            active: try row.decode(column: "active", as: Bool.self))
    }

    /// Adds a person to `organization`. Unit heads and officers belong to a unit of its
    /// directory; the sign-in name must be free.
    public func addPerson(_ new: NewPerson, in organization: Organization, actor: String)
        async throws(StoreError)
        -> Person
    {
        let login = try Self.normalizedLogin(new.login)
        let fullName = new.fullName.trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCanonicalMapping
        guard !fullName.isEmpty, fullName.count <= 200 else { throw .invalid("a person needs a full name") }
        if new.role == .unitHead || new.role == .officer, new.unitID == nil {
            throw .invalid("a \(new.role.rawValue) belongs to a unit")
        }
        let id = UUID().uuidString.lowercased()
        let now = StoreClock.timestamp(Date())
        let unitRow = new.unitID.map { Self.unitRowID(organizationID: organization.id, code: $0) }
        let email = new.email.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        try await transaction { db in
            if let unitRow {
                let found = try await db.raw(
                    "SELECT id FROM units WHERE id = \(bind: unitRow) AND organization_id = \(bind: organization.id)"
                ).all()
                guard !found.isEmpty else { throw StoreError.notFound("unit \(new.unitID ?? "")") }
            }
            let taken = try await db.raw("SELECT id FROM people WHERE login = \(bind: login)").all()
            guard taken.isEmpty else { throw StoreError.invalid("the sign-in name \(login) is taken") }
            try await db.raw(
                """
                INSERT INTO people (id, organization_id, unit_id, full_name, email, role, active, login, password_hash, created_at)
                VALUES (\(bind: id), \(bind: organization.id), \(bind: unitRow), \(bind: fullName), \(bind: email),
                \(bind: new.role.rawValue), \(bind: true), \(bind: login), \(bind: new.passwordHash), \(bind: now))
                """
            ).run()
            try await Self.audit(
                db, organizationID: organization.id, actor: actor, action: "person.add", entity: "person",
                entityID: id,
                detail: ["login": login, "role": new.role.rawValue, "unit": new.unitID ?? ""])
        }
        return Person(
            id: id, organizationID: organization.id, unitID: new.unitID, fullName: fullName, login: login,
            email: email,
            role: new.role, active: true)
    }

    /// The organization's people, by name.
    public func people(in organization: Organization) async throws(StoreError) -> [Person] {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Self.personColumns) FROM people WHERE organization_id = \(bind: organization.id) ORDER BY full_name, login"
            ).all().map(Self.person)
        }
    }

    /// One person, or nil.
    public func person(id: String) async throws(StoreError) -> Person? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.personColumns) FROM people WHERE id = \(bind: id)")
                .first().map(Self.person)
        }
    }

    /// An active person with their organization and their unit's name, in one statement: what
    /// every request of a signed-in person needs first.
    public func signedIn(personID: String) async throws(StoreError)
        -> (person: Person, organization: Organization, unitName: String?)?
    {
        try await read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT p.id, p.organization_id, p.unit_id, p.full_name, p.login, p.email, p.role, p.active,
                    o.slug, o.name AS organization_name, o.roll_over, u.name AS unit_name
                    FROM people p JOIN organizations o ON o.id = p.organization_id
                    LEFT JOIN units u ON u.id = p.unit_id
                    WHERE p.id = \(bind: personID) AND p.active = \(bind: true)
                    """
                ).first()
            else { return nil }
            let person = try Self.person(row)
            return (
                person,
                Organization(
                    id: person.organizationID, slug: try row.decode(column: "slug", as: String.self),
                    name: try row.decode(column: "organization_name", as: String.self),
                    rollOver: try row.decode(column: "roll_over", as: Bool.self)),
                try row.decodeOptional(column: "unit_name", as: String.self)
            )
        }
    }

    /// The active person who signs in as `login`, with their password hash; nil when there is none.
    public func signInRecord(login: String) async throws(StoreError) -> (
        person: Person, passwordHash: String
    )? {
        guard let login = try? Self.normalizedLogin(login) else { return nil }
        return try await read { db in
            guard
                let row = try await db.raw(
                    "SELECT \(unsafeRaw: Self.personColumns), password_hash FROM people WHERE login = \(bind: login) AND active = \(bind: true)"
                ).first(),
                let hash = try row.decodeOptional(column: "password_hash", as: String.self)
            else { return nil }
            return (try Self.person(row), hash)
        }
    }

    /// Changes a person's role, unit, or whether they may sign in.
    public func updatePerson(
        id: String, role: Role, unitID: String?, active: Bool, in organization: Organization, actor: String
    ) async throws(StoreError) -> Person {
        if role == .unitHead || role == .officer, unitID == nil {
            throw .invalid("a \(role.rawValue) belongs to a unit")
        }
        let unitRow = unitID.map { Self.unitRowID(organizationID: organization.id, code: $0) }
        try await transaction { db in
            let updated = try await db.raw(
                """
                UPDATE people SET role = \(bind: role.rawValue), unit_id = \(bind: unitRow), active = \(bind: active)
                WHERE id = \(bind: id) AND organization_id = \(bind: organization.id) RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { throw StoreError.notFound("person \(id)") }
            if !active { try await db.raw("DELETE FROM api_tokens WHERE person_id = \(bind: id)").run() }
            try await Self.audit(
                db, organizationID: organization.id, actor: actor, action: "person.update", entity: "person",
                entityID: id,
                detail: ["role": role.rawValue, "unit": unitID ?? "", "active": active ? "true" : "false"])
        }
        guard let person = try await person(id: id) else { throw .notFound("person \(id)") }
        return person
    }

    /// Replaces a person's password hash.
    public func setPasswordHash(_ hash: String, personID: String, actor: String) async throws(StoreError) {
        try await transaction { db in
            let rows = try await db.raw(
                "UPDATE people SET password_hash = \(bind: hash) WHERE id = \(bind: personID) RETURNING organization_id"
            ).all()
            guard let row = rows.first else { throw StoreError.notFound("person \(personID)") }
            try await Self.audit(
                db, organizationID: try row.decode(column: "organization_id", as: String.self), actor: actor,
                action: "person.password", entity: "person", entityID: personID)
        }
    }

    // MARK: Sessions

    /// Stores a new session; false when the id is taken by a session that has not expired.
    public func createSession(id: String, value: String, expiresAt: Date, now: Date = Date())
        async throws(StoreError)
        -> Bool
    {
        let expires = StoreClock.timestamp(expiresAt)
        let current = StoreClock.timestamp(now)
        return try await transaction { db in
            try await db.raw(
                "DELETE FROM web_sessions WHERE id = \(bind: id) AND expires_at <= \(bind: current)"
            ).run()
            let existing = try await db.raw("SELECT id FROM web_sessions WHERE id = \(bind: id)").all()
            guard existing.isEmpty else { return false }
            try await db.raw(
                "INSERT INTO web_sessions (id, value, expires_at) VALUES (\(bind: id), \(bind: value), \(bind: expires))"
            ).run()
            return true
        }
    }

    /// Writes a session's value; without `expiresAt` an existing session keeps its expiry and a new
    /// one gets `fallbackExpiry`.
    public func saveSession(id: String, value: String, expiresAt: Date?, fallbackExpiry: Date)
        async throws(StoreError)
    {
        let given = expiresAt.map(StoreClock.timestamp)
        let fallback = StoreClock.timestamp(fallbackExpiry)
        try await write { db in
            try await db.raw(
                """
                INSERT INTO web_sessions (id, value, expires_at) VALUES (\(bind: id), \(bind: value), \(bind: given ?? fallback))
                ON CONFLICT (id) DO UPDATE SET value = excluded.value,
                expires_at = COALESCE(\(bind: given), web_sessions.expires_at)
                """
            ).run()
        }
    }

    /// A session's value and expiry, when it exists and has not expired.
    public func session(id: String, now: Date = Date()) async throws(StoreError) -> (
        value: String, expiresAt: Date
    )? {
        let current = StoreClock.timestamp(now)
        return try await read { db in
            guard
                let row = try await db.raw(
                    "SELECT value, expires_at FROM web_sessions WHERE id = \(bind: id) AND expires_at > \(bind: current)"
                ).first()
            else { return nil }
            let expires = try row.decode(column: "expires_at", as: String.self)
            return (
                try row.decode(column: "value", as: String.self),
                (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(expires)) ?? now
            )
        }
    }

    /// Ends a session.
    public func removeSession(id: String) async throws(StoreError) {
        try await write { db in try await db.raw("DELETE FROM web_sessions WHERE id = \(bind: id)").run() }
    }

    /// Deletes expired sessions and sign-in failures older than `failuresBefore`; returns the
    /// sessions deleted.
    @discardableResult
    public func purgeSessions(now: Date = Date(), failuresBefore: Date) async throws(StoreError) -> Int {
        let current = StoreClock.timestamp(now)
        let old = StoreClock.timestamp(failuresBefore)
        return try await write { db in
            let gone = try await db.raw(
                "DELETE FROM web_sessions WHERE expires_at <= \(bind: current) RETURNING id"
            ).all().count
            try await db.raw("DELETE FROM sign_in_failures WHERE at < \(bind: old)").run()
            return gone
        }
    }

    // MARK: API tokens

    /// Issues an API token for `personID` and returns it: the record keeps only its SHA-256, so
    /// it is shown once.
    public func issueToken(personID: String, label: String, actor: String) async throws(StoreError) -> String
    {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        let token =
            "dd_"
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let hash = Self.tokenHash(token)
        let now = StoreClock.timestamp(Date())
        try await transaction { db in
            let rows = try await db.raw("SELECT organization_id FROM people WHERE id = \(bind: personID)")
                .all()
            guard let row = rows.first else { throw StoreError.notFound("person \(personID)") }
            try await db.raw(
                """
                INSERT INTO api_tokens (token_hash, person_id, label, created_at)
                VALUES (\(bind: hash), \(bind: personID), \(bind: label), \(bind: now))
                """
            ).run()
            try await Self.audit(
                db, organizationID: try row.decode(column: "organization_id", as: String.self), actor: actor,
                action: "token.issue", entity: "person", entityID: personID, detail: ["label": label])
        }
        return token
    }

    /// The active person a token belongs to, or nil.
    public func person(forToken token: String) async throws(StoreError) -> Person? {
        guard token.hasPrefix("dd_"), token.count < 200 else { return nil }
        let hash = Self.tokenHash(token)
        return try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.personColumns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                FROM api_tokens t JOIN people p ON p.id = t.person_id
                WHERE t.token_hash = \(bind: hash) AND p.active = \(bind: true)
                """
            ).first().map(Self.person)
        }
    }

    static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Sign-in throttling

    /// Records a failed sign-in under each of `keys` (the name tried, the client's address).
    public func recordSignInFailure(keys: [String], at instant: Date = Date()) async throws(StoreError) {
        let at = StoreClock.timestamp(instant)
        try await write { db in
            for key in keys {
                try await db.raw("INSERT INTO sign_in_failures (key, at) VALUES (\(bind: key), \(bind: at))")
                    .run()
            }
        }
    }

    /// The failed sign-ins under `key` since `since`.
    public func signInFailures(key: String, since: Date) async throws(StoreError) -> Int {
        let from = StoreClock.timestamp(since)
        return try await read { db in
            try await db.raw(
                "SELECT count(*) AS n FROM sign_in_failures WHERE key = \(bind: key) AND at >= \(bind: from)"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Forgets the failures under `key` (after a successful sign-in).
    public func clearSignInFailures(key: String) async throws(StoreError) {
        try await write { db in
            try await db.raw("DELETE FROM sign_in_failures WHERE key = \(bind: key)").run()
        }
    }
}
