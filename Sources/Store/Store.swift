import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import Synchronization

/// Where the tracking record lives: a SQLite file (the default, `--db PATH`) or a PostgreSQL
/// database (`DATABASE_URL`), for a province that runs one installation for many departments.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `DATABASE_URL` when set (PostgreSQL), else the SQLite file `path`.
    public static func resolve(path: String?, environment: [String: String]) -> StoreLocation {
        if path == nil, let url = environment["DATABASE_URL"], !url.isEmpty { return .postgres(url: url) }
        return .sqlite(path: path ?? "dondoc.sqlite")
    }

    /// The location without a password, for messages and logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite file \(path)"
        case .postgres(let url):
            guard var c = URLComponents(string: url) else { return "PostgreSQL (unparsable URL)" }
            if c.password != nil { c.password = "***" }
            return "PostgreSQL \(c.string ?? "")"
        }
    }
}

/// The SQL dialects the store speaks; migrations state both where they differ.
public enum StoreDialect: String, Sendable {
    case sqlite, postgres
}

/// The tracking store: one SQL database (SQLKit) behind one code path, a dialect switch only where
/// SQL differs.
///
/// On SQLite the store holds one connection that writes, one unit of work at a time (SQLite
/// writes one transaction at a time anyway; a single connection keeps a transaction's statements
/// from interleaving with another caller's), and a few read-only connections that read side by
/// side with it and each other (WAL lets readers in while one writes; a web server's pages are
/// reads). On PostgreSQL it holds a pool, and each unit of work leases its own connection.
public final class Store: Sendable {
    public let dialect: StoreDialect
    public let location: StoreLocation
    let logger: Logger
    let backend: Backend
    /// Transactions committed by this process (see `changeCount`).
    private let changes = Atomic<Int>(0)

    /// How many transactions this process has committed: a value computed from the record
    /// (a dashboard's figures) is current while this has not moved. Every change to the record's
    /// notices, tasks, units and people is a transaction; `write` (sessions, sign-in failures,
    /// upkeep) does not count. Changes made by another process sharing the database are not seen
    /// here.
    public var changeCount: Int { changes.load(ordering: .acquiring) }

    enum Backend: Sendable {
        /// The writer is lent like the readers, to one unit of work at a time.
        case sqlite(writer: SQLiteConnections, readers: SQLiteConnections)
        case postgres(PostgresPool)
    }

    /// The SQLite connection the current unit of work runs on, for the statements that go to the
    /// driver directly (`Store.rows`).
    @TaskLocal static var sqliteConnection: SQLiteConnection?

    /// Read-only SQLite connections: enough for the two cores of a small server and a request
    /// waiting on each.
    static let sqliteReaders = 3

    /// What `assignment_units.open_deadline` holds for an open task without a deadline: after
    /// every day, so that no overdue list keeps it (migration 0007).
    static let openEnd = "9999-12-31"

    /// AsyncKit's pool predates Sendable. It is built to be shared: every method takes its
    /// `NIOLock` or hops to the pool's event loop, and `shutdownAsync` is the only way out; the
    /// box holds it immutably.
    struct PostgresPool: @unchecked Sendable {
        let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>
    }

    private init(location: StoreLocation, dialect: StoreDialect, backend: Backend, logger: Logger) {
        self.location = location
        self.dialect = dialect
        self.backend = backend
        self.logger = logger
    }

