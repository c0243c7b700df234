/// A lower-cased word compared by its UTF-8 bytes. The text is NFC from the boundary inward
/// (STYLE 4), so byte equality is canonical equality.
///
/// Words of up to 15 bytes (every Vietnamese syllable, most abbreviations) are packed into two
/// integers, with the length in the top byte: building, comparing and hashing one costs a few
/// instructions and no allocation. `String`'s normalising comparison and SipHash hashing cost more
/// than the rest of the extraction together. Longer words (document numbers such as
/// "03/2016/QĐ-UBND") keep their text as well, and compare by it.
struct Word: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Bytes 0–7, little-endian, zero-padded.
    let lo: UInt64
    /// Bytes 8–14 and, in the top byte, the length (0xFF for a long word).
    let hi: UInt64
    /// The whole text of a word longer than 15 bytes; nil otherwise.
    let long: String?

    @inline(__always)
    init(bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        if n > 15 {
            var lo: UInt64 = 0
            var hi: UInt64 = 0
            for k in 0..<8 { lo |= UInt64(bytes[k]) << (8 * k) }
            for k in 8..<15 { hi |= UInt64(bytes[k]) << (8 * (k - 8)) }
            self.lo = lo
            self.hi = hi | 0xFF << 56
            long = String(decoding: bytes, as: UTF8.self)
            return
        }
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        var k = 0
        while k < n && k < 8 {
            lo |= UInt64(bytes[k]) << (8 * k)
            k += 1
        }
        while k < n {
            hi |= UInt64(bytes[k]) << (8 * (k - 8))
            k += 1
        }
        self.lo = lo
        self.hi = hi | UInt64(n) << 56
        long = nil
    }

    init(_ s: some StringProtocol) {
        if let w = s.utf8.withContiguousStorageIfAvailable({ Word(bytes: $0) }) {
            self = w
        } else {
            var copy = String(s)
            self = copy.withUTF8 { Word(bytes: $0) }
        }
    }

    init(lo: UInt64, hi: UInt64, long: String?) {
        self.lo = lo
        self.hi = hi
        self.long = long
    }

    /// A word written in the code ("chủ", "trì"): packed from the literal's bytes, which the
    /// optimiser folds to constants, so that `token.lower == "chủ"` compares two integers.
    @inline(__always)
    init(stringLiteral value: StaticString) {
        self.init(bytes: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    /// The words joined by single spaces ("phòng" + "ban" → "phòng ban").
    init(joining words: some Sequence<Word>) {
        var bytes: [UInt8] = []
        for w in words {
            if !bytes.isEmpty { bytes.append(0x20) }
            w.appendBytes(to: &bytes)
        }
        self = bytes.withUnsafeBufferPointer { Word(bytes: $0) }
    }

    /// Appends the word's UTF-8 bytes.
    func appendBytes(to bytes: inout [UInt8]) {
        if let long {
            bytes.append(contentsOf: long.utf8)
            return
        }
        let n = Int(hi >> 56)
        for k in 0..<n { bytes.append(UInt8(truncatingIfNeeded: k < 8 ? lo >> (8 * k) : hi >> (8 * (k - 8)))) }
    }

    /// The number of bytes.
    var count: Int {
        if let long { return long.utf8.count }
        return Int(hi >> 56)
    }

    /// The word as a string.
    var string: String {
        if let long { return long }
        let n = Int(hi >> 56)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
            for k in 0..<n { buffer[k] = UInt8(truncatingIfNeeded: k < 8 ? lo >> (8 * k) : hi >> (8 * (k - 8))) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<n]), as: UTF8.self)
        }
    }

    static func == (a: Word, b: Word) -> Bool {
        guard a.lo == b.lo, a.hi == b.hi else { return false }
        guard let x = a.long else { return true }
        guard let y = b.long else { return false }
        return x.utf8.elementsEqual(y.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(lo)
        hasher.combine(hi)
    }

    /// A cheap mix of the packed bytes for `WordTable` (long words collide on their first 15
    /// bytes only, and equality tells them apart).
    @inline(__always) var code: UInt64 {
        var h = (lo ^ (hi &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h
    }

    var description: String { string }

    /// Whether the word starts with the bytes of `p`.
    func hasPrefix(_ p: String) -> Bool { string.utf8.starts(with: p.utf8) }
}

/// A hash table from words to values, open addressing on `Word.code`: looking a token up costs a
/// multiplication and a comparison or two. `Dictionary` hashes every key with SipHash, which was
/// the largest single cost of phrase matching.
struct WordTable<Value: Sendable>: Sendable {
    // The keys as their packed integers, in parallel arrays: a probe compares two integers.
    // `his[i] == 0` marks an empty slot (no word has length 0).
    private var los: [UInt64]
    private var his: [UInt64]
    private var longs: [String?]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 8) {
        var size = 8
        while size < minimumCapacity * 2 { size *= 2 }
        los = Array(repeating: 0, count: size)
        his = Array(repeating: 0, count: size)
        longs = Array(repeating: nil, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    /// The slot holding `word`, or the empty slot where it would go.
    @inline(__always) private func slot(of word: Word) -> Int {
        var i = Int(truncatingIfNeeded: word.code) & mask
        while true {
            let h = his[i]
            if h == 0 { return i }
            if h == word.hi, los[i] == word.lo, h >> 56 != 0xFF || longs[i] == word.long { return i }
            i = (i + 1) & mask
        }
    }

    subscript(word: Word) -> Value? { values[slot(of: word)] }

    /// Sets the value of `word` (tables only grow: the lexicons are built once).
    mutating func set(_ word: Word, _ value: Value) {
        precondition(word.hi != 0, "the empty word has no slot")
        var i = slot(of: word)
        if his[i] == 0 {
            if (count + 1) * 2 > his.count {
                grow()
                i = slot(of: word)
            }
            los[i] = word.lo
            his[i] = word.hi
            longs[i] = word.long
            count += 1
        }
        values[i] = value
    }

    private mutating func grow() {
        let old = entries
        self = WordTable(minimumCapacity: his.count)
        for (k, v) in old { set(k, v) }
    }

    /// Every key with its value, in no particular order.
    var entries: [(key: Word, value: Value)] {
        his.indices.compactMap { i in
            his[i] == 0 ? nil : (Word(lo: los[i], hi: his[i], long: longs[i]), values[i]!)
        }
    }
}

/// A set of words backed by a `WordTable`.
struct WordSet: Sendable, ExpressibleByArrayLiteral, Sequence {
    private var table: WordTable<Bool>
    private var order: [Word] = []

    init(_ words: some Sequence<Word>) {
        table = WordTable(minimumCapacity: words.underestimatedCount)
        for w in words where table[w] == nil {
            table.set(w, true)
            order.append(w)
        }
    }

    init(arrayLiteral elements: Word...) { self.init(elements) }

    @inline(__always) func contains(_ w: Word) -> Bool { table[w] != nil }

    func makeIterator() -> IndexingIterator<[Word]> { order.makeIterator() }
}

/// A word, number or punctuation mark of a text, with its place in the text.
///
/// A token holds no reference to the text (its written form is `Tokens.text(_:)`): tokens are
/// made and copied by the thousand, and a `Substring` each cost more than the rest of the
/// tokenizer together.
struct Token: Sendable {
    enum Kind: UInt8, Sendable { case word, number, punct }

    let kind: Kind
    /// Whether the first character is an upper-case letter.
    let isCapitalized: Bool
    /// The UTF-8 offsets of the token in the text.
    let start: Int
    let end: Int
    /// Lower-cased, diacritics kept.
    let lower: Word

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
                    let lower: Word
                    if !upper {
                        lower = Word(bytes: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    } else if ascii {
                        lower = Tokens.lowerASCII(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    } else {
                        lower =
                            Tokens.lowerVietnamese(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                            ?? Word(source[index(i)..<index(j)].lowercased())
                    }
                    items.append(
                        Token(
                            kind: allDigits ? .number : .word, isCapitalized: Tokens.isUpper(v), start: i, end: j,
                            lower: lower))
                    i = j
                } else {
                    items.append(
                        Token(
                            kind: .punct, isCapitalized: false, start: i, end: i + w,
                            lower: Word(bytes: UnsafeBufferPointer(rebasing: bytes[i..<(i + w)]))))
                    i += w
                }
            }
        }
        self.items = items
    }

    /// The lower-cased word of ASCII bytes.
    static func lowerASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Word {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out in
            for (k, b) in bytes.enumerated() { out[k] = b >= 0x41 && b <= 0x5A ? b + 32 : b }
            return Word(bytes: UnsafeBufferPointer(out))
        }
    }

    /// The lower-cased word of UTF-8 bytes whose capitals are all Vietnamese letters (each
    /// maps to a lower-case letter of the same UTF-8 length); nil for any other capital, which
    /// the caller lower-cases with the Unicode tables.
    static func lowerVietnamese(_ bytes: UnsafeBufferPointer<UInt8>) -> Word? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out -> Word? in
            var i = 0
            while i < bytes.count {
                let b0 = bytes[i]
                if b0 < 0x80 {
                    out[i] = b0 >= 0x41 && b0 <= 0x5A ? b0 + 32 : b0
                    i += 1
                    continue
                }
                let w = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
                guard i + w <= bytes.count else { return nil }
                var v = UInt32(b0) & (w == 2 ? 0x1F : w == 3 ? 0x0F : 0x07)
                for k in 1..<w { v = v << 6 | UInt32(bytes[i + k]) & 0x3F }
                var lower = v
                if v >= 0xC0 && v <= 0xDE && v != 0xD7 {
                    lower = v + 0x20
                } else if v == 0x102 || v == 0x110 || v == 0x128 || v == 0x168 || v == 0x1A0
                    || (v >= 0x1EA0 && v <= 0x1EF8 && v & 1 == 0)
                {
                    lower = v + 1
                } else if v == 0x1AF {
                    lower = 0x1B0
                } else if mayBeUpper(v) {
                    return nil
                }
                // Same length: rewrite the payload bits of the same lead byte pattern.
                var r = lower
                for k in stride(from: w - 1, to: 0, by: -1) {
                    out[i + k] = 0x80 | UInt8(r & 0x3F)
                    r >>= 6
                }
                out[i] = (w == 2 ? 0xC0 : w == 3 ? 0xE0 : 0xF0) | UInt8(r)
                i += w
            }
            return Word(bytes: UnsafeBufferPointer(rebasing: out[0..<bytes.count]))
        }
    }

    enum ScalarClass { case space, letter, digit, other }

    /// Classifies a scalar without the Unicode property tables for the scripts the genre uses
    /// (ASCII, Latin-1, Latin Extended A/B and Additional, where all Vietnamese letters are).
    /// Inlined; the rare scalars go to `classifyRare`, so that its property lookups do not weigh
    /// on every call.
    @inline(__always)
    static func classify(_ v: UInt32) -> ScalarClass {
        if v < 0x80 {
            if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D { return .space }
            if (v | 0x20) &- 0x61 < 26 { return .letter }
            if v &- 0x30 < 10 { return .digit }
            return .other
        }
        if (v >= 0x1E00 && v <= 0x1EFF) || (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7) { return .letter }
        return classifyRare(v)
    }

    @inline(never)
    static func classifyRare(_ v: UInt32) -> ScalarClass {
        if v == 0xA0 || v == 0x2007 || v == 0x202F || (v >= 0x2000 && v <= 0x200B) || v == 0x3000 { return .space }
        if v >= 0x300 && v <= 0x36F { return .letter }
        // General punctuation (quotes, dashes, ellipsis) has no letters, digits or spaces but these.
        if v >= 0x200C && v <= 0x205E && v != 0x2028 && v != 0x2029 { return .other }
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
        if v >= 0xC0 && v <= 0xFF { return v <= 0xDE }
        if (v >= 0x100 && v <= 0x17F) || (v >= 0x1E00 && v <= 0x1EFF) { return v & 1 == 0 }
        if v == 0x1A0 || v == 0x1AF { return true }
        if v == 0x1A1 || v == 0x1B0 || (v >= 0x300 && v <= 0x36F) { return false }  // ơ ư, marks
        return isUpperRare(v)
    }

    @inline(__always)
    static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v >= 0xC0 && v <= 0xFF { return v <= 0xDE && v != 0xD7 }
        // The Vietnamese letters of Latin Extended and Latin Extended Additional.
        if v >= 0x1EA0 && v <= 0x1EF9 { return v & 1 == 0 }
        if v == 0x102 || v == 0x110 || v == 0x128 || v == 0x168 || v == 0x1A0 || v == 0x1AF { return true }
        if v == 0x103 || v == 0x111 || v == 0x129 || v == 0x169 || v == 0x1A1 || v == 0x1B0 { return false }
        return isUpperRare(v)
    }

    @inline(never)
    static func isUpperRare(_ v: UInt32) -> Bool { Unicode.Scalar(v)?.properties.isUppercase ?? false }

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
        let u = source.utf8
        return source[u.index(u.startIndex, offsetBy: items[a].start)..<u.index(u.startIndex, offsetBy: items[min(b, items.count) - 1].end)]
    }

    /// The text of token `k` as written.
    func text(_ k: Int) -> Substring { text(k, k + 1) }

}

/// A set of lower-cased phrases indexed by their first word, for `Tokens.longestMatch`.
struct PhraseSet: Sendable {
    let byFirst: WordTable<[[Word]]>

    init(_ phrases: [String]) {
        var map = WordTable<[[Word]]>(minimumCapacity: phrases.count)
        for p in phrases {
            let words = p.lowercased().split(separator: " ").map { Word($0) }
            guard let first = words.first else { continue }
            map.set(first, (map[first] ?? []) + [words])
        }
        for (key, list) in map.entries { map.set(key, list.sorted { $0.count > $1.count }) }
        byFirst = map
    }
}
