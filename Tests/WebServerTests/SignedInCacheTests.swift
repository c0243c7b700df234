import Foundation
import Store
import TestSupport
import Testing
import Tracking

@testable import WebServer

@Suite struct SignedInCacheTests {
    /// Two stores on one SQLite file stand for two server processes sharing a database.
    @Test func aChangeHereIsSeenAtOnceAndOneByAnotherProcessWithinTheLifetime() async throws {
        let scratch = try Scratch()
        let here = try await Store.open(.sqlite(path: scratch.path("shared.sqlite")))
        let there = try await Store.open(.sqlite(path: scratch.path("shared.sqlite")))
        do {
            let (org, _) = try await Notices.load(Notices.march, name: "march.txt", into: here)
            let person = try await here.addPerson(
                NewPerson(
                    fullName: "Lê Văn Một", login: "levanmot", role: .officer, unitID: "thanh-tra",
                    passwordHash: "x"),
                in: org, actor: "test")
            // One cache that keeps its entries for an hour, one for a fifth of a second.
            let cache = SignedInCache(store: here, lifetime: .seconds(3600))
            let brief = SignedInCache(store: here, lifetime: .milliseconds(200))
            #expect(try await cache.signedIn(personID: person.id)?.person.role == .officer)
            #expect(try await brief.signedIn(personID: person.id)?.person.role == .officer)

            // Another process makes the person a unit head: not seen within the lifetime...
            _ = try await there.updatePerson(
                id: person.id, role: .unitHead, unitID: "thanh-tra", active: true, in: org, actor: "test")
            #expect(try await cache.signedIn(personID: person.id)?.person.role == .officer)
            // ...and seen once it has passed.
            try await Task.sleep(for: .milliseconds(250))
            #expect(try await brief.signedIn(personID: person.id)?.person.role == .unitHead)

            // This process deactivates the person: the next request no longer finds them.
            _ = try await here.updatePerson(
                id: person.id, role: .unitHead, unitID: "thanh-tra", active: false, in: org, actor: "test")
            #expect(try await cache.signedIn(personID: person.id) == nil)
            #expect(try await cache.signedIn(personID: "no-such-person") == nil)
        } catch {
            await here.close()
            await there.close()
            throw error
        }
        await here.close()
        await there.close()
    }
}
