import Foundation
import PostgresKit
import SQLiteKit
import Tracking

/// What can go wrong with the tracking store, in sentences for the CLI and the logs (English);
/// `vietnamese` is what the interface shows.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `DATABASE_URL` is not a PostgreSQL URL.
    case badDatabaseURL(String)
    /// The database cannot be opened or reached.
    case cannotOpen(String, reason: String)
    /// The SQLite file is read-only (the file or its folder).
    case readOnly(String)
    /// Another process holds the SQLite file's write lock past the wait.
    case locked(String)
    /// A migration failed; nothing of it was applied.
    case migrationFailed(id: String, reason: String)
    /// The database was migrated by a newer DonDoc.
    case newerSchema(id: String)
    /// Someone changed the record since it was read.
    case conflict(String)
    /// A record the caller named does not exist.
    case notFound(String)
    /// The input breaks a rule of the record (a constraint).
    case invalid(String)
    /// A notice in which no task was found: nothing was imported.
    case emptyNotice(String)
    /// A text that is no notice or plan: no kind of document, no unit, no deadline.
    case notANotice(String)
    /// The workflow does not allow the change (state, role, reason, date).
    case refused(WorkflowError)
    /// Anything else the database reported.
    case database(String)

    public var description: String {
        switch self {
        case .badDatabaseURL(let url):
            return
                "DATABASE_URL is not a PostgreSQL URL (\(url)); write postgres://USER:PASSWORD@HOST:PORT/DATABASE"
        case .cannotOpen(let at, let reason): return "cannot open the \(at): \(reason)"
        case .readOnly(let at): return "the \(at) is read-only: DonDoc needs to write to it and its folder"
        case .locked(let at): return "the \(at) is locked by another process; try again when it has finished"
        case .migrationFailed(let id, let reason):
            return "migration \(id) failed and was rolled back: \(reason)"
        case .newerSchema(let id):
            return "the database has migration \(id), which this DonDoc does not know: use a newer DonDoc"
        case .conflict(let what):
            return "conflict: \(what) was changed by someone else since it was read; reload and try again"
        case .notFound(let what): return "not found: \(what)"
        case .invalid(let what): return "refused: \(what)"
        case .emptyNotice(let source): return "\(source): no task was found in it; nothing was imported"
        case .notANotice(let source):
            return
                "\(source) is not a notice or plan: it names no kind of document, no unit and no deadline; nothing was imported"
        case .refused(let error): return "refused: \(error.description)"
        case .database(let message): return "database error: \(message)"
        }
    }

    /// The sentence for the Vietnamese interface.
    public var vietnamese: String {
        switch self {
        case .badDatabaseURL: return "Địa chỉ cơ sở dữ liệu (DATABASE_URL) không hợp lệ."
        case .cannotOpen: return "Không mở được cơ sở dữ liệu."
        case .readOnly: return "Cơ sở dữ liệu chỉ cho phép đọc, không ghi được."
        case .locked: return "Cơ sở dữ liệu đang bận, vui lòng thử lại sau."
        case .migrationFailed, .newerSchema: return "Không cập nhật được cấu trúc cơ sở dữ liệu."
        case .conflict: return "Dữ liệu đã được người khác thay đổi. Vui lòng tải lại trang và thực hiện lại."
        case .notFound: return "Không tìm thấy dữ liệu yêu cầu."
        case .invalid: return "Dữ liệu không hợp lệ."
        case .emptyNotice: return "Không tìm thấy nhiệm vụ nào trong văn bản; văn bản chưa được nhập."
        case .notANotice:
            return
                "Nội dung không phải là thông báo kết luận hay kế hoạch: không có loại văn bản, đơn vị hay thời hạn nào; văn bản chưa được nhập."
        case .refused(let error): return error.vietnamese
        case .database: return "Lỗi cơ sở dữ liệu."
        }
    }

    /// The database's own message, without the driver's wrapping where it can be had.
    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return message }
            return "\(e.code)"
        }
        return String(describing: error)
    }

    /// A driver error as one of the cases above.
    static func classify(_ error: any Error, at location: String) -> StoreError {
        if let e = error as? StoreError { return e }
        let message = describe(error)
        let lower = message.lowercased()
        if lower.contains("readonly") || lower.contains("read-only") || lower.contains("read only") {
            return .readOnly(location)
        }
        if lower.contains("database is locked") || lower.contains("database is busy") {
            return .locked(location)
        }
        if lower.contains("file is not a database") || lower.contains("unable to open") {
            return .cannotOpen(location, reason: message)
        }
        if lower.contains("constraint") || lower.contains("violates") { return .invalid(message) }
        return .database(message)
    }
}
