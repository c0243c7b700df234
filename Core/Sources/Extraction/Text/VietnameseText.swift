import Foundation

/// Text helpers for Vietnamese: the one place where case and diacritics are folded.
public enum VietnameseText {
    /// Lower-cases `s` and removes Vietnamese diacritics ("Đôn đốc" → "don doc"), for matching
    /// names and words whatever the writer's case, tone marks or typing mistakes.
    public static func fold(_ s: some StringProtocol) -> String {
        // Vietnamese and ASCII text folds in place in the new string's own buffer; any other
        // scalar takes the general path.
        let inPlace: String?? = s.utf8.withContiguousStorageIfAvailable { u -> String? in
            var folded = true
            let out = String(unsafeUninitializedCapacity: u.count) { buffer in
                _ = buffer.initialize(from: u)
                guard let n = foldInPlace(buffer) else {
                    folded = false
                    return 0
                }
                return n
            }
            return folded ? out : nil
        }
        if let out = inPlace ?? nil { return out }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        func run(_ bytes: UnsafeBufferPointer<UInt8>) { fold(bytes, into: &out) }
        if s.utf8.withContiguousStorageIfAvailable(run) == nil {
            var copy = String(s)
            copy.withUTF8(run)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `fold` on UTF-8 bytes, appending to `out`.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        // The table read through a pointer taken once: a `static let` read per letter costs an
        // initialisation check and a retain.
        foldLetters.withUnsafeBufferPointer { table in
            let n = bytes.count
            var i = 0
            while i < n {
                let b0 = bytes[i]
                if b0 < 0x80 {
                    out.append(b0 >= 0x41 && b0 <= 0x5A ? b0 + 32 : b0)
                    i += 1
                    continue
                }
                let (v, w) = UTF8Text.scalar(bytes, i)
                guard w > 1 else {  // a sequence cut short (text from a `String` never has one)
                    out.append(contentsOf: bytes[i...])
                    break
                }
                let t = Int(v) - Int(foldBase)
                if t >= 0, t < table.count, table[t] != 0 {
                    out.append(table[t])
                } else if v >= 0x300 && v <= 0x36F {
                    // A combining mark left in decomposed input: drop it.
                } else if let scalar = Unicode.Scalar(v) {
                    out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    out.append(contentsOf: bytes[i..<(i + w)])
                }
                i += w
            }
        }
    }

    /// `fold` of ASCII and Vietnamese letters, written over the bytes themselves (a folded
    /// letter is never longer); the new length, or nil (bytes unchanged) when another scalar is
    /// there.
    static func foldInPlace(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var r = 0
        while r < bytes.count {
            let b0 = bytes[r]
            if b0 < 0x80 {
                r += 1
                continue
            }
            let (v, w) = UTF8Text.scalar(UnsafeBufferPointer(bytes), r)
            guard w > 1 else { return nil }
            let t = Int(v) - Int(foldBase)
            guard t >= 0, t < foldLetters.count, foldLetters[t] != 0 else { return nil }
            r += w
        }
        // Every scalar is ASCII or a Vietnamese letter: rewrite.
        var i = 0
        var o = 0
        foldLetters.withUnsafeBufferPointer { table in
            while i < bytes.count {
                let b0 = bytes[i]
                if b0 < 0x80 {
                    bytes[o] = b0 >= 0x41 && b0 <= 0x5A ? b0 + 32 : b0
                    i += 1
                    o += 1
                    continue
                }
                let (v, w) = UTF8Text.scalar(UnsafeBufferPointer(bytes), i)
                bytes[o] = table[Int(v) - Int(foldBase)]
                i += w
                o += 1
            }
        }
        return o
    }

    /// `foldTable` as a flat array from U+00C0 to U+1EFF (0: not a Vietnamese letter).
    static let foldBase: UInt32 = 0xC0
    static let foldLetters: [UInt8] = {
        var flat = [UInt8](repeating: 0, count: 0x1F00 - Int(foldBase))
        for (letter, base) in foldTable where letter.value >= foldBase && letter.value < 0x1F00 {
            flat[Int(letter.value - foldBase)] = UInt8(base.value)
        }
        return flat
    }()

    /// Whether the UTF-8 bytes of `needle` occur in `s` (both NFC): a search without `Character`s.
    public static func containsBytes(_ s: some StringProtocol, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0 else { return true }
        // The first byte found with the C library's `memchr` (vectorised), the rest compared.
        let p = needle.utf8Start
        func search(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
            guard u.count >= n, let base = u.baseAddress else { return false }
            var i = 0
            let last = u.count - n
            while i <= last {
                guard let hit = memchr(base + i, Int32(p[0]), last - i + 1) else { return false }
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var k = 1
                while k < n, base[i + k] == p[k] { k += 1 }
                if k == n { return true }
                i += 1
            }
            return false
        }
        if let found = s.utf8.withContiguousStorageIfAvailable(search) { return found }
        var copy = String(s)
        return copy.withUTF8(search)
    }

    /// Folds runs of white space to one space and trims the ends.
    public static func collapseSpaces(_ s: some StringProtocol) -> String {
        // On the bytes: ASCII white space directly, other scalars decoded only when their lead
        // byte may start a space (U+00A0, U+2000–U+205F, U+3000 and the rare others).
        func run(_ u: UnsafeBufferPointer<UInt8>) -> String? {
            // Most texts have nothing to fold: no new string (making one validates its bytes).
            var needs = false
            var prevSpace = true
            var i = 0
            while i < u.count {
                let b = u[i]
                if b == 0x20 {
                    if prevSpace {
                        needs = true
                        break
                    }
                    prevSpace = true
                } else {
                    // Tab, line ends; the lead bytes of the other spaces (not those of letters).
                    if (b < 0x20 && (b == 0x09 || b == 0x0A || b == 0x0D))
                        || ((b == 0xC2 || b &- 0xE1 < 3) && isSpace(u, at: i))
                    {
                        needs = true
                        break
                    }
                    prevSpace = false
                }
                i += 1
            }
            if !needs && !prevSpace { return nil }
            return String(unsafeUninitializedCapacity: u.count) { out in
                var o = 0
                var pendingSpace = false
                var i = 0
                let n = u.count
                while i < n {
                    let b0 = u[i]
                    var w = 1
                    var space = false
                    if b0 < 0x80 {
                        space = b0 == 0x20 || b0 == 0x09 || b0 == 0x0A || b0 == 0x0D
                    } else {
                        w = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
                        if i + w > n { w = n - i }
                        space = isSpace(u, at: i)
                    }
                    if space {
                        pendingSpace = o > 0
                    } else {
                        if pendingSpace {
                            out[o] = 0x20
                            o += 1
                            pendingSpace = false
                        }
                        for k in 0..<w { out[o + k] = u[i + k] }
                        o += w
                    }
                    i += w
                }
                return o
            }
        }
        if let r = s.utf8.withContiguousStorageIfAvailable(run) { return r ?? String(s) }
        var copy = String(s)
        return copy.withUTF8(run) ?? copy
    }

    /// Whether the scalar at byte `i` (a lead byte) is white space other than ASCII (what
    /// `Tokens.classify` calls `.space`): U+0085, U+00A0, U+1680, U+2000–U+200B, U+2028, U+2029,
    /// U+202F, U+205F, U+3000. On the bytes: this runs for every lead byte of Vietnamese text.
    /// `end` bounds the text when `u` holds more (a line of a larger buffer).
    @inline(__always)
    static func isSpace(_ u: UnsafeBufferPointer<UInt8>, at i: Int, end: Int? = nil) -> Bool {
        let n = end ?? u.count
        switch u[i] {
        case 0xC2: return i + 1 < n && (u[i + 1] == 0xA0 || u[i + 1] == 0x85)
        case 0xE1: return i + 2 < n && u[i + 1] == 0x9A && u[i + 2] == 0x80
        case 0xE2:
            guard i + 2 < n else { return false }
            let (b1, b2) = (u[i + 1], u[i + 2])
            return b1 == 0x80 && (b2 <= 0x8B || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) || b1 == 0x81 && b2 == 0x9F
        case 0xE3: return i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x80
        default: return false
        }
    }

    /// Maps every precomposed Latin letter with Vietnamese diacritics (both cases) to its base
    /// lower-case ASCII letter. Built once from Unicode's canonical decompositions.
    static let foldTable: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        let letters =
            "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
        for ch in letters.unicodeScalars {
            let decomposed = String(ch).decomposedStringWithCanonicalMapping.unicodeScalars
            var base = decomposed.first!
            if ch == "đ" { base = "d" }
            table[ch] = base
            let upper = String(ch).uppercased()
            if let u = upper.unicodeScalars.first, upper.unicodeScalars.count == 1 {
                table[u] = base
            }
        }
        // Letters with a shape mark but no tone (ă â ê ô ơ ư) decompose to base + mark too.
        return table
    }()

