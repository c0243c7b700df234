import ArgumentParser
import Deadlines
import Foundation
import Logging
import Store
import Tracking

/// Where the record is, for every command that reads or writes it.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The SQLite file (default: ./dondoc.sqlite, or PostgreSQL at $DATABASE_URL when set).",
            valueName: "path"))
    var db: String?

    @Option(
        help: ArgumentHelp(
            "The organization (default: \"\(Store.defaultOrganizationSlug)\", created with the directory of a provincial Sở KH&CN).",
            valueName: "slug"))
    var org: String?

    var location: StoreLocation { .resolve(path: db, environment: ProcessInfo.processInfo.environment) }

    /// Opens the record (and brings its schema up to date).
    func open(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Store {
        do {
            return try await Store.open(.resolve(path: db, environment: environment), logger: .quiet)
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Opens the record and finds the organization to work in.
    func openOrganization(actor: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        async throws
        -> (Store, Organization)
    {
        let store = try await open(environment: environment)
        do {
            return (store, try await store.organizationToUse(slug: org, actor: actor))
        } catch {
            await store.close()
            throw CommandFailure(error)
        }
    }
}

extension CommandFailure {
    /// A store's error as the exit status a script can tell apart, and its sentence.
    init(_ error: StoreError) {
        let status: ExitStatus =
            switch error {
            case .badDatabaseURL, .migrationFailed, .newerSchema: .configuration
            case .cannotOpen: .unavailable
            case .readOnly: .cannotWrite
            case .locked, .conflict: .temporaryFailure
            case .notFound: .inputMissing
            case .invalid, .emptyNotice, .notANotice, .refused: .inputRefused
            case .database: .internalError
            }
        self.init(status, error.description)
    }

    /// Runs an async `body` and writes what it returns; a failure becomes one sentence on
    /// standard error and its status.
    static func reporting(_ console: Console, _ body: () async throws -> Data) async -> ExitStatus {
        do {
            console.write(try await body())
            return .success
        } catch {
            return report(error, on: console)
        }
    }
}

/// Runs `body` with the store and closes it however `body` ends.
func withStore<R>(_ store: Store, _ body: () async throws -> R) async throws -> R {
    do {
        let result = try await body()
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}

extension Logger {
    /// The store's logger for commands: warnings and errors only (commands say what they did).
    static var quiet: Logger {
        var logger = Logger(label: "dondoc.store")
        logger.logLevel = .warning
        return logger
    }
}

/// Text columns for the terminal: cells padded to their column's width (in characters, which
/// is what a terminal shows of Vietnamese text in NFC).
enum TextTable {
    static func render(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// `text` cut to `width` characters with "…".
    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
