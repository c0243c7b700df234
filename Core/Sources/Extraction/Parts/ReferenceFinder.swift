/// Finds cited documents by their number and symbol: "03/2016/QĐ-UBND", "57-NQ/TW",
/// "146/2025/QH15", "1289/UBND-TH". A name without a number ("Nghị quyết 06") or a standard
/// ("TCVN ISO 9001:2015") is not a reference.
enum ReferenceFinder {
    /// References in order of first appearance, without duplicates (compared case-insensitively),
    /// leaving out the notice's own number.
    static func find(in texts: [String], excluding own: String?) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        if let own { seen.insert(lowercaseKey(own)) }
        for text in texts {
            // Symbols split over a PDF line ("NĐ-\nCP") were joined by the block reader.
            for candidate in numberedWords(text) {
                guard let ref = reference(candidate) else { continue }
                let key = lowercaseKey(ref)
                if seen.insert(key).inserted { out.append(ref) }
            }
        }
        return out
    }

    /// `s.lowercased()`, on the bytes when `s` holds ASCII and "Đ"/"đ" only (most references:
    /// "03/2016/QĐ-UBND"), whose lower case is one byte away.
    static func lowercaseKey(_ s: String) -> String {
        let key: String?? = s.utf8.withContiguousStorageIfAvailable { u in
            var i = 0
            while i < u.count {
                if u[i] < 0x80 {
                    i += 1
                } else if u[i] == 0xC4, i + 1 < u.count, u[i + 1] == 0x90 || u[i + 1] == 0x91 {
                    i += 2
                } else {
                    return nil
                }
            }
            return String(unsafeUninitializedCapacity: u.count) { out in
                for k in 0..<u.count {
                    let b = u[k]
                    if b >= 0x41 && b <= 0x5A {  // "A"–"Z"
                        out[k] = b + 0x20
                    } else if b == 0x90 {  // "Đ" (C4 90) → "đ" (C4 91): the only other byte ≥ 0x80 is C4
                        out[k] = 0x91
                    } else {
                        out[k] = b
                    }
                }
                return u.count
            }
        }
        return (key ?? nil) ?? s.lowercased()
    }

    /// The words of `text` that start with a digit and hold a "/" or "-": the only candidates.
    static func numberedWords(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let found: Void? = text.utf8.withContiguousStorageIfAvailable { u in
            @inline(__always) func isWordByte(_ b: UInt8) -> Bool {
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
            }
            // On the buffer: walking `String.UTF8View` indices cost ten times more.
            let n = u.count
            var i = 0
            while i < n {
                // Candidates start with a digit: skip to the next one (eight bytes at a time, as
                // digits are rare in running text), then look at the byte before it (a digit
                // inside a word, "QH15", starts nothing).
                while i + 8 <= n, !hasDigit(UnsafeRawPointer(u.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                }
                while i < n, u[i] &- 0x30 > 9 { i += 1 }
                guard i < n else { break }
                if i > 0, isWordByte(u[i - 1]) {
                    i += 1
                    continue
                }
                var j = i + 1
                var joined = false
                while j < n {
                    let c = u[j]
                    if isWordByte(c) {
                        j += 1
                        continue
                    }
                    if c == 0x2F || c == 0x2D || c == 0x26, j + 1 < n, isWordByte(u[j + 1]) {
                        joined = true
                        j += 1
                        continue
                    }
                    break
                }
                if joined {
                    let v = text.utf8
                    out.append(text[v.index(v.startIndex, offsetBy: i)..<v.index(v.startIndex, offsetBy: j)])
                }
                i = j
            }
        }
        if found == nil { return numberedWords(String(decoding: Array(text.utf8), as: UTF8.self)) }
        return out
    }

    /// Whether one of the eight bytes of `x` is an ASCII digit: a byte-wise range test without
    /// carries between bytes (bytes from 0x80 never match).
    @inline(__always)
    static func hasDigit(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = x & (ones &* 0x7F)
        // Per byte: 0xB9 - low sets bit 7 when low < 0x3A; low + 0x50 when low > 0x2F.
        return (ones &* 0xB9 &- low) & ~x & (low &+ ones &* 0x50) & (ones &* 0x80) != 0
    }

    /// The reference a token spells, if any: a number, an optional "/year", then a symbol of
    /// letter groups (at least two capitals) joined by "-" or "/".
    static func reference(_ token: Substring) -> String? {
        let read: Read? = token.utf8.withContiguousStorageIfAvailable { reference(bytes: $0) }
        switch read ?? .unsure {
        case .noReference: return nil
        case .reference(let n): return String(token[..<token.utf8.index(token.startIndex, offsetBy: n)])
        case .unsure: return referenceByCharacters(token)
        }
    }

    private enum Read {
        case noReference
        /// The reference is the first `n` bytes.
        case reference(Int)
        /// The token has scalars that may join into one `Character`.
        case unsure
    }

    /// `reference` on the bytes. When every scalar of the token is of the scripts the genre
    /// uses, each is a `Character` of its own (`UTF8Text.isSeparate`), so the `Character` tests
    /// are scalar tests; otherwise `.unsure`.
    private static func reference(bytes u: UnsafeBufferPointer<UInt8>) -> Read {
        var k = 0
        while k < u.count {
            if u[k] < 0x80 {
                if u[k] == 0x0D && k + 1 < u.count && u[k + 1] == 0x0A { return .unsure }
                k += 1
                continue
            }
            let (v, w) = UTF8Text.scalar(u, k)
            guard UTF8Text.isSeparate(v) else { return .unsure }
            k += w
        }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        // Trailing ".", "-", "/" are not part of it.
        var n = u.count
        while n > 0, u[n - 1] == 0x2E || u[n - 1] == 0x2D || u[n - 1] == 0x2F { n -= 1 }
        k = 0
        while k < n, isDigit(u[k]) { k += 1 }
        guard k > 0, k <= 6, k < n, u[k] == 0x2F || u[k] == 0x2D else { return .noReference }
        k += 1
        // Optional year: "/2016/".
        var year = k
        while year < n, isDigit(u[year]) { year += 1 }
        if year - k == 4 {
            guard year < n, u[year] == 0x2F || u[year] == 0x2D else { return .noReference }
            k = year + 1
        } else if year > k {
            return .noReference
        }
        // The symbol: groups that start with a letter ("QĐ-UBND", "QH15", not "IV/2022"), with
        // two capitals at least; letters, digits and "&" in between.
        var capitals = 0
        var groupStart = true
        var first = true
        while k < n {
            let (v, w) = UTF8Text.scalar(u, k)
            k += w
            let letter: Bool
            let number: Bool
            let upper: Bool
            if v < 0x80 {
                upper = v >= 0x41 && v <= 0x5A
                letter = upper || (v >= 0x61 && v <= 0x7A)
                number = v >= 0x30 && v <= 0x39
            } else {
                let p = Unicode.Scalar(v)!.properties
                letter = p.isAlphabetic
                number = p.numericType != nil
                // A cased scalar that is not upper case may still equal its own upper case.
                upper = p.isUppercase || (p.isCased && Character(Unicode.Scalar(v)!).isUppercase)
            }
            if first && !letter { return .noReference }
            first = false
            if v == 0x2D || v == 0x2F {
                groupStart = true
                continue
            }
            guard letter || number || v == 0x26 else { return .noReference }
            if groupStart && !letter { return .noReference }
            if upper { capitals += 1 }
            groupStart = false
        }
        guard !first else { return .noReference }
        return capitals >= 2 ? .reference(n) : .noReference
    }

    /// `reference` by `Character`s, for tokens with combining marks or other scripts.
    static func referenceByCharacters(_ token: Substring) -> String? {
        var s = token
        while let l = s.last, l == "." || l == "-" || l == "/" { s = s.dropLast() }
        let digits = s.prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        var rest = s.dropFirst(digits.count)
        guard let sep = rest.first, sep == "/" || sep == "-" else { return nil }
        rest = rest.dropFirst()
        // Optional year: "/2016/".
        let year = rest.prefix(while: \.isASCIIDigit)
        if year.count == 4 {
            let after = rest.dropFirst(4)
            guard let s2 = after.first, s2 == "/" || s2 == "-" else { return nil }
            rest = after.dropFirst()
        } else if !year.isEmpty {
            return nil
        }
        // The symbol: groups that start with a letter.
        guard let first = rest.first, first.isLetter else { return nil }
        var capitals = 0
        for ch in rest {
            if ch.isUppercase { capitals += 1 }
            guard ch.isLetter || ch.isNumber || ch == "-" || ch == "/" || ch == "&" else { return nil }
        }
        guard capitals >= 2 else { return nil }
        // Every group of the symbol starts with a letter ("QĐ-UBND", "QH15", not "IV/2022").
        let groups = rest.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard groups.allSatisfy({ $0.first?.isLetter == true }) else { return nil }
        return String(s)
    }
}