    /// Opens the database and brings its schema up to date.
    ///
    /// - `schema`: on PostgreSQL, the schema to work in (created if missing) instead of the
    ///   connection's default; lets tests and several installations share one database.
    /// - `busyTimeoutMilliseconds`: on SQLite, how long a writer waits for another's lock.
    public static func open(
        _ location: StoreLocation, schema: String? = nil, busyTimeoutMilliseconds: Int = 5000,
        logger: Logger = Logger(label: "dondoc.store")
    ) async throws(StoreError) -> Store {
        let store: Store
        switch location {
        case .sqlite(let path):
            store = try await openSQLite(
                path: path, location: location, busyTimeout: busyTimeoutMilliseconds, logger: logger)
        case .postgres(let url):
            store = try await openPostgres(url: url, schema: schema, location: location, logger: logger)
        }
        do {
            try await Migrator(store: store).migrate()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    private static func openSQLite(path: String, location: StoreLocation, busyTimeout: Int, logger: Logger)
        async throws(StoreError) -> Store
    {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .cannotOpen(location.description, reason: "it is a directory")
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else {
            throw .cannotOpen(location.description, reason: "the folder \(folder) does not exist")
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw .cannotOpen(location.description, reason: String(describing: error))
        }
        do {
            let db = connection.sql()
            // Foreign keys are off by default in SQLite; WAL lets readers in while one writes;
            // a writer waits `busyTimeout` ms for a lock before SQLite says "database is locked".
            try await configure(db, busyTimeout: busyTimeout)
            try await db.raw("PRAGMA foreign_keys = ON").run()
            _ = try await db.raw("PRAGMA journal_mode = WAL").all()
            // Reading the schema fails here, not later, on a file that is not a database.
            _ = try await db.raw("SELECT count(*) FROM sqlite_master").all()
        } catch {
            try? await connection.close()
            throw StoreError.classify(error, at: location.description)
        }
        var readers: [SQLiteConnection] = []
        do {
            for _ in 0..<sqliteReaders {
                let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                readers.append(reader)
                try await configure(reader.sql(), busyTimeout: busyTimeout)
                // A reader never writes: a write sent to one by mistake fails instead of
                // competing with the writer for the lock.
                try await reader.sql().raw("PRAGMA query_only = ON").run()
            }
        } catch {
            for reader in readers { try? await reader.close() }
            try? await connection.close()
            throw StoreError.classify(error, at: location.description)
        }
        return Store(
            location: location, dialect: .sqlite,
            backend: .sqlite(writer: SQLiteConnections([connection]), readers: SQLiteConnections(readers)),
            logger: logger)
    }

    /// The settings every SQLite connection of the store has.
    private static func configure(_ db: any SQLDatabase, busyTimeout: Int) async throws {
        try await db.raw(SQLQueryString("PRAGMA busy_timeout = \(unsafeRaw: String(max(0, busyTimeout)))"))
            .run()
        // A 32 MiB page cache instead of the default 2 MiB: the overdue lists and counts
        // revisit the same index pages, which otherwise come back through a read(2) each time
        // (a third of the list's time in a profile on 100,000 tasks). Not mmap: an I/O error
        // on a mapped file is a SIGBUS that kills the process instead of an error to report.
        try await db.raw("PRAGMA cache_size = -32768").run()
    }

    private static func openPostgres(url: String, schema: String?, location: StoreLocation, logger: Logger)
        async throws(StoreError) -> Store
    {
        var configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw .badDatabaseURL(location.description)
        }
        if let schema {
            guard schema.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
                throw .invalid("schema name \(schema): lower-case letters, digits and _ only")
            }
            configuration.searchPath = [schema]
        }
        let pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 4,
            requestTimeout: .seconds(10), pruneInterval: nil, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton)
        let store = Store(
            location: location, dialect: .postgres, backend: .postgres(PostgresPool(pool: pool)),
            logger: logger)
        do {
            if let schema {
                try await store.database.raw(
                    SQLQueryString("CREATE SCHEMA IF NOT EXISTS \(unsafeRaw: schema)")
                ).run()
            }
            _ = try await store.database.raw("SELECT 1").all()
        } catch {
            await store.close()
            throw .cannotOpen(location.description, reason: StoreError.describe(error))
        }
        return store
    }

    /// The database for statements that need no transaction (the writer, on SQLite).
    var database: any SQLDatabase {
        switch backend {
        case .sqlite(let writer, _): writer.all[0].sql()
        case .postgres(let box): box.pool.database(logger: logger).sql()
        }
    }

    /// Runs `body`, which only reads, with the database: on SQLite on one of the read-only
    /// connections, beside other readers and the writer.
    public func read<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R)
        async throws(StoreError) -> R
    {
        try await classifying {
            switch self.backend {
            case .sqlite(_, let readers): return try await readers.run(body)
            case .postgres: return try await body(self.database)
            }
        }
    }

    /// Runs `body`, which writes without needing a transaction (one statement, or statements
    /// that may each stand alone), with the database: on SQLite on the writer, one unit of work
    /// at a time.
    public func write<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R)
        async throws(StoreError) -> R
    {
        try await classifying {
            switch self.backend {
            case .sqlite(let writer, _): try await writer.run(body)
            case .postgres: try await body(self.database)
            }
        }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws (the error is passed on).
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R)
        async throws(StoreError) -> R
    {
        let begin = dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        let work: @Sendable (any SQLDatabase) async throws -> R = { db in
            try await db.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                self.changes.add(1, ordering: .releasing)
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
        return try await classifying {
            switch self.backend {
            case .sqlite(let writer, _): try await writer.run(work)
            case .postgres: try await self.database.withSession(work)
            }
        }
    }

    /// `body`'s result, or its error as a `StoreError`.
    private func classifying<R>(_ body: () async throws -> R) async throws(StoreError) -> R {
        do {
            return try await body()
        } catch {
            throw StoreError.classify(error, at: location.description)
        }
    }

    /// Closes the connection or the pool.
    public func close() async {
        switch backend {
        case .sqlite(let writer, let readers):
            for connection in readers.all + writer.all { try? await connection.close() }
        case .postgres(let box): try? await box.pool.shutdownAsync()
        }
    }
}

