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
    private let lifetime: Duration
    /// Entries kept at most (an organization has a few roles and a dozen units).
    private let capacity: Int

    init(lifetime: Duration, capacity: Int = 1000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The value for `key` at `generation`: the kept one when it is current, else `make()`'s.
    func value(
        for key: Key, generation: Int, _ make: @Sendable () async throws -> Value
    ) async throws -> Value {
        let now = ContinuousClock.now
        if let entry = entries[key], entry.generation == generation, now - entry.made < lifetime {
            return entry.value
        }
        let value = try await make()
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = Entry(generation: generation, made: now, value: value)
        return value
    }
}
