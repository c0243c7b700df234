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
        switch line.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) ?? .unsure {
        case .noLabel: return nil
        case .label(let label, let textStart): return (label, line[line.utf8.index(line.startIndex, offsetBy: textStart)...])
        case .unsure: return parseByCharacters(line)
        }
    }

    private enum Parsed {
        case noLabel
        /// The label and the byte offset of the text after it.
        case label(Label, Int)
        /// A combining mark or a joiner where the label is cut: compare `Character`s.
        case unsure
    }

    /// `parse` on the UTF-8 bytes: every label character is ASCII but some bullets and "đ", so
    /// bytes decide, provided each place the line is cut is a `Character` boundary (else
    /// `.unsure`). A `Character` walk with a set lookup per line cost more than all the rest.
    private static func parse(bytes u: UnsafeBufferPointer<UInt8>) -> Parsed {
        let n = u.count
        guard n > 0 else { return .noLabel }
        let (v, w) = UTF8Text.scalar(u, 0)
        // Most lines start with a capital letter that opens no label.
        if v >= 0x80 && !isBullet(v) && v != 0x111 { return .noLabel }
        if v >= 0x41 && v <= 0x5A && !(v == 0x49 || v == 0x56 || v == 0x58 || v == 0x4C) { return .noLabel }
        guard UTF8Text.isBoundary(u, w) else { return .unsure }

        /// Where the text after the label starts: the spaces (and tabs) from `k` skipped; `n`
        /// when there is no text, `nil` when unsure.
        func text(from k: Int, tabs: Bool = true) -> Int? {
            var k = k
            while k < n, u[k] == 0x20 || (tabs && u[k] == 0x09) { k += 1 }
            return UTF8Text.isBoundary(u, k) ? k : nil
        }
        /// Whether the `Character` at `k` is the ASCII `c`; `nil` when unsure.
        func char(_ k: Int, is c: UInt8) -> Bool? {
            guard k < n, u[k] == c else { return false }
            return UTF8Text.isBoundary(u, k + 1) ? true : nil
        }
        func isSpace(_ k: Int) -> Bool { k < n && (u[k] == 0x20 || u[k] == 0x09) }

        // Bullets.
        if isBullet(v) {
            guard isSpace(w) else { return .noLabel }
            guard let k = text(from: w) else { return .unsure }
            guard k < n else { return .noLabel }
            let style: Style =
                switch v {
                case 0x2B: .plus
                case 0x2D, 0x2013, 0x2014: .dash
                default: .bullet
                }
            return .label(Label(style: style, value: ""), k)
        }
        if v == 0x28 {
            // "(1)", "(10).", "(i)".
            var close = 1
            while close < n, u[close] != 0x29 { close += 1 }
            guard close < n else { return .noLabel }
            guard UTF8Text.isBoundary(u, close), UTF8Text.isBoundary(u, close + 1) else { return .unsure }
            var p = close + 1
            guard let dot = char(p, is: 0x2E) else { return .unsure }
            if dot { p += 1 }
            guard isSpace(p) else { return .noLabel }
            guard let k = text(from: p) else { return .unsure }
            guard k < n else { return .noLabel }
            let inner = UnsafeBufferPointer(rebasing: u[1..<close])
            if !inner.isEmpty, inner.count <= 2, inner.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                return .label(Label(style: .parenNumber, value: String(number(inner))), k)
            }
            let value = String(decoding: inner, as: UTF8.self)
            if romanLowerValues.contains(value) { return .label(Label(style: .romanLower, value: value), k) }
            return .noLabel
        }
        if v >= 0x30 && v <= 0x39 {
            // Leading run of digits and dots.
            var i = 0
            while i < n, u[i] >= 0x30 && u[i] <= 0x39 || u[i] == 0x2E { i += 1 }
            guard UTF8Text.isBoundary(u, i) else { return .unsure }
            // The numbers between the dots (empty ones left out): one to four, of one or two
            // digits each; their values written without leading zeros, joined by dots ("2.1").
            var numbers = 0
            var digits = 0
            var tooLong = false
            var current = 0
            var value = ""
            for k in 0...i {
                if k < i, u[k] != 0x2E {
                    digits += 1
                    if digits > 2 { tooLong = true } else { current = current * 10 + Int(u[k] - 0x30) }
                    continue
                }
                guard digits > 0 else { continue }
                numbers += 1
                if numbers > 1 { value += "." }
                value += String(current)
                digits = 0
                current = 0
            }
            guard !tooLong, numbers > 0, numbers <= 4 else { return .noLabel }
            let endsWithDot = u[i - 1] == 0x2E
            guard let paren = char(i, is: 0x29) else { return .unsure }
            if paren {
                // "1)" belongs with "(1)".
                guard numbers == 1, !endsWithDot, i + 1 < n, u[i + 1] == 0x20 else { return .noLabel }
                guard let k = text(from: i + 1, tabs: false) else { return .unsure }
                guard k < n else { return .noLabel }
                return .label(Label(style: .parenNumber, value: value), k)
            }
            // "1." needs its dot; "2.1" may omit the final one.
            guard endsWithDot || numbers > 1 else { return .noLabel }
            // No dots in a row.
            for k in 1..<i where u[k] == 0x2E && u[k - 1] == 0x2E { return .noLabel }
            guard isSpace(i) else { return .noLabel }
            guard let k = text(from: i) else { return .unsure }
            guard k < n else { return .noLabel }
            let t0 = UTF8Text.scalar(u, k).0
            if t0 < 0x80 ? t0 >= 0x30 && t0 <= 0x39 : Unicode.Scalar(t0)?.properties.numericType != nil { return .noLabel }
            return .label(Label(style: .arabic(depth: numbers), value: value), k)
        }
        if v == 0x49 || v == 0x56 || v == 0x58 || v == 0x4C {
            // Roman numerals "IV." / "IV)" / "IV -".
            var j = 0
            while j < n, u[j] == 0x49 || u[j] == 0x56 || u[j] == 0x58 || u[j] == 0x4C { j += 1 }
            guard UTF8Text.isBoundary(u, j) else { return .unsure }
            let numeral = String(decoding: UnsafeBufferPointer(rebasing: u[0..<j]), as: UTF8.self)
            guard romanValues.contains(numeral), j < n, u[j] == 0x2E || u[j] == 0x29 || u[j] == 0x20 else {
                return .noLabel
            }
            guard UTF8Text.isBoundary(u, j + 1) else { return .unsure }
            var p = j + 1
            if u[j] == 0x20 {
                // "II - NỘI DUNG" / "II – ..."
                var m = j
                while m < n, u[m] == 0x20 { m += 1 }
                guard UTF8Text.isBoundary(u, m) else { return .unsure }
                guard m < n else { return .noLabel }
                let (dash, dw) = UTF8Text.scalar(u, m)
                guard dash == 0x2D || dash == 0x2013 || dash == 0x2014 || dash == 0x3A else { return .noLabel }
                guard UTF8Text.isBoundary(u, m + dw) else { return .unsure }
                p = m + dw
            }
            guard isSpace(p) else { return .noLabel }
            guard let k = text(from: p) else { return .unsure }
            guard k < n else { return .noLabel }
            return .label(Label(style: .roman, value: numeral), k)
        }
        // Letters "a)", "đ)", "a.", "a/", "a/.".
        guard v == 0x111 || (v >= 0x61 && v <= 0x79 && v != 0x66 && v != 0x6A && v != 0x77) else { return .noLabel }
        var p = w
        guard p < n, u[p] == 0x29 || u[p] == 0x2E || u[p] == 0x2F else { return .noLabel }
        guard UTF8Text.isBoundary(u, p + 1) else { return .unsure }
        p += 1
        if u[p - 1] == 0x2F {
            guard let dot = char(p, is: 0x2E) else { return .unsure }
            if dot { p += 1 }
        }
        guard isSpace(p) else { return .noLabel }
        guard let k = text(from: p) else { return .unsure }
        guard k < n else { return .noLabel }
        return .label(Label(style: .letter, value: String(decoding: UnsafeBufferPointer(rebasing: u[0..<w]), as: UTF8.self)), k)
    }

    /// `bulletScalars.contains(v)`, without hashing.
    private static func isBullet(_ v: UInt32) -> Bool {
        switch v {
        case 0x2D, 0x2013, 0x2014, 0x2B, 0x2022, 0x2A, 0xB7, 0x25AA, 0x25CF, 0x25CB, 0x25E6: true
        default: false
        }
    }

    /// The value of one or two ASCII digits.
    private static func number(_ digits: some Collection<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `parse` by `Character`s, for the lines where a combining mark or joiner makes the bytes
    /// unsure.
    static func parseByCharacters(_ line: Substring) -> (Label, Substring)? {
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
