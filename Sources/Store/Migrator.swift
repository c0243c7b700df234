import Deadlines
import Foundation
import SQLKit

/// One step of the schema: a string id that sorts in order ("0001_initial"), a summary, and its
/// statements in each dialect.
struct Migration: Sendable {
    let id: String
    let summary: String
    let statements: @Sendable (StoreDialect) -> [String]
}

/// A small forward-only migrator: the migrations table records what ran; each pending migration
/// runs in one transaction with its record, so a failed one leaves nothing behind. Two processes
/// starting at once on PostgreSQL take a lock on the migrations table; the second sees the first's
/// work and skips it. A database migrated by a newer DonDoc (an id this one does not know) is
/// refused rather than written to.
struct Migrator {
    let store: Store
    var migrations: [Migration] = Migrations.all

    static let table = "dondoc_migrations"

    /// Applies what is pending; returns the ids applied.
    @discardableResult
    func migrate() async throws(StoreError) -> [String] {
        try await store.write { db in
            try await db.raw(
                SQLQueryString(
                    "CREATE TABLE IF NOT EXISTS \(unsafeRaw: Self.table) (id TEXT PRIMARY KEY, summary TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
            ).run()
        }
        let known = Set(migrations.map(\.id))
        let applied = try await appliedIDs()
        if let unknown = applied.subtracting(known).sorted().last { throw .newerSchema(id: unknown) }
        var done: [String] = []
        for migration in migrations where !applied.contains(migration.id) {
            let dialect = store.dialect
            let ran: Bool
            do {
                ran = try await store.transaction { db in
                    if dialect == .postgres {
                        try await db.raw(
                            SQLQueryString("LOCK TABLE \(unsafeRaw: Self.table) IN EXCLUSIVE MODE")
                        ).run()
                    }
                    let again = try await db.select().column("id").from(Self.table).where(
                        "id", .equal, migration.id
                    ).all()
                    guard again.isEmpty else { return false }
                    for statement in migration.statements(dialect) {
                        try await db.raw(SQLQueryString(statement)).run()
                    }
                    try await db.insert(into: Self.table)
                        .columns("id", "summary", "applied_at")
                        .values(
                            SQLBind(migration.id), SQLBind(migration.summary),
                            SQLBind(StoreClock.timestamp(Date()))
                        )
                        .run()
                    return true
                }
            } catch {
                throw .migrationFailed(id: migration.id, reason: error.description)
            }
            if ran {
                store.logger.info("applied migration \(migration.id): \(migration.summary)")
                done.append(migration.id)
            }
        }
        return done
    }

    func appliedIDs() async throws(StoreError) -> Set<String> {
        try await store.read { db in
            Set(
                try await db.select().column("id").from(Self.table).all().map {
                    try $0.decode(column: "id", as: String.self)
                })
        }
    }
}

/// Instants in the record are UTC, written as ISO 8601 text with milliseconds
/// ("2026-11-21T03:04:05.678Z"), which sorts as time does in both dialects.
public enum StoreClock {
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// The calendar date in Việt Nam (Asia/Ho_Chi_Minh, UTC+7, no daylight saving) at `instant`.
    public static func today(at instant: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
