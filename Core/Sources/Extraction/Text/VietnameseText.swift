import Foundation

/// Text helpers for Vietnamese: the one place where case and diacritics are folded.
public enum VietnameseText {
    /// Lower-cases `s` and removes Vietnamese diacritics ("Đôn đốc" → "don doc"), for matching
    /// names and words whatever the writer's case, tone marks or typing mistakes.
    public static func fold(_ s: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if let base = foldTable[scalar] {
                out.append(base)
            } else if scalar.value < 0x80 {
                // ASCII: lower-case letters only.
                if scalar.value >= 0x41 && scalar.value <= 0x5A {
                    out.append(Unicode.Scalar(scalar.value + 32)!)
                } else {
                    out.append(scalar)
                }
            } else if (0x0300...0x036F).contains(scalar.value) {
                // A combining mark left in decomposed input: drop it.
                continue
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            }
        }
        return String(out)
    }

    /// Whether the UTF-8 bytes of `needle` occur in `s` (both NFC): a search without `Character`s.
    public static func containsBytes(_ s: String, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        let u = Array(s.utf8)
        guard u.count >= n.count else { return false }
        var i = 0
        while i <= u.count - n.count {
            if u[i] == first {
                var k = 1
                while k < n.count, u[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Folds runs of white space to one space and trims the ends.
    public static func collapseSpaces(_ s: some StringProtocol) -> String {
        // Fast path: nothing to fold.
        var needs = false
        var prevSpace = true
        for b in s.utf8 {
            let space = b == 0x20
            if b == 0x09 || b == 0x0A || b == 0x0D || b == 0xC2 || b == 0xE2 || b == 0xE3 || (space && prevSpace) {
                needs = true
                break
            }
            prevSpace = space
        }
        if !needs && !prevSpace { return String(s) }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var started = false
        for scalar in s.unicodeScalars {
            if Tokens.classify(scalar.value) == .space {
                pendingSpace = started
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                started = true
                out.append(scalar)
            }
        }
        return String(out)
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
        var letters = 0
        for ch in word where ch.isLetter {
            if !ch.isUppercase { return false }
            letters += 1
        }
        return letters > 0
    }
}
