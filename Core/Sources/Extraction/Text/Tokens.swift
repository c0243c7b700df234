/// A lower-cased word compared by its UTF-8 bytes. The text is NFC from the boundary inward
/// (STYLE 4), so byte equality is canonical equality.
///
/// The bytes are packed into four integers, so that a word is a plain value: building,
/// copying, comparing and hashing one costs a few instructions, no allocation and no reference
/// counting. (`String`'s normalising comparison and SipHash hashing cost more than the rest of
/// the extraction together; a `String` field made every copy of a token retain and release.)
/// Words of up to 31 bytes (every syllable, abbreviation and phrase of the lexicons, checked by
/// `LexiconTests`) are packed whole and compare exactly. A longer token (a run-on string of
/// letters, a long document number) keeps its first 24 bytes and a 56-bit hash of all of them:
/// such tokens are only ever compared with each other.
struct Word: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Bytes 0–7, 8–15, 16–23, little-endian, zero-padded.
    let a: UInt64
    let b: UInt64
    let c: UInt64
    /// Bytes 24–30 and, in the top byte, the length; for a long word, 0xFF and the hash.
    let d: UInt64

    /// The longest word packed whole.
    static var maxPacked: Int { 31 }

    @inline(__always)
    init(bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let packed = min(n, n > Word.maxPacked ? 24 : n)
        var k = 0
        while k < packed && k < 8 {
            w.0 |= UInt64(bytes[k]) << (8 * k)
            k += 1
        }
        while k < packed && k < 16 {
            w.1 |= UInt64(bytes[k]) << (8 * (k - 8))
            k += 1
        }
        while k < packed && k < 24 {
            w.2 |= UInt64(bytes[k]) << (8 * (k - 16))
            k += 1
        }
        while k < packed {
            w.3 |= UInt64(bytes[k]) << (8 * (k - 24))
            k += 1
        }
        if n > Word.maxPacked {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
            for byte in bytes {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
            w.3 = 0xFF << 56 | (h & 0x00FF_FFFF_FFFF_FFFF)
        } else {
            w.3 |= UInt64(n) << 56
        }
        (a, b, c, d) = w
    }

    /// The word of `text[i..<j]`, read eight bytes at a time where the text has 32 bytes from
    /// `i` on (bytes past `j` masked off); with `lowerASCII`, the ASCII capitals lowered.
    @_transparent
    init(packing text: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int, lowerASCII: Bool) {
        let n = j - i
        guard n <= Word.maxPacked, i + 32 <= text.count, let base = text.baseAddress else {
            let slice = UnsafeBufferPointer(rebasing: text[i..<j])
            self = lowerASCII ? Word(bytes: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }) : Word(bytes: slice)
            return
        }
        let p = UnsafeRawPointer(base + i)
        var w = (
            UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)), UInt64(0), UInt64(0), UInt64(0)
        )
        if n <= 8 {
            w.0 &= n == 8 ? ~0 : (1 << (8 * UInt64(n))) - 1
        } else {
            w.1 = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if n <= 16 {
                w.1 &= n == 16 ? ~0 : (1 << (8 * UInt64(n - 8))) - 1
            } else {
                w.2 = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
                if n <= 24 {
                    w.2 &= n == 24 ? ~0 : (1 << (8 * UInt64(n - 16))) - 1
                } else {
                    w.3 = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
                    w.3 &= (1 << (8 * UInt64(n - 24))) - 1
                }
            }
        }
        if lowerASCII {
            w = (Word.lowerASCII(w.0), Word.lowerASCII(w.1), Word.lowerASCII(w.2), Word.lowerASCII(w.3))
        }
        self.init(a: w.0, b: w.1, c: w.2, d: w.3 | UInt64(n) << 56)
    }

    /// The eight bytes of `x` with ASCII capitals lowered (bytes outside ASCII untouched).
    @inline(__always)
    static func lowerASCII(_ x: UInt64) -> UInt64 {
        let heptets = x & 0x7F7F_7F7F_7F7F_7F7F
        let aboveZ = heptets &+ 0x2525_2525_2525_2525  // high bit set from "Z" + 1
        let fromA = heptets &+ 0x3F3F_3F3F_3F3F_3F3F  // high bit set from "A"
        let ascii = ~x & 0x8080_8080_8080_8080
        return x | ((ascii & (fromA ^ aboveZ)) >> 2)
    }

    init(a: UInt64, b: UInt64, c: UInt64, d: UInt64) {
        (self.a, self.b, self.c, self.d) = (a, b, c, d)
    }

    init(bytes: [UInt8]) { self = bytes.withUnsafeBufferPointer { Word(bytes: $0) } }

    init(_ s: some StringProtocol) {
        if let w = s.utf8.withContiguousStorageIfAvailable({ Word(bytes: $0) }) {
            self = w
        } else {
            var copy = String(s)
            self = copy.withUTF8 { Word(bytes: $0) }
        }
    }

    /// A word written in the code ("chủ", "trì"): packed from the literal's bytes, which the
    /// optimiser folds to constants, so that `token.lower == "chủ"` compares integers.
    @inline(__always)
    init(stringLiteral value: StaticString) {
        self.init(bytes: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    /// Whether the word was too long to pack whole.
    var isLong: Bool { d >> 56 == 0xFF }

    /// The number of bytes of a packed word (more than `maxPacked` for a long one).
    var count: Int { isLong ? Word.maxPacked + 1 : Int(d >> 56) }

    /// Byte `k` of a packed word.
    @inline(__always) func byte(_ k: Int) -> UInt8 {
        let field = k < 8 ? a : k < 16 ? b : k < 24 ? c : d
        return UInt8(truncatingIfNeeded: field >> (8 * (k & 7)))
    }

    /// Two words joined by a space, without an array.
    init(joining a: Word, _ b: Word) {
        guard !a.isLong, !b.isLong else {
            self.init(joining: [a, b])
            return
        }
        self = Word.withJoinedBytes(a, b) { Word(bytes: UnsafeBufferPointer($0)) }
    }

    /// The bytes of two packed words with a space between, on the stack.
    static func withJoinedBytes<R>(_ a: Word, _ b: Word, _ body: (UnsafeMutableBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: a.count + 1 + b.count) { buffer in
            for k in 0..<a.count { buffer[k] = a.byte(k) }
            buffer[a.count] = 0x20
            for k in 0..<b.count { buffer[a.count + 1 + k] = b.byte(k) }
            return body(buffer)
        }
    }

    /// The words joined by single spaces ("phòng" + "ban" → "phòng ban"); a long word joins as
    /// its first 24 bytes and makes the result long, so it matches no lexicon phrase.
    init(joining words: some Sequence<Word>) {
        // On the stack up to 64 bytes (every pair a lexicon is asked about).
        let joined: Word? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer -> Word? in
            var n = 0
            for w in words {
                if w.isLong { return nil }
                let extra = (n > 0 ? 1 : 0) + w.count
                guard n + extra <= 64 else { return nil }
                if n > 0 {
                    buffer[n] = 0x20
                    n += 1
                }
                for k in 0..<w.count { buffer[n + k] = w.byte(k) }
                n += w.count
            }
            return Word(bytes: UnsafeBufferPointer(rebasing: buffer[0..<n]))
        }
        if let joined {
            self = joined
            return
        }
        var bytes: [UInt8] = []
        var long = false
        for w in words {
            if !bytes.isEmpty { bytes.append(0x20) }
            w.appendBytes(to: &bytes)
            long = long || w.isLong
        }
        if long { bytes.append(contentsOf: repeatElement(0, count: Word.maxPacked + 1)) }
        self = bytes.withUnsafeBufferPointer { Word(bytes: $0) }
    }

    /// Two words folded (`VietnameseText.fold`) and joined by a space: "khản" + "trương" →
    /// "khan truong". On the stack: this runs for every word a list of units ends on.
    static func foldedPair(_ x: Word, _ y: Word) -> Word {
        if x.isLong || y.isLong { return Word(joining: [x, y]) }  // long: matches no lexicon pair
        return withJoinedBytes(x, y) { raw in
            // Folding shortens Vietnamese letters and keeps ASCII: in place when nothing else.
            if let length = VietnameseText.foldInPlace(raw) {
                return Word(bytes: UnsafeBufferPointer(rebasing: raw[0..<length]))
            }
            var folded: [UInt8] = []
            VietnameseText.fold(UnsafeBufferPointer(raw), into: &folded)
            return Word(bytes: folded)
        }
    }

    /// Appends the word's packed bytes (the first 24 of a long word).
    func appendBytes(to bytes: inout [UInt8]) {
        let n = isLong ? 24 : Int(d >> 56)
        for k in 0..<n { bytes.append(byte(k)) }
    }

    /// The word as a string; nil for a long word, whose text is the token's (`Tokens.text`).
    var string: String? {
        guard !isLong else { return nil }
        var bytes: [UInt8] = []
        appendBytes(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @_disfavoredOverload
    static func == (x: Word, y: Word) -> Bool { x.a == y.a && x.b == y.b && x.c == y.c && x.d == y.d }

    /// `token.lower == "chủ"`: the length, then the bytes, without packing the literal (the
    /// optimiser does not fold that, and most comparisons fail on the length or first byte).
    @inline(__always)
    static func == (w: Word, s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard n <= Word.maxPacked, w.d >> 56 == n else { return false }
        let p = s.utf8Start
        for k in 0..<n where w.byte(k) != p[k] { return false }
        return true
    }

    @inline(__always)
    static func != (w: Word, s: StaticString) -> Bool { !(w == s) }

    /// `case "chủ":` in a `switch` on a word.
    @inline(__always)
    static func ~= (s: StaticString, w: Word) -> Bool { w == s }

    func hash(into hasher: inout Hasher) {
        hasher.combine(a)
        hasher.combine(b)
        hasher.combine(c)
        hasher.combine(d)
    }

    /// A cheap mix of the packed bytes for `WordTable`.
    @inline(__always) var code: UInt64 {
        var h = (a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ (c &* 0xC2B2_AE3D_27D4_EB4F) ^ d) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h
    }

    var description: String { string ?? "(long word)" }

    /// Whether the word starts with the bytes of `p`.
    func hasPrefix(_ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard n <= min(count, Word.maxPacked) else { return false }
        for k in 0..<n where byte(k) != p.utf8Start[k] { return false }
        return true
    }
}

/// A hash table from words to values, open addressing on `Word.code`: looking a token up costs a
/// multiplication and a comparison or two. `Dictionary` hashes every key with SipHash, which was
/// the largest single cost of phrase matching.
///
/// The probed array holds 32 bits a slot (16 bits of the hash and the entry's index), so that
/// the lexicon tables stay in the first-level cache; keys and values are stored densely apart.
struct WordTable<Value: Sendable>: Sendable {
    /// Per slot: 0 when empty, else the hash tag (high 16 bits, never 0) and the entry index.
    private var slots: [UInt32]
    private var keys: [Word] = []
    private var values: [Value] = []
    private var mask: Int

    var count: Int { keys.count }

    init(minimumCapacity: Int = 8) {
        // At most a quarter full: a word not in the table (most tokens) meets an empty slot at
        // the first or second probe.
        var size = 8
        while size < minimumCapacity * 4 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    @inline(__always) private static func tag(_ code: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: code >> 48) | 1 }

    /// The index of `word`'s entry, or nil; and the slot where it is or would go.
    @_transparent private func find(_ word: Word) -> (entry: Int?, slot: Int) {
        let code = word.code
        let tag = WordTable.tag(code)
        var i = Int(truncatingIfNeeded: code) & mask
        while true {
            let s = slots[i]
            if s == 0 { return (nil, i) }
            if s >> 16 == tag, keys[Int(s & 0xFFFF)] == word { return (Int(s & 0xFFFF), i) }
            i = (i + 1) & mask
        }
    }

    subscript(word: Word) -> Value? {
        guard let e = find(word).entry else { return nil }
        return values[e]
    }

    /// The index of `word`'s entry (0..<count, in the order words were first set), or nil.
    @_transparent func entry(of word: Word) -> Int? { find(word).entry }

    /// The value of entry `e`.
    func value(at e: Int) -> Value { values[e] }

    /// Sets the value of `word` (tables only grow: the lexicons are built once).
    mutating func set(_ word: Word, _ value: Value) {
        let (entry, slot) = find(word)
        if let entry {
            values[entry] = value
            return
        }
        precondition(keys.count < 0xFFFF, "a word table holds at most 65,535 words")
        keys.append(word)
        values.append(value)
        slots[slot] = WordTable.tag(word.code) << 16 | UInt32(keys.count - 1)
        if keys.count * 4 > slots.count { rehash() }
    }

    private mutating func rehash() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (e, key) in keys.enumerated() {
            var i = Int(truncatingIfNeeded: key.code) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = WordTable.tag(key.code) << 16 | UInt32(e)
        }
    }

    /// Every key with its value, in the order they were first set.
    var entries: [(key: Word, value: Value)] { Array(zip(keys, values)) }
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

    // Stored widest first, so that a token takes 56 bytes, not 64.
    /// Lower-cased, diacritics kept.
    let lower: Word
    /// The UTF-8 offsets of the token in the text.
    let start: Int
    let end: Int
    /// The word's entry in `Lexicon.firstWords`, or -1.
    let first: Int32
    /// The `PhraseSet.flag`s of the lexicons that have a phrase starting with this word.
    let starts: UInt16
    let kind: Kind
    /// Whether the first character is an upper-case letter.
    let isCapitalized: Bool

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

    /// The tokens of `source` (see `scan`).
    init(_ source: String) {
        var contiguous = source
        contiguous.makeContiguousUTF8()
        self.source = contiguous
        let count = contiguous.utf8.count
        // Tokens are written straight into the array's memory while the first guess of their
        // number holds (a call to `append` per token cost as much as finding the token); the
        // rest, if any, is appended.
        self.items = contiguous.utf8.withContiguousStorageIfAvailable { bytes -> [Token] in
            var stop = 0
            var items = [Token](unsafeUninitializedCapacity: count / 3 + 4) { buffer, initialized in
                var sink = BufferSink(buffer: buffer)
                stop = Tokens.scan(bytes, of: contiguous, from: 0, into: &sink)
                initialized = sink.count
            }
            if stop < count {
                var sink = ArraySink(items: items)
                items = []
                _ = Tokens.scan(bytes, of: contiguous, from: stop, into: &sink)
                items = sink.items
            }
            return items
        } ?? []
    }

    /// Where tokens go: an array's uninitialised memory, or the array itself.
    protocol Sink {
        /// Adds the token; false (and nothing added) when there is no room.
        mutating func add(_ token: Token) -> Bool
    }

    struct BufferSink: Sink {
        let buffer: UnsafeMutableBufferPointer<Token>
        var count = 0

        init(buffer: UnsafeMutableBufferPointer<Token>) { self.buffer = buffer }

        @inline(__always)
        mutating func add(_ token: Token) -> Bool {
            guard count < buffer.count else { return false }
            (buffer.baseAddress! + count).initialize(to: token)
            count += 1
            return true
        }
    }

    struct ArraySink: Sink {
        var items: [Token]

        mutating func add(_ token: Token) -> Bool {
            items.append(token)
            return true
        }
    }

    /// Splits `bytes` (the UTF-8 of `source`) into tokens from byte `start` on. Letters and
    /// digits form words; `&`, `/`, `-`, `.`, `+` and `:` stay inside a word when letters or
    /// digits stand on both sides ("KH&CN", "03/2016/QĐ-UBND", "các-bon", "1.280", "9001:2015");
    /// every other visible character is a punctuation token. Returns where it stopped: the end,
    /// or the start of the token the sink had no room for.
    static func scan<S: Sink>(_ bytes: UnsafeBufferPointer<UInt8>, of source: String, from start: Int, into sink: inout S) -> Int {
        let count = bytes.count
        let firstWords = Lexicon.firstWords
        let u = source.utf8
        // O(1) on native UTF-8 strings.
        func index(_ o: Int) -> String.Index { u.index(u.startIndex, offsetBy: o) }
        var i = start
        while i < count {
            let (cls, v, w) = Tokens.classAt(bytes, i)
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
                    // Most bytes of a word are ASCII small letters: nothing to decode or note.
                    let b = bytes[j]
                    if b &- 0x61 < 26 {
                        allDigits = false
                        prev = .letter
                        j += 1
                        continue
                    }
                    // Then the Vietnamese letters: U+00C0–U+01BF (but × and ÷) and U+1E00–U+1EFF,
                    // known letters without the general classification.
                    if b &- 0xC3 < 4, j + 1 < count {
                        let c = (UInt32(b) & 0x1F) << 6 | UInt32(bytes[j + 1]) & 0x3F
                        if c != 0xD7 && c != 0xF7 {
                            allDigits = false
                            ascii = false
                            if !upper { upper = Tokens.mayBeUpper(c) }
                            prev = .letter
                            j += 2
                            continue
                        }
                    } else if b == 0xE1, j + 2 < count, bytes[j + 1] &- 0xB8 < 4 {
                        let c = 0x1000 | (UInt32(bytes[j + 1]) & 0x3F) << 6 | UInt32(bytes[j + 2]) & 0x3F
                        allDigits = false
                        ascii = false
                        if !upper { upper = c & 1 == 0 }
                        prev = .letter
                        j += 3
                        continue
                    }
                    let (k, c, cw) = Tokens.classAt(bytes, j)
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
                        let next = Tokens.classAt(bytes, n).0
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
                if !upper || ascii {
                    // Packed with whole-word loads, ASCII capitals lowered in the same step.
                    lower = Word(packing: bytes, i, j, lowerASCII: upper)
                } else {
                    lower =
                        Tokens.lowerVietnamese(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                        ?? Word(source[index(i)..<index(j)].lowercased())
                }
                let first = allDigits ? nil : firstWords.entry(of: lower)
                let token = Token(
                    lower: lower, start: i, end: j, first: Int32(first ?? -1),
                    starts: first.map { firstWords.value(at: $0) } ?? 0, kind: allDigits ? .number : .word,
                    isCapitalized: Tokens.isUpper(v))
                guard sink.add(token) else { return i }
                i = j
            } else {
                let token = Token(
                    lower: Word(packing: bytes, i, i + w, lowerASCII: false), start: i, end: i + w, first: -1,
                    starts: 0, kind: .punct, isCapitalized: false)
                guard sink.add(token) else { return i }
                i += w
            }
        }
        return count
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
                let (v, w) = UTF8Text.scalar(bytes, i)
                guard w > 1 else { return nil }
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

    /// The class of the scalar at byte `i`, its value and its width; ASCII without decoding.
    @_transparent
    static func classAt(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (ScalarClass, UInt32, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (classifyASCII(b0), UInt32(b0), 1) }
        let (v, w) = UTF8Text.scalar(bytes, i)
        return (classify(v), v, w)
    }

    @inline(__always)
    static func classifyASCII(_ b: UInt8) -> ScalarClass {
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { return .space }
        if (b | 0x20) &- 0x61 < 26 { return .letter }
        if b &- 0x30 < 10 { return .digit }
        return .other
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
        return changesWhenLowercased(v)
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

    /// Capitals and title-case letters ("ǅ"): what lower-casing changes.
    @inline(never)
    static func changesWhenLowercased(_ v: UInt32) -> Bool { Unicode.Scalar(v)?.properties.changesWhenLowercased ?? false }

    /// Whether the lower-cased words of `phrase` (space-separated) start at token `i`; returns the
    /// index after the phrase.
    func match(_ phrase: [Word], at i: Int) -> Int? {
        guard i + phrase.count <= items.count else { return nil }
        for (k, word) in phrase.enumerated() where items[i + k].lower != word {
            return nil
        }
        return i + phrase.count
    }

    /// `match` for a phrase written in the code, without an array: "đơn", "vị", "chủ", "trì".
    func match(
        _ a: StaticString, _ b: StaticString, _ c: StaticString? = nil, _ d: StaticString? = nil, at i: Int
    ) -> Int? {
        let n = c == nil ? 2 : d == nil ? 3 : 4
        guard i + n <= items.count, items[i].lower == a, items[i + 1].lower == b else { return nil }
        if let c, items[i + 2].lower != c { return nil }
        if let d, items[i + 3].lower != d { return nil }
        return i + n
    }

    /// The longest phrase of `lexicon` starting at token `i`; returns the index after it.
    /// Inlined: most tokens start no phrase of the set, and their test is one bit.
    @inline(__always)
    func longestMatch(_ lexicon: PhraseSet, at i: Int) -> Int? {
        guard i < items.count, items[i].starts & lexicon.flag != 0 else { return nil }
        return phraseEnd(lexicon, at: i)
    }

    @inline(never)
    private func phraseEnd(_ lexicon: PhraseSet, at i: Int) -> Int? {
        // The token's first-word entry says where the set's phrases of that word are: no lookup.
        let span = Lexicon.firstWordSpans[lexicon.index * Lexicon.firstWords.count + Int(items[i].first)]
        // The phrases of that first word, longest first; the first word itself matched.
        for p in Int(span.lowerBound)..<Int(span.upperBound) {
            let (start, length) = (Int(lexicon.spans[p].start), Int(lexicon.spans[p].length))
            guard i + length <= items.count else { continue }
            var k = 1
            while k < length, items[i + k].lower == lexicon.words[start + k] { k += 1 }
            if k == length { return i + length }
        }
        return nil
    }

    /// The text of the source from token `a` to token `b` (exclusive), as written.
    func text(_ a: Int, _ b: Int) -> Substring {
        guard a < b, a < items.count else { return "" }
        let u = source.utf8
        return source[u.index(u.startIndex, offsetBy: items[a].start)..<u.index(u.startIndex, offsetBy: items[min(b, items.count) - 1].end)]
    }

    /// Whether `text`, the text from the first token to the last, is already as
    /// `VietnameseText.collapseSpaces` leaves it: every scalar that is no white space belongs to a
    /// token, so it is when tokens touch or stand one ASCII space apart, with nothing around them.
    /// A test on the offsets, instead of another pass over the bytes.
    func spansSingleSpaced(_ text: String) -> Bool {
        guard let first = items.first, let last = items.last else { return text.isEmpty }
        guard text.utf8.count == last.end - first.start else { return false }
        return source.utf8.withContiguousStorageIfAvailable { u in
            for k in 1..<items.count {
                let gap = items[k].start - items[k - 1].end
                if gap > 1 || (gap == 1 && u[items[k - 1].end] != 0x20) { return false }
            }
            return true
        } ?? false
    }

    /// The text of token `k` as written.
    func text(_ k: Int) -> Substring { text(k, k + 1) }

}

/// A set of lower-cased phrases indexed by their first word, for `Tokens.longestMatch`.
struct PhraseSet: Sendable {
    /// The words of every phrase, one phrase after another, grouped by first word and longest
    /// first within a group: matching reads plain values, with no array to retain per lookup.
    let words: [Word]
    /// Each phrase as its start in `words` and its length in words.
    let spans: [(start: Int32, length: Int32)]
    /// For each first word, its group of `spans`.
    let byFirst: WordTable<Range<Int32>>
    /// The set's bit in `Token.starts` (one per set of `Lexicon.phraseSets`).
    let flag: UInt16
    /// The set's place in `Lexicon.phraseSets`: the number of its bit.
    var index: Int { flag.trailingZeroBitCount }

    init(_ phrases: [String], flag: UInt16) {
        self.flag = flag
        var groups: [(first: Word, phrases: [[Word]])] = []
        var groupOf = WordTable<Int>(minimumCapacity: phrases.count)
        for p in phrases {
            let words = p.lowercased().split(separator: " ").map { Word($0) }
            guard let first = words.first else { continue }
            if let g = groupOf[first] {
                groups[g].phrases.append(words)
            } else {
                groupOf.set(first, groups.count)
                groups.append((first, [words]))
            }
        }
        var words: [Word] = []
        var spans: [(start: Int32, length: Int32)] = []
        var byFirst = WordTable<Range<Int32>>(minimumCapacity: groups.count)
        for group in groups {
            let from = Int32(spans.count)
            for phrase in group.phrases.sorted(by: { $0.count > $1.count }) {
                spans.append((Int32(words.count), Int32(phrase.count)))
                words += phrase
            }
            byFirst.set(group.first, from..<Int32(spans.count))
        }
        self.words = words
        self.spans = spans
        self.byFirst = byFirst
    }

    /// Every phrase, as words.
    var phrases: [[Word]] { spans.map { Array(words[Int($0.start)..<Int($0.start + $0.length)]) } }
}
