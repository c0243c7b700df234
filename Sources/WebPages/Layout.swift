import Plot
import Synchronization
import Tracking

/// Who is looking at a page: what the header shows and which links the menu offers.
public struct Viewer: Sendable, Hashable {
    public let fullName: String
    public let role: Role
    public let unitName: String?

    public init(fullName: String, role: Role, unitName: String?) {
        self.fullName = fullName
        self.role = role
        self.unitName = unitName
    }
}

/// A message shown once at the top of a page, after an action.
public struct Flash: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case success, error }
    public let kind: Kind
    public let text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// What every page's frame needs besides its content.
public struct PageFrame: Sendable, Hashable {
    public let title: String
    public let viewer: Viewer?
    /// The token every form of the page carries (nil on pages without a session).
    public let csrfToken: String?
    public let flash: Flash?
    public let current: SitePath?

    public init(
        title: String, viewer: Viewer?, csrfToken: String?, flash: Flash? = nil, current: SitePath? = nil
    ) {
        self.title = title
        self.viewer = viewer
        self.csrfToken = csrfToken
        self.flash = flash
        self.current = current
    }
}

/// The frame of every page: head, menu by role, the flash message, the content.
public enum Layout {
    /// The whole document around `content`, HTML rendered before (a page's body kept for many
    /// requests: only the frame, with the viewer's name and token, is added each time).
    public static func render(_ frame: PageFrame, html content: String) -> String {
        let (before, after) = parts(frame)
        return before + content + after
    }

    /// The whole document.
    public static func render(_ frame: PageFrame, _ content: Node<HTML.BodyContext>) -> String {
        render(frame, html: content.render())
    }

    /// The frame's HTML before and after the content, rendered once per frame.
    ///
    /// The frame is the same for every page a person opens from one place (their name, token
    /// and menu), and rendering it through Plot took 14 % of a task page's time under load, as
    /// much as the page's own content; passing a kept body of 45 KB through Plot's renderer also
    /// copied it at each enclosing element. Kept here, at most `framesKept` of them.
    public static func parts(_ frame: PageFrame) -> (before: String, after: String) {
        if let kept = frames.withLock({ $0[frame] }) { return kept }
        let document = document(frame, .raw(contentMark))
        // The mark cannot come from the frame's own text: every text of it is escaped, and the
        // mark begins with "<".
        guard let mark = document.range(of: contentMark) else { return (document, "") }
        let parts = (String(document[..<mark.lowerBound]), String(document[mark.upperBound...]))
        frames.withLock { frames in
            if frames.count >= framesKept { frames.removeAll(keepingCapacity: true) }
            frames[frame] = parts
        }
        return parts
    }

    /// Frames kept rendered: a session's few places, for some hundreds of people signed in.
    static let framesKept = 2000
    private static let contentMark = "<dondoc-content></dondoc-content>"
    private static let frames = Mutex<[PageFrame: (before: String, after: String)]>([:])

    private static func document(_ frame: PageFrame, _ content: Node<HTML.BodyContext>) -> String {
        HTML(
            .attribute(named: "lang", value: "vi"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: frame.title + " · DonDoc"),
                .link(.rel(.stylesheet), .href(SitePath.stylesheet.path))
            ),
            .body(
                header(frame),
                .element(
                    named: "main",
                    nodes: [
                        .unwrap(frame.flash) { flash in
                            .div(
                                .class("flash flash-\(flash.kind.rawValue)"),
                                .attribute(named: "role", value: "status"),
                                .safe(flash.text))
                        },
                        content,
                    ])
            )
        ).render()
    }

    /// The menu a role sees. Everyone sees the dashboard, the tasks and search; notices are the
    /// secretariat's and leadership's work; units and users the secretariat's.
    public static func menu(for role: Role) -> [(SitePath, String)] {
        var items: [(SitePath, String)] = [(.home, "Tổng quan"), (.tasks, "Nhiệm vụ")]
        if role == .secretariat || role == .leadership { items.append((.notices, "Văn bản")) }
        if role == .secretariat { items += [(.units, "Đơn vị"), (.users, "Người dùng")] }
        items.append((.search, "Tìm kiếm"))
        return items
    }

    private static func header(_ frame: PageFrame) -> Node<HTML.BodyContext> {
        .header(
            .class("site"),
            .a(.class("brand"), .href(SitePath.home.path), .text("DonDoc")),
            .unwrap(frame.viewer) { viewer in
                .group(
                    .nav(
                        .attribute(named: "aria-label", value: "Chính"),
                        .ul(
                            .forEach(menu(for: viewer.role)) { item in
                                .li(
                                    .a(
                                        .safeAttribute("href", item.0.path),
                                        .if(
                                            frame.current == item.0,
                                            .attribute(named: "aria-current", value: "page")),
                                        .safe(item.1)))
                            })
                    ),
                    .div(
                        .class("who"),
                        .span(.safe(viewer.fullName)),
                        .span(
                            .class("role"),
                            .safe(viewer.role.vietnamese + (viewer.unitName.map { " · " + $0 } ?? ""))),
                        .form(
                            .action(SitePath.signOut.path), .method(.post), .class("inline"),
                            csrfField(frame.csrfToken),
                            .button(.type(.submit), .class("link"), .text("Đăng xuất"))
                        )
                    )
                )
            }
        )
    }

    /// The hidden field that proves a form came from this site's page (CSRF).
    public static func csrfField(_ token: String?) -> Node<HTML.FormContext> {
        .unwrap(token) { .input(.type(.hidden), .name("csrf"), .safe("value", $0)) }
    }
}
