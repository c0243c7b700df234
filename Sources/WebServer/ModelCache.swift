import Foundation

/// Page models computed from the record, kept while the record has not changed.
///
/// A dashboard aggregates an organization's whole year (the 4-way counts of 10,000 tasks take
/// about 40 ms on SQLite), and everyone of a role sees the same one. An entry is used while no
/// transaction has been committed by this process since it was computed (`Store.changeCount`)
/// and for at most `lifetime`, which bounds how long a change made by another server process
/// sharing the database goes unseen.
actor ModelCache<Key: Hashable & Sendable, Value: Sendable> {
    private struct Entry {
        let generation: Int
        let made: ContinuousClock.Instant
        let value: Value
    }

    private var entries: [Key: Entry] = [:]
    /// Values being made: a second request for the same key and generation waits for the first
    /// instead of making it again (32 requests arriving together on a cold dashboard made it 32
    /// times, one after another on SQLite: a p99 of 2 s).
    private var making: [Key: (generation: Int, task: Task<Value, any Error>)] = [:]
    private let lifetime: Duration
    /// Entries kept at most (an organization has a few roles and a dozen units).
    private let capacity: Int

    init(lifetime: Duration, capacity: Int = 1000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The value for `key` at `generation`: the kept one when it is current, else `make()`'s.
    ///
    /// An entry that is current but older than `lifetime` is still returned while one background
    /// call of `make()` renews it: the lifetime only bounds how long another process's changes go
    /// unseen, and waiting for the renewal put every request that arrived meanwhile behind it (a
    /// dashboard's p99 of 690 ms at 32 connections, against 14 ms for its p50).
    func value(
        for key: Key, generation: Int, _ make: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let now = ContinuousClock.now
        if let entry = entries[key], entry.generation == generation {
            if now - entry.made >= lifetime, making[key]?.generation != generation {
                let task = Task { try await make() }
                making[key] = (generation, task)
                Task { _ = try? await self.keep(task, for: key, generation: generation, made: now) }
            }
            return entry.value
        }
        if let pending = making[key], pending.generation == generation {
            return try await pending.task.value
        }
        let task = Task { try await make() }
        making[key] = (generation, task)
        return try await keep(task, for: key, generation: generation, made: now)
    }

    /// Waits until no value for `key` is being made (for tests).
    func settled(_ key: Key) async {
        while let pending = making[key] { _ = try? await pending.task.value }
    }

    /// Waits for `task` and keeps its value; a failure leaves the kept entry (if any) as it was.
    @discardableResult
    private func keep(
        _ task: Task<Value, any Error>, for key: Key, generation: Int, made: ContinuousClock.Instant
    ) async throws -> Value {
        defer {
            if making[key]?.generation == generation { making[key] = nil }
        }
        let value = try await task.value
        if entries[key] == nil && entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        if let kept = entries[key], kept.generation > generation {
            return value  // a newer generation was kept meanwhile
        }
        entries[key] = Entry(generation: generation, made: made, value: value)
        return value
    }
}