/// SQLite connections (the writer alone, or the read-only ones), each lent to one unit of work at a
/// time. A unit of work takes the first connection that is free, in the order they asked: choosing
/// a reader in advance (round robin) queued a request behind a slow read on its connection while
/// another stood idle, and those waits made the web pages' p99 (a page whose p50 was 18 ms had a
/// p99 of 178 ms).
final class SQLiteConnections: Sendable {
    let all: [SQLiteConnection]
    private let lender: Lender

    init(_ connections: [SQLiteConnection]) {
        all = connections
        lender = Lender(connections)
    }

    /// `body`'s result with a connection of its own, which `Store.rows` finds too
    /// (`Store.sqliteConnection`).
    func run<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let connection = await lender.borrow()
        do {
            let result = try await Store.$sqliteConnection.withValue(connection) {
                try await body(connection.sql())
            }
            await lender.giveBack(connection)
            return result
        } catch {
            await lender.giveBack(connection)
            throw error
        }
    }

    private actor Lender {
        private var free: [SQLiteConnection]
        private var waiting: [CheckedContinuation<SQLiteConnection, Never>] = []

        init(_ connections: [SQLiteConnection]) { free = connections }

        func borrow() async -> SQLiteConnection {
            if let connection = free.popLast() { return connection }
            return await withCheckedContinuation { waiting.append($0) }
        }

        func giveBack(_ connection: SQLiteConnection) {
            if waiting.isEmpty {
                free.append(connection)
            } else {
                waiting.removeFirst().resume(returning: connection)
            }
        }
    }
}

extension SQLRow {
    /// A column that may hold NULL. `decode(column:as: T?.self)` works too, but SQLiteKit turns an
    /// optional through the whole `Decodable` machinery (a decoder, a container, dynamic casts),
    /// while a plain `T` is converted directly: in a profile of a unit's overdue list on SQLite the
    /// optionals' path cost more than the statement. `decodeNil` is a lookup.
    func decodeOptional<T: Decodable>(column: String, as type: T.Type) throws -> T? {
        try decodeNil(column: column) ? nil : decode(column: column, as: T.self)
    }
}
