import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

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
/// On SQLite the store holds one connection and runs one unit of work at a time (SQLite writes
/// one transaction at a time anyway; a single connection keeps a transaction's statements from
/// interleaving with another caller's). On PostgreSQL it holds a pool, and each unit of work
/// leases its own connection.
public final class Store: Sendable {
    public let dialect: StoreDialect
    public let location: StoreLocation
    let logger: Logger
    let backend: Backend
    private let gate = SerialGate()

    enum Backend: Sendable {
        case sqlite(SQLiteConnection)
        case postgres(PostgresPool)
    }

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
        let store = Store(location: location, dialect: .sqlite, backend: .sqlite(connection), logger: logger)
        do {
            let db = connection.sql()
            // Foreign keys are off by default in SQLite; WAL lets readers in while one writes;
            // a writer waits `busyTimeout` ms for a lock before SQLite says "database is locked".
            try await db.raw(
                SQLQueryString("PRAGMA busy_timeout = \(unsafeRaw: String(max(0, busyTimeout)))")
            ).run()
            try await db.raw("PRAGMA foreign_keys = ON").run()
            _ = try await db.raw("PRAGMA journal_mode = WAL").all()
            // A 32 MiB page cache instead of the default 2 MiB: the overdue lists and counts
            // revisit the same index pages, which otherwise come back through a read(2) each time
            // (a third of the list's time in a profile on 100,000 tasks). Not mmap: an I/O error
            // on a mapped file is a SIGBUS that kills the process instead of an error to report.
            try await db.raw("PRAGMA cache_size = -32768").run()
            // Reading the schema fails here, not later, on a file that is not a database.
            _ = try await db.raw("SELECT count(*) FROM sqlite_master").all()
        } catch {
            await store.close()
            throw StoreError.classify(error, at: location.description)
        }
        return store
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

    /// The database for statements that need no transaction.
    var database: any SQLDatabase {
        switch backend {
        case .sqlite(let c): c.sql()
        case .postgres(let box): box.pool.database(logger: logger).sql()
        }
    }

    /// Runs `body` with the database, one unit of work at a time on SQLite.
    public func read<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R)
        async throws(StoreError) -> R
    {
        try await classifying {
            switch self.backend {
            case .sqlite: try await self.gate.run { try await body(self.database) }
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
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
        return try await classifying {
            switch self.backend {
            case .sqlite: try await self.gate.run { try await work(self.database) }
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
        case .sqlite(let c): try? await c.close()
        case .postgres(let box): try? await box.pool.shutdownAsync()
        }
    }
}

/// Runs async closures one after another (the SQLite connection's one unit of work at a time).
actor SerialGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
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
