/// A lower-cased word compared by its UTF-8 bytes. The text is NFC from the boundary inward
/// (STYLE 4), so byte equality is canonical equality, without `String`'s normalising comparison
/// and hashing, which cost more than the rest of the extraction together.
struct Word: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    let string: String
    /// FNV-1a of the bytes, computed once: sets and dictionaries of words hash one integer.
    let code: Int

    init(_ s: some StringProtocol) {
        var str = String(s)
        str.makeContiguousUTF8()
        string = str
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in str.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        code = Int(truncatingIfNeeded: h)
    }

    init(stringLiteral value: String) { self.init(value) }

    static func == (a: Word, b: Word) -> Bool {
        a.code == b.code && a.string.utf8.count == b.string.utf8.count && a.string.utf8.elementsEqual(b.string.utf8)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(code) }

    var description: String { string }
    func hasPrefix(_ p: String) -> Bool { string.hasPrefix(p) }
}

/// A word, number or punctuation mark of a text, with its place in the text.
struct Token: Sendable {
    enum Kind: Sendable { case word, number, punct }

    let kind: Kind
    /// The token as written.
    let text: Substring
    /// Lower-cased, diacritics kept.
    let lower: Word
    /// Whether the first character is an upper-case letter.
    let isCapitalized: Bool

    var range: Range<String.Index> { text.startIndex..<text.endIndex }
    var isWord: Bool { kind == .word }
    var isPunct: Bool { kind == .punct }
}

/// The tokens of one text, with phrase matching on their lower-cased forms.
struct Tokens: Sendable {
    let source: String
    let items: [Token]

    var count: Int { items.count }

    private init(source: String, items: [Token]) {
        self.source = source
        self.items = items
    }

    /// The tokens from index `k` on, over the same text.
    func suffix(from k: Int) -> Tokens { Tokens(source: source, items: Array(items[min(k, items.count)...])) }
    subscript(i: Int) -> Token { items[i] }
    subscript(r: Range<Int>) -> ArraySlice<Token> { items[r] }

