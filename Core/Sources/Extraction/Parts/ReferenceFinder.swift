/// Finds cited documents by their number and symbol: "03/2016/QĐ-UBND", "57-NQ/TW",
/// "146/2025/QH15", "1289/UBND-TH". A name without a number ("Nghị quyết 06") or a standard
/// ("TCVN ISO 9001:2015") is not a reference.
enum ReferenceFinder {
    /// References in order of first appearance, without duplicates (compared case-insensitively),
    /// leaving out the notice's own number.
    static func find(in texts: [String], excluding own: String?) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        if let own { seen.insert(own.lowercased()) }
        for text in texts {
            // Symbols split over a PDF line ("NĐ-\nCP") were joined by the block reader.
            for candidate in numberedWords(text) {
                guard let ref = reference(candidate) else { continue }
                let key = ref.lowercased()
                if seen.insert(key).inserted { out.append(ref) }
            }
        }
        return out
    }

    /// The words of `text` that start with a digit and hold a "/" or "-": the only candidates.
    static func numberedWords(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let u = text.utf8
        @inline(__always) func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
        }
        var i = u.startIndex
        var prevWord = false
        while i < u.endIndex {
            let b = u[i]
            guard b >= 0x30 && b <= 0x39, !prevWord else {
                prevWord = isWordByte(b)
                i = u.index(after: i)
                continue
            }
            var j = u.index(after: i)
            var joined = false
            while j < u.endIndex {
                let c = u[j]
                if isWordByte(c) {
                    j = u.index(after: j)
                    continue
                }
                if c == 0x2F || c == 0x2D || c == 0x26 {
                    let n = u.index(after: j)
                    if n < u.endIndex, isWordByte(u[n]) {
                        joined = true
                        j = n
                        continue
                    }
                }
                break
            }
            if joined { out.append(text[i..<j]) }
            prevWord = true
            i = j
        }
        return out
    }

    /// The reference a token spells, if any: a number, an optional "/year", then a symbol of
    /// letter groups (at least two capitals) joined by "-" or "/".
    static func reference(_ token: Substring) -> String? {
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
