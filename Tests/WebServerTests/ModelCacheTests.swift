import Synchronization
import Testing

@testable import WebServer

@Suite struct ModelCacheTests {
    final class Counter: Sendable {
        let made = Atomic<Int>(0)
        func next() -> Int { made.add(1, ordering: .relaxed).newValue }
    }

    @Test func aValueIsKeptWhileTheRecordIsUnchanged() async throws {
        let cache = ModelCache<String, Int>(lifetime: .seconds(3600))
        let counter = Counter()
        #expect(try await cache.value(for: "a", generation: 1) { counter.next() } == 1)
        #expect(try await cache.value(for: "a", generation: 1) { counter.next() } == 1)
        // Another key, and the same key after a change, are made anew.
        #expect(try await cache.value(for: "b", generation: 1) { counter.next() } == 2)
        #expect(try await cache.value(for: "a", generation: 2) { counter.next() } == 3)
        #expect(try await cache.value(for: "a", generation: 2) { counter.next() } == 3)
    }

    @Test func aValuePastItsLifetimeIsServedWhileOneRenewalRuns() async throws {
        // No clock to wait on: a lifetime of zero has passed by the next request.
        let cache = ModelCache<String, Int>(lifetime: .zero)
        let counter = Counter()
        #expect(try await cache.value(for: "a", generation: 1) { counter.next() } == 1)
        // Past its lifetime: the kept value now, and one renewal in the background.
        #expect(try await cache.value(for: "a", generation: 1) { counter.next() } == 1)
        await cache.settled("a")
        #expect(counter.made.load(ordering: .relaxed) == 2)
        #expect(try await cache.value(for: "a", generation: 1) { counter.next() } == 2)
        await cache.settled("a")
        // A change of the record is never answered with the value from before it.
        #expect(try await cache.value(for: "a", generation: 2) { 100 + counter.next() } == 104)
    }

    @Test func aFailedRenewalKeepsTheValue() async throws {
        struct Failure: Error {}
        let cache = ModelCache<String, Int>(lifetime: .zero)
        #expect(try await cache.value(for: "a", generation: 1) { 5 } == 5)
        #expect(try await cache.value(for: "a", generation: 1) { throw Failure() } == 5)
        await cache.settled("a")
        #expect(try await cache.value(for: "a", generation: 1) { 6 } == 5)
        await cache.settled("a")
        #expect(try await cache.value(for: "a", generation: 1) { 7 } == 6)
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

extension ModelCacheTests {
    @Test func requestsArrivingTogetherMakeTheValueOnce() async throws {
        let cache = ModelCache<String, Int>(lifetime: .seconds(60))
        let counter = Counter()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await cache.value(for: "a", generation: 1) {
                        try await Task.sleep(for: .milliseconds(100))
                        return counter.next()
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 16))
        #expect(counter.made.load(ordering: .relaxed) == 1)
    }
}