    /// Splits `source` into tokens. Letters and digits form words; `&`, `/`, `-`, `.`, `+` and `:`
    /// stay inside a word when letters or digits stand on both sides ("KH&CN", "03/2016/QĐ-UBND",
    /// "các-bon", "1.280", "9001:2015"); every other visible character is a punctuation token.
    init(_ source: String) {
        var contiguous = source
        contiguous.makeContiguousUTF8()
        self.source = contiguous
        let source = contiguous
        var items: [Token] = []
        items.reserveCapacity(source.utf8.count / 5)
        let u = source.utf8
        let count = u.count
        // Work on the bytes: decoding scalars by hand is several times faster than the scalar view.
        u.withContiguousStorageIfAvailable { bytes in
            @inline(__always) func scalar(at i: Int) -> (UInt32, Int) {
                let b0 = UInt32(bytes[i])
                if b0 < 0x80 { return (b0, 1) }
                if b0 < 0xE0, i + 1 < count { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1]) & 0x3F, 2) }
                if b0 < 0xF0, i + 2 < count {
                    return ((b0 & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | UInt32(bytes[i + 2]) & 0x3F, 3)
                }
                if i + 3 < count {
                    return (
                        (b0 & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6
                            | UInt32(bytes[i + 3]) & 0x3F, 4
                    )
                }
                return (0xFFFD, 1)
            }
            // O(1) on native UTF-8 strings.
            func index(_ o: Int) -> String.Index { u.index(u.startIndex, offsetBy: o) }
            var i = 0
            while i < count {
                let (v, w) = scalar(at: i)
                let cls = Tokens.classify(v)
                if cls == .space {
                    i += w
                    continue
                }
                if cls == .letter || cls == .digit {
                    var j = i + w
                    var allDigits = cls == .digit
                    var ascii = v < 0x80
                    var upper = Tokens.mayBeUpper(v)
                    var prev = cls
                    while j < count {
                        let (c, cw) = scalar(at: j)
                        let k = Tokens.classify(c)
                        if k == .letter || k == .digit {
                            if k == .letter { allDigits = false }
                            if c >= 0x80 { ascii = false }
                            if !upper { upper = Tokens.mayBeUpper(c) }
                            prev = k
                            j += cw
                            continue
                        }
                        // Joiners: "KH&CN", "03/2016/QĐ-UBND", "các-bon", "1.280", "9001:2015", "2,6".
                        if c == 0x26 || c == 0x2F || c == 0x2D || c == 0x2B || c == 0x2E || c == 0x3A || c == 0x2C {
                            let n = j + cw
                            guard n < count else { break }
                            let next = Tokens.classify(scalar(at: n).0)
                            if c == 0x2E || c == 0x3A || c == 0x2C {
                                if prev == .digit && next == .digit {
                                    j = n
                                    continue
                                }
                                break
                            }
                            if next == .letter || next == .digit {
                                j = n
                                continue
                            }
                        }
                        break
                    }
                    let text = source[index(i)..<index(j)]
                    let lower: Word
                    if !upper {
                        lower = Word(text)
                    } else if ascii {
                        lower = Word(String(decoding: bytes[i..<j].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self))
                    } else {
                        lower = Word(text.lowercased())
                    }
                    items.append(
                        Token(
                            kind: allDigits ? .number : .word, text: text, lower: lower,
                            isCapitalized: Tokens.isUpper(v)))
                    i = j
                } else {
                    let text = source[index(i)..<index(i + w)]
                    items.append(Token(kind: .punct, text: text, lower: Word(text), isCapitalized: false))
                    i += w
                }
            }
        }
        self.items = items
    }

    enum ScalarClass { case space, letter, digit, other }

    /// Classifies a scalar without the Unicode property tables for the scripts the genre uses
    /// (ASCII, Latin-1, Latin Extended A/B and Additional, where all Vietnamese letters are).
    @inline(__always)
    static func classify(_ v: UInt32) -> ScalarClass {
        if v < 0x80 {
            if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D { return .space }
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) { return .letter }
            if v >= 0x30 && v <= 0x39 { return .digit }
            return .other
        }
        if v == 0xA0 || v == 0x2007 || v == 0x202F || (v >= 0x2000 && v <= 0x200B) || v == 0x3000 { return .space }
        if (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7) || (v >= 0x300 && v <= 0x36F)
            || (v >= 0x1E00 && v <= 0x1EFF)
        {
            return .letter
        }
        // Superscript digits are footnote markers, not part of words.
        if v == 0xB2 || v == 0xB3 || v == 0xB9 || (v >= 0x2070 && v <= 0x209F) { return .other }
        guard let scalar = Unicode.Scalar(v) else { return .other }
        if scalar.properties.isWhitespace { return .space }
        if scalar.properties.isAlphabetic { return .letter }
        if scalar.properties.numericType == .decimal { return .digit }
        return .other
    }

    /// Whether a scalar may be an upper-case letter (cheap test before lower-casing a word).
    @inline(__always)
    static func mayBeUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v >= 0xC0 && v <= 0xDE { return true }
        if (v >= 0x100 && v <= 0x17F) || (v >= 0x1E00 && v <= 0x1EFF) { return v & 1 == 0 }
        if v == 0x1A0 || v == 0x1AF { return true }
        if v >= 0x300 && v <= 0x36F { return false }
        return Unicode.Scalar(v)?.properties.isUppercase ?? false
    }

    @inline(__always)
    static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v >= 0xC0 && v <= 0xDE { return v != 0xD7 }
        return Unicode.Scalar(v)?.properties.isUppercase ?? false
    }

    /// Whether the lower-cased words of `phrase` (space-separated) start at token `i`; returns the
    /// index after the phrase.
    func match(_ phrase: [Word], at i: Int) -> Int? {
        guard i + phrase.count <= items.count else { return nil }
        for (k, word) in phrase.enumerated() where items[i + k].lower != word {
            return nil
        }
        return i + phrase.count
    }

    /// The longest phrase of `lexicon` starting at token `i`; returns the index after it.
    func longestMatch(_ lexicon: PhraseSet, at i: Int) -> Int? {
        guard i < items.count, let candidates = lexicon.byFirst[items[i].lower] else { return nil }
        for phrase in candidates {  // sorted longest first
            if let e = match(phrase, at: i) { return e }
        }
        return nil
    }

    /// The text of the source from token `a` to token `b` (exclusive), as written.
    func text(_ a: Int, _ b: Int) -> Substring {
        guard a < b, a < items.count else { return "" }
        return source[items[a].text.startIndex..<items[min(b, items.count) - 1].text.endIndex]
    }

}

/// A set of lower-cased phrases indexed by their first word, for `Tokens.longestMatch`.
struct PhraseSet: Sendable {
    let byFirst: [Word: [[Word]]]

    init(_ phrases: [String]) {
        var map: [Word: [[Word]]] = [:]
        for p in phrases {
            let words = p.lowercased().split(separator: " ").map { Word($0) }
            guard let first = words.first else { continue }
            map[first, default: []].append(words)
        }
        for key in map.keys { map[key]!.sort { $0.count > $1.count } }
        byFirst = map
    }

}
