import Testing

@testable import Extraction

/// The byte-level text helpers give what the `Character` and scalar code they replace gives, on
/// random strings mixing Vietnamese with what breaks byte shortcuts: combining marks, joiners,
/// CR LF, other scripts, white space of every kind, superscripts.
@Suite struct TextBytesTests {
    static let alphabet: [String] = [
        "a", "A", "z", "Đ", "đ", "Ư", "ư", "Ơ", "ơ", "Ă", "ă", "ẫ", "Ẫ", "ệ", "Ệ", "ỹ", "Ỹ", "à", "À", "ß", "×", "ÿ",
        "1", "9", "0", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{A0}", "\u{2003}", "\u{200B}", "\u{2028}", "\u{3000}",
        "\u{85}", "\u{1680}", "\u{0301}", "\u{0323}", "\u{200D}", "\u{200C}", "\u{AD}", ",", ".", ":", "(", ")", "“", "”",
        "–", ";", "-", "…", "¹", "²", "³", "⁴", "₂", "½", "Σ", "σ", "Ж", "ж", "ǅ", "ª", "😀", "🇻🇳", "한", "ᄀ", "ᅡ", "ḁ", "Ḁ",
    ]

    /// Deterministic pseudo-random strings (SplitMix64), so a failure can be replayed.
    static func samples(_ count: Int, seed: UInt64 = 0x5EED) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { n in
            let length = random.next(below: 24)
            // Half the samples from the Vietnamese part only, where the fast paths run.
            let pool = n % 2 == 0 ? alphabet : Array(alphabet.prefix(21)) + [" ", ",", "1", "."]
            return (0..<length).map { _ in pool[random.next(below: pool.count)] }.joined()
        }
    }

    @Test func isAllCapsAgreesWithCharacters() {
        for s in Self.samples(4_000) {
            var letters = 0
            var caps = true
            for ch in s where ch.isLetter {
                if !ch.isUppercase { caps = false }
                letters += 1
            }
            #expect(VietnameseText.isAllCaps(s) == (caps && letters > 0), "\(s.unicodeScalars.map { $0.value })")
        }
    }

    @Test func characterPrefixAndSuffixAgreeWithCharacters() {
        for s in Self.samples(4_000) {
            for n in [0, 1, 3, 10, 40] {
                #expect(VietnameseText.characterPrefix(s, n) == s.prefix(n), "\(s.unicodeScalars.map { $0.value }) \(n)")
                #expect(VietnameseText.characterSuffix(s, n) == s.suffix(n), "\(s.unicodeScalars.map { $0.value }) \(n)")
            }
        }
    }

    @Test func collapseSpacesAgreesWithScalars() {
        for s in Self.samples(4_000) {
            var out = ""
            var pending = false
            for scalar in s.unicodeScalars {
                if Tokens.classify(scalar.value) == .space {
                    pending = !out.isEmpty
                } else {
                    if pending { out += " " }
                    pending = false
                    out.unicodeScalars.append(scalar)
                }
            }
            let got = VietnameseText.collapseSpaces(s)
            #expect(Array(got.utf8) == Array(out.utf8), "\(s.unicodeScalars.map { $0.value })")
        }
    }

    @Test func foldAgreesWithScalars() {
        for s in Self.samples(2_000) + ["Đôn đốc", "KHẨN TRƯƠNG", "Ủy ban"] {
            var out = String.UnicodeScalarView()
            for scalar in s.unicodeScalars {
                if let base = VietnameseText.foldTable[scalar] {
                    out.append(base)
                } else if scalar.value < 0x80 {
                    out.append(Unicode.Scalar(scalar.value >= 0x41 && scalar.value <= 0x5A ? scalar.value + 32 : scalar.value)!)
                } else if !(0x300...0x36F).contains(scalar.value) {
                    out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
            #expect(Array(VietnameseText.fold(s).utf8) == Array(String(out).utf8), "\(s.unicodeScalars.map { $0.value })")
        }
        #expect(VietnameseText.fold("Đôn đốc KHẨN TRƯƠNG") == "don doc khan truong")
    }

    @Test func tokensAreTheirTextLowerCased() {
        let texts = Self.samples(3_000) + [String(repeating: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", count: 3), "Đề nghị PHÒNG KH&CN, Sở TN&MT"]
        for text in texts {
            let t = Tokens(text)
            for k in 0..<t.count {
                let expected = String(t.text(k)).lowercased()
                if expected.utf8.count <= Word.maxPacked {
                    #expect(t[k].lower.string == expected, "\(text.unicodeScalars.map { $0.value }) token \(k)")
                } else {
                    #expect(t[k].lower == Word(expected))
                }
            }
        }
    }

    @Test func foldedPairsAreTheFoldedText() {
        let words = Self.samples(2_000).map { $0.lowercased() }.filter { !$0.isEmpty && !$0.contains(" ") }
        for (x, y) in zip(words, words.dropFirst()) {
            let expected = Word(VietnameseText.fold(x + " " + y))
            let (a, b) = (Word(x), Word(y))
            guard !a.isLong, !b.isLong, !expected.isLong else { continue }
            #expect(Word.foldedPair(a, b) == expected, "\(x) \(y)")
        }
        #expect(Word.foldedPair("khản", "trương") == "khan truong")
    }

    @Test func cleanNameAgreesWithCharacters() {
        let finder = UnitFinder(Tokens(""))
        for s in Self.samples(4_000) {
            let expected = finder.cleanNameByCharacters(VietnameseText.collapseSpaces(s))
            #expect(finder.cleanName(Substring(s)) == expected, "\(s.unicodeScalars.map { $0.value })")
        }
        #expect(finder.cleanName(" - Sở Tài chính; ") == "Sở Tài chính")
    }

    @Test func singleSpacedTokensMeanNothingToCollapse() {
        for s in Self.samples(4_000) + ["a  b", " a", "a ", "a\u{A0}b", "Sở KH&CN, Phòng A."] {
            let collapsed = VietnameseText.collapseSpaces(s)
            #expect(Tokens(s).spansSingleSpaced(s) == (collapsed == s), "\(s.unicodeScalars.map { $0.value })")
            // A suffix of the tokens and the text it spans.
            let t = Tokens(collapsed)
            if t.count > 2 {
                #expect(t.suffix(from: 2).spansSingleSpaced(String(t.text(2, t.count))))
            }
        }
    }

    @Test func tokensBeyondTheFirstGuessOfTheirNumber() {
        // More tokens than a third of the bytes: the tokenizer goes on past its first buffer.
        let text = String(repeating: "(a)", count: 400) + " Sở KH&CN."
        let t = Tokens(text)
        #expect(t.count == 1_200 + 3)
        #expect(t[1_199].lower == ")" && t[1_200].lower == "sở" && t[1_201].lower == "kh&cn")
        #expect((0..<t.count).allSatisfy { t.text($0).lowercased() == t[$0].lower.string })
    }

    /// The string code `DateWords.dayMonth`, `monthYear` and `year` replace.
    static func dayMonthByCharacters(_ s: String) -> (Int, Int, Int?)? {
        guard let f = s.first, f.isASCIIDigit, let l = s.last, l.isASCIIDigit else { return nil }
        let sep: Character = s.contains("/") ? "/" : (s.contains("-") ? "-" : ".")
        let parts = s.split(separator: sep, omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        guard parts[0].count <= 2, parts[1].count <= 2, let d = Int(parts[0]), let m = Int(parts[1]), (1...31).contains(d), (1...12).contains(m) else { return nil }
        if parts.count == 3 {
            guard parts[2].count == 4, let y = Int(parts[2]), (1900...2200).contains(y) else { return nil }
            return (d, m, y)
        }
        return (d, m, nil)
    }

    @Test func datesInATokenAgreeWithTheStringCode() {
        var random = SplitMix64(seed: 42)
        func next(_ n: Int) -> Int { random.next(below: n) }
        let pieces = ["1", "5", "12", "31", "32", "0", "08", "2024", "1899", "/", "-", ".", "a", "đ", "2", "9", "10"]
        var texts = ["15/8", "15/8/2024", "1-2-2021", "31.12.2100", "12/2024", "2025", "5/13", "0/5", "1/2/3/2020"]
        for _ in 0..<5_000 { texts.append((0..<(1 + next(5))).map { _ in pieces[next(pieces.count)] }.joined()) }
        for text in texts {
            let t = Tokens(text)
            guard t.count == 1 else { continue }
            let got = DateWords.dayMonth(t[0])
            let expected = Self.dayMonthByCharacters(text)
            #expect(got?.day == expected?.0 && got?.month == expected?.1 && got?.year == expected?.2, "\(text)")
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            let my = parts.count == 2 && parts[0].count <= 2 && parts[1].count == 4 ? (Int(parts[0]), Int(parts[1])) : (nil, nil)
            let expectedMonthYear = my.0.flatMap { m in my.1.flatMap { y in (1...12).contains(m) && (1900...2200).contains(y) ? (m, y) : nil } }
            #expect(DateWords.monthYear(t[0])?.month == expectedMonthYear?.0 && DateWords.monthYear(t[0])?.year == expectedMonthYear?.1, "\(text)")
            let expectedYear = t[0].kind == .number && text.count == 4 ? Int(text).flatMap { (1900...2200).contains($0) ? $0 : nil } : nil
            #expect(DateWords.year(t[0]) == expectedYear, "\(text)")
        }
    }

    @Test func wordCountAgreesWithSplit() {
        for s in Self.samples(4_000) + ["a \u{301}b c", "  a  b  "] {
            #expect(OutlineWalker.wordCount(s) == s.split(separator: " ").count, "\(s.unicodeScalars.map { $0.value })")
        }
    }

    @Test func containsBytesFindsEveryOccurrence() {
        func naive(_ s: String, _ n: String) -> Bool {
            let (u, p) = (Array(s.utf8), Array(n.utf8))
            guard u.count >= p.count else { return false }
            return (0...(u.count - p.count)).contains { Array(u[$0..<($0 + p.count)]) == p }
        }
        for s in Self.samples(3_000) {
            #expect(VietnameseText.containsBytes(s, "ư") == naive(s, "ư"))
            #expect(VietnameseText.containsBytes(s, "a ") == naive(s, "a "))
            #expect(VietnameseText.containsBytes(s, "đ1") == naive(s, "đ1"))
            #expect(VietnameseText.containsBytes(s, "ẫẫ") == naive(s, "ẫẫ"))
        }
        #expect(VietnameseText.containsBytes("Phụ lục kèm theo", "lục"))
        #expect(!VietnameseText.containsBytes("lụ", "lục"))
    }

    @Test func eightByteDigitTestIsExact() {
        var random = SplitMix64(seed: 7)
        for n in 0..<200_000 {
            let state = random.next()
            // Bytes near the edges that matter: 0x2F–0x3A, 0xC1–0xC3, 0xE1–0xE3, 0x00, 0x80, 0xFF.
            let edges: [UInt8] = [0x2F, 0x30, 0x39, 0x3A, 0xC1, 0xC2, 0xC3, 0xE1, 0xE2, 0xE3, 0x00, 0x80, 0xFF, 0x41, 0xB0]
            var x: UInt64 = 0
            for k in 0..<8 {
                let r = (state >> (8 * UInt64(k))) & 0xFF
                let b = n % 2 == 0 ? UInt8(r) : edges[Int(r) % edges.count]
                x |= UInt64(b) << (8 * UInt64(k))
            }
            let naive = (0..<8).contains { k in
                let b = UInt8(truncatingIfNeeded: x >> (8 * UInt64(k)))
                return (0x30...0x39).contains(b) || b == 0xC2 || b == 0xE2
            }
            #expect(OutlineWalker.hasDigitOrC2E2(x) == naive, "\(String(x, radix: 16))")
        }
    }

    @Test func footnoteMarksLeaveOtherTextAlone() {
        #expect(OutlineWalker.removeFootnoteMarks("khoáng sản1. Tiếp theo") == "khoáng sản. Tiếp theo")
        #expect(OutlineWalker.removeFootnoteMarks("gồm¹ các nội dung") == "gồm các nội dung")
        #expect(OutlineWalker.removeFootnoteMarks("Quốc lộ 4D, Km26, năm 2025") == "Quốc lộ 4D, Km26, năm 2025")
        for s in Self.samples(2_000) where !s.contains(where: \.isNumber) {
            #expect(OutlineWalker.removeFootnoteMarks(s) == s)
        }
    }
}
