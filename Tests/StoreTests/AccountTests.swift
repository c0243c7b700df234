import Foundation
import TestSupport
import Testing
import Tracking

@testable import Store

@Suite struct AccountTests {
    static func person(_ login: String, _ role: Role, unit: String? = nil) -> NewPerson {
        NewPerson(
            fullName: "Người \(login)", login: login, role: role, unitID: unit,
            passwordHash: "$2b$04$hash-of-\(login)")
    }

    @Test(arguments: TestDatabases.all)
    func aPersonSignsInByANameThatIsUniqueAndFolded(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let org = try await store.organizationToUse(slug: nil, actor: "test")
            let head = try await store.addPerson(
                Self.person("Truong.Phong", .unitHead, unit: "van-phong"), in: org, actor: "test")
            #expect(head.login == "truong.phong")
            #expect(head.participant == Participant(role: .unitHead, unitIDs: ["van-phong"], userID: head.id))
            let found = try await store.signInRecord(login: " TRUONG.PHONG ")
            #expect(found?.person == head)
            #expect(found?.passwordHash == "$2b$04$hash-of-Truong.Phong")
            #expect(try await store.signInRecord(login: "nobody") == nil)
            // The name is taken, whatever its case.
            await #expect(throws: StoreError.self) {
                try await store.addPerson(
                    Self.person("truong.phong", .officer, unit: "van-phong"), in: org, actor: "test")
            }
            // Unit members belong to a unit of the directory.
            await #expect(throws: StoreError.invalid("a truong_don_vi belongs to a unit")) {
                try await store.addPerson(Self.person("x", .unitHead), in: org, actor: "test")
            }
            await #expect(throws: StoreError.notFound("unit no-such-unit")) {
                try await store.addPerson(
                    Self.person("y", .officer, unit: "no-such-unit"), in: org, actor: "test")
            }
            await #expect(throws: StoreError.self) {
                try await store.addPerson(Self.person("tên có dấu", .leadership), in: org, actor: "test")
            }
            #expect(try await store.people(in: org).map(\.login) == ["truong.phong"])
            // A deactivated person no longer signs in.
            _ = try await store.updatePerson(
                id: head.id, role: .unitHead, unitID: "van-phong", active: false, in: org, actor: "test")
            #expect(try await store.signInRecord(login: "truong.phong") == nil)
        }
    }

    @Test(arguments: TestDatabases.all)
    func aSessionIsCreatedOnceKeptUntilItExpiresAndRemoved(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let later = now.addingTimeInterval(3600)
            #expect(try await store.createSession(id: "s1", value: "{\"a\":1}", expiresAt: later, now: now))
            #expect(!(try await store.createSession(id: "s1", value: "{}", expiresAt: later, now: now)))
            let read = try await store.session(id: "s1", now: now)
            #expect(read?.value == "{\"a\":1}")
            #expect(read.map { abs($0.expiresAt.timeIntervalSince(later)) < 0.01 } == true)
            // Saved without an expiry, it keeps the one it had.
            try await store.saveSession(id: "s1", value: "{\"a\":2}", expiresAt: nil, fallbackExpiry: now)
            let saved = try await store.session(id: "s1", now: now)
            #expect(saved?.value == "{\"a\":2}")
            #expect(saved.map { abs($0.expiresAt.timeIntervalSince(later)) < 0.01 } == true)
            // Past its expiry it is gone, and its id may be used again.
            #expect(try await store.session(id: "s1", now: later.addingTimeInterval(1)) == nil)
            #expect(
                try await store.createSession(
                    id: "s1", value: "{}", expiresAt: later.addingTimeInterval(60),
                    now: later.addingTimeInterval(1)))
            try await store.removeSession(id: "s1")
            #expect(try await store.session(id: "s1", now: now) == nil)
            _ = try await store.createSession(
                id: "old", value: "{}", expiresAt: now, now: now.addingTimeInterval(-60))
            #expect(try await store.purgeSessions(now: now.addingTimeInterval(1), failuresBefore: now) == 1)
        }
    }

    @Test(arguments: TestDatabases.all)
    func aTokenIsKeptAsItsHashAndStopsWithItsPerson(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let org = try await store.organizationToUse(slug: nil, actor: "test")
            let clerk = try await store.addPerson(
                Self.person("vanphong", .secretariat), in: org, actor: "test")
            let token = try await store.issueToken(personID: clerk.id, label: "script", actor: "test")
            #expect(token.hasPrefix("dd_") && token.count > 40)
            #expect(try await store.person(forToken: token) == clerk)
            #expect(try await store.person(forToken: token + "x") == nil)
            #expect(try await store.person(forToken: "not a token") == nil)
            let stored = try await store.read { db in
                try await db.raw("SELECT token_hash FROM api_tokens").all().map {
                    try $0.decode(column: "token_hash", as: String.self)
                }
            }
            #expect(stored == [Store.tokenHash(token)])
            #expect(!stored.contains(token))
            _ = try await store.updatePerson(
                id: clerk.id, role: .secretariat, unitID: nil, active: false, in: org, actor: "test")
            #expect(try await store.person(forToken: token) == nil)
        }
    }

    @Test(arguments: TestDatabases.all)
    func failedSignInsAreCountedPerKeyWithinAWindow(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            for minute in 0..<3 {
                try await store.recordSignInFailure(
                    keys: ["name:a", "address:1"], at: now.addingTimeInterval(Double(minute) * 60))
            }
            try await store.recordSignInFailure(keys: ["name:b"], at: now)
            #expect(try await store.signInFailures(key: "name:a", since: now) == 3)
            #expect(try await store.signInFailures(key: "name:a", since: now.addingTimeInterval(61)) == 1)
            #expect(try await store.signInFailures(key: "address:1", since: now) == 3)
            try await store.clearSignInFailures(key: "name:a")
            #expect(try await store.signInFailures(key: "name:a", since: now) == 0)
            #expect(try await store.signInFailures(key: "name:b", since: now) == 1)
        }
    }
}
