import Deadlines
import Plot

/// Escaping for everything a user or a notice wrote.
///
/// Why not Plot's own: Plot 0.14 escapes `<`, `>` and `&` in text nodes but leaves an existing
/// entity as it is ("&amp;" typed in a task would show as "&"), and writes attribute values
/// without any escaping (`title="a"b"`). Every page goes through these two functions instead.
public enum Markup {
    /// `text` safe inside an element or a quoted attribute value.
    ///
    /// By UTF-8 byte: the five characters it replaces are ASCII, and most texts hold none of
    /// them, which a byte scan finds without building anything (a profile of the dashboard under
    /// load had the scalar-by-scalar version at 5 % of the server's time).
    public static func escape(_ text: String) -> String {
        func special(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A calendar date as Vietnamese documents write it: 05/08/2025.
    public static func date(_ day: CalendarDate?) -> String {
        guard let day else { return "" }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day.day))/\(two(day.month))/\(day.year)"
    }
}

extension Node {
    /// Text a user or a notice wrote, escaped.
    static func safe(_ text: String) -> Node { .raw(Markup.escape(text)) }

    /// An attribute whose value is escaped, on any element (Plot writes values as given).
    static func safeAttribute(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: Markup.escape(value), ignoreIfValueIsEmpty: false)
    }
}

extension Attribute {
    /// An attribute whose value is escaped, for the elements that take attributes only (`input`,
    /// `option`).
    static func safe(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: Markup.escape(value), ignoreIfValueIsEmpty: false)
    }

    /// An attribute without a value (`autofocus`).
    static func flag(_ name: String) -> Attribute {
        Attribute(name: name, value: nil, ignoreIfValueIsEmpty: false)
    }
}

extension Node where Context: HTMLOptionListContext {
    /// `<option value="…">label</option>`, both escaped. (Plot's own `option` is self-closing and
    /// puts the text in a `label` attribute, which some browsers and screen readers do not show.)
    static func choice(_ value: String, _ label: String, selected: Bool = false) -> Node {
        .element(
            named: "option",
            nodes: [
                .safeAttribute("value", value), selected ? .attribute(named: "selected") : .empty,
                .safe(label),
            ])
    }
}
