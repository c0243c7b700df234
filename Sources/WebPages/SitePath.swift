import Foundation

/// Every address of the site, used both to register the routes and to build the links, so that a
/// renamed path cannot leave a dead link (STYLE 7).
///
/// The paths are Vietnamese words without tone marks ("nhiem-vu" = tasks): readable in a message
/// or on paper, and the same typed on any keyboard.
public enum SitePath: Hashable, Sendable {
    case home
    case signIn
    case signOut
    case notices
    case noticeUpload
    case notice(id: String)
    case noticePublish(id: String)
    case noticeName(id: String)
    case tasks
    case task(id: String)
    case taskAction(id: String)
    case attachment(id: String)
    case units
    case users
    case user(id: String)
    case userPassword(id: String)
    case unitNames
    case search
    case stylesheet
    case health

    /// The path of a link, with its ids percent-encoded.
    public var path: String {
        switch self {
        case .home: "/"
        case .signIn: "/dang-nhap"
        case .signOut: "/dang-xuat"
        case .notices: "/van-ban"
        case .noticeUpload: "/van-ban/tai-len"
        case .notice(let id): "/van-ban/\(Self.segment(id))"
        case .noticePublish(let id): "/van-ban/\(Self.segment(id))/ban-hanh"
        case .noticeName(let id): "/van-ban/\(Self.segment(id))/ten-don-vi"
        case .tasks: "/nhiem-vu"
        case .task(let id): "/nhiem-vu/\(Self.segment(id))"
        case .taskAction(let id): "/nhiem-vu/\(Self.segment(id))/cap-nhat"
        case .attachment(let id): "/tep/\(Self.segment(id))"
        case .units: "/don-vi"
        case .users: "/nguoi-dung"
        case .user(let id): "/nguoi-dung/\(Self.segment(id))"
        case .userPassword(let id): "/nguoi-dung/\(Self.segment(id))/mat-khau"
        case .unitNames: "/don-vi/ten"
        case .search: "/tim-kiem"
        case .stylesheet: "/tai-nguyen/dondoc.css"
        case .health: "/healthz"
        }
    }

    /// The pattern a route is registered with: ids become the `:id` parameter.
    public var route: String {
        switch self {
        case .notice: "/van-ban/:id"
        case .noticePublish: "/van-ban/:id/ban-hanh"
        case .noticeName: "/van-ban/:id/ten-don-vi"
        case .task: "/nhiem-vu/:id"
        case .taskAction: "/nhiem-vu/:id/cap-nhat"
        case .attachment: "/tep/:id"
        case .user: "/nguoi-dung/:id"
        case .userPassword: "/nguoi-dung/:id/mat-khau"
        default: path
        }
    }

    /// The path with a query string; nil and empty values are left out.
    public func with(query: [(String, String?)]) -> String {
        let pairs = query.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(Self.queryEncoded(key))=\(Self.queryEncoded(value))"
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    private static func segment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: unreserved) ?? id
    }

    private static func queryEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-._~")
        return set
    }()
}
