import Foundation
import SQLKit
import Store

/// The databases a store test runs on: always a fresh SQLite file; also PostgreSQL when
/// `DATABASE_URL` names one (`.ci/run` starts a server and sets it), in a fresh schema per test.
public enum TestDatabases {
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var all: [StoreDialect] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// A store on a new, empty database of `dialect`, closed and removed after `body`.
    public static func withStore<R>(_ dialect: StoreDialect, _ body: (Store) async throws -> R) async throws
        -> R
    {
        let scratch = try Scratch()
        let store: Store
        var schema: String?
        switch dialect {
        case .sqlite:
            store = try await Store.open(.sqlite(path: scratch.path("test.sqlite")))
        case .postgres:
            guard let url = postgresURL else { throw MissingDatabase() }
            schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            store = try await Store.open(.postgres(url: url), schema: schema)
        }
        let result: Result<R, any Error>
        do { result = .success(try await body(store)) } catch { result = .failure(error) }
        if let schema {
            _ = try? await store.write {
                try await $0.raw(SQLQueryString("DROP SCHEMA \(unsafeRaw: schema) CASCADE")).run()
            }
        }
        await store.close()
        return try result.get()
    }
}

/// A folder under the temporary directory, removed with the value.
public final class Scratch: @unchecked Sendable {
    // Immutable after init; the folder is removed once, in deinit.
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "dondoc-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appending(path: name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A PostgreSQL test without `DATABASE_URL`.
struct MissingDatabase: Error, CustomStringConvertible {
    var description: String { "DATABASE_URL is not set" }
}