    /// Whether the first letter of `word` is upper-case.
    public static func isCapitalized(_ word: some StringProtocol) -> Bool {
        guard let first = word.first else { return false }
        return first.isUppercase
    }

    /// Whether every letter of `word` is upper-case and it has at least one letter.
    public static func isAllCaps(_ word: some StringProtocol) -> Bool {
        // On the scalars when each is surely a `Character` of its own and of a script whose
        // letters and capitals are known here; `Character` properties otherwise.
        let sure: Bool?? = word.utf8.withContiguousStorageIfAvailable { u -> Bool? in
            var letters = 0
            var i = 0
            while i < u.count {
                guard UTF8Text.isBoundary(u, i) else { return nil }
                let (v, w) = UTF8Text.scalar(u, i)
                switch letterCase(v) {
                case .lower: return false
                case .upper: letters += 1
                case .none: break
                case .unknown: return nil
                }
                i += w
            }
            return letters > 0
        }
        if let sure = sure ?? nil { return sure }
        var letters = 0
        for ch in word where ch.isLetter {
            if !ch.isUppercase { return false }
            letters += 1
        }
        return letters > 0
    }

    enum LetterCase { case upper, lower, none, unknown }

    /// The case of a scalar as `Character.isLetter`/`isUppercase` see it, for ASCII, Latin-1, the
    /// Vietnamese letters and general punctuation; `.unknown` for the rest.
    @inline(__always)
    static func letterCase(_ v: UInt32) -> LetterCase {
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return .upper }
            if v >= 0x61 && v <= 0x7A { return .lower }
            return .none
        }
        if v >= 0xC0 && v <= 0xFF {
            if v == 0xD7 || v == 0xF7 { return .none }
            return v <= 0xDE ? .upper : .lower
        }
        if v >= 0x1EA0 && v <= 0x1EF9 { return v & 1 == 0 ? .upper : .lower }
        switch v {
        case 0x102, 0x110, 0x128, 0x168, 0x1A0, 0x1AF: return .upper
        case 0x103, 0x111, 0x129, 0x169, 0x1A1, 0x1B0: return .lower
        case 0xA0, 0x2010...0x2027, 0x2030...0x205E: return .none
        default: return .unknown
        }
    }

    /// `s.prefix(n)`: the first `n` scalars when each is surely a `Character` of its own (no
    /// grapheme breaking), `Character`s otherwise.
    static func characterPrefix(_ s: String, _ n: Int) -> Substring {
        let end: Int?? = s.utf8.withContiguousStorageIfAvailable { u -> Int? in
            // Each scalar decoded once: between two scalars that never join (`UTF8Text.isSeparate`,
            // and no carriage return, which joins a line feed) there is surely a boundary.
            var i = 0
            var count = 0
            while i < u.count && count <= n {
                let (v, w) = UTF8Text.scalar(u, i)
                guard UTF8Text.isSeparate(v), v != 0x0D else { return nil }
                if count == n { break }
                i += w
                count += 1
            }
            return i
        }
        guard let e = end ?? nil else { return s.prefix(n) }
        return s[..<s.utf8.index(s.startIndex, offsetBy: e)]
    }

    /// `s.suffix(n)`, as `characterPrefix`.
    static func characterSuffix(_ s: String, _ n: Int) -> Substring {
        let start: Int?? = s.utf8.withContiguousStorageIfAvailable { u -> Int? in
            var i = u.count
            var count = 0
            while i > 0 && count < n {
                guard UTF8Text.isBoundary(u, i) else { return nil }
                i -= 1
                while i > 0, u[i] & 0xC0 == 0x80 { i -= 1 }
                count += 1
            }
            return UTF8Text.isBoundary(u, i) ? i : nil
        }
        guard let b = start ?? nil else { return s.suffix(n) }
        return s[s.utf8.index(s.startIndex, offsetBy: b)...]
    }
}
