import Synchronization
import Testing

@testable import WebServer

@Suite struct ModelCacheTests {
    final class Counter: Sendable {
        let made = Atomic<Int>(0)
        func next() -> Int { made.add(1, ordering: .relaxed).newValue }
    }

    @Test func aValueIsKeptWhileTheRecordIsUnchangedAndForNoLongerThanItsLifetime() async throws {
        let cache = ModelCache<String, Int>(lifetime: .milliseconds(200))
        let counter = Counter()
        #expect(try await cache.value(for: "a", generation: 1) { counter.next() } == 1)
        #expect(try await cache.value(for: "a", generation: 1) { counter.next() } == 1)
        // Another key, and the same key after a change, are made anew.
        #expect(try await cache.value(for: "b", generation: 1) { counter.next() } == 2)
        #expect(try await cache.value(for: "a", generation: 2) { counter.next() } == 3)
        #expect(try await cache.value(for: "a", generation: 2) { counter.next() } == 3)
        try await Task.sleep(for: .milliseconds(250))
        #expect(try await cache.value(for: "a", generation: 2) { counter.next() } == 4)
    }

    @Test func aFailureIsNotKept() async throws {
        struct Failure: Error {}
        let cache = ModelCache<String, Int>(lifetime: .seconds(60))
        await #expect(throws: Failure.self) {
            try await cache.value(for: "a", generation: 1) { throw Failure() }
        }
        #expect(try await cache.value(for: "a", generation: 1) { 7 } == 7)
    }
}
