/// The label that opens a heading or an item: "II.", "2.1.", "(3)", "a)", "-", "•".
struct Label: Sendable, Equatable {
    /// The family of labels a label belongs to; siblings share a style, so the order in which
    /// styles appear gives the nesting (the usual way administrative documents are numbered).
    enum Style: Hashable, Sendable {
        /// "I.", "II.", "IV." (also "I)" and "I -").
        case roman
        /// "1.", "2.1.", "2.1.3" — `depth` numbers.
        case arabic(depth: Int)
        /// "(1)", "1)", "(10)."
        case parenNumber
        /// "a)", "đ)", "a.", "a/".
        case letter
        /// "(i)", "(ii)".
        case romanLower
        /// "-", "–", "—".
        case dash
        /// "+".
        case plus
        /// "•", "*", "·", "▪", "●", "○".
        case bullet

        /// Items of these styles are leaves of the outline: a paragraph after them goes back
        /// to the heading above them.
        var isListItem: Bool {
            switch self {
            case .dash, .plus, .bullet, .letter, .romanLower, .parenNumber: true
            default: false
            }
        }
    }

    let style: Style
    /// The label's value for section paths ("II", "2.1", "3", "a"); "" for bullets.
    let value: String

    /// Recognises a label at the start of `line` (trimmed, markup removed); returns it and the
    /// text after it. A label must be followed by a space and some text, so "2024 - 2025" or
    /// "1.280 tỷ" are not labels.
    static func parse(_ line: Substring) -> (Label, Substring)? {
        guard let firstScalar = line.unicodeScalars.first else { return nil }
        // Most lines start with a capital letter that opens no label.
        let v = firstScalar.value
        if v >= 0x80 && !Label.bulletScalars.contains(v) && !(v >= 0xE0 && v <= 0x1EFF) { return nil }
        if v >= 0x41 && v <= 0x5A && !(v == 0x49 || v == 0x56 || v == 0x58 || v == 0x4C) { return nil }
        let first = line.first!
        // Bullets.
        if Label.bulletScalars.contains(v) {
            let rest = line.dropFirst()
            guard let next = rest.first, next == " " || next == "\t" else { return nil }
            let text = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard !text.isEmpty else { return nil }
            let style: Style =
                switch first {
                case "+": .plus
                case "-", "–", "—": .dash
                default: .bullet
                }
            return (Label(style: style, value: ""), text)
        }
        if first == "(" {
            // "(1)", "(10).", "(i)".
            guard let close = line.firstIndex(of: ")") else { return nil }
            let inner = line[line.index(after: line.startIndex)..<close]
            var rest = line[line.index(after: close)...]
            if rest.first == "." { rest = rest.dropFirst() }
            guard rest.first == " " || rest.first == "\t" else { return nil }
            let text = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard !text.isEmpty else { return nil }
            if !inner.isEmpty, inner.count <= 2, inner.allSatisfy(\.isASCIIDigit) {
                return (Label(style: .parenNumber, value: String(Int(inner)!)), text)
            }
            if romanLowerValues.contains(String(inner)) {
                return (Label(style: .romanLower, value: String(inner)), text)
            }
            return nil
        }
        // Leading run of label characters.
        var i = line.startIndex
        while i < line.endIndex, line[i].isASCIIDigit || line[i] == "." { i = line.index(after: i) }
        if i > line.startIndex, line[line.startIndex].isASCIIDigit {
            let token = line[line.startIndex..<i]
            var rest = line[i...]
            let numbers = token.split(separator: ".", omittingEmptySubsequences: true)
            guard numbers.allSatisfy({ $0.count <= 2 }), !numbers.isEmpty, numbers.count <= 4 else {
                return nil
            }
            if rest.first == ")" {
                // "1)" belongs with "(1)".
                rest = rest.dropFirst()
                guard numbers.count == 1, token.last != ".", rest.first == " " else { return nil }
                let text = rest.drop(while: { $0 == " " })
                guard !text.isEmpty else { return nil }
                return (Label(style: .parenNumber, value: String(Int(numbers[0])!)), text)
            }
            // "1." needs its dot; "2.1" may omit the final one.
            guard token.last == "." || numbers.count > 1 else { return nil }
            // No dots in a row.
            guard !token.contains("..") else { return nil }
            guard rest.first == " " || rest.first == "\t" else { return nil }
            let text = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard let t0 = text.first, !t0.isNumber else { return nil }
            let value = numbers.map { String(Int($0)!) }.joined(separator: ".")
            return (Label(style: .arabic(depth: numbers.count), value: value), text)
        }
        // Roman numerals "IV." / "IV)" / "IV -".
        var j = line.startIndex
        while j < line.endIndex, "IVXL".contains(line[j]) { j = line.index(after: j) }
        if j > line.startIndex {
            let numeral = String(line[line.startIndex..<j])
            var rest = line[j...]
            if romanValues.contains(numeral), let sep = rest.first, sep == "." || sep == ")" || sep == " " {
                if sep == " " {
                    // "II - NỘI DUNG" / "II – ..."
                    let after = rest.drop(while: { $0 == " " })
                    guard let dash = after.first, "-–—:".contains(dash) else { return nil }
                    rest = after.dropFirst()
                } else {
                    rest = rest.dropFirst()
                }
                guard rest.first == " " || rest.first == "\t" else { return nil }
                let text = rest.drop(while: { $0 == " " || $0 == "\t" })
                guard !text.isEmpty else { return nil }
                return (Label(style: .roman, value: numeral), text)
            }
        }
        // Letters "a)", "đ)", "a.", "a/", "a/.".
        if first.isLetter, first.isLowercase, letterValues.contains(first) {
            var rest = line.dropFirst()
            guard let sep = rest.first, sep == ")" || sep == "." || sep == "/" else { return nil }
            rest = rest.dropFirst()
            if sep == "/", rest.first == "." { rest = rest.dropFirst() }
            guard rest.first == " " || rest.first == "\t" else { return nil }
            let text = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard !text.isEmpty else { return nil }
            return (Label(style: .letter, value: String(first)), text)
        }
        return nil
    }

    /// "-", "–", "—", "+", "•", "*", "·", "▪", "●", "○", "◦".
    static let bulletScalars: Set<UInt32> = [0x2D, 0x2013, 0x2014, 0x2B, 0x2022, 0x2A, 0xB7, 0x25AA, 0x25CF, 0x25CB, 0x25E6]

    static let romanValues: Set<String> = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
        "XVI", "XVII", "XVIII", "XIX", "XX",
    ]
    static let romanLowerValues: Set<String> = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
    ]
    // The Vietnamese alphabet has no f, j, w, z; "đ" comes after "d".
    static let letterValues: Set<Character> = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
        "u", "v", "x", "y",
    ]
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
