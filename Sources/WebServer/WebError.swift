import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Store
import Tracking
import WebPages

/// What the web layer refuses, with the status, the sentence people read (Vietnamese) and the
/// one the log and API clients read (English).
public enum WebError: Error, Sendable, Equatable {
    /// No session or token.
    case signInRequired
    /// The role or unit may not do this.
    case forbidden(String)
    /// The form's CSRF token is missing or not the session's.
    case badCSRFToken
    /// A field is missing or malformed; the sentence names it.
    case badInput(vietnamese: String, english: String)
    /// The body is over the route's limit.
    case tooLarge(limitMB: Int)
    /// The file is of a kind the route does not take.
    case unsupportedFile(String)
    /// Too many failed sign-ins.
    case throttled
    case notFound

    var status: HTTPResponse.Status {
        switch self {
        case .signInRequired: .unauthorized
        case .forbidden: .forbidden
        case .badCSRFToken: .forbidden
        case .badInput: .badRequest
        case .tooLarge: .contentTooLarge
        case .unsupportedFile: .unsupportedMediaType
        case .throttled: .tooManyRequests
        case .notFound: .notFound
        }
    }

    var vietnamese: String {
        switch self {
        case .signInRequired: "Vui lòng đăng nhập để tiếp tục."
        case .forbidden(let what): "Bạn không có quyền \(what)."
        case .badCSRFToken:
            "Biểu mẫu đã hết hạn hoặc không được gửi từ trang của DonDoc. Vui lòng tải lại trang và thực hiện lại."
        case .badInput(let vietnamese, _): vietnamese
        case .tooLarge(let limit): "Tệp hoặc nội dung gửi lên quá lớn (tối đa \(limit) MB)."
        case .unsupportedFile(let name):
            "Tệp \(name) không phải là văn bản DonDoc đọc được. Hãy tải lên tệp .txt, .md hoặc dán nội dung văn bản."
        case .throttled: "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."
        case .notFound: "Không tìm thấy trang hoặc dữ liệu yêu cầu."
        }
    }

    var english: String {
        switch self {
        case .signInRequired: "sign in first (session cookie or bearer token)"
        case .forbidden(let what): "forbidden: \(what)"
        case .badCSRFToken: "the form's CSRF token is missing or does not match the session"
        case .badInput(_, let english): english
        case .tooLarge(let limit): "the body is larger than \(limit) MB"
        case .unsupportedFile(let name): "\(name) is not a notice DonDoc reads (.txt, .md or pasted text)"
        case .throttled: "too many failed sign-ins; try again in 15 minutes"
        case .notFound: "not found"
        }
    }
}

/// An error as the people and programs that meet it should read it.
struct Problem: Sendable {
    let status: HTTPResponse.Status
    let vietnamese: String
    let english: String
    /// A short code for API clients ("conflict", "forbidden").
    let code: String

    init(_ error: any Error, logger: Logger) {
        switch error {
        case let e as WebError:
            status = e.status
            vietnamese = e.vietnamese
            english = e.english
            code = Self.code(e.status)
        case let e as StoreError:
            switch e {
            case .conflict: status = .conflict
            case .notFound: status = .notFound
            case .invalid, .emptyNotice, .notANotice: status = .unprocessableContent
            case .refused(let w):
                if case .forbidden = w {
                    status = .forbidden
                } else if case .versionConflict = w {
                    status = .conflict
                } else {
                    status = .unprocessableContent
                }
            case .locked: status = .serviceUnavailable
            default: status = .internalServerError
            }
            vietnamese = e.vietnamese
            english = e.description
            code = Self.code(status)
            if status == .internalServerError || status == .serviceUnavailable {
                logger.error("store error: \(e.description)")
            }
        case let e as HTTPError:
            status = e.status
            vietnamese = Self.vietnamese(e.status)
            english = e.body ?? e.status.reasonPhrase
            code = Self.code(e.status)
        case let e as any HTTPResponseError:
            status = e.status
            vietnamese = Self.vietnamese(e.status)
            english = e.status.reasonPhrase
            code = Self.code(e.status)
        default:
            status = .internalServerError
            vietnamese = Self.vietnamese(.internalServerError)
            english = "internal error"
            code = "internal"
            logger.error("unhandled error: \(String(reflecting: error))")
        }
    }

    static func vietnamese(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Yêu cầu không hợp lệ."
        case 401: WebError.signInRequired.vietnamese
        case 403: "Bạn không có quyền thực hiện thao tác này."
        case 404: WebError.notFound.vietnamese
        case 405: "Thao tác không được hỗ trợ tại địa chỉ này."
        case 413: "Nội dung gửi lên quá lớn."
        default:
            "Đã có lỗi xảy ra. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại hoặc báo quản trị hệ thống."
        }
    }

    static func code(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 409: "conflict"
        case 413: "too_large"
        case 415: "unsupported_media_type"
        case 422: "unprocessable"
        case 429: "too_many_requests"
        case 503: "unavailable"
        default: "internal"
        }
    }
}
