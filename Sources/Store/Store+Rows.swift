import PostgresKit
import SQLKit
import SQLiteKit

/// A result row read by column position, for the store's hot lists.
///
/// SQLKit reads a column by name through `Decodable`: SQLiteKit casts the type dynamically for
/// every value, and PostgresKit also builds a coding path (a string made for each value) and runs a
/// generic decoder. A profile of a unit's overdue list put that at a third of the time on SQLite
/// and half the client's on PostgreSQL, more than the database's own work. The drivers SQLKit runs
/// on read a value directly: SQLiteNIO's rows hold the values as an enum, PostgresNIO decodes a
/// cell by position into the Swift type. `Store.rows` runs the statement on the driver and the code
/// that builds records reads both databases the same way. The SQL is the same text on both: SQLKit
/// serialises it for the store's dialect.
struct StoreRow {
    private enum Storage {
        case sqlite(SQLiteRow, names: [String])
        case postgres([PostgresCell])
    }

    private let storage: Storage

    init(_ row: SQLiteRow, names: [String]) { storage = .sqlite(row, names: names) }
    init(_ row: PostgresRow) { storage = .postgres(Array(row)) }

    struct TypeMismatch: Error, CustomStringConvertible {
        let column: String
        let expected: String
        var description: String { "column \(column) does not hold \(expected)" }
    }

    private func sqlite(_ row: SQLiteRow, _ names: [String], _ column: Int) -> SQLiteData {
        row.column(names[column]) ?? .null
    }

    func string(_ column: Int) throws -> String {
        guard let value = try optionalString(column) else { throw mismatch(column, "text") }
        return value
    }

    func optionalString(_ column: Int) throws -> String? {
        switch storage {
        case .sqlite(let row, let names):
            switch sqlite(row, names, column) {
            case .null: return nil
            case .text(let text): return text
            default: throw mismatch(column, "text")
            }
        case .postgres(let cells):
            // Text is read straight from the cell's bytes: the generic decoder (a decoding context,
            // UTF-8 repair) was 8 % of the client's CPU in a unit's overdue list on PostgreSQL.
            let cell = cells[column]
            guard let bytes = cell.bytes else { return nil }
            switch cell.dataType {
            case .text, .varchar, .name, .bpchar: return String(buffer: bytes)
            default: return try cell.decode(String.self)
            }
        }
    }

    func int(_ column: Int) throws -> Int {
        switch storage {
        case .sqlite(let row, let names):
            guard case .integer(let value) = sqlite(row, names, column) else {
                throw mismatch(column, "an integer")
            }
            return value
        case .postgres(let cells): return try cells[column].decode(Int.self)
        }
    }

    func bool(_ column: Int) throws -> Bool {
        switch storage {
        case .sqlite(let row, let names):
            guard case .integer(let value) = sqlite(row, names, column), value == 0 || value == 1 else {
                throw mismatch(column, "a boolean")
            }
            return value == 1
        case .postgres(let cells): return try cells[column].decode(Bool.self)
        }
    }

    private func mismatch(_ column: Int, _ expected: String) -> TypeMismatch {
        switch storage {
        case .sqlite(_, let names): TypeMismatch(column: names[column], expected: expected)
        case .postgres(let cells): TypeMismatch(column: cells[column].columnName, expected: expected)
        }
    }
}

extension Store {
    /// The rows of `query`, whose result columns are named `columns` in order (the names SQLKit
    /// reads on SQLite; PostgreSQL's rows are read by position).
    ///
    /// `db` must be the database `read` gives, not a transaction's: the statement runs on the
    /// store's SQLite connection (inside `read`'s turn) or on a connection of the PostgreSQL pool,
    /// outside any transaction `db` may hold; `db` only serialises the SQL.
    func rows(_ db: any SQLDatabase, _ query: SQLQueryString, columns: [String]) async throws -> [StoreRow] {
        var serializer = SQLSerializer(database: db)
        query.serialize(to: &serializer)
        let binds = try serializer.binds.map(ListBind.init)
        switch backend {
        case .sqlite(let writer, _):
            // The connection of the unit of work `db` belongs to: a reader, or the writer.
            let connection = Self.sqliteConnection ?? writer.all[0]
            let values = binds.map { bind -> SQLiteData in
                switch bind {
                case .text(let text): .text(text)
                case .integer(let number): .integer(number)
                case .flag(let flag): .integer(flag ? 1 : 0)
                }
            }
            return try await connection.query(serializer.sql, values).map { StoreRow($0, names: columns) }
        case .postgres(let box):
            var values = PostgresBindings(capacity: binds.count)
            for bind in binds {
                switch bind {
                case .text(let text): values.append(text)
                case .integer(let number): values.append(number)
                case .flag(let flag): values.append(flag)
                }
            }
            let statement = PostgresQuery(unsafeSQL: serializer.sql, binds: values)
            let logger = self.logger
            let result = try await box.pool.withConnection(logger: logger) { connection in
                connection.query(statement, logger: logger)
            }.get()
            return result.rows.map(StoreRow.init)
        }
    }
}

/// A value a list query binds: the store's queries bind text, integers and flags only.
private enum ListBind {
    case text(String)
    case integer(Int)
    case flag(Bool)

    init(_ value: any Encodable & Sendable) throws(StoreError) {
        switch value {
        case let text as String: self = .text(text)
        case let number as Int: self = .integer(number)
        case let flag as Bool: self = .flag(flag)
        default: throw .invalid("a value of type \(type(of: value)) cannot be bound in a list query")
        }
    }
}
